"""Queries in killable worker processes: a deadline really stops a query."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from govtrace.errors import SparqlError
from govtrace.graph.query_pool import QueryPool
from govtrace.ontology.namespaces import GT
from tests.support.seeds import build_seed_store

# Four-way cross product of the seed store's triples: billions of rows to count.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TASKS = f"SELECT ?t WHERE {{ ?t a <{GT.Task}> }}"


@pytest.fixture
def pool(tmp_path: Path) -> Iterator[QueryPool]:
    build_seed_store(tmp_path / "store")
    pool = QueryPool(tmp_path / "store", size=2, timeout=1.0)
    yield pool
    pool.close()


def test_timeout_stops_the_query_and_the_pool_keeps_answering(pool: QueryPool) -> None:
    started = time.monotonic()
    with pytest.raises(SparqlError) as caught:
        pool.query(ENDLESS)
    assert caught.value.code == "GT-SPARQL-002"
    assert time.monotonic() - started < 10  # 1 s deadline + a replacement worker's start-up
    assert len(pool.query(TASKS).bindings()) >= 3
    assert len(pool.query(TASKS).bindings()) >= 3  # both workers alive


def test_syntax_errors_come_back_coded_with_position(pool: QueryPool) -> None:
    with pytest.raises(SparqlError) as caught:
        pool.query("SELECT * WHERE {\n ?s ?p }")
    assert caught.value.code == "GT-SPARQL-001"
    assert caught.value.location is not None and caught.value.location.line == 2


def test_update_through_the_pool_is_seen_by_later_queries(pool: QueryPool) -> None:
    before = len(pool.query(TASKS).bindings())
    pool.update(f"INSERT DATA {{ GRAPH <urn:test> {{ <urn:t> a <{GT.Task}> }} }}")
    assert len(pool.query(TASKS).bindings()) == before + 1
