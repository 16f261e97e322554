"""/sparql checked with SPARQLWrapper as a real client, for every result format."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper

from govtrace.ontology.namespaces import GT, SD

WUSHEN_TASK = "https://w3id.org/govtrace/id/doc/000_6b53b361d8411ab5/task/5"
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
    assert response.headers["X-Govtrace-Truncated"] == "true"
    body = json.loads(response.content)
    assert len(body["results"]["bindings"]) == 50
    assert body["govtrace"]["truncated"] is True
