"""A small cache of what is built once per candidate level and shared by siblings."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from govtrace.graph.lineage.seams import Candidates

T = TypeVar("T")


class LevelCache(Generic[T]):
    """Values by the documents of a level, least recently used dropped first.

    Siblings share parents (every county of a city links into the city's plan), so
    what is built from a level's items is built once for all of them. A value is
    keyed by the identity of the level's document views and keeps them alive, so a
    replaced document (a new view) never meets its old value.
    """

    def __init__(self, build: Callable[[Candidates], T], size: int = 256) -> None:
        self._build = build
        self._size = size
        self._values: OrderedDict[tuple[int, ...], tuple[Candidates, T]] = OrderedDict()

    def get(self, candidates: Candidates) -> T:
        key = tuple(id(view) for view in candidates.docs)
        hit = self._values.get(key)
        if hit is not None:
            self._values.move_to_end(key)
            return hit[1]
        value = self._build(candidates)
        self._values[key] = (candidates, value)
        if len(self._values) > self._size:
            self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every value (as ``functools`` caches' ``cache_clear``)."""
        self._values.clear()
