"""Queries with a deadline that really stops them: a pool of killable processes.

Each worker process answers one query at a time on the current snapshot of the store
(:mod:`govtrace.graph.snapshots`), so every answer comes from one consistent view however
often workers are replaced. A query that outlives its timeout is stopped by SIGKILL of its
worker (a snapshot is only read, so nothing is left behind) and a fresh worker takes its
place in the background; the caller gets ``GT-SPARQL-002`` and the other workers keep
answering. Whatever else a query does to its worker, the pool answers with a coded error
and stays whole:

* an exception, a pyoxigraph panic included, comes back as a coded error from the worker,
  which keeps serving (:mod:`govtrace.graph.query_worker`);
* past ``memory_limit_mb`` Oxigraph aborts the worker: ``GT-SPARQL-011``;
* a worker that dies of anything else (killed from outside, found dead while idle) is
  replaced and the query runs again on another worker, once.

**Fair scheduling** (``preempt_after``): when a query is waiting for a worker and none is
free, the query that has been running longest gives way, if it has run ``preempt_after``
seconds: its worker is killed and replaced, its client gets ``GT-SPARQL-010`` (503, retry
later). A query text that was stopped (timeout, preemption, memory) is remembered, and
waits at the back: it takes a worker only when no other query waits, never makes another
give way, and gives way at once. So a few runaway queries, resent as fast as they fail, cannot lock
everyone else out for ``query_timeout``. Measured in bench/runaway_bench.py; the policy is
described in docs/store.md.

**Updates** run in one writer process that opens the store for writing only for the
update (so a build can run between updates), holding the build lock
(:mod:`govtrace.graph.build_lock`); it then checkpoints the store as the new snapshot, and
the readers read it from their next query on: no reader is stopped or restarted.
:meth:`QueryPool.refresh` takes a new snapshot when a build has replaced the store.

**Waiting** is one line for every caller: a query takes a free worker at once only when no
other query waits; otherwise it joins the line, and a worker set free is handed directly to
the first waiter (cheap queries before those stopped before), marked busy for it, so no
newcomer can take it between the waiter's wake-up and its turn. Without the hand-off a
waiter woken to find its worker taken went back to the end of the line: at 32 clients some
queries waited over 2 s (issue 16).

**Answered here**: a query a worker has answered with at most ``_HERE_SECONDS`` of CPU is,
from then on, answered in the calling process itself, on the same snapshot and dataset, with
no hop to a worker (which cost more than such a query's whole evaluation, issue 16). The
same text on the same snapshot does the same work each time, so such a query cannot run away
where nothing could stop it; every other query, and any text whose cost may vary (RAND, NOW,
UUID, SERVICE), goes to a worker.

**From an event loop** (:meth:`QueryPool.query_async`, what ``/sparql`` uses) a query waits
in the same line on the loop, and awaits its reply there too: no thread, and none of the
hidden queueing of a thread pool, where a query not yet started counted as no waiter.

**Starting** does not wait for the workers: they start in the background and the first is
handed to whoever waits by then, in the same line, so a server opens its port without paying
their start-up (issue 16); :meth:`QueryPool.wait_ready` waits for them. The first snapshot is
taken in the calling process, for the same reason. They are forked from a fork server that
has imported their modules once (``_CONTEXT``).

Measured overhead of a pooled query against an in-process one: see
bench/sparql_bench.py (``pool`` section); over HTTP against ``oxigraph serve``:
bench/sparql_overhead_bench.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import shutil
import signal
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import NamedTuple

from govtrace.errors import (
    CODES,
    SPARQL_BUSY,
    SPARQL_MEMORY,
    SPARQL_PREEMPTED,
    SPARQL_TIMEOUT,
    STORE_BUILD_LOCKED,
    STORE_FAULT,
    STORE_UNAVAILABLE,
    GovtraceError,
    SparqlError,
    StoreError,
)
from govtrace.graph.build_lock import build_lock, lock_path
from govtrace.graph.oxigraph_query import run_query
from govtrace.graph.query_worker import (
    Answer,
    CheckpointJob,
    Failure,
    Job,
    QueryJob,
    Reply,
    SnapshotReader,
    UpdateJob,
    serve_jobs,
    write,
)
from govtrace.graph.results import QueryResult
from govtrace.graph.snapshots import Snapshot, Snapshots, StoreVersion
from govtrace.graph.store import UNION, QueryDataset

_log = logging.getLogger(__name__)

_STARTUP_SECONDS = 60.0  # opening a large store replays its write-ahead log
# Not "fork": the server process runs threads (uvicorn, anyio), which fork would copy in
# whatever state they are in. A fork server (one process started fresh, as "spawn" starts
# each) imports the worker's modules once and forks every worker from itself: a worker then
# starts in milliseconds instead of about 0.3 s of CPU importing them again (issue 16: two
# workers per serving process at start, and each replacement of one stopped).
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["govtrace.graph.query_worker"])
_EXPENSIVE_KEPT = 1000  # query texts remembered as stopped (timeout, preemption, memory)
_FAST_KEPT = 1000  # queries remembered as answered within _HERE_SECONDS
_HERE_SECONDS = 0.002
"""A query a worker answered with this much CPU time is answered in the serving process from
then on, on the same snapshot and dataset: the hop to a worker and back costs about as much
(issue 16), and the query has shown it cannot run away (see QueryPool.query)."""
_HERE_WALL_SECONDS = 0.05
"""And within this on the wall clock: a query that waits on the disk uses little CPU."""
# Words in a query whose cost may change from one run to the next: random or time-dependent
# values (a FILTER on RAND() may scan much or little) and SERVICE calls, which wait on others.
_UNSTEADY = ("rand", "uuid", "now", "service")
# Why the store cannot be checkpointed for now: a build, or another writer, holds it.
_WRITER_ELSEWHERE = (STORE_BUILD_LOCKED, STORE_UNAVAILABLE)


class _WorkerTimeoutError(Exception):
    pass


class _WorkerDiedError(Exception):
    def __init__(self, exitcode: int | None) -> None:
        super().__init__(f"exit code {exitcode}")
        self.exitcode = exitcode


class _Worker:
    def __init__(self, memory_limit: int | None) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process: BaseProcess = _CONTEXT.Process(
            target=serve_jobs, args=(child, memory_limit), daemon=True,
            name="govtrace-query-worker")
        self.process.start()
        child.close()
        self.preempted = False  # set (under the pool's lock) by a waiter that killed it

    def wait_ready(self) -> None:
        self._receive(_STARTUP_SECONDS)

    def call(self, job: Job, timeout: float) -> Reply:
        try:
            self.conn.send(job)
        except OSError:  # a broken pipe: it died before the job
            raise self._died() from None
        return self._receive(timeout)

    async def call_async(self, job: Job, timeout: float) -> Reply:
        """:meth:`call`, its reply awaited on the event loop instead of a blocked thread."""
        try:
            self.conn.send(job)
        except OSError:
            raise self._died() from None
        loop = asyncio.get_running_loop()
        readable = loop.create_future()
        fd = self.conn.fileno()

        def ready() -> None:
            if not readable.done():
                readable.set_result(None)

        loop.add_reader(fd, ready)
        try:
            await asyncio.wait_for(readable, timeout)
        except TimeoutError:
            raise _WorkerTimeoutError from None
        finally:
            loop.remove_reader(fd)
        # The reply, or the end of the pipe, is there: a worker writes a reply whole.
        return self._receive(0)

    def stop(self) -> None:
        """Let the worker close its store cleanly."""
        try:
            self.conn.send(None)
            self.process.join(timeout=10)
        except OSError:
            pass  # already gone
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def _receive(self, timeout: float) -> Reply:
        try:
            if not self.conn.poll(timeout):
                raise _WorkerTimeoutError
            reply: Reply = self.conn.recv()
        except (EOFError, OSError):
            raise self._died() from None
        return reply

    def _died(self) -> _WorkerDiedError:
        self.process.join(timeout=5)
        return _WorkerDiedError(self.process.exitcode)


class _Waiter:
    """A query in line for a worker: ``worker`` is set, under the pool's lock, when one is
    handed to it, and ``wake`` then tells it so (from any thread)."""

    def __init__(self, sparql: str, wake: Callable[[], object]) -> None:
        self.sparql = sparql
        self.wake = wake
        self.worker: _Worker | None = None


class QueryPool:
    """A :class:`~govtrace.graph.store.SparqlService` over an embedded store directory."""

    def __init__(self, store_dir: Path, *, size: int, timeout: float,
                 memory_limit_mb: int | None = None, preempt_after: float | None = None
                 ) -> None:
        self.store_dir = store_dir
        self.size = size
        self.timeout = timeout
        self.memory_limit_mb = memory_limit_mb
        self.preempt_after = preempt_after
        self.snapshots = Snapshots(store_dir)
        self._lock = threading.RLock()
        self._arrived = threading.Condition(self._lock)  # a worker coming has come (or not)
        self._idle: list[_Worker] = []
        self._busy: dict[_Worker, tuple[float, bool]] = {}  # began when, stopped before
        # Workers starting (at first, all of them), or promised by a preemption.
        self._coming = size
        # In line for a worker, first come first served: queries not in _expensive, and
        # those that are (served only when no cheap query waits).
        self._cheap_line: deque[_Waiter] = deque()
        self._expensive_line: deque[_Waiter] = deque()
        self._expensive: OrderedDict[str, None] = OrderedDict()
        self._fast: OrderedDict[_FastKey, None] = OrderedDict()
        self._here = SnapshotReader()  # the snapshot as this process reads it
        self._here_lock = threading.Lock()
        self._closed = False
        self._writing = threading.Lock()
        self._writer: _Worker | None = None
        self._seen: StoreVersion | None = None  # the store the current snapshot was taken of
        for _ in range(size):  # started together, so their start-ups overlap
            self._come()
        try:
            self._first_checkpoint()
        except BaseException:
            self.close()  # the workers coming stop as they come
            raise

    def _first_checkpoint(self) -> None:
        with self._writing:
            try:
                with build_lock(self.store_dir, wait=False):
                    self._checkpoint(here=True)
            except StoreError as exc:
                if exc.error not in _WRITER_ELSEWHERE:
                    raise
                # A build writes a copy of the store and swaps it in whole, so the store
                # itself holds still meanwhile; refresh() takes the build's result. Another
                # process holding the store open for writing (a script, `oxigraph serve`)
                # must not stop the server from starting either. The store's version is read
                # before the checkpoint, so whatever such a writer does after shows as a
                # change; read after, as under the lock, it could hide one. (Setting none
                # instead made every server process that started beside another, which
                # holds the lock for its own checkpoint, take a second one at once.)
                seen = StoreVersion.of(self.store_dir)
                self._checkpoint(here=True)
                self._seen = seen

    def wait_ready(self, timeout: float = _STARTUP_SECONDS) -> bool:
        """Wait until every worker started (at construction, or replacing one) has come, or
        failed to; False if some are still starting after ``timeout`` seconds. Queries need
        not call it: they wait in line for the first worker."""
        with self._lock:
            return self._arrived.wait_for(lambda: self._coming == 0, timeout)

    # --- queries ----------------------------------------------------------------------------

    def query(self, sparql: str, *, dataset: QueryDataset = UNION,
              timeout: float | None = None, limit: int | None = None) -> QueryResult:
        """Run a query in a worker; or here, in the calling process, when a worker answered
        the same text on the same snapshot and dataset within ``_HERE_SECONDS`` of CPU.

        A query runs here only after that: Oxigraph's evaluation of one text over one
        snapshot does the same work each time, so a query seen to finish in milliseconds
        cannot run away here, where nothing could stop it (texts whose cost may vary,
        ``_UNSTEADY``, always go to a worker)."""
        deadline = timeout if timeout is not None else self.timeout
        snapshot = self.snapshots.retain()
        try:
            key = _FastKey(snapshot.generation, sparql, dataset, limit)
            if self._known_fast(key):
                return self._answer_here(snapshot, key)
            reply = self._run(QueryJob(sparql, dataset, limit, str(snapshot.path)), deadline)
        finally:
            self.snapshots.release(snapshot)
        return self._result(reply, key)

    async def query_async(self, sparql: str, *, dataset: QueryDataset = UNION,
                          timeout: float | None = None, limit: int | None = None
                          ) -> QueryResult:
        """:meth:`query` for an event loop: it waits for a worker and for the reply on the loop
        itself. The hop to a thread and back cost about a fifth of a small query's time over
        HTTP (issue 16)."""
        deadline = timeout if timeout is not None else self.timeout
        snapshot = self.snapshots.retain()
        try:
            key = _FastKey(snapshot.generation, sparql, dataset, limit)
            if self._known_fast(key):  # on the loop itself: it takes at most _HERE_SECONDS
                return self._answer_here(snapshot, key)
            job = QueryJob(sparql, dataset, limit, str(snapshot.path))
            for last in (False, True):
                worker = await self._acquire_async(deadline, sparql)
                started = time.monotonic()
                try:
                    reply = await worker.call_async(job, deadline)
                except asyncio.CancelledError:  # its reply would be the next job's: not reused
                    self._discard(worker)
                    raise
                except (_WorkerTimeoutError, _WorkerDiedError) as exc:
                    error = self._failed(worker, job, exc, time.monotonic() - started,
                                         deadline, last=last)
                    if error is not None:
                        raise error from None
                    continue  # not this query's doing, as far as can be told: run it again
                self._release(worker)
                return self._result(reply, key)
        finally:
            self.snapshots.release(snapshot)
        raise AssertionError("unreachable")

    def _known_fast(self, key: _FastKey) -> bool:
        with self._lock:
            if key not in self._fast:
                return False
            self._fast.move_to_end(key)
            return True

    def query_here(self, sparql: str, *, dataset: QueryDataset = UNION,
                   limit: int | None = None) -> QueryResult | None:
        """The answer :meth:`query` would give in this process, or None when it would go to a
        worker: for a caller with a leaner way to answer the first (``/sparql``'s direct
        answers, :mod:`govtrace.api.http_protocol`) that leaves the rest to :meth:`query`."""
        snapshot = self.snapshots.retain()
        try:
            key = _FastKey(snapshot.generation, sparql, dataset, limit)
            return self._answer_here(snapshot, key) if self._known_fast(key) else None
        finally:
            self.snapshots.release(snapshot)

    def _answer_here(self, snapshot: Snapshot, key: _FastKey) -> QueryResult:
        with self._here_lock:
            store = self._here.at(str(snapshot.path))
        return run_query(store, key.sparql, key.dataset, key.limit, small=True)

    def _result(self, reply: Reply, key: _FastKey) -> QueryResult:
        if isinstance(reply, Failure):
            raise _as_error(reply)
        assert isinstance(reply, Answer)
        folded = key.sparql.casefold()
        if (reply.cpu_seconds <= _HERE_SECONDS and reply.seconds <= _HERE_WALL_SECONDS
                and not any(word in folded for word in _UNSTEADY)):
            with self._lock:
                self._fast[key] = None
                if len(self._fast) > _FAST_KEPT:
                    self._fast.popitem(last=False)
        return reply.result

    def _run(self, job: QueryJob, deadline: float) -> Reply:
        for last in (False, True):
            worker = self._acquire(deadline, job.sparql)
            started = time.monotonic()
            try:
                reply = worker.call(job, deadline)
            except (_WorkerTimeoutError, _WorkerDiedError) as exc:
                error = self._failed(worker, job, exc, time.monotonic() - started, deadline,
                                     last=last)
                if error is not None:
                    raise error from None
                continue  # not this query's doing, as far as can be told: run it again
            self._release(worker)
            return reply
        raise AssertionError("unreachable")

    def _failed(self, worker: _Worker, job: QueryJob,
                exc: _WorkerTimeoutError | _WorkerDiedError, ran: float, deadline: float, *,
                last: bool) -> GovtraceError | None:
        """Replace a worker that overran or died; the client's error, or None when the query
        is not to blame and may run again (unless it was its ``last`` attempt)."""
        self._discard(worker)
        if isinstance(exc, _WorkerTimeoutError):
            self._remember_expensive(job.sparql)
            return SparqlError(SPARQL_TIMEOUT, f"the query ran longer than {deadline:g} s "
                                               "and was stopped")
        error = self._cause_of(worker, exc, ran)
        if error is not None:
            self._remember_expensive(job.sparql)
            return error
        if last:
            return StoreError(STORE_FAULT, "two query worker processes died running this "
                                           f"query ({exc})")
        return None

    def _cause_of(self, worker: _Worker, died: _WorkerDiedError, ran: float
                  ) -> GovtraceError | None:
        if worker.preempted:
            return SparqlError(
                SPARQL_PREEMPTED, f"the query had run {ran:.1f} s when another query was "
                f"waiting and all {self.size} workers were busy; the longest-running query "
                "gives way")
        if died.exitcode == -signal.SIGABRT and self.memory_limit_mb is not None:
            return SparqlError(SPARQL_MEMORY, f"the query needed more than the "
                                              f"{self.memory_limit_mb} MB a query may use")
        return None

    def _remember_expensive(self, sparql: str) -> None:
        with self._lock:
            self._expensive[sparql] = None
            self._expensive.move_to_end(sparql)
            if len(self._expensive) > _EXPENSIVE_KEPT:
                self._expensive.popitem(last=False)
            # The same text already in line, e.g. from the other clients of a runaway script,
            # goes to the back too: not handed the worker this one just lost.
            stopped = [waiter for waiter in self._cheap_line if waiter.sparql == sparql]
            for waiter in stopped:
                self._cheap_line.remove(waiter)
            self._expensive_line.extend(stopped)

    @property
    def _waiting(self) -> int:
        return len(self._cheap_line) + len(self._expensive_line)

    def _acquire(self, deadline: float, sparql: str) -> _Worker:
        end = time.monotonic() + deadline
        with self._lock:
            turn = threading.Condition(self._lock)
            waiter = _Waiter(sparql, turn.notify)
            self._line_up(waiter)
            try:
                while waiter.worker is None:
                    turn.wait(self._pause(end, deadline))
            except BaseException:
                self._leave(waiter)
                raise
            return waiter.worker

    async def _acquire_async(self, deadline: float, sparql: str) -> _Worker:
        """:meth:`_acquire`, waiting on the event loop."""
        end = time.monotonic() + deadline
        loop = asyncio.get_running_loop()
        turn = asyncio.Event()
        waiter = _Waiter(sparql, lambda: loop.call_soon_threadsafe(turn.set))
        with self._lock:
            self._line_up(waiter)
        try:
            while True:
                with self._lock:
                    if waiter.worker is not None:
                        return waiter.worker
                    pause = self._pause(end, deadline)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(turn.wait(), pause)
                turn.clear()
        except BaseException:  # past its deadline, or its client has gone
            with self._lock:
                self._leave(waiter)
            raise

    def _line_up(self, waiter: _Waiter) -> None:
        """Give ``waiter`` a free worker if no one else waits, else put it at the end of its
        line (called under the lock)."""
        expensive = waiter.sparql in self._expensive
        if not self._waiting:
            waiter.worker = self._take_idle(expensive)
        if waiter.worker is None:
            (self._expensive_line if expensive else self._cheap_line).append(waiter)

    def _pause(self, end: float, deadline: float) -> float:
        """How long a waiter may sleep before looking again, or GT-SPARQL-009 once it has
        waited past its deadline (called under the lock)."""
        now = time.monotonic()
        # A worker on its way (replacing a dead or stopped one) is worth its start-up time
        # beyond the deadline: the client did not cause the wait.
        limit = end + (_STARTUP_SECONDS if self._coming else 0)
        if now >= limit:
            raise SparqlError(SPARQL_BUSY, f"all {self.size} query workers stayed busy for "
                                           f"{deadline:g} s")
        # Woken only by a hand-off, a waiter also looks again at its own deadline: a worker
        # coming may have failed to start meanwhile.
        return min((end if now < end else limit) - now, self._preempt(now))

    def _leave(self, waiter: _Waiter) -> None:
        """Take a waiter that gives up out of its line; a worker handed to it meanwhile goes
        to the next (called under the lock)."""
        if waiter.worker is None:
            line = self._cheap_line if waiter in self._cheap_line else self._expensive_line
            line.remove(waiter)
            self._rearm()
        else:
            del self._busy[waiter.worker]
            self._free(waiter.worker)

    def _take_idle(self, expensive: bool) -> _Worker | None:
        """An idle worker, marked busy, or None (called under the lock)."""
        while self._idle:
            worker = self._idle.pop()
            if worker.process.is_alive():
                self._busy[worker] = (time.monotonic(), expensive)
                return worker
            self._coming += 1  # it died while idle
            self._replace(worker)
        return None

    def _free(self, worker: _Worker) -> None:
        """Hand a worker set free to the first waiter, a cheap one first, or make it idle
        (called under the lock). Handed over, never left for whoever comes next (issue 16)."""
        line = self._cheap_line or self._expensive_line
        if not line:
            self._idle.append(worker)
            return
        waiter = line.popleft()
        waiter.worker = worker
        self._busy[worker] = (time.monotonic(), line is self._expensive_line)
        waiter.wake()
        self._rearm()

    def _rearm(self) -> None:
        """Wake the first cheap waiter to reset its clock when what it waits on has changed
        (a query started, a worker is no longer coming, the waiter ahead left), so the next
        preemption is not missed (called under the lock). Waiters are otherwise woken only by
        a hand-off, and one that found nothing to preempt sleeps until its deadline."""
        if self._cheap_line:
            self._cheap_line[0].wake()

    def _preempt(self, now: float) -> float:
        """Kill the longest-running query if a waiter has no worker coming and it has run
        ``preempt_after`` seconds; the seconds until that may next be worth checking."""
        if self.preempt_after is None or len(self._cheap_line) <= self._coming:
            return float("inf")
        # A query stopped before gives way at once: it has shown what it costs.
        running = [(started - (self.preempt_after if expensive else 0), worker)
                   for worker, (started, expensive) in self._busy.items()
                   if not worker.preempted]
        if not running:
            return float("inf")
        started, worker = min(running, key=lambda item: item[0])
        if now - started < self.preempt_after:
            return self.preempt_after - (now - started)
        worker.preempted = True
        self._coming += 1  # its owner replaces it (see _discard)
        worker.process.kill()  # its owner, blocked on the pipe, sees it die
        return float("inf")

    def _release(self, worker: _Worker) -> None:
        if worker.preempted:  # answered just as it was killed: a replacement is promised
            self._discard(worker)
            return
        with self._lock:
            del self._busy[worker]
            if self._closed:
                worker.stop()
                return
            self._free(worker)

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker that overran or died, and start its replacement."""
        with self._lock:
            del self._busy[worker]
            if not worker.preempted:
                self._coming += 1
            self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        self._come()

    def _come(self) -> None:
        """Start a new worker (counted in ``_coming``) in a thread, and free it once ready:
        its start-up (for the first, the fork server's: about 0.3 s) delays neither the caller,
        which answers its client or opens the server's port at once, nor whoever waits, who
        takes the first worker free."""
        threading.Thread(target=self._arrive, daemon=True,
                         name="govtrace-query-worker-start").start()

    def _arrive(self) -> None:
        worker = self._new_worker()
        came: _Worker | None = worker
        try:
            worker.wait_ready()
        except (_WorkerDiedError, _WorkerTimeoutError) as exc:
            # The pool goes on one worker short; waiters may get GT-SPARQL-009.
            _log.warning("a query worker process failed to start (%s)", exc)
            worker.kill()
            came = None
        with self._lock:
            self._coming -= 1
            self._arrived.notify_all()
            if came is not None and self._closed:
                came.stop()
            elif came is not None:
                self._free(came)
            else:
                self._rearm()

    def _new_worker(self) -> _Worker:
        return _Worker(None if self.memory_limit_mb is None else self.memory_limit_mb << 20)

    # --- updates and snapshots -----------------------------------------------------------

    def update(self, sparql: str, *, timeout: float | None = None) -> None:
        deadline = timeout if timeout is not None else self.timeout
        with self._writing:
            try:
                with build_lock(self.store_dir, wait=False):
                    path = self.snapshots.next_path()
                    self._write(UpdateJob(sparql, str(self.store_dir), str(path)), deadline)
                    self._publish(path)
            except StoreError as exc:
                if exc.error is not STORE_BUILD_LOCKED:
                    raise
                raise StoreError(STORE_BUILD_LOCKED, f"a build is writing the store "
                                                     f"{self.store_dir}; the update was not run",
                                 location=exc.location,
                                 hint="Send the update again once the build has finished "
                                 f"(it holds {lock_path(self.store_dir)}).") from None

    def refresh(self, *, force: bool = False) -> bool:
        """Take a new snapshot if a build has replaced the store since the last one (or
        ``force``); False when nothing changed or a build is still running."""
        with self._writing:
            seen = self._seen
            if not force and seen is not None and StoreVersion.of(self.store_dir) == seen:
                return False
            try:
                with build_lock(self.store_dir, wait=False):
                    self._checkpoint()
            except StoreError as exc:
                if exc.error in _WRITER_ELSEWHERE:
                    return False  # asked again when that writer is done
                raise
            return True

    def _checkpoint(self, *, here: bool = False) -> None:
        """Take a snapshot; ``here``, in this process: at start, where the writer process's
        own start-up would delay the port (issue 16), and opening the store for a copy of it
        cannot run away as an update can."""
        path = self.snapshots.next_path()
        job = CheckpointJob(str(self.store_dir), str(path))
        if here:
            try:
                write(job)
            except GovtraceError:
                shutil.rmtree(job.checkpoint, ignore_errors=True)
                raise
        else:
            self._write(job, _STARTUP_SECONDS)
        self._publish(path)

    def _publish(self, path: Path) -> None:
        self._seen = StoreVersion.of(self.store_dir)  # after our own writes, under the lock
        self.snapshots.publish(path)

    def _write(self, job: UpdateJob | CheckpointJob, deadline: float) -> None:
        if self._writer is None:
            self._writer = self._new_worker()
            self._writer.wait_ready()
        try:
            reply = self._writer.call(job, deadline)
        except (_WorkerTimeoutError, _WorkerDiedError) as exc:
            self._writer.kill()
            self._writer = None
            shutil.rmtree(job.checkpoint, ignore_errors=True)
            if isinstance(exc, _WorkerTimeoutError):
                raise SparqlError(SPARQL_TIMEOUT, f"the update ran longer than {deadline:g} s "
                                                  "and was stopped") from None
            if exc.exitcode == -signal.SIGABRT and self.memory_limit_mb is not None:
                raise SparqlError(SPARQL_MEMORY, f"the update needed more than the "
                                                 f"{self.memory_limit_mb} MB allowed; it "
                                                 "changed nothing") from None
            raise StoreError(STORE_FAULT, f"the writer process died ({exc})") from None
        if isinstance(reply, Failure):
            shutil.rmtree(job.checkpoint, ignore_errors=True)
            raise _as_error(reply)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()
        with self._here_lock:
            self._here.close()
        with self._writing:
            if self._writer is not None:
                self._writer.stop()
                self._writer = None
        self.snapshots.close()


class _FastKey(NamedTuple):
    generation: int
    """Of the snapshot read."""
    sparql: str
    dataset: QueryDataset
    limit: int | None


def _as_error(failure: Failure) -> GovtraceError:
    error = SparqlError if failure.code.startswith("GT-SPARQL") else StoreError
    return error(CODES[failure.code], failure.detail, location=failure.location)
