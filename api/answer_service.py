"""The JSON API's own questions: answered in-process, cached, and refreshed by updates.

User SPARQL (``/sparql``, ``/api/queries``) runs in the killable process pool
(:mod:`govtrace.graph.query_pool`) because a user can write a query that never ends. The
answer functions of :mod:`govtrace.queries` run fixed, bounded queries, so shipping each
of them to a worker process only adds pickling and a pipe round trip per query, and caps
concurrency at the pool's size. Here they run on an in-process read-only Oxigraph handle
instead (pyoxigraph releases the GIL while Oxigraph evaluates, so the server's thread pool
runs them in parallel), and a request's whole answer, serialized, is kept in a bounded LRU
cache: the graph only changes by a SPARQL Update through ``/sparql``, which
:class:`UpdateAwareSparql` routes through :meth:`AnswerService.updating`, or by a build,
which :meth:`AnswerService.reload` picks up (``govtrace serve`` asks every
``store_watch_seconds``).

Over the embedded store the handle is opened on the query pool's current snapshot
(:mod:`govtrace.graph.snapshots`), so the JSON API and ``/sparql`` answer from the same
data. An update or a reload waits for the requests in flight, lets the pool publish its
new snapshot, then opens a handle on it with an empty cache.

``/api/mandates`` searches an in-memory index of the cited tasks
(:mod:`govtrace.queries.citing_tasks`), which needs a pass over the store (about 30 s of
two busy cores at 10,000 documents), and ``/api/search`` one of every task and report item
(:mod:`govtrace.queries.search`). ``govtrace build`` writes both, and the whole-corpus
answers (coverage, the lists of documents and regulations), into the store
(:mod:`govtrace.queries.serving_index`); a snapshot of the state they were computed from
opens them. Otherwise (no index, or one older than the store: an update since, or a store
built before there were indexes) each snapshot's indexes are built as soon as the snapshot
opens — at start and after every update — in a background thread, as a reader: the server
answers everything else meanwhile and a question waits for its index instead of starting a
pass of its own. Built lazily instead, the first question after a start or an
update would take the whole pass; built before the port opens, so would every start and
every update (under the write lock, with all readers waiting). A remote store is never a
snapshot (others may write to it), so there the cited tasks are read per question and
search asks the store, like the cache is off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Concatenate

from fastapi import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from govtrace.api.negotiation import JSON
from govtrace.api.rendered_list import RenderedList
from govtrace.graph.query_pool import QueryPool
from govtrace.graph.results import QueryResult
from govtrace.graph.rwlock import ReadWriteLock
from govtrace.graph.snapshots import Snapshot
from govtrace.graph.store import UNION, QueryDataset, SparqlService
from govtrace.graph.store_factory import open_snapshot
from govtrace.ontology.divisions import get_gazetteer
from govtrace.ontology.iris import IriScheme
from govtrace.queries.answers import Answers
from govtrace.queries.indexed_rows import IndexedRows
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.serving_index import store_stamp, try_open_index
from govtrace.settings import Settings

# A question: a function of the answers and hashable arguments (the normalized request
# parameters), giving the response model, or its JSON where the answer is rendered already
# (served as it is). Functions, not lambdas, so that equal questions are equal cache keys.
Question = Callable[Concatenate[Answers, ...], BaseModel | bytes]
_Key = tuple[Question, tuple[Hashable, ...], tuple[tuple[str, Hashable], ...]]


class _LruCache:
    """Rendered answers by key, the least recently used dropped beyond ``size``.

    Hand-written rather than ``functools.lru_cache`` because the event loop must be able to
    look an answer up without computing it on a miss (that happens in a worker thread)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[_Key, bytes] = OrderedDict()
        self._lock = threading.Lock()  # held for O(1) dict work only, never across a query

    def get(self, key: _Key) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: _Key, body: bytes) -> None:
        if self.size == 0:
            return
        with self._lock:
            self._items[key] = body
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


@dataclass(frozen=True)
class _Snapshot:
    """One read-only view of the graph and the answers rendered from it."""

    answers: Answers
    cache: _LruCache
    held: Snapshot | None = None
    """The pool's snapshot this view reads, kept on disk until it is replaced."""
    lists: dict[_Key, RenderedList] = field(default_factory=dict)
    """The index's long lists, rendered on first use (:meth:`AnswerService.index_list`)."""


class AnswerService:
    """What the JSON routes ask: :class:`Answers` over the app's graph, and cached JSON."""

    def __init__(self, settings: Settings, sparql: SparqlService) -> None:
        self._settings = settings
        self._sparql = sparql
        self._lock = ReadWriteLock()
        self._snapshot: _Snapshot | None = self._open()
        self.generation = 0  # how many updates it has seen (tests read it)
        self._index_in_background(self._snapshot)

    def _open(self) -> _Snapshot:
        scheme = IriScheme(self._settings.base_iri)
        store_dir = self._settings.resolved_store_dir
        # The index is the snapshot's only if the store did not change around the taking of
        # the snapshot (a build swapping its store in, an update).
        stamp = store_stamp(store_dir) if store_dir.is_dir() else None
        held = self._sparql.snapshots.retain() if isinstance(self._sparql, QueryPool) else None
        store = open_snapshot(self._settings, held.path if held else None)
        if store is None:
            # Others may write to it: never cache, and read the index per question.
            return _Snapshot(Answers(self._sparql, scheme, snapshot=False), _LruCache(0))
        prebuilt = (try_open_index(store_dir, stamp)
                    if stamp is not None and store_stamp(store_dir) == stamp else None)
        # With the index, documents and regulations are described from it (IndexedRows).
        rows = (IndexedRows(store, prebuilt.corpus, prebuilt.link_details) if prebuilt
                else OxigraphRows(store))
        return _Snapshot(Answers(rows, scheme, prebuilt=prebuilt),
                         _LruCache(self._settings.api_cache_size), held)

    def _index_in_background(self, snapshot: _Snapshot) -> None:
        """Build ``snapshot``'s indexes (cited tasks, then all passages for search), or open
        the build's, in a thread (see the module's doc)."""
        if not snapshot.answers.snapshot:
            return

        def build() -> None:
            get_gazetteer()  # read on first use: 5 s before a division's first answer
            with self._lock.reading():
                if self._snapshot is snapshot:  # else an update replaced it meanwhile
                    if snapshot.answers.prebuilt:  # what most routes read, first
                        snapshot.answers.prebuilt.corpus.get()
                    cited = snapshot.answers.citing_tasks.get()
                    cited.table.get()  # what mandates weighs
                    snapshot.answers.passages.get()
                    if snapshot.answers.prebuilt:  # what lineage and task references read
                        snapshot.answers.prebuilt.link_details.get()
                    # What mandates shows: read with the cited tasks, but rendered here (last,
                    # after what other first answers wait for) from an index written before
                    # the build rendered it (0.8 s of CPU at 30,000 documents).
                    cited.evidence.get()

        threading.Thread(target=build, name="govtrace-citing-tasks", daemon=True).start()

    @contextmanager
    def reading(self) -> Iterator[Answers]:
        """The answers over the current graph; an update waits until the block ends."""
        with self._lock.reading():
            assert self._snapshot is not None  # only None inside `updating`, under the lock
            yield self._snapshot.answers

    async def json(self, question: Question, *args: Hashable, **kwargs: Hashable) -> Response:
        """``question(answers, *args, **kwargs)`` as a JSON response.

        A cached answer is served on the event loop (no thread hand-off); a miss is
        computed in a worker thread. Each snapshot has its own cache, so an answer computed
        from the graph before an update can never be served after it."""
        key: _Key = (question, args, tuple(sorted(kwargs.items())))
        snapshot = self._snapshot
        body = snapshot.cache.get(key) if snapshot is not None else None
        if body is None:
            body = await run_in_threadpool(self._render, key)
        return Response(body, media_type=JSON)

    async def index_list(self, question: Question, rows: str, *args: Hashable
                         ) -> RenderedList | None:
        """``question(answers, *args)``, whose list ``rows`` is answered from the build's
        index, rendered once per snapshot (see :mod:`govtrace.api.rendered_list`); None
        without an index (the answer is then the store's: asked and cached as any other)."""
        snapshot = self._snapshot
        if snapshot is None or snapshot.answers.prebuilt is None:
            return None
        key: _Key = (question, (rows, *args), ())
        listed = snapshot.lists.get(key)
        if listed is None:
            listed = await run_in_threadpool(self._render_list, key)
        return listed

    def _render_list(self, key: _Key) -> RenderedList:
        question, (rows, *args), _ = key
        with self._lock.reading():
            snapshot = self._snapshot
            assert snapshot is not None
            listed = snapshot.lists.get(key)
            if listed is None:  # (two first requests may both get here: the same answer)
                answer = question(snapshot.answers, *args)
                assert isinstance(answer, BaseModel), "a list the index answers is a model"
                listed = RenderedList.of(answer, str(rows))
                snapshot.lists[key] = listed
        return listed

    def _render(self, key: _Key) -> bytes:
        question, args, kwargs = key
        with self._lock.reading():
            snapshot = self._snapshot
            assert snapshot is not None
            answer = question(snapshot.answers, *args, **dict(kwargs))
            body = answer if isinstance(answer, bytes) else answer.model_dump_json().encode()
            snapshot.cache.put(key, body)
        return body

    def updating(self, update: Callable[[], None]) -> None:
        """Run ``update`` with no reader in flight and the handle closed, then reopen."""
        with self._lock.writing():
            self._drop()  # the read-only handle goes before the writer opens
            try:
                update()
            finally:
                self.generation += 1
                self._snapshot = snapshot = self._open()
        self._index_in_background(snapshot)

    def reload(self) -> bool:
        """Answer from the store a build has put in place since the last snapshot, if one
        has (every part at once: the pool's workers from their next query on, and these
        answers); False when nothing changed, a build is still running, or the store is
        remote."""
        if not isinstance(self._sparql, QueryPool) or not self._sparql.refresh():
            return False  # (asked outside the lock: most calls find nothing new)
        with self._lock.writing():
            self._drop()
            self.generation += 1
            self._snapshot = snapshot = self._open()
        self._index_in_background(snapshot)
        return True

    def close(self) -> None:
        with self._lock.writing():
            self._drop()

    def _drop(self) -> None:
        snapshot, self._snapshot = self._snapshot, None
        if snapshot is not None and snapshot.held is not None:
            assert isinstance(self._sparql, QueryPool)
            self._sparql.snapshots.release(snapshot.held)


class UpdateAwareSparql:
    """The ``/sparql`` service, with each update passed through :meth:`AnswerService.updating`
    so that the JSON API sees it at once."""

    def __init__(self, inner: SparqlService, answers: AnswerService) -> None:
        self.inner = inner
        self.answers = answers

    def query(self, sparql: str, *, dataset: QueryDataset = UNION,
              timeout: float | None = None, limit: int | None = None) -> QueryResult:
        return self.inner.query(sparql, dataset=dataset, timeout=timeout, limit=limit)

    def update(self, sparql: str, *, timeout: float | None = None) -> None:
        self.answers.updating(lambda: self.inner.update(sparql, timeout=timeout))

    def close(self) -> None:
        self.answers.close()
        self.inner.close()

