"""Every /sparql error path answers one problem+json shape with its code."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest

from tests.api.conftest import MAX_QUERY_BYTES, RESULT_LIMIT, TOKEN
from tests.support.demo import D004

TASKS = "SELECT ?t WHERE { ?t a <https://w3id.org/govtrace/ontology#Task> }"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["code"] == code and body["status"] == status
    assert {"type", "title", "detail", "instance", "hint"} <= body.keys()
    assert body["instance"] == "/sparql"
    return body


def test_syntax_error_400_with_position(server: str) -> None:
    response = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE {\n ?s ?p }"})
    body = problem(response, 400, "GT-SPARQL-001")
    assert body["location"]["line"] == 2 and "column" in body["location"]


def test_timeout_504_and_server_keeps_answering(server: str) -> None:
    response = httpx.get(server + "/sparql", params={"query": ENDLESS}, timeout=30)
    problem(response, 504, "GT-SPARQL-002")
    assert httpx.get(server + "/sparql", params={"query": TASKS}).status_code == 200


@pytest.mark.parametrize(("headers", "status", "code"), [
    ({}, 401, "GT-SPARQL-003"),
    ({"Authorization": "Bearer wrong"}, 403, "GT-SPARQL-004"),
])
def test_update_needs_the_token(server: str, headers: dict[str, str], status: int,
                                code: str) -> None:
    response = httpx.post(server + "/sparql", data={"update": "CLEAR ALL"}, headers=headers)
    problem(response, status, code)
    assert len(httpx.get(server + "/sparql", params={"query": TASKS}).json()[
        "results"]["bindings"]) > 0


def test_update_with_token_is_applied(server: str) -> None:
    update = ("INSERT DATA { GRAPH <urn:api-test> { <urn:x> a "
              "<https://w3id.org/govtrace/ontology#Task> } }")
    response = httpx.post(server + "/sparql", content=update,
                          headers={"Content-Type": "application/sparql-update",
                                   "Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert response.status_code == 204
    rows = httpx.get(server + "/sparql", params={"query": TASKS}).json()["results"]["bindings"]
    assert {"type": "uri", "value": "urn:x"} in [row["t"] for row in rows]


def test_too_large_413(server: str) -> None:
    query = TASKS + " #" + "x" * MAX_QUERY_BYTES
    response = httpx.post(server + "/sparql", content=query,
                          headers={"Content-Type": "application/sparql-query"})
    problem(response, 413, "GT-SPARQL-005")


def test_not_acceptable_406(server: str) -> None:
    response = httpx.get(server + "/sparql", params={"query": TASKS},
                         headers={"Accept": "image/png"})
    problem(response, 406, "GT-SPARQL-006")
    graph_only = httpx.get(server + "/sparql", params={"query": TASKS},
                           headers={"Accept": "text/turtle"})
    problem(graph_only, 406, "GT-SPARQL-006")


def test_malformed_protocol_400(server: str) -> None:
    response = httpx.post(server + "/sparql", data={"query": TASKS, "update": "CLEAR ALL"})
    problem(response, 400, "GT-SPARQL-007")
    empty = httpx.post(server + "/sparql", content=b"",
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    problem(empty, 400, "GT-SPARQL-007")


def test_unsupported_body_415(server: str) -> None:
    response = httpx.post(server + "/sparql", content=TASKS,
                          headers={"Content-Type": "text/plain"})
    problem(response, 415, "GT-SPARQL-008")


def test_direct_post_with_default_graph_uri(server: str) -> None:
    count = "SELECT (COUNT(?t) AS ?n) WHERE { ?d <https://w3id.org/govtrace/ontology#hasTask> ?t }"
    graph = f"https://w3id.org/govtrace/id/graph/doc/{D004}"
    response = httpx.post(server + "/sparql", params={"default-graph-uri": graph},
                          content=count, headers={"Content-Type": "application/sparql-query"})
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "1"


def test_cors(server: str) -> None:
    response = httpx.get(server + "/sparql", params={"query": TASKS},
                         headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"


ALL_ROWS = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"  # the seed store has far more than 50


@pytest.mark.parametrize("media", [
    "application/sparql-results+json", "application/sparql-results+xml",
    "text/tab-separated-values", "text/csv"])
def test_truncated_results_stay_w3c_in_every_format_issue_13(server: str, media: str) -> None:
    response = httpx.get(server + "/sparql", params={"query": ALL_ROWS},
                         headers={"Accept": media})
    assert response.status_code == 200, response.text
    assert response.headers["GovTrace-Truncated"] == "true"
    assert response.headers["GovTrace-Result-Limit"] == str(RESULT_LIMIT)
    if media == "text/csv":  # lossy by design: Oxigraph has no CSV results parser
        rows = list(csv.reader(io.StringIO(response.text, newline=""), strict=True))
        assert rows[0] == ["s", "p", "o"] and len(rows) == RESULT_LIMIT + 1
        return
    fmt = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "text/tab-separated-values": ox.QueryResultsFormat.TSV}[media]
    solutions = ox.parse_query_results(response.content, format=fmt)
    assert isinstance(solutions, ox.QuerySolutions)
    assert [v.value for v in solutions.variables] == ["s", "p", "o"]
    assert len(list(solutions)) == RESULT_LIMIT


def test_truncation_headers_are_exposed_to_scripts_issue_13(server: str) -> None:
    response = httpx.get(server + "/sparql", params={"query": ALL_ROWS},
                         headers={"Origin": "https://example.org"})
    exposed = response.headers["access-control-expose-headers"].lower()
    assert "govtrace-truncated" in exposed and "govtrace-result-limit" in exposed


@pytest.mark.parametrize("iri", ["x y", "0", "%FF", "http://a/b c"])
@pytest.mark.parametrize("name", ["default-graph-uri", "named-graph-uri"])
def test_invalid_dataset_iri_is_400_issue_13(server: str, name: str, iri: str) -> None:
    response = httpx.get(server + f"/sparql?query=ASK%7B%7D&{name}=" + quote(iri, safe="%"))
    problem(response, 400, "GT-SPARQL-014")
    assert httpx.get(server + "/sparql", params={"query": TASKS}).status_code == 200


@pytest.mark.parametrize("name", ["using-graph-uri", "using-named-graph-uri"])
def test_invalid_using_graph_iri_is_400_issue_13(server: str, name: str) -> None:
    response = httpx.post(server + "/sparql", data={"update": "DELETE { ?s ?p ?o } WHERE "
                                                    "{ ?s ?p ?o FILTER(false) }", name: "x y"},
                          headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    problem(response, 400, "GT-SPARQL-014")


def test_drop_of_a_missing_graph_is_400_issue_13(server: str) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = httpx.post(server + "/sparql", data={"update": "DROP GRAPH <urn:missing>"},
                          headers=headers, timeout=60)
    problem(response, 400, "GT-SPARQL-015")
    silent = httpx.post(server + "/sparql", data={"update": "DROP SILENT GRAPH <urn:missing>"},
                        headers=headers, timeout=60)
    assert silent.status_code == 204


def test_triple_term_as_json_ld_is_406_issue_13(server: str) -> None:
    query = "CONSTRUCT { <urn:a> <urn:b> <<( <urn:s> <urn:p> <urn:o> )>> } WHERE {}"
    response = httpx.get(server + "/sparql", params={"query": query},
                         headers={"Accept": "application/ld+json"})
    body = problem(response, 406, "GT-SPARQL-006")
    assert "text/turtle" in body["hint"]
    turtle = httpx.get(server + "/sparql", params={"query": query},
                       headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and "<<(" in turtle.text
