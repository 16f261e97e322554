"""The TF-IDF scorer: character n-grams weighted by TF-IDF, for Chinese policy text where a
lower level copies the upper level's wording.

Chinese has no spaces, and word segmenters split policy jargon unpredictably
(行政规范性文件, 放管服); overlapping character 2- and 3-grams need no
segmenter and still reward copied phrases, because a copied 8-character phrase
shares 13 grams. n-grams never cross punctuation. The IDF is computed over the
*candidate level's* items only: a phrase found in one parent item separates it
from its siblings, while wording every item shares (法治政府建设) weighs
little. Keeping the statistics local to the parent documents also means a
link depends only on the documents it joins, which is what makes re-linking
one changed document exact.

Its thresholds are the ``lineage_*`` settings the settings file marks "TF-IDF
scorer"; how they were calibrated is in this folder's ``README.md``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, KeysView, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import repeat

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.levelcache import IdentityCache
from govtrace.graph.lineage.model import Evidence, ItemRef
from govtrace.graph.lineage.phrases import evidence, shared_phrases
from govtrace.graph.lineage.seams import Candidates, PlanLimits, ReportLimits, Scored
from govtrace.settings import Settings

METHOD = "char-ngram-tfidf"
NGRAM_SIZES = (2, 3)
_BREAK = re.compile(r"[\s，。、；：,.;:！？!?“”\"‘’'（）()《》〈〉<>＜＞【】\[\]—\-－·…/]+")
FULL_STRENGTH = 4.0
"""A link's strength is full at this many times the floor."""
Vector = dict[str, float]


@lru_cache(maxsize=8192)
def ngrams(text: str) -> Counter[str]:
    """Character n-grams of ``text`` within punctuation-free runs. Cached: a parent item is
    vectorised in every pool it joins and a child item against every level it tries.
    Callers must not modify the returned counter."""
    return Counter([run[i:i + n] for run in _BREAK.split(text) for n in NGRAM_SIZES
                    for i in range(len(run) - n + 1)])


class Idf:
    """Smoothed inverse document frequency over a collection of n-gram bags."""

    def __init__(self, bags: Sequence[Counter[str]]) -> None:
        self._n = len(bags)
        df: Counter[str] = Counter()
        for bag in bags:
            df.update(bag.keys())
        # Weights computed once per gram: a pool scores thousands of child items. A level's
        # thousands of grams have a handful of frequencies: one logarithm for each.
        by_df = {n: self._weight(n) for n in set(df.values())}
        self._weights = {g: by_df[n] for g, n in df.items()}
        self._unseen = self._weight(0)

    def _weight(self, df: int) -> float:
        return math.log((self._n + 1) / (df + 1)) + 1.0

    def __call__(self, gram: str) -> float:
        return self._weights.get(gram, self._unseen)

    def weights(self, grams: Iterable[str]) -> list[float]:
        """Each gram's weight, as calling this for each gives it."""
        return list(map(self._weights.get, grams, repeat(self._unseen)))

    @property
    def unseen(self) -> float:
        """The weight of a gram no bag holds."""
        return self._unseen

    @property
    def terms(self) -> KeysView[str]:
        """The grams some bag holds."""
        return self._weights.keys()

    def vector(self, bag: Counter[str]) -> Vector:
        """Unit-length sublinear TF-IDF vector."""
        # The look-up bound once: this comprehension is the linker's innermost loop.
        weight, unseen, top = self._weights.get, self._unseen, len(SUBLINEAR)
        weights = {g: (SUBLINEAR[tf] if tf < top else 1.0 + math.log(tf)) * weight(g, unseen)
                   for g, tf in bag.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {g: w / norm for g, w in weights.items()}


SUBLINEAR = [0.0] + [1.0 + math.log(tf) for tf in range(1, 64)]
"""1 + log(tf) for the term frequencies n-grams of one item have (the same floats)."""


def cosine(a: Vector, b: Vector) -> float:
    # Only shared grams contribute; intersecting the key views runs in C, and fsum's exact
    # rounding makes the result independent of the (hash-seeded) order of the set.
    return math.fsum(a[g] * b[g] for g in a.keys() & b.keys())


@dataclass(frozen=True)
class ParentProfile:
    """One parent item, vectorised against its level's statistics."""

    unit: Unit
    full: Vector
    title: Vector
    title_grams: frozenset[str]
    full_grams: frozenset[str]


class ParentPool:
    """The items of one level's documents, ready to score child items against."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = tuple(units)
        self.idf = Idf([ngrams(u.text) for u in units])
        self.title_idf = Idf([ngrams(u.title) for u in units])
        self.has_bodies = any(u.body for u in units)

    @cached_property
    def profiles(self) -> tuple[ParentProfile, ...]:
        """Each item's vectors, made on first use: only this scorer's own ranking reads them
        (the combined scorer and the report rule read the level's matrices, laid out from the
        bags: :mod:`~govtrace.graph.lineage.similarity`)."""
        return tuple(ParentProfile(u, self.idf.vector(f), self.title_idf.vector(t),
                                   frozenset(t), frozenset(f))
                     for u in self.units
                     for f, t in [(ngrams(u.text), ngrams(u.title))])

    @cached_property
    def _by_ref(self) -> dict[ItemRef, ParentProfile]:
        return {p.unit.ref: p for p in self.profiles}

    def score(self, child: Unit) -> list[Scored]:
        """Every parent item's similarity to ``child``, best first (ties by position).

        Parents with bodies: 0.7 · cosine(full texts) + 0.3 · cosine(titles), the
        body carrying the copied wording and the title the topic. Title-only
        parents (the national outline skeleton): 0.5 · cosine(titles) + 0.5 · the
        IDF share of the parent title's n-grams that occur anywhere in the child.
        """
        bag = ngrams(child.text)
        full = self.idf.vector(bag)
        title = self.title_idf.vector(ngrams(child.title))
        grams = frozenset(bag)
        scored = []
        for p in self.profiles:
            t = cosine(title, p.title)
            if self.has_bodies:
                s = 0.7 * cosine(full, p.full) + 0.3 * t
            else:
                s = 0.5 * t + 0.5 * self.containment(p.title_grams, grams)
            scored.append(Scored(p.unit, s))
        return sorted(scored, key=lambda x: -x.score)

    def mass(self, grams: frozenset[str]) -> float:
        """Total IDF weight of a set of n-grams."""
        return sum(self.idf(g) for g in grams)

    def containment(self, part: frozenset[str], whole: frozenset[str]) -> float:
        """IDF-weighted share of ``part``'s n-grams found in ``whole``."""
        total = self.mass(part)
        return self.mass(part & whole) / total if total else 0.0

    def full_grams(self, parent: Unit) -> frozenset[str]:
        return self._by_ref[parent.ref].full_grams


def parent_pool(units: Sequence[Unit]) -> ParentPool:
    """The pool of a level's items, built once: vectorising a level is most of the cost of
    linking a small child, siblings share parents, and the combined scorer's level matrices
    (:mod:`~govtrace.graph.lineage.similarity`) start from the same pool."""
    return _POOLS.get(tuple(units))


def _units(units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    return units


_POOLS: IdentityCache[tuple[Unit, ...], ParentPool] = IdentityCache(ParentPool, _units)


@dataclass(frozen=True)
class TfidfRanking:
    child: Unit
    limits: PlanLimits
    pool: ParentPool
    scorer: TfidfScorer

    @cached_property
    def scored(self) -> list[Scored]:
        # Scored on first use: the report rule asks a ranking only for its limits and
        # evidence, and scoring a report item against a whole level was 5% of linking.
        return self.pool.score(self.child)

    def covers(self, parent: Unit, topic: str) -> bool:
        """The parent holds at least ``merge_title_share`` of the topic's bigrams, by IDF
        weight."""
        grams = frozenset(topic[i:i + 2] for i in range(len(topic) - 1))
        share = self.pool.containment(grams, self.pool.full_grams(parent))
        return share >= self.scorer.merge_title_share

    def evidence(self, parent: Unit) -> tuple[Evidence, ...]:
        """The longest phrases the two items share (what the n-grams rewarded)."""
        matches = shared_phrases(self.child.text, parent.text, self.scorer.min_phrase)
        return evidence(self.child, parent, matches, self.scorer.max_evidence)


@dataclass(frozen=True)
class TfidfScorer:
    """Its configuration is the TF-IDF scorer's ``lineage_*`` settings."""

    with_bodies: PlanLimits
    titles_only: PlanLimits
    """For a level whose items are bare titles (the national outline skeleton)."""
    merge_title_share: float
    reports: ReportLimits
    min_phrase: int
    max_evidence: int

    @classmethod
    def of(cls, settings: Settings) -> TfidfScorer:
        def plan(floor: float) -> PlanLimits:
            return PlanLimits(floor, settings.lineage_max_runner_up, settings.lineage_merge_ratio,
                              FULL_STRENGTH * floor)

        return cls(plan(settings.lineage_min_score), plan(settings.lineage_min_score_titles),
                   settings.lineage_merge_title_share,
                   ReportLimits(settings.lineage_report_min_score,
                                settings.lineage_report_min_sentence,
                                settings.lineage_report_min_confidence,
                                settings.lineage_report_max_parents,
                                FULL_STRENGTH * settings.lineage_report_min_sentence),
                   settings.lineage_min_phrase, settings.lineage_max_evidence)

    @property
    def method(self) -> str:
        return METHOD

    @property
    def report_limits(self) -> ReportLimits:
        return self.reports

    def rank(self, child: Unit, candidates: Candidates) -> TfidfRanking:
        pool = parent_pool(candidates.units)
        return TfidfRanking(child, self.with_bodies if pool.has_bodies else self.titles_only,
                            pool, self)
