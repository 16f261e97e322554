"""The numbered structure of a document: sections, items and in-paragraph items.

The text is read paragraph by paragraph (non-blank lines of the normalized
text). The body starts at the first ``一、`` heading; before it is the front
matter (wrapper notice, title, preamble). Headings are recognised by the
patterns in :data:`HEADINGS` and must count on (a section ``n+1`` after ``n``;
an item ``n+1`` after ``n`` or ``1`` to restart), so a stray "1." in a body
never opens an item.

Which unnumbered paragraphs belong to a block:

* after a block whose heading line is only a title (004's layout), every
  paragraph up to the next heading is its body;
* after a block whose heading line already carries its body (000, 003), the
  paragraphs are kept only if another heading follows; paragraphs after the
  *last* such block are the document's closing (各部门要… / 同时，工作中…),
  not part of the block.

The body also ends at a line matching :data:`TERMINATORS` (the press Q&A after
004, the page furniture after 003).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govtrace.ingest.extract.numerals import CN_NUMERAL_CHARS, numeral_value
from govtrace.ingest.extract.titles import TitleSplit, split_title

_CN = f"[{CN_NUMERAL_CHARS}]"

HEADINGS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"[ \t\u3000]*(?P<num>{_CN}{{1,3}})[、．.]")),
    (2, re.compile(rf"[ \t\u3000]*[（(][ \t]*(?P<num>{_CN}{{1,4}})[ \t]*[）)]")),
    (2, re.compile(r"[ \t\u3000]*(?P<num>\d{1,3})[ \t]*[.．、](?![\d.．])")),
)
"""(level, pattern) for heading lines: 一、 sections; （一）/(一) and 1. items."""

TERMINATORS: tuple[re.Pattern[str], ...] = (
    re.compile(r"答记者问\s*$"),
    re.compile(r"^\s*(?:解读|下载|附件|信息来源|来源|轮播图预览)\s*[:：]"),
)
"""Lines at which the numbered body ends (press Q&A, page furniture)."""

IN_PARAGRAPH = re.compile(rf"(?:^|(?<=[。；;]))[ \t\u3000]*(?P<num>{_CN}{{1,2}})是", re.M)
"""一是/二是/三是 at the start of a sentence: the sub-items of a report."""

_LINE = re.compile(r"[^\n]+")


@dataclass
class Block:
    """A numbered unit; offsets index the normalized text."""

    level: int
    number: int
    number_text: str
    start: int  # where the number starts
    head_start: int  # where the heading text (after the number) starts
    head_end: int  # end of the heading line
    split: TitleSplit
    end: int
    children: list[Block] = field(default_factory=list)

    @property
    def inline(self) -> bool:
        return self.split.body_start is not None

    @property
    def title_end(self) -> int:
        return self.head_start + self.split.title_end

    @property
    def body_start(self) -> int:
        """Where the block's own body starts (same line, or the next paragraph)."""
        if self.split.body_start is not None:
            return self.head_start + self.split.body_start
        return self.head_end

    @property
    def own_end(self) -> int:
        """End of the block's own text, before its first child."""
        return self.children[0].start if self.children else self.end


@dataclass
class Outline:
    body_start: int  # start of the first section (len(text) when there is none)
    body_end: int  # end of the numbered body (where the closing/trailer starts)
    trailer_end: int  # where a terminator line (press Q&A, furniture) starts, else len(text)
    sections: list[Block]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]


def _heading(text: str, start: int, end: int) -> tuple[int, re.Match[str]] | None:
    for level, pattern in HEADINGS:
        m = pattern.match(text, start, end)
        if m is not None and text[m.end():end].strip():
            return level, m
    return None


class _OutlineBuilder:
    """Gathers the sections and numbered items of a body as its headings are met."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sections: list[Block] = []
        self.last_item = 0
        self.pending: list[tuple[int, int]] = []
        self.open: Block | None = None

    def accepts(self, level: int, number: int) -> bool:
        if level == 1:  # an excerpt may start at any section; then they count on
            return not self.sections or number == self.sections[-1].number + 1
        if not self.sections:
            return False
        return number in (self.last_item + 1, 1) or (self.last_item == 0 and
                                                     not self.sections[-1].children)

    def add_heading(self, level: int, m: re.Match[str], end: int) -> None:
        self._flush_pending()
        number = numeral_value(m.group("num"))
        head = m.end()
        block = Block(level, number, self.text[m.start():m.end()].strip(), m.start(), head, end,
                      split_title(self.text[head:end]), end)
        if level == 1:
            self.sections.append(block)
        else:
            self.sections[-1].children.append(block)
            self.last_item = number
        self.open = block

    def add_paragraph(self, start: int, end: int) -> None:
        if self.open is None:
            return
        if self.open.inline:
            self.pending.append((start, end))
        else:
            self.open.end = end

    def _flush_pending(self) -> None:
        if self.pending and self.open is not None:
            self.open.end = self.pending[-1][1]
        self.pending = []

    def finish(self, trailer_end: int) -> Outline:
        for section in self.sections:
            if section.children:
                section.end = max(section.end, section.children[-1].end)
        start = self.sections[0].start if self.sections else len(self.text)
        end = self.sections[-1].end if self.sections else start
        return Outline(start, end, max(end, trailer_end), self.sections)


def outline(text: str) -> Outline:
    """Find the sections and items of ``text`` (normalized)."""
    builder = _OutlineBuilder(text)
    trailer_end = len(text)
    for start, end in paragraphs(text):
        if builder.sections and any(t.search(text, start, end) for t in TERMINATORS):
            trailer_end = start
            break
        found = _heading(text, start, end)
        if found is not None:
            level, m = found
            number = numeral_value(m.group("num"))
            if builder.accepts(level, number):
                builder.add_heading(level, m, end)
                continue
        builder.add_paragraph(start, end)
    return builder.finish(trailer_end)


def in_paragraph_items(text: str, start: int, end: int) -> list[tuple[int, int, str, int]]:
    """一是/二是… markers in ``text[start:end]``: (marker start, text start, marker, number).

    Only a run counting 一, 二, 三 … is accepted, so a stray "一是" is ignored.
    """
    found: list[tuple[int, int, str, int]] = []
    for m in IN_PARAGRAPH.finditer(text, start, end):
        number = numeral_value(m.group("num"))
        if number == len(found) + 1:
            found.append((m.start("num"), m.end(), text[m.start("num"):m.end()], number))
    return found
