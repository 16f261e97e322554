"""Which store the settings mean: the one module that reads ``settings.store_backend``.

Everything that opens a store asks here, so the choice between the embedded Oxigraph
directory (:mod:`govtrace.graph.store_oxigraph`), a remote SPARQL 1.1 server
(:mod:`govtrace.graph.store_remote`) and a remote Virtuoso (its dialect,
:mod:`govtrace.graph.store_virtuoso`) is made in one place. Backends are imported inside
the functions: opening the embedded store needs pyoxigraph's RocksDB, the remote one httpx,
and the HTTP endpoint's pool starts processes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from govtrace.graph.store import GraphStore, SparqlService
from govtrace.settings import Settings, StoreBackend

if TYPE_CHECKING:
    from govtrace.graph.store_oxigraph import EmbeddedStore
    from govtrace.graph.store_remote import RemoteStore

_REMOTE = (StoreBackend.REMOTE, StoreBackend.VIRTUOSO)


def _open_remote(settings: Settings) -> RemoteStore:
    if settings.store_backend is StoreBackend.VIRTUOSO:
        from govtrace.graph.store_virtuoso import VirtuosoStore

        return VirtuosoStore.from_settings(settings)
    from govtrace.graph.store_remote import RemoteStore

    return RemoteStore.from_settings(settings)


def store_exists(settings: Settings) -> bool:
    """Whether there is a store to open. An embedded store exists once its directory does;
    a remote server is taken to exist (reaching it is checked when it is first asked)."""
    if settings.store_backend in _REMOTE:
        return True
    return settings.resolved_store_dir.exists()


def store_location(settings: Settings) -> str:
    """Where the store is, as text that tells two stores apart (what build caches are keyed
    by): the embedded directory's absolute path, or the remote server's update URL."""
    if settings.store_backend in _REMOTE:
        return settings.remote_update_url or ""
    return str(settings.resolved_store_dir.resolve())


def open_store(settings: Settings, *, read_only: bool = False) -> GraphStore:
    """The store the settings select. ``read_only`` opens an embedded store without the
    single writer's lock (safe beside a running server); a remote server ignores it."""
    if settings.store_backend in _REMOTE:
        return _open_remote(settings)
    from govtrace.graph.store_oxigraph import EmbeddedStore

    return EmbeddedStore.open(settings, read_only=read_only)


def open_snapshot(settings: Settings, path: Path | None = None) -> EmbeddedStore | None:
    """A read-only embedded handle, which sees the graph as it was when opened (so answers
    read from it may be cached until the next update), of the store or of its checkpoint at
    ``path`` (:mod:`govtrace.graph.snapshots`); None for a remote store, which others may
    write to at any time."""
    if settings.store_backend in _REMOTE:
        return None
    from govtrace.graph.store_oxigraph import EmbeddedStore

    return EmbeddedStore.open(settings, read_only=True, path=path)


def open_sparql_service(settings: Settings) -> SparqlService:
    """What answers user SPARQL (``/sparql``): the remote server itself, or a pool of
    killable query processes over the embedded directory (so a deadline really stops a
    query)."""
    if settings.store_backend in _REMOTE:
        return _open_remote(settings)
    from govtrace.graph.query_pool import QueryPool
    from govtrace.graph.store_oxigraph import open_oxigraph

    open_oxigraph(settings.resolved_store_dir, read_only=True)  # fail fast: GT-STORE-004
    return QueryPool(settings.resolved_store_dir, size=settings.query_workers,
                     timeout=settings.query_timeout,
                     memory_limit_mb=settings.query_memory_limit,
                     preempt_after=settings.query_preempt_after or None)
