"""SELECT answers written by Oxigraph's own JSON writer when small, cut row by row when not
(issue 16: the Python writer cost more than the lineage query itself)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from govtrace.graph import oxigraph_query
from govtrace.graph.oxigraph_query import run_query
from govtrace.graph.store import UNION

QUERY = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"


def _store(rows: int, text: str = "x") -> ox.Store:
    store = ox.Store()
    store.extend([ox.Quad(ox.NamedNode(f"urn:s{n:05d}"), ox.NamedNode("urn:p"),
                          ox.Literal(text, language="zh"), ox.NamedNode("urn:g"))
                  for n in range(rows)])
    return store


@pytest.mark.parametrize(("rows", "limit", "kept", "truncated"), [
    (3, 10, 3, False), (10, 10, 10, False), (11, 10, 10, True), (200, 10, 10, True),
    (5, None, 5, False)])
def test_rows_are_cut_at_the_limit_issue_16(rows: int, limit: int | None, kept: int,
                                            truncated: bool) -> None:
    result = run_query(_store(rows), QUERY, UNION, limit)
    assert len(result.bindings()) == kept and result.truncated is truncated
    assert [str(row["s"]) for row in result.bindings()] == [f"urn:s{n:05d}"
                                                            for n in range(kept)]


def test_terms_keep_their_language_issue_16() -> None:
    payload = json.loads(run_query(_store(1, "政府"), QUERY, UNION, 10).payload)
    assert payload["head"]["vars"] == ["s", "o"]
    assert payload["results"]["bindings"][0]["o"] == {"type": "literal", "value": "政府",
                                                      "xml:lang": "zh"}


def test_a_large_answer_under_the_row_limit_comes_whole_issue_16(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oxigraph_query, "_SMALL_RESULT", 1000)  # past it: row by row
    result = run_query(_store(40, "长" * 50), QUERY, UNION, 100)
    assert len(result.bindings()) == 40 and not result.truncated
