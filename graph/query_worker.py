"""The child side of the query pool: a process that owns one open Oxigraph store.

pyoxigraph cannot interrupt a running query from Python (``Store.query`` has
no timeout and holds the thread until Oxigraph returns), so each query runs in
one of these processes and a query past its deadline is stopped by killing
the process (:mod:`govtrace.graph.query_pool`).
"""

from __future__ import annotations

from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from govtrace.errors import GovtraceError, Location
from govtrace.graph.oxigraph_query import run_query, syntax_error
from govtrace.graph.results import QueryResult
from govtrace.graph.store import QueryDataset
from govtrace.graph.store_oxigraph import open_oxigraph


@dataclass(frozen=True)
class QueryJob:
    sparql: str
    dataset: QueryDataset
    limit: int | None


@dataclass(frozen=True)
class UpdateJob:
    sparql: str


@dataclass(frozen=True)
class Failure:
    """A coded error sent back to the parent (exceptions with keyword state do not pickle)."""

    code: str
    detail: str
    location: Location | None


Reply = QueryResult | Failure | None


def serve_jobs(conn: Connection, store_dir: str, read_only: bool) -> None:
    """Open the store, say ``ready`` (or why not), then answer jobs until told to stop."""
    try:
        store = open_oxigraph(Path(store_dir), read_only=read_only)
    except GovtraceError as exc:
        conn.send(_failure(exc))
        return
    conn.send(None)
    while True:
        job = conn.recv()
        if job is None:
            break
        try:
            if isinstance(job, UpdateJob):
                try:
                    store.update(job.sparql)
                except SyntaxError as exc:
                    raise syntax_error(exc, job.sparql) from None
                conn.send(None)
            else:
                conn.send(run_query(store, job.sparql, job.dataset, job.limit))
        except GovtraceError as exc:
            conn.send(_failure(exc))
    if not read_only:
        store.flush()


def _failure(exc: GovtraceError) -> Failure:
    return Failure(exc.code, exc.detail, exc.location)
