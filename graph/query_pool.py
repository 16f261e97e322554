"""Queries with a deadline that really stops them: a pool of killable processes.

Each worker process opens the store directory with ``Store.read_only`` and
answers one query at a time. A query that outlives its timeout is stopped by
SIGKILL of its worker (Oxigraph holds no lock in a read-only open, so nothing
is left behind) and a fresh worker takes its place; the caller gets
``GT-SPARQL-002`` and the other workers keep answering.

Updates need the only read-write handle RocksDB allows, and a read-only
handle only sees the data of the moment it was opened, so an update takes the
pool's write lock: readers finish and stop, one read-write worker runs the
update (killed on timeout — Oxigraph's updates are transactional, so a killed
update changes nothing), then the readers restart and see the new data.

Measured overhead of a pooled query against an in-process one: see
bench/sparql_bench.py (``pool`` section).
"""

from __future__ import annotations

import multiprocessing
import queue
from multiprocessing.process import BaseProcess
from pathlib import Path

from govtrace.errors import (
    CODES,
    SPARQL_BUSY,
    SPARQL_TIMEOUT,
    STORE_FAULT,
    GovtraceError,
    SparqlError,
    StoreError,
)
from govtrace.graph.query_worker import Failure, QueryJob, Reply, UpdateJob, serve_jobs
from govtrace.graph.results import QueryResult
from govtrace.graph.rwlock import ReadWriteLock
from govtrace.graph.store import UNION, QueryDataset

_STARTUP_SECONDS = 60.0  # opening a large store replays its write-ahead log
# "spawn", not "fork": the server process runs threads (uvicorn, anyio), which fork would copy
# in whatever state they are in.
_CONTEXT = multiprocessing.get_context("spawn")


class _WorkerTimeoutError(Exception):
    pass


class _Worker:
    def __init__(self, store_dir: Path, *, read_only: bool) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process: BaseProcess = _CONTEXT.Process(
            target=serve_jobs, args=(child, str(store_dir), read_only), daemon=True,
            name="govtrace-query-worker")
        self.process.start()
        child.close()

    def wait_ready(self) -> None:
        reply = self._receive(_STARTUP_SECONDS)
        if isinstance(reply, Failure):
            self.kill()
            raise _as_error(reply)

    def call(self, job: QueryJob | UpdateJob, timeout: float) -> Reply:
        self.conn.send(job)
        return self._receive(timeout)

    def stop(self) -> None:
        """Let the worker close its store cleanly."""
        try:
            self.conn.send(None)
            self.process.join(timeout=10)
        except (BrokenPipeError, OSError):
            pass  # already gone
        if self.process.is_alive():
            self.kill()
        self.conn.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def _receive(self, timeout: float) -> Reply:
        if not self.conn.poll(timeout):
            raise _WorkerTimeoutError
        try:
            reply: Reply = self.conn.recv()
        except EOFError:
            raise StoreError(STORE_FAULT, "a query worker process died "
                                          f"(exit code {self.process.exitcode})") from None
        return reply


class QueryPool:
    """A :class:`~govtrace.graph.store.SparqlService` over an embedded store directory."""

    def __init__(self, store_dir: Path, *, size: int, timeout: float) -> None:
        self.store_dir = store_dir
        self.size = size
        self.timeout = timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = ReadWriteLock()
        self._start_readers()

    def query(self, sparql: str, *, dataset: QueryDataset = UNION,
              timeout: float | None = None, limit: int | None = None) -> QueryResult:
        deadline = timeout if timeout is not None else self.timeout
        with self._lock.reading():
            worker = self._take_idle(deadline)
            healthy = False
            try:
                reply = _call(worker, QueryJob(sparql, dataset, limit), deadline)
                healthy = True
            finally:
                self._idle.put(worker if healthy else self._spawn(read_only=True))
        if isinstance(reply, Failure):
            raise _as_error(reply)
        assert isinstance(reply, QueryResult)
        return reply

    def update(self, sparql: str, *, timeout: float | None = None) -> None:
        deadline = timeout if timeout is not None else self.timeout
        with self._lock.writing():
            self._stop_readers()
            try:
                writer = self._spawn(read_only=False)
                reply = _call(writer, UpdateJob(sparql), deadline)
                writer.stop()
            finally:
                self._start_readers()
        if isinstance(reply, Failure):
            raise _as_error(reply)

    def close(self) -> None:
        with self._lock.writing():
            self._stop_readers()

    def _take_idle(self, deadline: float) -> _Worker:
        try:
            return self._idle.get(timeout=deadline)
        except queue.Empty:
            raise SparqlError(SPARQL_BUSY, f"all {self.size} query workers stayed busy for "
                                           f"{deadline:g} s") from None

    def _spawn(self, *, read_only: bool) -> _Worker:
        worker = _Worker(self.store_dir, read_only=read_only)
        worker.wait_ready()
        return worker

    def _start_readers(self) -> None:
        workers = [_Worker(self.store_dir, read_only=True) for _ in range(self.size)]
        for worker in workers:  # started together, so their start-up overlaps
            worker.wait_ready()
            self._idle.put(worker)

    def _stop_readers(self) -> None:
        while not self._idle.empty():
            self._idle.get_nowait().stop()


def _call(worker: _Worker, job: QueryJob | UpdateJob, deadline: float) -> Reply:
    """Run one job; a worker that overran or died is killed (the caller replaces it)."""
    try:
        return worker.call(job, deadline)
    except _WorkerTimeoutError:
        worker.kill()
        raise SparqlError(SPARQL_TIMEOUT, f"the query ran longer than {deadline:g} s and was "
                                          "stopped") from None
    except StoreError:
        worker.kill()
        raise


def _as_error(failure: Failure) -> GovtraceError:
    error = SparqlError if failure.code.startswith("GT-SPARQL") else StoreError
    return error(CODES[failure.code], failure.detail, location=failure.location)

