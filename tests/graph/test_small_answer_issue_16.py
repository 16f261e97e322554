"""A query seen to finish in milliseconds is written by Oxigraph straight to bytes, not through
the Python writer that stops a large result (issue 16: 12 µs of an 80 µs COUNT); the answer is
the same, cut at the limit the same way."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from govtrace.graph import oxigraph_query
from govtrace.graph.oxigraph_query import run_query
from govtrace.graph.store import UNION
from tests.support.seeds import seed_pool

ROWS = "SELECT ?n WHERE { VALUES ?n { 1 2 3 4 5 } }"


class _NoPythonWriter:
    def __init__(self, size: int) -> None:
        raise AssertionError("the small answer went through the Python writer")


@pytest.mark.parametrize("limit", [None, 10, 3])
def test_a_small_answer_is_written_to_bytes_with_the_same_cut_issue_16(
        monkeypatch: pytest.MonkeyPatch, limit: int | None) -> None:
    store = ox.Store()
    bounded = run_query(store, ROWS, UNION, limit)
    monkeypatch.setattr(oxigraph_query, "_BoundedBuffer", _NoPythonWriter)
    small = run_query(store, ROWS, UNION, limit, small=True)
    assert small == bounded
    assert len(json.loads(small.payload)["results"]["bindings"]) == min(5, limit or 5)
    assert small.truncated == (limit == 3)


def test_the_pool_answers_in_process_as_a_small_answer_issue_16(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with seed_pool(tmp_path, size=1, timeout=5.0) as pool:
        first = pool.query(ROWS, limit=3)  # a worker's, which tells the pool it is fast
        for _ in range(20):  # on a loaded machine one run may take longer than allowed here
            if pool._fast:
                break
            pool.query(ROWS, limit=3)
        monkeypatch.setattr(oxigraph_query, "_BoundedBuffer", _NoPythonWriter)
        assert pool.query_here(ROWS, limit=3) == first  # before: the Python writer
        assert pool.query(ROWS, limit=3) == first
