"""The SPARQL lexer that finds dataset clauses and update keywords (issue 13)."""

from __future__ import annotations

import pytest

from govtrace.graph.sparql_lexer import has_dataset_clause, tokens


@pytest.mark.parametrize("query", [
    "SELECT (COUNT(*) AS ?n)FROM <urn:g> WHERE { ?s ?p ?o }",
    "SELECT *FROM <urn:g> {}",
    "select * from named <urn:g> {}",
    "PREFIX g: <urn:g#> SELECT * FROM g:x {}",
    "CONSTRUCT { ?s ?p ?o }FROM <urn:g> WHERE { ?s ?p ?o }",
    "ASK FROM<urn:g>{}",
    "SELECT * # FROM in a comment\nFROM <urn:g> {}",
])
def test_dataset_clause_found_issue_13(query: str) -> None:
    assert has_dataset_clause(query)


@pytest.mark.parametrize("query", [
    "SELECT * { ?s ?p 'FROM <urn:g>' }",
    'SELECT * { ?s ?p """a " FROM <urn:g> "" """ }',
    "SELECT * { ?s ?p <urn:x)FROM> }",
    "SELECT ?from { ?from ?p ?o } # FROM <urn:g>",
    "PREFIX from: <urn:f#> SELECT * { from:x from:FROM from:a.FROM }",
    "SELECT * { ?s ?p 'x'@from . _:FROM ?p ?o FILTER(?FROMAGE) }",
])
def test_no_dataset_clause(query: str) -> None:
    assert not has_dataset_clause(query)


def test_tokens_carry_brace_depth() -> None:
    found = [(token.text, token.depth) for token in tokens("INSERT { ?s ?p 1 } WHERE { "
                                                          "{ SELECT * WHERE { ?s ?p 1 } } }")]
    wheres = [depth for text, depth in found if text == "WHERE"]
    assert wheres == [0, 2]
    assert found[-1] == ("}", 0)
