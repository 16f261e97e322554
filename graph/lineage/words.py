"""Word-level similarity: jieba's segmentation, with the project's policy terms kept whole.

Character n-grams reward copied wording; a county that rewords the scheme keeps its
*words* (行政复议, 公平竞争审查) while changing the phrases around them. jieba ships its
dictionary inside the wheel (nothing is downloaded); the glossary's Chinese terms
(``govtrace/data/glossary.tsv``) are added as user words so that 行政规范性文件 or
重大行政决策 stay one word instead of being cut where jieba's general dictionary would.
The dictionary is loaded once per process, on first use (a second or so). The words of a
policy-term synonym class (:mod:`synonyms`: 红头文件, 复议, 首违不罚) are added too and counted
as the class's canonical word, so a county's own word for a scheme term still matches it.

As for the character n-grams, the IDF is computed over the candidate level's items only
(:mod:`similarity`), so a word every parent item shares (法治政府) weighs little and a link
depends only on the documents it joins.
"""

from __future__ import annotations

import csv
import logging
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib.resources import files
from itertools import chain
from math import log

import jieba

from govtrace.graph.lineage.synonyms import canonical

_SKIP = frozenset("的和与及等在对为将把并了是")
"""Function words: common to every item, they carry no topic."""


class _Segmenter(jieba.Tokenizer):  # type: ignore[misc]
    """jieba's tokenizer, its no-HMM route computed faster to the very same words.

    Segmentation is the linker's largest single cost, and most of it is jieba's two
    per-character loops: the prefix look-ups of :meth:`get_DAG` and, in :meth:`calc`, a
    logarithm, a dictionary look-up and a tuple per edge of the word graph, through a
    generator. These overrides do the same look-ups and the same floating-point sums in the
    same order (``log(freq or 1) - log(total)``, then plus the rest of the route; ties to
    the longer word, as ``max`` over ``(score, end)`` breaks them), memoising each word's
    term, so the words cannot differ (``tests/graph/test_lineage_speed.py`` checks them
    against jieba's own tokenizer)."""

    def __init__(self) -> None:
        super().__init__()
        self._terms: dict[str, float] = {}
        """Each word's log(freq or 1) - log(total), for the dictionary as it is now."""

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        super().add_word(word, freq, tag)
        self._terms.clear()  # the word's frequency and the total changed

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # noqa: N802 (jieba's name)
        self.check_initialized()
        freq, n, dag = self.FREQ, len(sentence), {}
        for k in range(n):
            ends, i, frag = [], k, sentence[k]
            while i < n:
                found = freq.get(frag)
                if found is None:
                    break
                if found:
                    ends.append(i)
                i += 1
                frag = sentence[k:i + 1]
            dag[k] = ends or [k]
        return dag

    def calc(self, sentence: str, DAG: dict[int, list[int]],  # noqa: N803 (jieba's names)
             route: dict[int, tuple[float, int]]) -> None:
        terms, freq, logtotal = self._terms, self.FREQ, log(self.total)
        n = len(sentence)
        route[n] = (0, 0)
        for idx in range(n - 1, -1, -1):
            best: tuple[float, int] | None = None
            for x in DAG[idx]:
                word = sentence[idx:x + 1]
                term = terms.get(word)
                if term is None:
                    term = terms[word] = log(freq.get(word) or 1) - logtotal
                candidate = (term + route[x + 1][0], x)
                if best is None or candidate > best:
                    best = candidate
            assert best is not None  # every position has an edge (get_DAG)
            route[idx] = best


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = _Segmenter()
    tokenizer.initialize()
    for term in (*glossary_terms(), *canonical()):
        tokenizer.add_word(term)
    return tokenizer


def glossary_terms() -> list[str]:
    """The glossary's Chinese terms (read from the core's data file: graph may not import
    queries, where the glossary's look-ups live)."""
    path = files("govtrace.data") / "glossary.tsv"
    with path.open(encoding="utf-8") as handle:
        return [row["zh"] for row in csv.DictReader(handle, delimiter="\t") if row["zh"]]


@lru_cache(maxsize=8192)
def words(text: str) -> Counter[str]:
    """The words of ``text`` (no punctuation, no function words). Cached like the n-grams:
    a parent item is segmented once for every pool it joins. Callers must not modify it.
    A word of a synonym class is counted as the class's canonical word."""
    return Counter(chain.from_iterable(map(_block_words, _blocks(text))))


def total(bags: Iterable[Counter[str]], start: Counter[str] | None = None) -> Counter[str]:
    """A new counter of ``start``'s and ``bags``' words: ``sum(bags, start or Counter())``
    added in place instead of a new counter per addend (a report item's sentences and
    clauses are sums of their pieces' words). Word counts are positive, so the counts and
    their order (first seen first) are ``sum``'s."""
    out = Counter(start) if start else Counter()
    for bag in bags:
        out.update(bag)
    return out


def _blocks(text: str) -> Iterable[str]:
    """The pieces jieba segments independently: runs of the characters it joins into words
    (jieba's own pattern), and what lies between them."""
    return filter(None, jieba.re_han_default.split(text))


@lru_cache(maxsize=1 << 16)
def _block_words(block: str) -> tuple[str, ...]:
    """The words of one block, as :func:`words` counts them. jieba cuts each block on its own
    (its ``cut`` splits the text the same way first), so a text's words are its blocks'
    words; plans and reports repeat clauses (法治政府建设, 全面推行行政执法公示制度) across
    tasks and documents, and a clause seen before costs a look-up."""
    synonyms = canonical()
    return tuple(synonyms.get(w, w) for w in _tokenizer().cut(block, HMM=False)
                 if w not in _SKIP and any(c.isalnum() for c in w))
