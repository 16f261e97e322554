"""The child side of the query pool: a process that runs one job at a time on the store.

pyoxigraph cannot interrupt a running query from Python (``Store.query`` has
no timeout and holds the thread until Oxigraph returns), so each query runs in
one of these processes and a query past its deadline is stopped by killing
the process (:mod:`govtrace.graph.query_pool`).

A query names the snapshot it reads (:mod:`govtrace.graph.snapshots`); the worker keeps
that snapshot open and opens the next one when a job names it, so readers move to new data
in milliseconds without a new process. Whatever a job raises comes back as a coded
:class:`Failure` and the worker goes on serving; only what no ``except`` can catch (a
memory limit reached, which aborts the process, or a kill) ends it.
"""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from govtrace.errors import STORE_FAULT, GovtraceError, Location
from govtrace.graph.oxigraph_query import run_query, run_update
from govtrace.graph.results import QueryResult
from govtrace.graph.store import QueryDataset
from govtrace.graph.store_oxigraph import open_oxigraph, write_error


@dataclass(frozen=True)
class QueryJob:
    sparql: str
    dataset: QueryDataset
    limit: int | None
    snapshot: str
    """The checkpoint directory to read."""


@dataclass(frozen=True)
class UpdateJob:
    """Run ``sparql`` on the store, then checkpoint it to ``checkpoint``."""

    sparql: str
    store: str
    checkpoint: str


@dataclass(frozen=True)
class CheckpointJob:
    """Checkpoint the store to ``checkpoint``, opened read-only. Not for writing, though that
    would keep another writer out: opening a RocksDB store for writing rewrites its manifest,
    which moves the store directory's change time, which every other server process took
    for a new store and checkpointed in turn, each one's checkpoint waking the others
    every `store_watch_seconds`, for good (issue 16); and a process opening the store
    read-only at that moment failed on the manifest file removed under it. The server's own
    writers wait for the build lock, and a build writes a copy, so the store holds still."""

    store: str
    checkpoint: str


@dataclass(frozen=True)
class Failure:
    """A coded error sent back to the parent (exceptions with keyword state do not pickle)."""

    code: str
    detail: str
    location: Location | None


@dataclass(frozen=True)
class Answer:
    """A query's result, and what it took the engine to give it: the pool answers a query in
    its own process once it has seen that query answered fast (:mod:`.query_pool`)."""

    result: QueryResult
    cpu_seconds: float
    """Of this process's thread (Oxigraph evaluates in the caller's): the work the query
    takes, which a busy machine does not inflate as it does the wall clock."""
    seconds: float
    """On the wall clock, which also counts waiting for the disk."""


Job = QueryJob | UpdateJob | CheckpointJob
Reply = Answer | Failure | None


def serve_jobs(conn: Connection, memory_limit: int | None) -> None:
    """Say ``ready``, then answer jobs until told to stop (``None``) or the server is gone."""
    try:
        _serve(conn, memory_limit)
    except (BrokenPipeError, EOFError):
        return  # the server stopped while this worker started or answered: nobody listens


def _serve(conn: Connection, memory_limit: int | None) -> None:
    _limit_memory(memory_limit)
    conn.send(None)
    reader = SnapshotReader()
    while True:
        job = conn.recv()
        if job is None:
            break
        try:
            conn.send(_run(job, reader))
        except GovtraceError as exc:
            conn.send(Failure(exc.code, exc.detail, exc.location))
        except (KeyboardInterrupt, SystemExit):
            raise  # the server is stopping (Ctrl-C reaches its whole process group)
        except BaseException as exc:  # noqa: BLE001 — a pyo3 PanicException is a BaseException
            reader.close()  # a panic may leave the handle in any state: open it afresh
            conn.send(Failure(STORE_FAULT.code, f"the query engine failed on this request "
                                                f"({type(exc).__name__}: {exc})", None))


class SnapshotReader:
    """The snapshot a process has open, read-only (its caller keeps that snapshot retained
    while it reads, :class:`~govtrace.graph.snapshots.Snapshots`)."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.store: ox.Store | None = None

    def at(self, path: str) -> ox.Store:
        if self.store is None or path != self.path:
            self.close()  # before opening: the old snapshot may be deleted once unused
            self.store, self.path = open_oxigraph(Path(path), read_only=True), path
        return self.store

    def close(self) -> None:
        self.store = self.path = None


def _run(job: Job, reader: SnapshotReader) -> Reply:
    if isinstance(job, QueryJob):
        store = reader.at(job.snapshot)
        cpu, wall = time.thread_time(), time.perf_counter()
        result = run_query(store, job.sparql, job.dataset, job.limit)
        return Answer(result, time.thread_time() - cpu, time.perf_counter() - wall)
    write(job)
    return None


def write(job: UpdateJob | CheckpointJob) -> None:
    """Run an update, or take a checkpoint, on the store (also in the server itself, for its
    first snapshot)."""
    store = open_oxigraph(Path(job.store), read_only=isinstance(job, CheckpointJob))
    try:
        if isinstance(job, UpdateJob):
            run_update(store, job.sparql)
        store.backup(job.checkpoint)  # flushes first; a checkpoint is consistent
    except OSError as exc:
        raise write_error(exc, "writing the store failed") from exc
    finally:
        del store  # closes it, and frees the single writer's lock, before the reply


def _limit_memory(limit: int | None) -> None:
    """Cap the process's heap. RLIMIT_DATA, not RLIMIT_AS: address space counts RocksDB's
    thread stacks and glibc's per-thread arenas, so a 600 MB RLIMIT_AS already failed to open
    the store while a runaway query reached 1.5 GB resident under a 2 GB one; RLIMIT_DATA
    stopped the same query at 240 MB under 300. Oxigraph cannot fail an allocation softly (Rust
    aborts the process), so the pool tells the client from the exit signal."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort must not write a core file
    if limit is not None:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
