"""The seams of the linking pipeline: candidate generation, scorers and what a scorer hands
the decision (see ``README.md`` in this folder).

A child item is linked in three steps. A :class:`CandidateGenerator` names the documents
whose items may be its parents, grouped by level, nearest first. At each level the
:class:`Scorer` s run in the configured order (``lineage_scorers``); each returns a
:class:`Ranking` of the candidates with the thresholds it was calibrated with, and the
decision (:mod:`decide`, :mod:`reports`) turns a ranking into parent(s) or an abstention.
The first scorer whose ranking yields a link decides; a scorer that abstains passes the
child to the next, so the most certain scorers come first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from govtrace.graph.lineage.corpus import CorpusIndex, DocView, Unit
from govtrace.graph.lineage.model import DocumentLink, Evidence


@dataclass(frozen=True)
class Candidates:
    """The documents of one level whose items may be a child's parents."""

    docs: tuple[DocView, ...]

    @property
    def units(self) -> list[Unit]:
        return [u for doc in self.docs for u in doc.units]


class CandidateGenerator(Protocol):
    """Which documents a document's items may link to."""

    def levels(self, view: DocView, doc_links: list[DocumentLink],
               index: CorpusIndex) -> list[Candidates]:
        """The candidate documents of ``view``'s items, grouped by level, nearest first; a
        child links at the first level where a scorer finds its parent."""
        ...


@dataclass(frozen=True)
class Scored:
    parent: Unit
    score: float


@dataclass(frozen=True)
class PlanLimits:
    """The plan rule's thresholds (:func:`decide.choose`), as a scorer calibrated them."""

    floor: float
    """Least score of a parent; below it the child abstains."""
    max_runner_up: float
    """The best candidate not chosen may score at most this share of the best."""
    merge_ratio: float
    """A second (merged) parent scores at least this share of the best."""
    full_strength: float
    """The score from which a link's strength, half of its confidence, is full."""


@dataclass(frozen=True)
class ReportLimits:
    """The report rule's thresholds (:func:`reports.choose_reported`)."""

    min_score: float
    """Least score of the item as a whole to its best task."""
    min_sentence: float
    """Least score of one sentence to the task it reports on."""
    min_confidence: float
    """Least confidence (half strength, half distinctness) of one sentence in its task."""
    max_parents: int
    """Most tasks one report item reports on."""
    full_strength: float
    """The score from which a sentence's strength, half of the link's confidence, is full."""


class Ranking(Protocol):
    """One scorer's view of one child among one level's candidates."""

    @property
    def scored(self) -> Sequence[Scored]:
        """The candidates the scorer scores, best first (ties in document order)."""
        ...

    @property
    def limits(self) -> PlanLimits: ...

    def covers(self, parent: Unit, topic: str) -> bool:
        """Whether ``parent``'s text covers a topic of the child's title (a merge test; a
        scorer that cannot tell says False and never merges)."""
        ...

    def evidence(self, parent: Unit) -> tuple[Evidence, ...]:
        """What the scorer relied on to join the child to ``parent``, in both sources."""
        ...


class Scorer(Protocol):
    """Scores a child item against candidate parents and says why."""

    @property
    def method(self) -> str:
        """The link's ``method`` when this scorer decides it (suffixed ``+merge`` or
        ``+sentences`` by the decision that used it)."""
        ...

    @property
    def report_limits(self) -> ReportLimits | None:
        """Thresholds for reading report items sentence by sentence; None when the scorer
        does not take part in linking report items."""
        ...

    def rank(self, child: Unit, candidates: Candidates) -> Ranking:
        """``child`` against every candidate item it can score."""
        ...


_CONFORMING: dict[tuple[type, type], bool] = {}


def conforms(value: object, protocol: type) -> bool:
    """``isinstance(value, protocol)`` for a runtime-checkable protocol, asked once per class
    of ``value``. Python 3.11 looks up each of the protocol's members on every isinstance
    (3.5% of linking's CPU, asked of every ranking); the scorers' rankings are dataclasses
    whose instances all have the members their class declares, so the class decides."""
    key = (type(value), protocol)
    known = _CONFORMING.get(key)
    if known is None:
        known = _CONFORMING[key] = isinstance(value, protocol)
    return known
