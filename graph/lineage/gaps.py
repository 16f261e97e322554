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
"""

from __future__ import annotations

from collections.abc import Sequence

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.decide import (
    Choice,
    Probabilities,
    probable_choice,
    with_probable_partners,
)
from govtrace.graph.lineage.seams import Candidates, Scorer

GAP = "+gap"


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
    return filled


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


def _level_of(parent: Unit, levels: Sequence[Candidates]) -> Candidates | None:
    return next((level for level in levels
                 if any(doc.doc_id == parent.ref.doc_id for doc in level.docs)), None)


def _calibrated(unit: Unit, level: Candidates, scorers: Sequence[Scorer]
                ) -> Probabilities | None:
    for scorer in scorers:
        ranking = scorer.rank(unit, level)
        if isinstance(ranking, Probabilities):
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
