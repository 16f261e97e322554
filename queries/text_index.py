"""Substring search over many passages joined into one string: what the in-memory indexes
of a store snapshot search with.

Why one joined string: ``str.find`` scans it in C, so finding every passage that contains a
query costs one pass over the text (a few milliseconds for the 2M characters of the cited
tasks at 10,000 documents), where testing each passage in Python costs a loop iteration per
passage. The SPARQL alternative, ``FILTER(CONTAINS(…))``, has no index to use and reads
every task of the store for every question.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from operator import add
from typing import Any

import numpy as np
import numpy.typing as npt

SEPARATOR = "\n\n"  # between passages in the scanned string (a folded query has no "\n")
FIND_FIRST = 1000
"""Occurrences found by ``str.find`` before ``re`` finds the rest (JoinedText.occurrences)."""


class JoinedText:
    """Passages joined into one string, searched for the passages holding a substring.

    It keeps the joined string and where each passage starts, nothing per passage: a
    server opens it from a build's index (:mod:`govtrace.queries.serving_index`), and one
    string and one array unpickle at the speed of a file read, where 400,000 strings at
    30,000 documents took seconds."""

    def __init__(self, passages: Sequence[str]) -> None:
        starts = array("q")
        offset = 0
        for passage in passages:
            starts.append(offset)
            offset += len(passage) + len(SEPARATOR)
        starts.append(offset)  # the end: where the search after the last one begins
        self._starts = starts
        self._text = SEPARATOR.join(passages)

    def __len__(self) -> int:
        return len(self._starts) - 1

    @property
    def text(self) -> str:
        """The passages joined, :data:`SEPARATOR` between them."""
        return self._text

    def __getitem__(self, index: int) -> str:
        return self._text[self._starts[index]:self._starts[index + 1] - len(SEPARATOR)]

    @property
    def starts(self) -> npt.NDArray[np.int64]:
        """Where each passage starts in the joined string, then where the search after the
        last one begins (its end plus the separator)."""
        return np.frombuffer(self._starts, dtype=np.int64)

    def occurrences(self, needle: str) -> npt.NDArray[np.int64]:
        """Where ``needle`` (without a newline, as every folded query is: it never spans
        two passages) starts in the joined string, non-overlapping, ascending: within a
        passage, the occurrences ``re.finditer`` finds in it alone. One scan in C of the
        whole string, where finding them passage by passage costs a Python step per
        passage (issue 16: /api/mandates). ``str.find`` scans a rare needle in half the
        time ``re`` does (1.5–3 ms against 3–5.5 for the 4.4M characters of the cited tasks
        at 30,000 documents) but costs a Python step per occurrence, so after
        :data:`FIND_FIRST` of them ``re.finditer`` takes the rest."""
        found: list[int] = []
        at = self._text.find(needle) if needle else -1
        while at >= 0 and len(found) < FIND_FIRST:
            found.append(at)
            at = self._text.find(needle, at + len(needle))
        if at >= 0:  # (the same non-overlapping matches, from where find stopped)
            found += [match.start() for match in re.compile(re.escape(needle)).finditer(
                self._text, at)]
        return np.array(found, np.int64)

    def passages_holding(self, occurrences: npt.NDArray[np.int64], length: int
                         ) -> npt.NDArray[np.int64]:
        """The positions (ascending) of the passages that hold one of ``occurrences`` of a
        needle of ``length`` characters whole (not running on into the next passage)."""
        positions = np.searchsorted(self.starts, occurrences, side="right") - 1
        whole = positions[occurrences + length <= self.starts[positions + 1] - len(SEPARATOR)]
        # Ascending already (as the occurrences are): each run's first kept, no sort.
        return whole[np.flatnonzero(np.diff(whole, prepend=-1))]


class GramIndex:
    """Which passages hold each character and each pair of adjacent characters: what
    search (:mod:`govtrace.queries.search`) counts a query's bigrams with.

    Scanning the joined text once per bigram, as :class:`JoinedText` does, reads all of
    it each time: 60M characters at 30,000 documents, 50–100 ms a bigram. The postings are
    one array of passage positions, gram after gram (a gram's run found by bisection in
    the sorted grams), so that a server opens the index as two objects, and the counting
    is numpy's."""

    def __init__(self, passages: Sequence[str]) -> None:
        postings: dict[str, array[int]] = {}
        for position, passage in enumerate(passages):
            # The pairs as map(add) makes them: a tenth faster than slicing each (issue 16).
            for gram in {*map(add, passage, passage[1:]), *passage}:
                found = postings.get(gram)
                if found is None:
                    postings[gram] = found = array("i")
                found.append(position)
        self._grams = sorted(postings)
        self._starts = array("q", [0])
        runs = array("i")
        for gram in self._grams:
            runs.extend(postings[gram])
            self._starts.append(len(runs))
        self._runs = np.frombuffer(runs, dtype=np.int32) if runs else np.zeros(0, np.int32)
        self._size = len(passages)

    def holding(self, gram: str) -> npt.NDArray[np.int32]:
        """The positions of the passages holding ``gram`` (a character or two), ascending."""
        at = bisect_left(self._grams, gram)
        if at == len(self._grams) or self._grams[at] != gram:
            return self._runs[:0]
        return self._runs[self._starts[at]:self._starts[at + 1]]

    def holding_all(self, grams: Sequence[str], chunk: int | None = None
                    ) -> Iterator[npt.NDArray[np.int32]]:
        """The positions of the passages holding every one of ``grams``, ascending, ``chunk``
        of the rarest gram's positions at a time (all at once by default): the rarest
        gram's run narrowed by each other's (a binary search per candidate), so that the
        cost follows the rarest gram, where :meth:`counts` reads every run whole (hundreds
        of thousands of positions for 行政 at 30,000 documents). A caller that needs only
        the first few stops early: then only their chunks are searched (issue 16: a search
        of a common word searched all of its tens of thousands of passages for 21)."""
        runs = sorted((self.holding(gram) for gram in grams), key=len)
        rarest = runs[0]
        step = chunk or max(len(rarest), 1)
        for start in range(0, len(rarest), step):
            found = rarest[start:start + step]
            for run in runs[1:]:
                if not len(found):
                    break
                at = np.minimum(np.searchsorted(run, found), len(run) - 1)
                found = found[run[at] == found]
            yield found

    def counts(self, grams: Sequence[str]) -> npt.NDArray[np.uint8]:
        """For each passage, how many of ``grams`` (distinct, at most 255) it holds."""
        counts = np.zeros(self._size, dtype=np.uint8)
        for gram in grams:
            counts[self.holding(gram)] += 1  # a passage is listed once per gram
        return counts


class PairPositions:
    """Where each pair of adjacent characters starts in one string: what finds a query of
    two characters or more in the cited tasks' joined passages (:mod:`govtrace.queries.
    citing_tasks`) without scanning them.

    :meth:`JoinedText.occurrences` reads the whole string for every query, whether the
    query occurs or not: 2–5 ms a question for the 4.4M characters of the cited tasks at
    30,000 documents, most of ``/api/mandates``' CPU (issue 16). A query's occurrences are
    where its pairs stand one after another, so they are the rarest pair's positions kept
    where each other pair follows at its distance: a binary search per candidate per pair.

    Stored as the string's positions sorted by the pair starting there (ascending within a
    pair), with each distinct pair and where its run starts: 4 bytes a character (the
    positions) and a few megabytes for the pairs, built with numpy's sort."""

    def __init__(self, text: str) -> None:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        pairs = (codes[:-1] << np.uint64(32)) | codes[1:]
        order = np.argsort(pairs, kind="stable")  # equal pairs keep their positions' order
        self._pairs, starts = np.unique(pairs[order], return_index=True)
        self._starts = np.append(starts, len(order)).astype(np.int64)
        self._positions: npt.NDArray[np.integer[Any]] = order.astype(
            np.int32 if len(text) < 2**31 else np.int64)

    def _run(self, pair: str) -> npt.NDArray[np.integer[Any]]:
        code = (ord(pair[0]) << 32) | ord(pair[1])
        at = int(np.searchsorted(self._pairs, code))
        if at == len(self._pairs) or int(self._pairs[at]) != code:
            return self._positions[:0]
        return self._positions[self._starts[at]:self._starts[at + 1]]

    def starting(self, character: str) -> npt.NDArray[np.int64]:
        """Where a pair starts with ``character``, ascending: every occurrence of it but at
        the string's very end. Its pairs' runs lie side by side (the pairs are sorted by
        their first character), so this is one sort of their positions, where a scan read
        the whole string (7 ms for 市's 25,000 occurrences at 30,000 documents, issue 16)."""
        low, high = np.searchsorted(self._pairs, [ord(character) << 32,
                                                  (ord(character) + 1) << 32])
        return np.sort(self._positions[self._starts[low]:self._starts[high]]).astype(np.int64)

    def occurrences(self, needle: str) -> npt.NDArray[np.int64]:
        """What :meth:`JoinedText.occurrences` gives for ``needle`` (two characters or
        more) in the string: where it starts, non-overlapping, ascending."""
        assert len(needle) >= 2, "a pair at least"
        runs = sorted(((self._run(needle[i:i + 2]), i) for i in range(len(needle) - 1)),
                      key=lambda run: len(run[0]))
        rarest, shift = runs[0]
        found = rarest.astype(np.int64) - shift
        for run, distance in runs[1:]:
            if not len(found) or not len(run):
                return found[:0]
            wanted = found + distance
            at = np.minimum(np.searchsorted(run, wanted), len(run) - 1)
            found = found[run[at] == wanted]
        if not _overlaps_itself(needle):
            return found
        kept: list[int] = []  # left to right, as a scan finds them
        for start in found.tolist():
            if not kept or start >= kept[-1] + len(needle):
                kept.append(start)
        return np.array(kept, np.int64)


def _overlaps_itself(needle: str) -> bool:
    """Whether two occurrences of ``needle`` can overlap (it ends as it begins: 的的, 阿巴阿)."""
    return any(needle.startswith(needle[shift:]) for shift in range(1, len(needle)))
