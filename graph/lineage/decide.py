"""Choosing a child item's parent(s) from the scored candidates, or abstaining.

A link is made when the best candidate is both *strong* (score at least the
minimum for its kind of parent) and *distinct* (the best candidate not chosen
scores at most ``max_runner_up`` times as much): a weak or a tied best is
how a child with no real counterpart looks, and a false link is worse than
none. A second parent is added when the child *merges* two: its title
coordinates two topics (加强行政复议和应诉工作), the first parent's text
lacks one of them and another candidate scoring at least ``merge_ratio`` of
the best covers it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.similarity import ParentPool, Scored
from govtrace.ingest.extract.titles import BODY_OPENERS
from govtrace.settings import Settings

_COORDINATION = re.compile(r"[和与及、]")


@dataclass(frozen=True)
class Thresholds:
    min_score: float
    min_score_titles: float
    max_runner_up: float
    merge_ratio: float
    merge_title_share: float

    @classmethod
    def of(cls, settings: Settings) -> Thresholds:
        return cls(settings.lineage_min_score, settings.lineage_min_score_titles,
                   settings.lineage_max_runner_up, settings.lineage_merge_ratio,
                   settings.lineage_merge_title_share)


@dataclass(frozen=True)
class Choice:
    parent: Unit
    score: float
    confidence: float
    merged: bool
    by_sentence: bool = False
    """Chosen for one sentence of a report item (see :mod:`reports`)."""


def choose(child: Unit, pool: ParentPool, limits: Thresholds) -> list[Choice]:
    """The parent(s) of ``child`` in ``pool``, best first; empty to abstain."""
    ranked = pool.score(child)
    if not ranked:
        return []
    floor = limits.min_score if pool.has_bodies else limits.min_score_titles
    best = ranked[0]
    if best.score < floor:
        return []
    partner = _merge_partner(child, pool, ranked, floor, limits)
    chosen = [best] + ([partner] if partner else [])
    runner_up = next((s.score for s in ranked if s not in chosen), 0.0)
    if runner_up > limits.max_runner_up * best.score:
        return []
    return [Choice(s.parent.unit, s.score, confidence(s.score, runner_up, floor),
                   merged=partner is not None) for s in chosen]


def _merge_partner(child: Unit, pool: ParentPool, ranked: list[Scored], floor: float,
                   limits: Thresholds) -> Scored | None:
    """A second parent for a child whose title coordinates two topics (行政复议和应诉工作)
    when the best parent covers one of them and another strong candidate the other."""
    best = ranked[0]
    missing = [c for c in conjuncts(child.title) if not _covers(pool, best, c, limits)]
    if not missing:
        return None
    for other in ranked[1:]:
        if other.score < max(floor, limits.merge_ratio * best.score):
            return None
        if all(_covers(pool, other, c, limits) for c in missing):
            return other
    return None


def conjuncts(title: str) -> list[str]:
    """The coordinated topics of a title: its verb/adverb opening stripped (titles are
    verb–object phrases; the verbs are shared boilerplate), the object split at 和/与/及/、.
    A title that coordinates nothing has no conjuncts."""
    topic = title
    while (opener := next((w for w in BODY_OPENERS if topic.startswith(w)), None)) is not None:
        topic = topic[len(opener):]
    parts = [p for p in _COORDINATION.split(topic) if len(p) >= 2]
    return parts if len(parts) >= 2 else []


def _covers(pool: ParentPool, candidate: Scored, topic: str, limits: Thresholds) -> bool:
    grams = frozenset(topic[i:i + 2] for i in range(len(topic) - 1))
    return pool.containment(grams, candidate.parent.full_grams) >= limits.merge_title_share


def confidence(score: float, runner_up: float, floor: float) -> float:
    """Half strength (score against four times the floor, capped at 1), half distinctness
    (how far the best non-chosen candidate trails); rounded so output is stable."""
    strength = min(1.0, score / (4.0 * floor))
    distinct = 1.0 - min(1.0, runner_up / score) if score else 0.0
    return round(0.5 * strength + 0.5 * distinct, 3)
