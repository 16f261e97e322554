"""A query pool is made without waiting for its workers: a server's port opens at once, and
the first queries wait in line for the first worker (issue 16, target 4)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from govtrace.graph.build_lock import build_lock
from govtrace.graph.query_pool import QueryPool
from govtrace.ontology.namespaces import GT
from tests.support.loops import run_on_own_loop
from tests.support.seeds import build_seed_store, seed_pool

TASKS = f"SELECT ?t WHERE {{ ?t a <{GT.Task}> }}"


@pytest.fixture
def fresh_pool(tmp_path: Path) -> Iterator[QueryPool]:
    with seed_pool(tmp_path, size=2, timeout=30) as pool:
        yield pool


def test_the_pool_is_made_before_its_workers_have_started_issue_16(fresh_pool: QueryPool
                                                                   ) -> None:
    # A worker's start-up (a Python process importing pyoxigraph) outlasts the making of the
    # pool, which before issue 16 waited for every worker.
    assert not fresh_pool.wait_ready(timeout=0)
    assert len(fresh_pool.query(TASKS).bindings()) >= 3  # waited in line for the first worker
    assert fresh_pool.wait_ready()
    assert len(fresh_pool._idle) == 2


def test_queries_from_the_event_loop_wait_in_line_for_the_first_worker_issue_16(
        fresh_pool: QueryPool) -> None:
    async def three_at_once() -> list[int]:
        results = await asyncio.gather(*(fresh_pool.query_async(TASKS) for _ in range(3)))
        return [len(result.bindings()) for result in results]

    assert not fresh_pool.wait_ready(timeout=0)
    assert all(count >= 3 for count in run_on_own_loop(three_at_once()))


def test_a_pool_started_while_a_sibling_holds_the_lock_takes_one_snapshot_issue_16(
        tmp_path: Path) -> None:
    # Two server processes start together: one holds the build lock for its own
    # checkpoint, so the other checkpoints without it. Nothing changed the store meanwhile,
    # so the next look for a new store must find none (it used to take a second snapshot).
    store = tmp_path / "store"
    build_seed_store(store)
    with build_lock(store, wait=False):
        pool = QueryPool(store, size=1, timeout=30)
    try:
        assert not pool.refresh()
        assert pool.snapshots.current.generation == 1
        assert len(pool.query(TASKS).bindings()) >= 3
    finally:
        pool.close()
