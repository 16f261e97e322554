"""What ``/sparql`` runs its operations through: the store's SPARQL service, every operation
checked first against the federation policy (:mod:`govtrace.graph.federation`), which is
built once, with the app.

A query on the embedded store is awaited on the event loop (:meth:`QueryPool.query_async`);
on a remote store, or when its text is long enough that checking it takes a while, it goes
to a thread, check and all (lexing 1 MB for SERVICE and LOAD takes ~0.25 s).
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool

from govtrace.api.answer_service import UpdateAwareSparql
from govtrace.graph.federation import FederationPolicy
from govtrace.graph.query_pool import QueryPool
from govtrace.graph.results import QueryResult
from govtrace.graph.store import QueryDataset
from govtrace.settings import Settings

_CHECKED_INLINE = 8192
"""Characters of a query whose SERVICE / LOAD check runs on the event loop (at most ~2 ms
when it must be lexed); a longer one is checked in a thread."""


@dataclass(frozen=True)
class SparqlEndpoint:
    """The service behind ``/sparql``, with its policy and its limits."""

    service: UpdateAwareSparql
    policy: FederationPolicy
    timeout: float
    limit: int

    @classmethod
    def from_settings(cls, service: UpdateAwareSparql, settings: Settings) -> SparqlEndpoint:
        return cls(service, FederationPolicy.from_settings(settings), settings.query_timeout,
                   settings.result_limit)

    async def query(self, sparql: str, dataset: QueryDataset) -> QueryResult:
        """Run a query within the timeout, cut at the result limit."""
        pool = self.service.inner
        if isinstance(pool, QueryPool) and len(sparql) <= _CHECKED_INLINE:
            self.policy.check(sparql)
            return await pool.query_async(sparql, dataset=dataset, timeout=self.timeout,
                                          limit=self.limit)
        return await run_in_threadpool(self._checked_query, sparql, dataset)

    def query_here(self, sparql: str, dataset: QueryDataset) -> QueryResult | None:
        """:meth:`query`'s answer when the embedded store's pool gives it in this process at
        once (:meth:`QueryPool.query_here`), else None (then :meth:`query` runs it)."""
        pool = self.service.inner
        if not isinstance(pool, QueryPool) or len(sparql) > _CHECKED_INLINE:
            return None
        self.policy.check(sparql)
        return pool.query_here(sparql, dataset=dataset, limit=self.limit)

    async def update(self, sparql: str) -> None:
        await run_in_threadpool(self._checked_update, sparql)

    def _checked_query(self, sparql: str, dataset: QueryDataset) -> QueryResult:
        self.policy.check(sparql)
        return self.service.query(sparql, dataset=dataset, timeout=self.timeout,
                                  limit=self.limit)

    def _checked_update(self, sparql: str) -> None:
        self.policy.check(sparql)
        self.service.update(sparql)
