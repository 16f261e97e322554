"""Filling a gap in a plan that follows its parent item by item.

Plans often mirror the directive above them in order (the provincial scheme takes the
outline's items 四–三十五 one by one). When a task abstains while the tasks on either side
are each linked to one item of the same parent document, one item apart, the sequence
says where the task belongs: the item between them. The calibrated model sees that order
only through its alignment features, so its probability for the item can fall under the
target precision (a task whose title was misprinted: 004's 行政复议 for 行政应诉). The gap is
filled only when that very item is the task's best candidate at
``lineage_gap_min_probability``: order alone never links, and a local innovation slotted
between two linked tasks ranks no parent item first at that probability.
"""

from __future__ import annotations

from collections.abc import Sequence

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.decide import Choice, Probabilities
from govtrace.graph.lineage.seams import Candidates, Scorer

GAP = "+gap"


def fill_gaps(units: Sequence[Unit], chosen: Sequence[list[Choice]],
              levels: Sequence[Candidates], scorers: Sequence[Scorer],
              floor: float) -> list[list[Choice]]:
    """``chosen`` (each unit's parents, in document order) with the gaps filled; only the
    first decisions count as neighbours, so one filled gap never fills the next."""
    filled = list(chosen)
    for i in range(1, len(units) - 1):
        if chosen[i] or len(chosen[i - 1]) != 1 or len(chosen[i + 1]) != 1:
            continue
        between = _between(chosen[i - 1][0].parent, chosen[i + 1][0].parent, levels)
        if between is not None:
            filled[i] = _gap_choice(units[i], *between, scorers, floor)
    return filled


def _between(before: Unit, after: Unit, levels: Sequence[Candidates]
             ) -> tuple[Candidates, Unit] | None:
    """The level holding both neighbours' parents and the item between them, if they are
    one item apart in one document."""
    if before.ref.doc_id != after.ref.doc_id:
        return None
    for level in levels:
        for doc in level.docs:
            if doc.doc_id == before.ref.doc_id:
                refs = [u.ref for u in doc.units]
                first, last = refs.index(before.ref), refs.index(after.ref)
                return (level, doc.units[first + 1]) if last == first + 2 else None
    return None


def _gap_choice(unit: Unit, level: Candidates, item: Unit, scorers: Sequence[Scorer],
                floor: float) -> list[Choice]:
    for scorer in scorers:
        ranking = scorer.rank(unit, level)
        if not isinstance(ranking, Probabilities):
            continue
        best = ranking.scored[0] if ranking.scored else None
        if best is None or best.parent.ref != item.ref or best.score < floor:
            return []
        return [Choice(item, best.score, round(best.score, 3), ranking.method_of(item) + GAP,
                       ranking.evidence(item), ranking.contributions(item))]
    return []
