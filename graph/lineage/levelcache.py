"""Small caches of what is built once per candidate level and shared by siblings."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from govtrace.graph.lineage.seams import Candidates

K = TypeVar("K")
T = TypeVar("T")


class IdentityCache(Generic[K, T]):
    """Values by the identity of the objects a key is made of (``parts``), least recently
    used dropped first. A value keeps its key, hence those objects, alive, so an object
    that replaces one (a new document view, its new items) never meets the old value."""

    def __init__(self, build: Callable[[K], T], parts: Callable[[K], Sequence[object]],
                 size: int = 256) -> None:
        self._build = build
        self._parts = parts
        self._size = size
        self._values: OrderedDict[tuple[int, ...], tuple[K, T]] = OrderedDict()

    def get(self, key: K) -> T:
        ids = tuple(map(id, self._parts(key)))
        hit = self._values.get(ids)
        if hit is not None:
            self._values.move_to_end(ids)
            return hit[1]
        value = self._build(key)
        self._values[ids] = (key, value)
        if len(self._values) > self._size:
            self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every value (as ``functools`` caches' ``cache_clear``)."""
        self._values.clear()


class LevelCache(IdentityCache[Candidates, T]):
    """Values by the documents of a level. Siblings share parents (every county of a city
    links into the city's plan), so what is built from a level's items is built once for
    all of them."""

    def __init__(self, build: Callable[[Candidates], T], size: int = 256) -> None:
        super().__init__(build, _documents, size)


def _documents(candidates: Candidates) -> tuple[object, ...]:
    return candidates.docs
