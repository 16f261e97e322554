"""A readers–writer lock: many queries at once, or one update alone (the stdlib has none).

Shared by the killable query pool and the API's in-process answer service, which both
must let every reader of a read-only store handle finish before an update runs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ReadWriteLock:
    """Readers share it; a writer waits for them to leave and keeps new ones out.

    Not owned by a thread: a reader may enter in one thread and leave in another (FastAPI
    runs a dependency's set-up and tear-down in different pool threads)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._writing = True
            self._cond.wait_for(lambda: self._readers == 0)
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()
