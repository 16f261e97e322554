"""Small pure helpers the HTML pages share: highlighted passages and task page paths."""

from __future__ import annotations

from dataclasses import dataclass

from govtrace.queries.models import Highlight, TaskRef


@dataclass(frozen=True)
class Segment:
    text: str
    mark: str | None  # a highlight kind (query, citation) or None


def segments(passage: str, highlights: list[Highlight]) -> list[Segment]:
    """``passage`` cut at its highlights (overlaps: the earlier highlight wins)."""
    parts: list[Segment] = []
    at = 0
    for mark in sorted(highlights, key=lambda h: (h.start, -h.end)):
        if mark.start < at:
            continue
        if mark.start > at:
            parts.append(Segment(passage[at:mark.start], None))
        parts.append(Segment(passage[mark.start:mark.end], mark.kind))
        at = mark.end
    if at < len(passage):
        parts.append(Segment(passage[at:], None))
    return parts


def lineage_path(task: TaskRef) -> str:
    """The served lineage view of a task."""
    return "/viz/tasks/" + task.id + "/lineage"
