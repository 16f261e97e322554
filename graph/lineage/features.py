"""The evidence the combined scorer weighs, one row of features per (child, candidate).

Every feature is a number in about [-1, 1] that one kind of evidence gives for "this
candidate is the child's parent"; the fitted model (:mod:`fitted`) weighs them. They are
computed for a whole child document against one candidate level at once, because the
structural ones (:mod:`structure`) need every sibling:

=================  ==========  ==============================================================
feature            family      what it measures
=================  ==========  ==============================================================
char_score         text        the TF-IDF scorer's score (character 2-/3-grams)
char_rel           text        char_score / the best candidate's
char_margin        text        how far char_score leads (> 0) or trails (< 0) the best *other*
                               candidate, as a share of the larger of the two
word_cosine        text        word TF-IDF cosine (jieba + the glossary, :mod:`words`)
word_rel           text        word_cosine / the best candidate's
word_margin        text        the same for word_cosine
top_both           text        the best candidate by char_score and by word_cosine alike
char_claim         text        char_margin down the column: how far the child leads (> 0) or
                               trails (< 0) the sibling task closest to this candidate
word_claim         text        the same for word_cosine
word_title_share   text        IDF share of the parent title's words found in the child
top_unexplained    text        for the best candidate by both measures (top_both), the IDF
                               share of the child's words no item of the level holds; else 0
anchor             anchor      the child cites this item or carries its exact title
shared_marks       anchor      shared 《》 titles, order numbers (第262号), percentages (/3)
aligned            structure   the monotone alignment matched the child with this parent
between            structure   1 / width of the bracket the child's aligned neighbours leave
position           structure   1 − |relative position of child − relative position of parent|
titles_only        level       the level's items are bare titles (the national outline)
=================  ==========  ==============================================================

Relative features (``_rel``, ``_margin``, ``_claim``) are what lets one model serve a level of five
parents and one of fifty: a raw cosine of 0.1 is strong among dissimilar siblings and weak
among near-duplicates. The claims compare the child with its sibling tasks instead: a
local innovation's nearest parent is usually implemented, in clearer words, by another task
of the same plan, while a heavily reworded task is still the plan's closest to its parent.

``top_unexplained`` tells an on-topic local measure from a rewording: both may have the
scheme task closest to them on every measure, but a rewording says its parent's points in
other words, most of which some scheme item uses, while a local innovation adds its own
nouns no scheme item has (枫桥式司法所, 智慧普法驿站, 积分考评档案). Held out, it is the share of
a synthetic local innovation's words in a median 0.68 (national outline titles 0.92), of a
synthetic heavy rewording's 0.20 and of a dev heavy rewording's 0.45; it is put on the best
candidate only (held out, on every candidate it cost synthetic precision on medium and
split rewordings; BENCHMARKS.md, issue 17's fifth round).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.levelcache import LevelCache
from govtrace.graph.lineage.model import ItemRef
from govtrace.graph.lineage.scorers.anchors import anchors
from govtrace.graph.lineage.seams import Candidates
from govtrace.graph.lineage.similarity import LevelMatrices, Matrix, Space
from govtrace.graph.lineage.structure import align, placements
from govtrace.graph.lineage.words import words

FEATURES: tuple[str, ...] = (
    "char_score", "char_rel", "char_margin",
    "word_cosine", "word_rel", "word_margin", "top_both", "char_claim", "word_claim",
    "word_title_share", "top_unexplained",
    "anchor", "shared_marks",
    "aligned", "between", "position",
    "titles_only",
)
FAMILY = {name: ("anchor" if name in ("anchor", "shared_marks")
                 else "structure" if name in ("aligned", "between", "position")
                 else "level" if name == "titles_only" else "text") for name in FEATURES}
"""The kind of evidence each feature is (what a link's method names)."""
ALIGN_MIN_GAIN = 0.15
"""Similarity (the mean of char_score and word_cosine) a pair needs to join the alignment:
about what a task copying a third of its parent's wording reaches; a weaker pair is left to
its neighbours to place."""
MAX_MARKS = 3
_MARKS = re.compile(r"《[^《》]{2,60}》|第\s*\d+\s*号|\d+(?:\.\d+)?\s*[%％]")


@dataclass(frozen=True)
class Row:
    """One candidate's features, in :data:`FEATURES` order."""

    parent: Unit
    values: tuple[float, ...]


def _level(candidates: Candidates) -> LevelMatrices:
    return LevelMatrices.of(tuple(u for u in candidates.units if not u.ref.is_report_item))


LEVELS: LevelCache[LevelMatrices] = LevelCache(_level)


@lru_cache(maxsize=8192)
def marks(text: str) -> frozenset[str]:
    """The exact anchors a text carries: cited titles, order numbers, percentages. Cached: a
    level's items are read again for each document linking to it."""
    return frozenset(re.sub(r"\s+", "", m) for m in _MARKS.findall(text))


@dataclass(frozen=True)
class DocumentFeatures:
    """The features of one document's tasks against one level's items."""

    parents: tuple[Unit, ...]
    children: dict[ItemRef, int]
    values: Matrix
    """children × parents × features."""

    def matrix(self, child: ItemRef) -> Matrix | None:
        """The child's features, one row per parent (None for a child not in the document)."""
        at = self.children.get(child)
        return None if at is None else self.values[at]

    def rows(self, child: ItemRef) -> list[Row]:
        matrix = self.matrix(child)
        if matrix is None:
            return []
        return [Row(p, tuple(float(v) for v in row))
                for p, row in zip(self.parents, matrix, strict=True)]


def document_features(tasks: Sequence[Unit], candidates: Candidates) -> DocumentFeatures:
    """The features of every task of one document (in document order) against every item
    of ``candidates``."""
    level = LEVELS.get(candidates)
    children = [u for u in tasks if not u.ref.is_report_item]
    n, m = len(children), len(level.parents)
    values = np.zeros((n, m, len(FEATURES)))
    if n and m:
        _fill(values, children, level, candidates)
    return DocumentFeatures(level.parents, {u.ref: i for i, u in enumerate(children)}, values)


def _fill(values: Matrix, children: list[Unit], level: LevelMatrices,
          candidates: Candidates) -> None:
    n, m = len(children), len(level.parents)
    char = level.char_scores(children)
    word, share = level.word_scores(children)
    top_char, top_word = char.argmax(axis=1), word.argmax(axis=1)
    where = placements(align((0.5 * (char + word)).tolist(), ALIGN_MIN_GAIN), m)
    column = {name: k for k, name in enumerate(FEATURES)}

    def put(name: str, matrix: Matrix) -> None:
        values[:, :, column[name]] = matrix

    put("char_score", char)
    put("char_rel", _shares(char))
    put("char_margin", _margins(char, axis=1))
    put("word_cosine", word)
    put("word_rel", _shares(word))
    put("word_margin", _margins(word, axis=1))
    top = (np.arange(m)[None, :] == top_char[:, None]) & (top_char == top_word)[:, None]
    put("top_both", top)
    put("char_claim", _margins(char, axis=0))
    put("word_claim", _margins(word, axis=0))
    put("word_title_share", share)
    unexplained = np.array([unexplained_share(u.text, level.word_space) for u in children])
    put("top_unexplained", top * unexplained[:, None])
    parent_marks = [marks(p.text) for p in level.parents]
    parent_at = {p.ref: j for j, p in enumerate(level.parents)}
    for i, child in enumerate(children):
        for anchor in anchors(child, candidates.docs):
            values[i, parent_at[anchor.parent.ref], column["anchor"]] = 1.0
        child_marks = marks(child.text)
        if child_marks:
            values[i, :, column["shared_marks"]] = [
                min(len(child_marks & pm), MAX_MARKS) / MAX_MARKS for pm in parent_marks]
        place = where[i]
        if place.aligned is not None:
            values[i, place.aligned, column["aligned"]] = 1.0
        values[i, place.low:place.high + 1, column["between"]] = place.between(place.low)
    put("position", 1.0 - np.abs((np.arange(n)[:, None] + 0.5) / n
                                 - (np.arange(m)[None, :] + 0.5) / m))
    put("titles_only", np.full((n, m), 0.0 if level.has_bodies else 1.0))


def unexplained_share(text: str, space: Space) -> float:
    """The IDF share of the words of ``text`` that no item of the level (``space``: its word
    vocabulary) holds: what no candidate parent explains."""
    bag = words(text)
    weights = dict(zip(bag, space.idf.weights(bag), strict=True))  # the look-ups in C
    total = sum(weights.values())
    if not total:
        return 0.0
    return sum(v for w, v in weights.items() if w not in space.index) / total


def _shares(scores: Matrix) -> Matrix:
    """Each score as a share of its row's best."""
    top = scores.max(axis=1, keepdims=True)
    shares: Matrix = np.divide(scores, top, out=np.zeros_like(scores), where=top > 0)
    return shares


def _margins(scores: Matrix, axis: int) -> Matrix:
    """How far each score leads (> 0) or trails (< 0) the best of the others along
    ``axis``, as a share of the larger of the two (1 − runner-up / best for the best: the
    TF-IDF scorer's distinctness). Alone on its axis, a positive score leads fully."""
    if scores.shape[axis] < 2:
        return (scores > 0).astype(float)
    ordered = -np.sort(-scores, axis=axis)
    best = np.take(ordered, [0], axis=axis)
    second = np.take(ordered, [1], axis=axis)
    first = (np.expand_dims(np.arange(scores.shape[axis]), 1 - axis)
             == np.expand_dims(scores.argmax(axis=axis), axis))
    other = np.where(first, second, best)
    larger = np.maximum(scores, other)
    return np.divide(scores - other, larger, out=np.zeros_like(scores), where=larger > 0)
