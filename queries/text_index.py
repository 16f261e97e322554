"""Substring search over many passages joined into one string: what the in-memory indexes
of a store snapshot search with.

Why one joined string: ``str.find`` scans it in C, so finding every passage that contains a
query costs one pass over the text (a few milliseconds for the 2M characters of the cited
tasks at 10,000 documents), where testing each passage in Python costs a loop iteration per
passage. The SPARQL alternative, ``FILTER(CONTAINS(…))``, has no index to use and reads
every task of the store for every question.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

SEPARATOR = "\n\n"  # between passages in the scanned string (a folded query has no "\n")


class JoinedText:
    """Passages joined into one string, searched for the passages holding a substring."""

    def __init__(self, passages: Sequence[str]) -> None:
        self._passages = passages
        self._starts: list[int] = []
        offset = 0
        for passage in passages:
            self._starts.append(offset)
            offset += len(passage) + len(SEPARATOR)
        self._starts.append(offset)  # the end: where the search after the last one begins
        self._text = SEPARATOR.join(passages)

    def containing(self, needle: str) -> list[int]:
        """The positions (in the given order) of the passages that contain ``needle``."""
        found = []
        at = self._text.find(needle) if needle else -1
        while at >= 0:
            index = bisect_right(self._starts, at) - 1
            if needle in self._passages[index]:  # else the hit straddled two passages
                found.append(index)
            at = self._text.find(needle, self._starts[index + 1])
        return found

