"""The temporal rule: a document cannot implement one issued after it.

Real documents often lack an issue date, so each document has date *bounds*
(``DocumentRecord.issued_bounds``: the earliest and latest day it can have been
issued), and the rule compares bounds, not dates:

* the parent's earliest possible day falls after the child's latest possible
  day: the parent was certainly issued later, so the child cannot implement it
  (lineage says gt:alignedWith and makes no gt:implementsDocument);
* the parent's latest possible day is on or before the child's earliest one, or
  the child cites the parent (it names it, so the parent already existed): the
  parent came first (same-day documents count as in order, as exact dates
  always did);
* neither document has any bound: nothing is known, the link is made as it
  always was;
* otherwise the intervals overlap and one side at least is not exact: the link
  may be made but says its order is uncertain.

This module is the one place that rule lives; the corpus index
(:meth:`CorpusIndex.order`) feeds it the effective bounds of two documents.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from govtrace.ingest.record import DateBounds


class IssueOrder(StrEnum):
    """How a candidate parent's issue stands to its child's."""

    BEFORE = "before"
    """The parent was issued no later than the child: it may be implemented."""
    AFTER = "after"
    """The parent was certainly issued after the child: it cannot be implemented."""
    UNCERTAIN = "uncertain"
    """The bounds overlap and do not settle the order: a link is made and flagged."""
    UNKNOWN = "unknown"
    """Neither document has a bound: a link is made, as when dates were simply missing."""


def issue_order(parent: DateBounds, child: DateBounds, *, cited: bool = False) -> IssueOrder:
    """The order of ``parent`` and ``child`` from their bounds; ``cited`` when the child
    cites the parent (which then existed already, whatever the bounds leave open)."""
    if parent.earliest is not None and child.latest is not None and parent.earliest > child.latest:
        return IssueOrder.AFTER
    if cited or (parent.latest is not None and child.earliest is not None
                 and parent.latest <= child.earliest):
        return IssueOrder.BEFORE
    if not _known(parent) and not _known(child):
        return IssueOrder.UNKNOWN
    return IssueOrder.UNCERTAIN


def _known(bounds: DateBounds) -> bool:
    return bounds.earliest is not None or bounds.latest is not None


def raised(bounds: DateBounds, earliest: date, basis: str) -> DateBounds:
    """``bounds`` with the earliest day raised to ``earliest`` (unchanged when it is not
    later); the caller checks it stays within the latest day."""
    if bounds.earliest is not None and bounds.earliest >= earliest:
        return bounds
    return DateBounds(earliest=earliest, latest=bounds.latest, basis=[*bounds.basis, basis])
