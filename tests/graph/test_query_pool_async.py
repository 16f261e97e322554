"""The pool awaited on an event loop (issue 16): the same answers and deadlines as from a
thread, and no query taken ahead of those already waiting."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from govtrace.errors import SparqlError
from govtrace.graph.query_pool import QueryPool
from govtrace.graph.results import QueryResult
from govtrace.ontology.namespaces import GT
from tests.support.loops import run_on_own_loop
from tests.support.seeds import ENDLESS, build_seed_store, seed_pool

T = TypeVar("T")
TASKS = f"SELECT ?t WHERE {{ ?t a <{GT.Task}> }} ORDER BY ?t"


def test_awaited_queries_answer_and_stop_at_the_deadline_issue_16(pool: QueryPool) -> None:
    async def run() -> tuple[QueryResult, SparqlError, list[QueryResult]]:
        first = await pool.query_async(TASKS)
        with pytest.raises(SparqlError) as caught:
            await pool.query_async(ENDLESS)
        after = await asyncio.gather(*(pool.query_async(TASKS) for _ in range(4)))
        return first, caught.value, after

    started = time.monotonic()
    first, stopped, after = run_on_own_loop(run())
    assert first.payload == pool.query(TASKS).payload and len(first.bindings()) >= 3
    assert stopped.code == "GT-SPARQL-002"
    assert time.monotonic() - started < 10  # 1 s deadline + a replacement worker's start-up
    assert all(result.payload == first.payload for result in after)


def hold_the_only_worker(pool: QueryPool) -> Callable[[], None]:
    """Take the pool's one worker as a running query would; what sets it free."""
    held = pool._acquire(5, TASKS)
    return lambda: pool._release(held)


def wait_until_waiting(pool: QueryPool, count: int) -> None:
    deadline = time.monotonic() + 10
    while pool._waiting < count:
        assert time.monotonic() < deadline, "the query never lined up for a worker"
        time.sleep(0.01)


@pytest.fixture
def single(tmp_path: Path) -> Iterator[QueryPool]:
    with seed_pool(tmp_path, size=1, timeout=10.0) as pool:
        yield pool


def test_a_freed_worker_goes_to_the_waiting_query_not_a_newcomer_issue_16(
        single: QueryPool) -> None:
    """The barging that kept some queries waiting over 2 s at 32 clients: a worker set free
    wakes the query waiting for it, and a query arriving before that one has run took the
    worker, sending the waiter back to the end of the line. The pool's lock, held here, makes
    that moment last: the waiter is woken but cannot run until the newcomer has asked."""
    served: list[str] = []

    def waiting() -> None:
        pool_answer = single.query(TASKS)
        served.append("waiting")
        assert len(pool_answer.bindings()) >= 3

    free = hold_the_only_worker(single)
    thread = threading.Thread(target=waiting)
    thread.start()
    try:
        wait_until_waiting(single, 1)
        with single._lock:
            free()
            single.query(TASKS)  # the newcomer: it must wait for the one before it
            served.append("newcomer")
    finally:
        thread.join(30)
    assert served == ["waiting", "newcomer"]


def test_waiters_are_served_in_order_from_threads_and_the_loop_issue_16(
        single: QueryPool) -> None:
    """One line for queries waiting in threads and on the event loop, first come first
    served, and a query that was stopped before (expensive) only after every cheap one.

    What is recorded is the order the worker is handed over in (each waiter's text names
    it): the order replies are *read* in races between a thread and the loop's next turn."""
    expensive = TASKS.replace("?t", "?task")  # as cheap as TASKS, but stopped once before
    single._remember_expensive(expensive)
    served: list[str] = []
    acquire, acquire_async = single._acquire, single._acquire_async

    def named(sparql: str) -> str:
        return sparql.rpartition("# ")[2] if "# " in sparql else "expensive"

    def acquired(deadline: float, sparql: str) -> Any:
        worker = acquire(deadline, sparql)
        served.append(named(sparql))
        return worker

    async def acquired_async(deadline: float, sparql: str) -> Any:
        worker = await acquire_async(deadline, sparql)
        served.append(named(sparql))
        return worker

    free = hold_the_only_worker(single)
    single._acquire, single._acquire_async = acquired, acquired_async  # type: ignore[method-assign]

    def in_thread(sparql: str) -> None:
        single.query(sparql)

    async def on_loop(name: str) -> None:
        await single.query_async(f"{TASKS}\n# {name}")

    async def run() -> None:
        threads = [threading.Thread(target=in_thread, args=(expensive,))]
        threads[0].start()
        await asyncio.to_thread(wait_until_waiting, single, 1)
        tasks = []
        for index in range(6):
            if index % 2:
                tasks.append(asyncio.create_task(on_loop(f"loop {index}")))
            else:
                threads.append(threading.Thread(target=in_thread,
                                                args=(f"{TASKS}\n# thread {index}",)))
                threads[-1].start()
            await asyncio.to_thread(wait_until_waiting, single, index + 2)
        free()
        await asyncio.gather(*tasks)
        for thread in threads:
            await asyncio.to_thread(thread.join, 30)

    run_on_own_loop(run())
    assert served == ["thread 0", "loop 1", "thread 2", "loop 3", "thread 4", "loop 5",
                      "expensive"]
    assert single._waiting == 0 and len(single._idle) == 1


def test_many_clients_on_the_loop_and_in_threads_all_get_answers_issue_16(
        pool: QueryPool) -> None:
    """32 clients, half awaiting on the loop and half in threads, on two workers: every query
    answered, none lost in line, and every worker back in the pool after."""
    expected = pool.query(TASKS).payload

    async def run() -> list[bytes | str]:
        async def client() -> list[bytes | str]:
            return [(await pool.query_async(TASKS)).payload for _ in range(5)]

        def threaded() -> list[bytes | str]:
            return [pool.query(TASKS).payload for _ in range(5)]

        answers = await asyncio.gather(*(client() for _ in range(16)),
                                       *(asyncio.to_thread(threaded) for _ in range(16)))
        return [payload for batch in answers for payload in batch]

    payloads = run_on_own_loop(run())
    assert len(payloads) == 160 and set(payloads) == {expected}
    assert pool._waiting == 0 and len(pool._idle) == 2 and not pool._busy


def test_a_client_gone_while_in_line_loses_no_worker_issue_16(single: QueryPool) -> None:
    """A query cancelled while it waits (its HTTP client went away) leaves the line, and a
    worker already handed to it goes on to the next query, not lost to the pool."""
    async def run() -> None:
        free = hold_the_only_worker(single)
        gone = asyncio.create_task(single.query_async(TASKS))
        await asyncio.to_thread(wait_until_waiting, single, 1)
        gone.cancel()  # before the hand-off
        with pytest.raises(asyncio.CancelledError):
            await gone
        assert single._waiting == 0
        handed = asyncio.create_task(single.query_async(TASKS))
        await asyncio.to_thread(wait_until_waiting, single, 1)
        free()  # handed to the waiting query, which is cancelled before it runs
        handed.cancel()
        with pytest.raises(asyncio.CancelledError):
            await handed
        assert len((await single.query_async(TASKS)).bindings()) >= 3

    run_on_own_loop(run())
    assert single._waiting == 0 and len(single._idle) == 1 and not single._busy


def test_a_text_stopped_while_its_twins_wait_sends_them_to_the_back_issue_16(
        single: QueryPool) -> None:
    """A runaway script's other clients, already in line when its first query is stopped,
    wait behind every cheap query from then on, not ahead of those that came after them."""
    twin = TASKS.replace("?t", "?twin")
    served: list[str] = []
    free = hold_the_only_worker(single)

    def in_thread(name: str, sparql: str) -> None:
        single.query(sparql)
        served.append(name)

    threads = []
    for count, (name, sparql) in enumerate((("twin", twin), ("later", TASKS)), start=1):
        threads.append(threading.Thread(target=in_thread, args=(name, sparql)))
        threads[-1].start()
        wait_until_waiting(single, count)
    single._remember_expensive(twin)  # e.g. its first copy just timed out
    free()
    for thread in threads:
        thread.join(30)
    assert served == ["later", "twin"]


def test_preemption_goes_on_after_a_worker_is_handed_to_another_runaway_issue_13(
        tmp_path: Path) -> None:
    """A waiter whose first look found nothing to preempt must look again when a worker is
    handed to a query ahead of it: here a second, different runaway, which gives way in turn."""
    build_seed_store(tmp_path / "store")
    pool = QueryPool(tmp_path / "store", size=1, timeout=6, preempt_after=0.5)
    outcome: dict[str, str] = {}

    def runaway(name: str, sparql: str) -> None:
        try:
            pool.query(sparql)
        except SparqlError as exc:
            outcome[name] = exc.code

    other = ENDLESS.replace("COUNT(*)", "COUNT(?a)")
    threads = [threading.Thread(target=runaway, args=("first", ENDLESS)),
               threading.Thread(target=runaway, args=("second", other))]
    try:
        threads[0].start()
        deadline = time.monotonic() + 10
        while not pool._busy:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        threads[1].start()
        wait_until_waiting(pool, 1)
        assert len(pool.query(TASKS).bindings()) >= 3  # not GT-SPARQL-009 after 6 s
        for thread in threads:
            thread.join(30)
        assert outcome == {"first": "GT-SPARQL-010", "second": "GT-SPARQL-010"}
    finally:
        for thread in threads:
            thread.join()
        pool.close()
