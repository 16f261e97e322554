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
from functools import cache, lru_cache
from importlib.resources import files

import jieba

from govtrace.graph.lineage.synonyms import canonical

_SKIP = frozenset("的和与及等在对为将把并了是")
"""Function words: common to every item, they carry no topic."""


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
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
    synonyms = canonical()
    return Counter(synonyms.get(w, w) for w in _tokenizer().cut(text, HMM=False)
                   if w not in _SKIP and any(c.isalnum() for c in w))
