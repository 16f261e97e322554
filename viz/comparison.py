"""The comparison view of one lineage link: the child's and the parent's source text side by
side, the phrases they share highlighted where the evidence says they stand.

The evidence offsets count characters of the source files, and so does each task's span:
a phrase's place in a task's text is its offsets minus the span's start, never a search
for the phrase's words (a short phrase can stand in a text several times). A highlight is
trimmed of the punctuation at its edges, so a phrase the linker cut at "。" or "，" shows
as the words it shares; a place two pieces of evidence give is highlighted once and a
phrase listed once, however often it was recorded.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from govtrace.queries.comparison import Comparison, SourceText
from govtrace.queries.models import Highlight, Link, LinkEvidence, SpanRef, TaskRef

SHARED = "shared"


@dataclass(frozen=True)
class Side:
    """One task of the link: its text and the highlighted places in it."""

    task: TaskRef
    text: str
    marks: list[Highlight]


@dataclass(frozen=True)
class ComparisonView:
    comparison: Comparison
    child: Side
    parent: Side
    phrases: list[str]


def compare_path(link: Link) -> str:
    """The served comparison view of a link."""
    return f"/viz/tasks/{link.child.id}/compare/{link.parent.id}"


def span_within(span: SpanRef | None, text: SourceText | None) -> tuple[int, int] | None:
    """``span``'s offsets relative to ``text`` (both count source characters), or None when
    either is missing or the span is not inside the text."""
    if span is None or text is None or not text.start <= span.start <= span.end <= text.end:
        return None
    return span.start - text.start, span.end - text.start


def _edge(ch: str) -> bool:
    """Punctuation or space: what a highlight does not start or end with."""
    return unicodedata.category(ch)[0] in "PZC"


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``–``end`` narrowed past the punctuation and spaces at either edge of
    ``text[start:end]`` (empty when nothing else is left)."""
    while start < end and _edge(text[start]):
        start += 1
    while end > start and _edge(text[end - 1]):
        end -= 1
    return start, end


def shared_marks(text: SourceText | None, spans: list[SpanRef | None]) -> list[Highlight]:
    """The places ``spans`` cover in ``text``, trimmed, each once, overlaps merged, in order."""
    if text is None:
        return []
    ranges = sorted({trimmed(text.exact, *found) for span in spans
                     if (found := span_within(span, text)) is not None})
    merged: list[list[int]] = []
    for start, end in ranges:
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Highlight(start=start, end=end, kind=SHARED) for start, end in merged]


def shared_phrases(evidence: list[LinkEvidence], text: SourceText | None = None) -> list[str]:
    """The phrases, trimmed, each once, in the child's order: as the child's source
    ``text`` writes them where given, else as recorded."""
    seen: dict[str, None] = {}
    for item in evidence:
        found = span_within(item.child_span, text)
        if text is not None and found is not None:
            start, end = trimmed(text.exact, *found)
            phrase = text.exact[start:end]
        else:
            start, end = trimmed(item.phrase, 0, len(item.phrase))
            phrase = item.phrase[start:end]
        if phrase:
            seen.setdefault(phrase, None)
    return list(seen)


def comparison_view(comparison: Comparison) -> ComparisonView:
    link = comparison.link
    child = Side(link.child, comparison.child_text.exact if comparison.child_text else "",
                 shared_marks(comparison.child_text, [e.child_span for e in link.evidence]))
    parent = Side(link.parent, comparison.parent_text.exact if comparison.parent_text else "",
                  shared_marks(comparison.parent_text, [e.parent_span for e in link.evidence]))
    return ComparisonView(comparison, child, parent,
                          shared_phrases(link.evidence, comparison.child_text))
