"""/sparql checked with SPARQLWrapper as a real client, for every result format."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper

from govtrace.graph.oxigraph_query import syntax_error
from govtrace.ontology.namespaces import GT, SD
from tests.support.demo import D000, D004

WUSHEN_TASK = f"https://w3id.org/govtrace/id/doc/{D000}/task/5"
OUTLINE_TASK = "https://w3id.org/govtrace/id/doc/national-outline-2021-2025/task/9"
LINEAGE = (f"SELECT ?parent WHERE {{ VALUES ?t {{ <{WUSHEN_TASK}> }} "
           f"?t <{GT.implementsTransitively}> ?parent }} ORDER BY ?parent")
CONSTRUCT = f"CONSTRUCT {{ <{WUSHEN_TASK}> ?p ?o }} WHERE {{ <{WUSHEN_TASK}> ?p ?o }}"


def client(server: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(server + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_json(server: str, method: str) -> None:
    result = client(server, LINEAGE, JSON, method).queryAndConvert()
    assert isinstance(result, dict)
    parents = [row["parent"]["value"] for row in result["results"]["bindings"]]
    assert OUTLINE_TASK in parents  # materialized closure across three documents


def test_select_xml(server: str) -> None:
    document: Any = client(server, LINEAGE, XML).queryAndConvert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert OUTLINE_TASK in uris


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_select_csv_tsv(server: str, fmt: str, delimiter: str) -> None:
    raw = client(server, LINEAGE, fmt).queryAndConvert()
    text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert rows[0] == (["parent"] if fmt == CSV else ["?parent"])
    assert any(OUTLINE_TASK in cell for row in rows[1:] for cell in row)


def test_ask(server: str) -> None:
    ask = f"ASK {{ <{WUSHEN_TASK}> <{GT.implementsTransitively}> <{OUTLINE_TASK}> }}"
    as_json = client(server, ask, JSON).queryAndConvert()
    assert isinstance(as_json, dict) and as_json["boolean"] is True
    as_xml: Any = client(server, ask, XML).queryAndConvert()
    assert as_xml.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, XML])
def test_construct(server: str, fmt: str) -> None:
    graph = client(server, CONSTRUCT, fmt).queryAndConvert()
    if isinstance(graph, bytes):  # SPARQLWrapper hands Turtle/N3 back unparsed
        graph = Graph().parse(data=graph.decode("utf-8"), format="turtle")
    assert isinstance(graph, Graph)
    assert (URIRef(WUSHEN_TASK), GT.implements, None) in graph


def test_service_description(server: str) -> None:
    import httpx

    response = httpx.get(server + "/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    assert (None, SD.supportedLanguage, SD.SPARQL11Update) in graph  # a token is configured
    assert (None, SD.feature, SD.UnionDefaultGraph) in graph


def test_truncation_is_reported(server: str) -> None:
    import httpx

    response = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                         headers={"Accept": "application/sparql-results+json"})
    assert response.headers["GovTrace-Truncated"] == "true"
    assert response.headers["GovTrace-Result-Limit"] == "50"
    body = json.loads(response.content)
    assert len(body["results"]["bindings"]) == 50
    assert set(body) == {"head", "results"}  # W3C JSON results, nothing added (issue 13)


# --- issue 13: SPARQL 1.1 Protocol conformance -----------------------------------------------

DOC_004_GRAPH = f"https://w3id.org/govtrace/id/graph/doc/{D004}"
HAS_TASK = f"<{GT.hasTask}>"
DOC = "urn:issue13:Doc"


def query_json(server: str, query: str, **params: str) -> dict[str, Any]:
    import httpx

    response = httpx.get(server + "/sparql", params={"query": query, **params},
                         headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def post_update(server: str, update: str, **params: str | list[str]) -> Any:
    import httpx

    from tests.api.conftest import TOKEN

    return httpx.post(server + "/sparql", params=params, content=update, timeout=60,
                      headers={"Content-Type": "application/sparql-update",
                               "Authorization": f"Bearer {TOKEN}"})


def ask(server: str, query: str) -> bool:
    return bool(query_json(server, query)["boolean"])


def test_relative_iris_resolve_against_the_endpoint_issue_13(server: str) -> None:
    import httpx

    response = httpx.post(server + "/sparql", content="CONSTRUCT { <s> <p> 1 } WHERE {}",
                          headers={"Content-Type": "application/sparql-query",
                                   "Accept": "application/n-triples"})
    assert response.status_code == 200, response.text
    assert response.text.strip() == (f'<{server}/s> <{server}/p> '
                                     '"1"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    inserted = post_update(server, "INSERT DATA { GRAPH <urn:issue13:base> "
                                   "{ <urn:issue13:s> <urn:issue13:p> <relative> } }")
    assert inserted.status_code == 204, inserted.text
    assert ask(server, f"ASK {{ <urn:issue13:s> <urn:issue13:p> <{server}/relative> }}")


def _oxigraph_location(run: Callable[[str], object], text: str) -> dict[str, int]:
    """Where Oxigraph itself, given the client's text unchanged, places the syntax error."""
    with pytest.raises(SyntaxError) as raised:
        run(text)
    location = syntax_error(raised.value, text).location
    assert location is not None
    return {key: value for key, value in dataclasses.asdict(location).items() if value}


def test_syntax_error_points_into_the_clients_text(server: str) -> None:
    import httpx

    # The BASE and USING put into the text must not shift the reported position.
    query = "SELECT * WHERE { ?s ?p }"
    response = httpx.get(server + "/sparql", params={"query": query})
    assert response.status_code == 400
    assert response.json()["location"] == _oxigraph_location(ox.Store().query, query)
    update = "INSERT { <urn:a> <urn:b> ?o }\nWHERE { ?s ?p }"
    answer = post_update(server, update, **{"using-graph-uri": "urn:issue13:g"})
    assert answer.status_code == 400
    assert answer.json()["location"] == _oxigraph_location(ox.Store().update, update)
    assert answer.json()["location"]["line"] == 2


def _load_documents(server: str) -> None:
    response = post_update(server, f"""
        DROP SILENT GRAPH <urn:issue13:out> ;
        INSERT DATA {{
            GRAPH <urn:issue13:g1> {{ <urn:issue13:d1> a <{DOC}> }}
            GRAPH <urn:issue13:g2> {{ <urn:issue13:d2> a <{DOC}> }}
        }}""")
    assert response.status_code == 204, response.text


def _copied(server: str) -> set[str]:
    rows = query_json(server, "SELECT ?s ?in WHERE { GRAPH <urn:issue13:out> { ?s ?p ?in } }")
    return {f"{row['s']['value']} {row['in']['value']}" for row in rows["results"]["bindings"]}


def test_update_using_graph_uri_is_the_where_dataset_issue_13(server: str) -> None:
    _load_documents(server)
    copy = (f"INSERT {{ GRAPH <urn:issue13:out> {{ ?s <urn:issue13:in> ?in }} }} WHERE {{ "
            f"{{ GRAPH ?in {{ ?s a <{DOC}> }} }} UNION "
            f"{{ ?s a <{DOC}> BIND('default' AS ?in) }} }}")
    response = post_update(server, copy, **{"using-graph-uri": "urn:issue13:g1",
                                            "using-named-graph-uri": "urn:issue13:g2"})
    assert response.status_code == 204, response.text
    assert _copied(server) == {"urn:issue13:d1 default", "urn:issue13:d2 urn:issue13:g2"}


def test_update_using_graph_uri_applies_to_delete_where_issue_13(server: str) -> None:
    _load_documents(server)
    response = post_update(server, f"INSERT DATA {{ GRAPH <urn:issue13:out> {{ "
                                   f"<urn:issue13:d1> a <{DOC}> . <urn:issue13:d2> a <{DOC}> }} }}")
    assert response.status_code == 204
    # DELETE WHERE matches in the protocol's dataset (g2 as default graph) and deletes the
    # matched triples from the graphs its template names.
    response = post_update(server, f"DELETE WHERE {{ GRAPH <urn:issue13:out> {{ ?s a <{DOC}> }} "
                                   f"?s a <{DOC}> }}",
                           **{"using-graph-uri": "urn:issue13:g2",
                              "using-named-graph-uri": "urn:issue13:out"})
    assert response.status_code == 204, response.text
    assert _copied(server) == {f"urn:issue13:d1 {DOC}"}


@pytest.mark.parametrize("clause", [
    "WITH <urn:issue13:g1> INSERT { ?s a <urn:x> } WHERE { ?s a ?t }",
    "INSERT { ?s a <urn:x> } USING <urn:issue13:g1> WHERE { ?s a ?t }",
    "INSERT DATA { <urn:a> <urn:b> 'c' } ; INSERT { ?s a <urn:x> } USING NAMED <urn:g> "
    "WHERE { ?s a ?t }",
])
def test_update_dataset_given_twice_is_rejected_issue_13(server: str, clause: str) -> None:
    response = post_update(server, clause, **{"using-named-graph-uri": "urn:issue13:g2"})
    assert response.status_code == 400
    assert response.json()["code"] == "GT-SPARQL-007"
    assert not ask(server, "ASK { ?s a <urn:x> }")  # nothing was run


def test_using_graph_uri_must_be_an_absolute_iri_issue_13(server: str) -> None:
    response = post_update(server, "INSERT { <urn:a> <urn:b> ?o } WHERE { ?s ?p ?o }",
                           **{"using-graph-uri": "urn:g> } ; DROP ALL ; INSERT { <urn:a"})
    assert response.status_code == 400, response.text
    assert ask(server, f"ASK {{ ?d {HAS_TASK} ?t }}")


@pytest.mark.parametrize("select", [
    "SELECT (COUNT(?t) AS ?n)FROM <{g}> WHERE {{ ?d {p} ?t }}",
    "SELECT (COUNT(?t) AS ?n)\tFROM<{g}>WHERE{{ ?d {p} ?t }}",
    "PREFIX g: <{g}> SELECT (COUNT(?t) AS ?n)FROM g: {{ ?d {p} ?t }}",
    "SELECT (COUNT(?t) AS ?n) # a comment\nFROM <{g}> {{ ?d {p} ?t }}",
])
def test_from_is_found_by_the_lexer_issue_13(server: str, select: str) -> None:
    query = select.format(g=DOC_004_GRAPH, p=HAS_TASK)
    assert query_json(server, query)["results"]["bindings"][0]["n"]["value"] == "1"


def test_select_star_from_issue_13(server: str) -> None:
    rows = query_json(server, f"SELECT *FROM <{DOC_004_GRAPH}> WHERE {{ ?d {HAS_TASK} ?t }}")
    assert len(rows["results"]["bindings"]) == 1


def test_protocol_dataset_overrides_the_querys(server: str) -> None:
    everything = query_json(server, f"SELECT (COUNT(?t) AS ?n) {{ ?d {HAS_TASK} ?t }}")
    total = everything["results"]["bindings"][0]["n"]["value"]
    assert total != "1"
    # a FROM-like word in a string or an IRI is no dataset clause
    quoted = query_json(server, f"SELECT (COUNT(?t) AS ?n) {{ ?d {HAS_TASK} ?t "
                                f"FILTER(?d != <urn:x)FROM>) FILTER('x)FROM <y>' != '') }}")
    assert quoted["results"]["bindings"][0]["n"]["value"] == total
    overridden = query_json(server, f"SELECT (COUNT(?t) AS ?n) FROM <urn:nothing> "
                                    f"{{ ?d {HAS_TASK} ?t }}",
                            **{"default-graph-uri": DOC_004_GRAPH})
    assert overridden["results"]["bindings"][0]["n"]["value"] == "1"


def test_options_and_405_list_every_method_issue_13(server: str) -> None:
    import httpx

    methods = {"GET", "HEAD", "POST", "OPTIONS"}
    options = httpx.options(server + "/sparql")
    assert options.status_code in (200, 204)
    assert {m.strip() for m in options.headers["allow"].split(",")} == methods
    put = httpx.put(server + "/sparql", params={"query": "ASK {}"})
    assert put.status_code == 405
    assert {m.strip() for m in put.headers["allow"].split(",")} == methods


def test_head_answers_like_get_without_a_body_issue_13(server: str) -> None:
    import httpx

    params = {"query": "ASK {}"}
    got = httpx.get(server + "/sparql", params=params)
    head = httpx.head(server + "/sparql", params=params)
    assert head.status_code == 200
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.content == b""
    description = httpx.head(server + "/sparql", headers={"Accept": "text/turtle"})
    assert description.status_code == 200 and description.content == b""


def test_post_without_body_is_400_issue_13(server: str) -> None:
    import httpx

    empty = httpx.post(server + "/sparql")
    assert empty.status_code == 400
    assert empty.json()["code"] == "GT-SPARQL-007"
    in_url = httpx.post(server + "/sparql", params={"query": "ASK {}"})
    assert in_url.status_code == 200 and in_url.json()["boolean"] is True
    unknown = httpx.post(server + "/sparql", content="ASK {}",
                         headers={"Content-Type": "text/plain"})
    assert unknown.status_code == 415


def test_body_not_in_utf8_is_refused_issue_13(server: str) -> None:
    import httpx

    response = httpx.post(server + "/sparql", content="ASK {}".encode("utf-16"),
                          headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert response.status_code == 415
    assert response.json()["code"] == "GT-SPARQL-008"


def test_update_text_with_using_clauses_issue_13() -> None:
    from govtrace.api.sparql_request import ProtocolRequest
    from govtrace.graph.store import UNION, QueryDataset

    text = ("DELETE WHERE { GRAPH ?g { ?s ?p 'WHERE' } } ;\n"
            "INSERT { ?s a <urn:t> } WHERE { { SELECT * WHERE { ?s ?p ?o } } }")
    request = ProtocolRequest(None, text, UNION, QueryDataset(("urn:d",), ("urn:n",)),
                              base_iri="http://h/sparql")
    assert request.update_text().sparql == (
        "BASE <http://h/sparql> DELETE { GRAPH ?g { ?s ?p 'WHERE' } } USING <urn:d> "
        "USING NAMED <urn:n> WHERE { GRAPH ?g { ?s ?p 'WHERE' } } ;\n"
        "INSERT { ?s a <urn:t> } USING <urn:d> USING NAMED <urn:n> "
        "WHERE { { SELECT * WHERE { ?s ?p ?o } } }")
