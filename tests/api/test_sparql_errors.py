"""Every /sparql error path answers one problem+json shape with its code."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.conftest import MAX_QUERY_BYTES, TOKEN

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
    graph = "https://w3id.org/govtrace/id/graph/doc/004_c5645c69c3d939d1"
    response = httpx.post(server + "/sparql", params={"default-graph-uri": graph},
                          content=count, headers={"Content-Type": "application/sparql-query"})
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "1"


def test_cors(server: str) -> None:
    response = httpx.get(server + "/sparql", params={"query": TASKS},
                         headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
