"""A query pool is made without waiting for its workers: a server's port opens at once, and
the first queries wait in line for the first worker (issue 16, target 4)."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from govtrace.graph.build_lock import build_lock
from govtrace.graph.query_pool import QueryPool, _Worker
from govtrace.ontology.namespaces import GT
from tests.support.loops import run_on_own_loop
from tests.support.seeds import build_seed_store, seed_pool

TASKS = f"SELECT ?t WHERE {{ ?t a <{GT.Task}> }}"


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Workers come only once it is set: their start-up outlasts the making of the pool
    whatever the machine does (forked from a fork server, a worker may start sooner than
    the pool takes its first snapshot)."""
    opened = threading.Event()
    started = _Worker.wait_ready

    def gated(worker: _Worker) -> None:
        opened.wait()
        started(worker)

    monkeypatch.setattr(_Worker, "wait_ready", gated)
    return opened


@pytest.fixture
def fresh_pool(tmp_path: Path, gate: threading.Event) -> Iterator[QueryPool]:
    with seed_pool(tmp_path, size=2, timeout=30) as pool:
        yield pool
        gate.set()  # (before the pool closes)


def test_the_pool_is_made_before_its_workers_have_started_issue_16(
        fresh_pool: QueryPool, gate: threading.Event) -> None:
    # Before issue 16 the making of the pool waited for every worker.
    assert not fresh_pool.wait_ready(timeout=0)
    threading.Timer(0.2, gate.set).start()
    assert len(fresh_pool.query(TASKS).bindings()) >= 3  # waited in line for the first worker
    assert fresh_pool.wait_ready()
    assert len(fresh_pool._idle) == 2


def test_queries_from_the_event_loop_wait_in_line_for_the_first_worker_issue_16(
        fresh_pool: QueryPool, gate: threading.Event) -> None:
    async def three_at_once() -> list[int]:
        results = await asyncio.gather(*(fresh_pool.query_async(TASKS) for _ in range(3)))
        return [len(result.bindings()) for result in results]

    assert not fresh_pool.wait_ready(timeout=0)
    threading.Timer(0.2, gate.set).start()
    assert all(count >= 3 for count in run_on_own_loop(three_at_once()))


def test_workers_are_forked_from_a_fork_server_that_imported_them_issue_16(
        tmp_path: Path) -> None:
    """Spawned, each worker imported pyoxigraph and govtrace's graph modules again (about
    0.3 s of CPU each, at every start and every replacement of a stopped one); forked from
    one fork server, which imported them once, it starts at once."""
    with seed_pool(tmp_path, size=2, timeout=30) as pool:
        assert pool.wait_ready()
        parents = {_parent(worker.process.pid) for worker in pool._idle}
        assert len(parents) == 1 and os.getpid() not in parents
        fork_server = parents.pop()
        assert b"forkserver" in Path(f"/proc/{fork_server}/cmdline").read_bytes()
        assert _parent(fork_server) == os.getpid()


def _parent(pid: int | None) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


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
