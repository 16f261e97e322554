"""A query is lexed for FROM only when FROM could be in it, and still reads the right graphs
(issue 16: lexing took ~0.4 ms of every lineage query)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from govtrace.graph import oxigraph_query
from govtrace.graph.oxigraph_query import run_query
from govtrace.graph.sparql_lexer import has_dataset_clause
from govtrace.graph.store import UNION
from govtrace.queries.library import render

_CASES = [
    "SELECT (COUNT(*) AS ?n)FROM <urn:g> WHERE { ?s ?p ?o }",
    "SELECT *FROM <urn:g> {}",
    "select * from named <urn:g> {}",
    "PREFIX g: <urn:g#> SELECT * FROM g:x {}",
    "ASK FROM<urn:g>{}",
    "SELECT * # FROM in a comment\nFROM <urn:g> {}",
    "SELECT * _FROM <urn:g> {}",
    "SELECT * {}FROM <urn:g>",
    "SELECT * { ?s ?p 'FROM <urn:g>' }",
    "SELECT ?from { ?from ?p ?o } # FROM <urn:g>",
    "PREFIX from: <urn:f#> SELECT * { from:x from:FROM from:a.FROM }",
    "SELECT * { ?s ?p 'x'@from . _:FROM ?p ?o FILTER(?FROMAGE) }",
    "PREFIX gt: <urn:gt#> SELECT * { ?l gt:linkFrom ?s }",
    render("lineage", {"task": "https://w3id.org/govtrace/id/doc/x/task/1"}),
]


@pytest.mark.parametrize("query", _CASES)
def test_the_shortcut_agrees_with_the_lexer_issue_16(query: str) -> None:
    assert oxigraph_query._names_dataset(query) == has_dataset_clause(query)


def _store() -> ox.Store:
    store = ox.Store()
    for graph in ("urn:g1", "urn:g2"):
        store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p#linkFrom"),
                          ox.Literal(graph), ox.NamedNode(graph)))
    return store


def _count(query: str) -> int:
    result = run_query(_store(), query, UNION, None)
    return int(str(result.bindings()[0]["n"]))


def test_a_prefixed_name_ending_in_from_reads_the_union_issue_16() -> None:
    assert _count("PREFIX p: <urn:p#> SELECT (COUNT(*) AS ?n) { ?s p:linkFrom ?o }") == 2


def test_a_from_clause_still_chooses_the_graph_issue_16() -> None:
    assert _count("SELECT (COUNT(*) AS ?n) FROM <urn:g1> { ?s ?p ?o }") == 1
    assert _count("SELECT (COUNT(*) AS ?n)from<urn:g2>{ ?s ?p ?o }") == 1
