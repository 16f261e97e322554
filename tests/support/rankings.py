"""Hand-made candidates and rankings for tests of the lineage decision: they speak only the
scorer seam's interface (graph/lineage/seams.py), so a test states the scores it needs."""

from __future__ import annotations

from dataclasses import dataclass

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.model import Contribution, Evidence, ItemRef
from govtrace.graph.lineage.seams import PlanLimits, Scored
from govtrace.ingest.record import Span


def unit(key: str, title: str) -> Unit:
    """A candidate task whose text is its title."""
    return Unit(ItemRef("doc", key), key, title, "", Span(start=0, end=len(title), exact=title),
                None)


@dataclass(frozen=True)
class ProbableRanking:
    """A combined scorer's ranking: ``scored`` are probabilities, ``bar`` the link bar."""

    scored: list[Scored]
    bar: float = 0.8
    max_parents: int = 3

    @property
    def limits(self) -> PlanLimits:
        return PlanLimits(self.bar, 1.0, 0.0, 1.0)

    def covers(self, parent: Unit, topic: str) -> bool:
        return False

    def evidence(self, parent: Unit) -> tuple[Evidence, ...]:
        return ()

    def method_of(self, parent: Unit) -> str:
        return "logistic-combined:text"

    def contributions(self, parent: Unit) -> tuple[Contribution, ...]:
        return (Contribution("word_cosine", 0.3, 1.2),)
