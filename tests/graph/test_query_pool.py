"""Queries in killable worker processes: a deadline really stops a query."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from govtrace.errors import GovtraceError, SparqlError
from govtrace.graph.query_pool import QueryPool
from govtrace.graph.store import UNION, QueryDataset
from govtrace.ontology.namespaces import GT
from tests.support.seeds import ENDLESS, build_seed_store

# Distinct rows of a three-way cross product: memory grows until the query is stopped.
RUNAWAY_DISTINCT = "SELECT DISTINCT ?a ?b ?c WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"
TASKS = f"SELECT ?t WHERE {{ ?t a <{GT.Task}> }}"



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


def worker_pids(pool: QueryPool) -> set[int | None]:
    return {worker.process.pid for worker in pool._idle}


@pytest.mark.parametrize("sparql, dataset", [
    ("SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }", UNION),  # RuntimeError in Oxigraph
    (TASKS, QueryDataset(default_graphs=("x y",))),  # ValueError: not an IRI
])
def test_whatever_a_query_raises_comes_back_coded_and_the_worker_serves_on_issue_13(
        tmp_path: Path, sparql: str, dataset: QueryDataset) -> None:
    build_seed_store(tmp_path / "store")
    pool = QueryPool(tmp_path / "store", size=1, timeout=30)
    try:
        assert pool.wait_ready()
        before = worker_pids(pool)
        with pytest.raises(GovtraceError) as caught:
            pool.query(sparql, dataset=dataset)
        assert caught.value.code.startswith("GT-")
        assert worker_pids(pool) == before  # the same process, still serving
        assert len(pool.query(TASKS).bindings()) >= 3
    finally:
        pool.close()


def test_a_worker_that_died_idle_is_replaced_without_failing_the_query_issue_13(
        pool: QueryPool) -> None:
    for pid in worker_pids(pool):
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    assert len(pool.query(TASKS).bindings()) >= 3
    assert len(pool.query(TASKS).bindings()) >= 3


def test_a_query_past_the_memory_limit_gets_its_own_error_issue_13(tmp_path: Path) -> None:
    build_seed_store(tmp_path / "store")
    pool = QueryPool(tmp_path / "store", size=1, timeout=120, memory_limit_mb=200)
    try:
        with pytest.raises(SparqlError) as caught:
            pool.query(RUNAWAY_DISTINCT)
        assert caught.value.code == "GT-SPARQL-011"
        assert caught.value.status == 422
        assert len(pool.query(TASKS).bindings()) >= 3  # a new worker answers
    finally:
        pool.close()


def test_the_longest_running_query_gives_way_to_a_waiting_one_issue_13(tmp_path: Path) -> None:
    build_seed_store(tmp_path / "store")
    pool = QueryPool(tmp_path / "store", size=1, timeout=60, preempt_after=0.5)
    outcome: list[str] = []

    def runaway() -> None:
        try:
            pool.query(ENDLESS)
        except SparqlError as exc:
            outcome.append(exc.code)

    thread = threading.Thread(target=runaway)
    try:
        thread.start()
        time.sleep(0.3)  # the runaway has the only worker
        started = time.monotonic()
        assert len(pool.query(TASKS).bindings()) >= 3
        assert time.monotonic() - started < 10  # not the 60 s timeout
        thread.join(10)
        assert outcome == ["GT-SPARQL-010"]
    finally:
        thread.join()
        pool.close()


def test_readers_see_an_update_without_being_restarted_issue_13(pool: QueryPool) -> None:
    before = len(pool.query(TASKS).bindings())
    pids = worker_pids(pool)
    pool.update(f"INSERT DATA {{ GRAPH <urn:test> {{ <urn:t> a <{GT.Task}> }} }}")
    assert worker_pids(pool) == pids
    assert {len(pool.query(TASKS).bindings()) for _ in range(4)} == {before + 1}
