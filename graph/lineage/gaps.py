"""What a plan's first decisions leave out: a gap in a plan that follows its parent item by
item, and the second parent of a task an exact anchor linked.

Plans often mirror the directive above them in order (the provincial scheme takes the
outline's items 四–三十五 one by one). When a task abstains while the tasks on either side
are each linked to one item of the same parent document, one item apart, the sequence
says where the task belongs: the item between them. The calibrated model sees that order
only through its alignment features, so its probability for the item can fall under the
target precision (a task whose title was misprinted: 004's 行政复议 for 行政应诉). The gap is
filled only when that very item is the task's best candidate at
``lineage_gap_min_probability``: order alone never links, and a local innovation slotted
between two linked tasks ranks no parent item first at that probability. The floor is a
calibrated probability like the bar, so the gap rule accepts links the model itself
expects to be right at least that often, on top of what the order says.

An exact anchor decides before the calibrated scorer and never merges; a county task that
keeps one scheme task's title (an inferred anchor) while folding in a second is still a
merge, so the calibrated scorer's candidates above its bar at the anchored parent's level
join the anchor (:func:`decide.with_probable_partners`). A task citing its parent by number
is taken at its word.

A task that merges two scheme tasks in its own words often gets only the closer one above
the bar: the other scores like the near-miss of any task. What tells it apart is the plan
as a whole: a plan takes up each scheme task somewhere, so an item **no task of the plan
took** whose closest task, by a clear lead over every sibling on characters and on words
alike (both claims at least :data:`CLAIM_MIN`), is a task already linked elsewhere, is that
task's further parent when the calibrated ranking puts it among the task's best at
``lineage_gap_min_probability`` (:func:`_claim_uncovered`). A local innovation abstains, so
it claims nothing; a split's parts and a light rewording's neighbour items are taken or
trail a sibling.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.decide import (
    MERGE,
    Choice,
    Probabilities,
    claims,
    probable,
    probable_choice,
    with_probable_partners,
)
from govtrace.graph.lineage.seams import Candidates, Scorer

GAP = "+gap"
UNCOVERED = "+uncovered"
CLAIM_MIN = 0.4
"""The least lead (1 − the closest sibling's similarity / the task's, on characters and on
words alike) of a task over its siblings on an item no task took, for the item to join it.
On the dev plans, the seeds and the 1k synthetic corpus, every claimant from 0.4 up at the
default floor was a true parent (BENCHMARKS.md, issue 17's eighth round); from 0.25 the
synthetic corpus's split and medium tasks claimed wrong neighbours."""


def fill_gaps(units: Sequence[Unit], chosen: Sequence[list[Choice]],
              levels: Sequence[Candidates], scorers: Sequence[Scorer],
              floor: float) -> list[list[Choice]]:
    """``chosen`` (each unit's parents, in document order) with the gaps filled and the
    anchored tasks' other probable parents added; only the first decisions count as
    neighbours, so one filled gap never fills the next."""
    filled = [_with_partners(u, c, levels, scorers) for u, c in zip(units, chosen, strict=True)]
    for i in range(1, len(units) - 1):
        if chosen[i] or len(chosen[i - 1]) != 1 or len(chosen[i + 1]) != 1:
            continue
        between = _between(chosen[i - 1][0].parent, chosen[i + 1][0].parent, levels)
        if between is not None:
            filled[i] = _gap_choice(units[i], *between, scorers, floor)
    return _claim_uncovered(units, filled, levels, scorers, floor)


def _claim_uncovered(units: Sequence[Unit], chosen: list[list[Choice]],
                     levels: Sequence[Candidates], scorers: Sequence[Scorer],
                     floor: float) -> list[list[Choice]]:
    """``chosen`` with each item no unit was linked to added to the linked unit that claims
    it (:data:`CLAIM_MIN`) among its best candidates at ``floor``, within ``max_parents``."""
    taken = {c.parent.ref for choices in chosen for c in choices}
    out = list(chosen)
    for i, (unit, choices) in enumerate(zip(units, chosen, strict=True)):
        if not choices or any(_cited(c) for c in choices):
            continue
        level = _level_of(choices[0].parent, levels)
        ranking = _calibrated(unit, level, scorers) if level is not None else None
        if ranking is None or not claims(ranking):
            continue
        room = ranking.max_parents - len(choices)
        claimed = [s for s in ranking.scored[:ranking.max_parents]
                   if s.score >= floor and s.parent.ref not in taken
                   and ranking.claim(s.parent) >= CLAIM_MIN][:room]
        if not claimed:
            continue
        taken |= {s.parent.ref for s in claimed}
        out[i] = ([c if c.method.endswith(MERGE) else replace(c, method=c.method + MERGE)
                   for c in choices]
                  + [probable_choice(s, ranking, MERGE + UNCOVERED) for s in claimed])
    return out


def _with_partners(unit: Unit, chosen: list[Choice], levels: Sequence[Candidates],
                   scorers: Sequence[Scorer]) -> list[Choice]:
    """An anchored unit's parents and the calibrated ranking's others above its bar. A
    choice with contributions is the calibrated scorer's own: it took them already. A
    certain one (confidence 1: the task cites its parent by number) is the drafter's own
    word on what the task implements."""
    if not chosen or any(c.contributions or c.confidence >= 1.0 for c in chosen):
        return chosen
    level = _level_of(chosen[0].parent, levels)
    if level is None:
        return chosen
    ranking = _calibrated(unit, level, scorers)
    return chosen if ranking is None else with_probable_partners(chosen, ranking)


def _cited(choice: Choice) -> bool:
    """A parent the task cites by number (certain, and not the calibrated scorer's)."""
    return not choice.contributions and choice.confidence >= 1.0


def _level_of(parent: Unit, levels: Sequence[Candidates]) -> Candidates | None:
    return next((level for level in levels
                 if any(doc.doc_id == parent.ref.doc_id for doc in level.docs)), None)


def _calibrated(unit: Unit, level: Candidates, scorers: Sequence[Scorer]
                ) -> Probabilities | None:
    for scorer in scorers:
        ranking = scorer.rank(unit, level)
        if probable(ranking):
            return ranking
    return None


def _between(before: Unit, after: Unit, levels: Sequence[Candidates]
             ) -> tuple[Candidates, Unit] | None:
    """The level holding both neighbours' parents and the item between them, if they are
    one item apart in one document."""
    if before.ref.doc_id != after.ref.doc_id:
        return None
    level = _level_of(before, levels)
    if level is None:
        return None
    doc = next(d for d in level.docs if d.doc_id == before.ref.doc_id)
    refs = [u.ref for u in doc.units]
    first, last = refs.index(before.ref), refs.index(after.ref)
    return (level, doc.units[first + 1]) if last == first + 2 else None


def _gap_choice(unit: Unit, level: Candidates, item: Unit, scorers: Sequence[Scorer],
                floor: float) -> list[Choice]:
    ranking = _calibrated(unit, level, scorers)
    best = ranking.scored[0] if ranking is not None and ranking.scored else None
    if ranking is None or best is None or best.parent.ref != item.ref or best.score < floor:
        return []
    return [probable_choice(best, ranking, GAP)]
