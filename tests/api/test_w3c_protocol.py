"""The W3C SPARQL 1.1 Protocol tests, run against a live govtrace server.

One case per entry of the W3C manifest (w3c/rdf-tests, ``sparql/sparql11/protocol/
manifest.ttl``), with the entry's name as the test id. The manifest describes each test as
HTTP requests and the answer expected of each (a status class, and for queries a result
form and an ASK's boolean); the requests here do what each entry describes, on our own
small graphs in place of the kasei.us data files (each holds one ``<doc> a foaf:Document``
triple, the document named after its graph). Where govtrace deliberately differs, the case
says so and docs/store.md ("SPARQL 1.1 Protocol conformance") says why: updates carry the
bearer token every update needs, and the endpoint is ``/sparql`` (the manifest's
``/sparql/`` is, by its own note, whatever path the endpoint has).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from tests.support.servers import govtrace_server

TOKEN = "w3c-protocol-token"
DATA = "http://example.org/w3c-protocol/data"
GRAPHS = {n: f"{DATA}{n}" for n in (0, 1, 2, 3)}  # data0 is named by the tests, never stored
FOAF_DOCUMENT = "http://xmlns.com/foaf/0.1/Document"
PREFIXES = ("PREFIX dc: <http://purl.org/dc/terms/>\n"
            "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n")
TABULAR = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values"}
BOOLEAN = {"application/sparql-results+json", "application/sparql-results+xml"}
RDF = {"application/rdf+xml", "text/turtle", "application/n-triples"}
FORMATS = {"tabular": TABULAR, "boolean": BOOLEAN, "RDF": RDF}


@dataclass(frozen=True)
class Call:
    """One HTTP request of a test and what its answer must be."""

    method: str
    params: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None
    content_type: str | None = None
    ok: bool = True
    """2xx/3xx expected; else 4xx."""
    form: str | None = None
    boolean: bool | None = None
    code: str | None = None
    """For a 4xx: the govtrace error code that says why."""


def query(text: str, *params: tuple[str, str], boolean: bool | None = None,
          form: str = "boolean") -> Call:
    """A direct POST of a query (application/sparql-query)."""
    return Call("POST", list(params), text.encode(), "application/sparql-query",
                form=form, boolean=boolean)


def update(text: str, *params: tuple[str, str]) -> Call:
    return Call("POST", list(params), text.encode(), "application/sparql-update")


def graph(n: int) -> tuple[str, str]:
    return ("default-graph-uri", GRAPHS[n])


def named(n: int) -> tuple[str, str]:
    return ("named-graph-uri", GRAPHS[n])


def bad(method: str, *params: tuple[str, str], body: bytes | None = None,
        content_type: str | None = None, code: str) -> Call:
    return Call(method, list(params), body, content_type, ok=False, code=code)


def _document_is_a(subject: int) -> str:
    return f"<{GRAPHS[subject]}> a ?type"


def _load_all_documents() -> str:
    """DROP ALL, then each of data1–3 holding its own document."""
    graphs = "\n".join(f"GRAPH <{GRAPHS[n]}> {{ <{GRAPHS[n]}> a foaf:Document }}"
                       for n in (1, 2, 3))
    return f"{PREFIXES}DROP ALL ;\nINSERT DATA {{\n{graphs}\n}} ;\n"


def _copied_exactly(target: str, present: str, absent: int) -> str:
    return (f"ASK {{ GRAPH <{target}> {{ {present} }} FILTER NOT EXISTS {{ GRAPH <{target}> "
            f"{{ <{GRAPHS[absent]}> ?p ?o }} }} }}")


def _bibliographic(*subjects: int) -> str:
    return " ".join(f"<{GRAPHS[n]}> a <http://purl.org/dc/terms/BibliographicResource> ."
                    for n in subjects)


NEEDS_DATA = {"query_dataset_default_graphs_get", "query_dataset_default_graphs_post",
              "query_dataset_named_graphs_post", "query_dataset_named_graphs_get",
              "query_dataset_full", "query_multiple_dataset"}
BOTH_DOCUMENTS = f"{_document_is_a(1)} . {_document_is_a(2)} ."
IN_TWO_NAMED = f"GRAPH ?g1 {{ {_document_is_a(1)} }} GRAPH ?g2 {{ {_document_is_a(2)} }}"
OUT = "http://example.org/protocol-update-dataset-test/"

CASES: dict[str, list[Call]] = {
    "query_post_form": [Call("POST", [graph(0)], b"query=ASK%20%7B%7D",
                             "application/x-www-form-urlencoded", form="boolean", boolean=True)],
    "query_dataset_default_graphs_get": [
        Call("GET", [("query", f"ASK {{ {BOTH_DOCUMENTS} }}"), graph(1), graph(2)],
             form="boolean", boolean=True)],
    "query_dataset_default_graphs_post": [
        query(f"ASK {{ {BOTH_DOCUMENTS} }}", graph(1), graph(2), boolean=True)],
    "query_dataset_named_graphs_post": [
        query(f"ASK {{ {IN_TWO_NAMED} }}", named(1), named(2), boolean=True)],
    "query_dataset_named_graphs_get": [
        Call("GET", [("query", f"ASK {{ {IN_TWO_NAMED} }}"), named(1), named(2)],
             form="boolean", boolean=True)],
    "query_dataset_full": [
        query(f"ASK {{ {_document_is_a(3)}\n{IN_TWO_NAMED} }}", graph(3), named(1), named(2),
              boolean=True)],
    "query_multiple_dataset": [  # the protocol's named graphs win over the query's FROM
        query(f"ASK FROM <{GRAPHS[3]}> {{ {IN_TWO_NAMED} }}", named(1), named(2),
              boolean=True)],
    "query_get": [Call("GET", [("query", "ASK {}"), graph(0)], form="boolean", boolean=True)],
    "query_content_type_select": [query("SELECT (1 AS ?value) {}", graph(0), form="tabular")],
    "query_content_type_ask": [query("ASK {}", graph(0), form="boolean")],
    "query_content_type_describe": [query("DESCRIBE <http://example.org/>", graph(0),
                                          form="RDF")],
    "query_content_type_construct": [query("CONSTRUCT { <s> <p> 1 } WHERE {}", graph(0),
                                           form="RDF")],
    "update_dataset_default_graph": [
        update(f"{PREFIXES}CLEAR ALL ;\nINSERT DATA {{ GRAPH <{GRAPHS[1]}> {{ <{GRAPHS[1]}> a "
               f"foaf:Document }} }} ;\nINSERT {{ GRAPH <{OUT}> {{ ?s a dc:BibliographicResource "
               "} }\nWHERE { ?s a foaf:Document }", ("using-graph-uri", GRAPHS[1])),
        query(f"ASK {{ GRAPH <{OUT}> {{ {_bibliographic(1)} }} }}", boolean=True)],
    "update_dataset_default_graphs": [
        update(_load_all_documents() + f"INSERT {{ GRAPH <{OUT}graphs> {{ ?s a "
               "dc:BibliographicResource } }\nWHERE { ?s a foaf:Document }",
               ("using-graph-uri", GRAPHS[1]), ("using-graph-uri", GRAPHS[2])),
        query(_copied_exactly(f"{OUT}graphs", _bibliographic(1, 2), absent=3), boolean=True)],
    "update_dataset_named_graphs": [
        update(_load_all_documents() + f"INSERT {{ GRAPH <{OUT}named> {{ ?s a "
               "dc:BibliographicResource } }\nWHERE { GRAPH ?g { ?s a foaf:Document } }",
               ("using-named-graph-uri", GRAPHS[1]), ("using-named-graph-uri", GRAPHS[2])),
        query(_copied_exactly(f"{OUT}named", _bibliographic(1, 2), absent=3), boolean=True)],
    "update_dataset_full": [
        update(_load_all_documents() + f"INSERT {{ GRAPH <{OUT}full> {{ ?s "
               "<http://example.org/in> ?in } }\nWHERE {\n  { GRAPH ?g { ?s a foaf:Document } "
               "BIND(?g AS ?in) }\n  UNION\n  { ?s a foaf:Document . BIND('default' AS ?in) }\n}",
               ("using-graph-uri", GRAPHS[1]), ("using-named-graph-uri", GRAPHS[2])),
        query(_copied_exactly(f"{OUT}full", f"<{GRAPHS[1]}> <http://example.org/in> 'default' . "
                              f"<{GRAPHS[2]}> <http://example.org/in> <{GRAPHS[2]}> .",
                              absent=3), boolean=True)],
    "update_post_form": [Call("POST", [], b"update=CLEAR+ALL",
                              "application/x-www-form-urlencoded")],
    "update_post_direct": [update("CLEAR ALL")],
    "update_base_uri": [
        update("CLEAR SILENT GRAPH <http://example.org/protocol-base-test/> ;\nINSERT DATA { "
               "GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> "
               "<http://example.org/p> <test> } }"),
        query("ASK { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> "
              "<http://example.org/p> ?o FILTER(isIRI(?o) && STR(?o) != 'test') } }",
              boolean=True)],
    "query_post_direct": [query("ASK {}", boolean=True)],
    "bad_query_method": [bad("PUT", ("query", "ASK {}"), graph(0),
                             content_type="application/x-www-form-urlencoded",
                             code="GT-API-002")],
    "bad_multiple_queries": [bad("GET", ("query", "ASK {}"), ("query", "SELECT * {}"),
                                 code="GT-SPARQL-007")],
    "bad_query_wrong_media_type": [bad("POST", body=b"ASK {}", content_type="text/plain",
                                       code="GT-SPARQL-008")],
    "bad_query_missing_form_type": [bad("POST", body=b"query=ASK%20%7B%7D",
                                        code="GT-SPARQL-008")],
    "bad_query_missing_direct_type": [bad("POST", body=b"ASK {}", code="GT-SPARQL-008")],
    "bad_query_non_utf8": [bad("POST", body="ASK {}".encode("utf-16"),
                               content_type="application/sparql-query; charset=UTF-16",
                               code="GT-SPARQL-008")],
    "bad_query_syntax": [bad("GET", ("query", "ASK {"), code="GT-SPARQL-001")],
    "bad_update_get": [bad("GET", ("update", "CLEAR ALL"), code="GT-SPARQL-007")],
    "bad_multiple_updates": [bad("POST", body=b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
                                 content_type="application/x-www-form-urlencoded",
                                 code="GT-SPARQL-007")],
    "bad_update_wrong_media_type": [bad("POST", body=b"CLEAR NAMED", content_type="text/plain",
                                        code="GT-SPARQL-008")],
    "bad_update_missing_form_type": [bad("POST", body=b"update=CLEAR%20NAMED",
                                         code="GT-SPARQL-008")],
    "bad_update_non_utf8": [bad("POST", body="CLEAR NAMED".encode("utf-16"),
                                content_type="application/sparql-update; charset=UTF-16",
                                code="GT-SPARQL-008")],
    "bad_update_syntax": [bad("POST", body=b"update=CLEAR%20XYZ",
                              content_type="application/x-www-form-urlencoded",
                              code="GT-SPARQL-001")],
    "bad_update_dataset_conflict": [
        bad("POST", ("using-named-graph-uri", "http://example/people"),
            body=b"PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n"
                 b"DELETE { ?person foaf:givenName 'Bill' }\n"
                 b"INSERT { ?person foaf:givenName 'William' }\n"
                 b"WHERE { ?person foaf:givenName 'Bill' }",
            content_type="application/sparql-update", code="GT-SPARQL-007")],
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A govtrace server over an empty store of its own (the update tests DROP ALL)."""
    store_dir: Path = tmp_path_factory.mktemp("w3c-protocol") / "store"
    store = ox.Store(str(store_dir))
    store.flush()
    del store
    env = {"GOVTRACE_STORE_DIR": str(store_dir), "GOVTRACE_UPDATE_TOKEN": TOKEN,
           "GOVTRACE_QUERY_WORKERS": "1", "GOVTRACE_QUERY_TIMEOUT": "10"}
    with govtrace_server(env) as base:
        yield base


def send(server: str, call: Call) -> httpx.Response:
    headers = {"Authorization": f"Bearer {TOKEN}"}  # deviation: every update needs the token
    if call.content_type is not None:
        headers["Content-Type"] = call.content_type
    return httpx.request(call.method, server + "/sparql", params=tuple(call.params),
                         content=call.body, headers=headers, timeout=60)


def test_every_manifest_entry_has_a_case() -> None:
    assert len(CASES) == 34  # the manifest's mf:entries, in its order


@pytest.mark.parametrize("name", list(CASES))
def test_w3c_protocol(server: str, name: str) -> None:
    if name in NEEDS_DATA:
        assert send(server, update(_load_all_documents())).status_code == 204
    for call in CASES[name]:
        response = send(server, call)
        if not call.ok:
            assert 400 <= response.status_code < 500, response.text
            assert response.json()["code"] == call.code
            continue
        assert 200 <= response.status_code < 400, response.text
        media = response.headers.get("content-type", "").split(";")[0]
        if call.form is not None:
            assert media in FORMATS[call.form]
        if call.boolean is not None:
            assert response.json()["boolean"] is call.boolean
