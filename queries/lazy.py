"""A value read once, on first use, under a lock: how a store snapshot's in-memory indexes
(:mod:`govtrace.queries.citing_tasks`, :mod:`govtrace.queries.search`) are built."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Lazy(Generic[T]):
    """A value read by ``read`` on first use and then kept; concurrent first uses wait for
    one read instead of each making its own."""

    def __init__(self, read: Callable[[], T]) -> None:
        self._read = read
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        if self._value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._read()
        return self._value
