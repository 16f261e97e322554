"""Printed lines → paragraphs: which line breaks of a PDF are only where the line was full.

A PDF (or an OCR'd page) gives lines, not paragraphs: a paragraph's text is cut
wherever the printed line ran out of room, and a page ends wherever it ends. The
extractor reads paragraphs (a task is ``(五)`` up to the next line), so the break
after a *full* line is dropped when the next line plainly continues the same
paragraph. A break is kept (a new paragraph starts) when any of these holds:

* the line stops short of the page's right margin (by more than three em:
  Chinese line breaking can leave a closing quote, a number or 年 for the next line);
* the next line is indented (the 首行缩进 of a Chinese paragraph);
* there is more space above the next line than between the lines of a paragraph;
* the next line opens with a heading number (``一、``, ``(一)``, ``1.``, ``第一条``);
* a line has no box (the text layer lacked positions), or fewer than two lines of the
  document run to the right margin (then the widest line alone made "the margin").

Lines that are only a page number (``- 3 -``, ``—3—``, ``第3页``, ``3/12``) at the top or
bottom of a page are page furniture and are dropped as well. Each decision is an
edit of a :class:`MappedText` whose source is the extracted text, so offsets stay exact.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from govtrace.ingest.offsets import Edit, MappedText

Box = tuple[float, float, float, float]
"""x0, top, x1, bottom in points from the page's top-left corner."""


def union(boxes: Iterable[Box]) -> Box | None:
    """The smallest box holding all of ``boxes`` (any corner convention: mins, then maxes)."""
    found = list(boxes)
    if not found:
        return None
    return (min(b[0] for b in found), min(b[1] for b in found),
            max(b[2] for b in found), max(b[3] for b in found))


@dataclass(frozen=True)
class PrintedLine:
    """One printed line: where it lies in the source text, on which page, and its box."""

    page: int
    start: int
    end: int
    box: Box | None


_HEADING = re.compile(
    r"[ \t　]*(?:[(（][一二三四五六七八九十百零〇]+[)）]|[一二三四五六七八九十百]+[、.．]"
    r"|\d{1,3}[、.．](?!\d)|第[一二三四五六七八九十百零〇\d]+[章节条部分])")
_PAGE_NUMBER = re.compile(
    r"[ \t　]*(?:[-—–－―‒ ]*\d{1,4}[-—–－―‒ ]*|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})[ \t　]*")
_RIGHT_SLACK_EM = 3.0
_INDENT_EM = 0.8
_PITCH_SLACK = 1.2


@dataclass(frozen=True)
class _PageGeometry:
    left: float
    right: float
    em: float
    pitch: float | None


def paragraph_text(source: str, lines: Sequence[PrintedLine]) -> MappedText:
    """``source`` (lines separated by one break character each) with soft breaks and page numbers
    removed, mapped into ``source``."""
    geometry = _geometry(lines)
    if sum(_full(line, geometry) for line in lines) < 2:
        # the widest line alone made "the margin": nothing shows where lines wrap
        geometry = {}
    edges = _page_edges(lines)
    keep = [line for line in lines
            if not (id(line) in edges and _PAGE_NUMBER.fullmatch(source, line.start, line.end)
                    and line.end > line.start)]
    return MappedText.identity(source).apply(_edits(source, lines, keep, geometry))


def _edits(source: str, lines: Sequence[PrintedLine], keep: Sequence[PrintedLine],
           geometry: dict[int, _PageGeometry]) -> Iterator[Edit]:
    if not keep:
        return
    if keep[0].start > 0 and keep[0] is not lines[0]:  # page furniture before the first line
        yield 0, keep[0].start, ""
    for before, after in pairwise(keep):
        gap_start, gap_end = before.end, after.start
        if _continues(source, before, after, geometry):
            joiner = " " if _latin(source, gap_start - 1) and _latin(source, gap_end) else ""
            yield gap_start, gap_end, joiner
        elif gap_end - gap_start > 1:  # furniture between: keep one break for the whole run
            yield gap_start, gap_end, "\n"
    if keep[-1] is not lines[-1]:
        yield keep[-1].end, len(source), ""


def _continues(source: str, before: PrintedLine, after: PrintedLine,
               geometry: dict[int, _PageGeometry]) -> bool:
    if before.box is None or after.box is None or before.end == before.start:
        return False
    if _HEADING.match(source, after.start, after.end):
        return False
    if not geometry or not _full(before, geometry):
        return False
    page_before, page_after = geometry[before.page], geometry[after.page]
    if after.box[0] > page_after.left + _INDENT_EM * page_after.em:
        return False
    if before.page == after.page and page_before.pitch is not None:
        return after.box[1] - before.box[1] <= _PITCH_SLACK * page_before.pitch
    return True


def _full(line: PrintedLine, geometry: dict[int, _PageGeometry]) -> bool:
    """Whether the line runs (nearly) to the right margin: it may have wrapped."""
    page = geometry.get(line.page)
    return (page is not None and line.box is not None
            and line.box[2] >= page.right - _RIGHT_SLACK_EM * page.em)


def _geometry(lines: Sequence[PrintedLine]) -> dict[int, _PageGeometry]:
    """Margins, type size and line pitch of each page, from its lines' boxes."""
    pages: dict[int, list[Box]] = {}
    for line in lines:
        if line.box is not None:
            pages.setdefault(line.page, []).append(line.box)
    if not pages:
        return {}
    # A page of a few short lines (a document's last) shows no margins of its own: its
    # margins are at least as wide as the document's usual ones.
    usual_left = statistics.median(min(b[0] for b in boxes) for boxes in pages.values())
    usual_right = statistics.median(max(b[2] for b in boxes) for boxes in pages.values())
    geometry = {}
    for page, boxes in pages.items():
        em = statistics.median(b[3] - b[1] for b in boxes) or 1.0
        pitches = [b[1] - a[1] for a, b in pairwise(boxes)
                   if 0 < b[1] - a[1] < 3 * em]
        geometry[page] = _PageGeometry(left=min(usual_left, *(b[0] for b in boxes)),
                                       right=max(usual_right, *(b[2] for b in boxes)), em=em,
                                       pitch=statistics.median(pitches) if pitches else None)
    return geometry


def _page_edges(lines: Sequence[PrintedLine]) -> set[int]:
    """The ids of each page's first and last line (where a page number is printed)."""
    edges: set[int] = set()
    for i, line in enumerate(lines):
        if i == 0 or lines[i - 1].page != line.page:
            edges.add(id(line))
        if i == len(lines) - 1 or lines[i + 1].page != line.page:
            edges.add(id(line))
    return edges


def _latin(source: str, index: int) -> bool:
    return 0 <= index < len(source) and source[index].isascii() and source[index].isalnum()
