"""Choosing a child item's parent(s) from one scorer's ranking, or abstaining.

A link is made when the best candidate is both *strong* (score at least the
scorer's floor) and *distinct* (the best candidate not chosen scores at most
``max_runner_up`` times as much): a weak or a tied best is how a child with no
real counterpart looks, and a false link is worse than none. A second parent is
added when the child *merges* two: its title coordinates two topics
(加强行政复议和应诉工作), the first parent does not cover one of them (as the
scorer judges coverage) and another candidate scoring at least ``merge_ratio``
of the best covers it. The thresholds are the scorer's own (:class:`PlanLimits`).

A ranking whose scores are calibrated probabilities (:class:`Probabilities`, the combined
scorer's) is decided by expected precision instead: every candidate whose probability
clears the scorer's bar is a parent (at most ``max_parents``, best first), so a child may
merge two or three parents whatever its title says, and one that clears none abstains.
The probability is the link's confidence. A child another scorer linked first (an exact
anchor: it bears one scheme task's title) still merges: :func:`with_probable_partners` adds
every other candidate the calibrated ranking puts above its bar, since a county task that
keeps one parent's title while folding in a second is a merge its title cannot show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Protocol, TypeGuard, runtime_checkable

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.model import Contribution, Evidence
from govtrace.graph.lineage.seams import Ranking, Scored, conforms
from govtrace.ingest.extract.titles import BODY_OPENERS

_COORDINATION = re.compile(r"[和与及、]")
MERGE = "+merge"
SENTENCES = "+sentences"


@dataclass(frozen=True)
class Choice:
    parent: Unit
    score: float
    confidence: float
    method: str
    """The deciding scorer's method, suffixed by how the decision used it."""
    evidence: tuple[Evidence, ...]
    contributions: tuple[Contribution, ...] = ()


@runtime_checkable
class Probabilities(Ranking, Protocol):
    """A ranking whose scores are calibrated probabilities of being the child's parent."""

    @property
    def bar(self) -> float:
        """The least probability of a parent (set by the target precision)."""
        ...

    @property
    def max_parents(self) -> int: ...

    def method_of(self, parent: Unit) -> str:
        """The link's method: the scorer's, naming the evidence that carried it."""
        ...

    def contributions(self, parent: Unit) -> tuple[Contribution, ...]: ...


@runtime_checkable
class Claims(Probabilities, Protocol):
    """A calibrated ranking that also compares the child with its sibling tasks."""

    def claim(self, parent: Unit) -> float:
        """How far the child leads every sibling task as ``parent``'s closest, on the
        weaker of its measures (< 0: a sibling is closer)."""
        ...


def probable(ranking: Ranking) -> TypeGuard[Probabilities]:
    """Whether ``ranking``'s scores are calibrated probabilities (:class:`Probabilities`)."""
    return conforms(ranking, Probabilities)


def claims(ranking: Ranking) -> TypeGuard[Claims]:
    """Whether ``ranking`` also compares the child with its siblings (:class:`Claims`)."""
    return conforms(ranking, Claims)


def choose(child: Unit, ranking: Ranking, method: str) -> list[Choice]:
    """The parent(s) of ``child`` in ``ranking``, best first; empty to abstain."""
    if probable(ranking):
        return _choose_probable(ranking)
    ranked, limits = ranking.scored, ranking.limits
    if not ranked or ranked[0].score < limits.floor:
        return []
    best = ranked[0]
    partner = _merge_partner(child, ranking)
    chosen = [best] + ([partner] if partner else [])
    runner_up = next((s.score for s in ranked if s not in chosen), 0.0)
    if runner_up > limits.max_runner_up * best.score:
        return []
    suffix = MERGE if partner is not None else ""
    return [Choice(s.parent, s.score, confidence(s.score, runner_up, limits.full_strength),
                   method + suffix, ranking.evidence(s.parent)) for s in chosen]


def _choose_probable(ranking: Probabilities) -> list[Choice]:
    chosen = [s for s in ranking.scored[:ranking.max_parents] if s.score >= ranking.bar]
    suffix = MERGE if len(chosen) > 1 else ""
    return [probable_choice(s, ranking, suffix) for s in chosen]


def probable_choice(scored: Scored, ranking: Probabilities, suffix: str) -> Choice:
    """A link to ``scored`` whose confidence is its probability."""
    parent = scored.parent
    return Choice(parent, scored.score, round(scored.score, 3),
                  ranking.method_of(parent) + suffix, ranking.evidence(parent),
                  ranking.contributions(parent))


def with_probable_partners(chosen: list[Choice], ranking: Probabilities) -> list[Choice]:
    """``chosen`` (another scorer's parents of the child) with every other candidate of
    ``ranking`` that clears its bar, at most ``max_parents`` in all; each parent of a child
    that merges gets the ``+merge`` suffix."""
    have = {c.parent.ref for c in chosen}
    room = max(0, ranking.max_parents - len(chosen))
    added = [s for s in ranking.scored if s.score >= ranking.bar
             and s.parent.ref not in have][:room]
    if not added:
        return chosen
    return ([c if c.method.endswith(MERGE) else replace(c, method=c.method + MERGE)
             for c in chosen] + [probable_choice(s, ranking, MERGE) for s in added])


def _merge_partner(child: Unit, ranking: Ranking) -> Scored | None:
    """A second parent for a child whose title coordinates two topics (行政复议和应诉工作)
    when the best parent covers one of them and another strong candidate the other."""
    best, *rest = ranking.scored
    limits = ranking.limits
    missing = [c for c in conjuncts(child.title) if not ranking.covers(best.parent, c)]
    if not missing:
        return None
    for other in rest:
        if other.score < max(limits.floor, limits.merge_ratio * best.score):
            return None
        if all(ranking.covers(other.parent, c) for c in missing):
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


def confidence(score: float, runner_up: float, full_strength: float) -> float:
    """Half strength (score against ``full_strength``, capped at 1), half distinctness
    (how far the best non-chosen candidate trails); rounded so output is stable."""
    strength = min(1.0, score / full_strength)
    distinct = 1.0 - min(1.0, runner_up / score) if score else 0.0
    return round(0.5 * strength + 0.5 * distinct, 3)
