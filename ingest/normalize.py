"""Normalize a document's readable text, keeping the map to its source characters.

The canonical form the extractor sees (``docs/ingest.md``, "Normalization"):

* no BOM, zero-width characters or soft hyphens; line breaks are ``\\n``;
* radicals standing in for ideographs (Kangxi ``⼯``, supplement ``⻔``, common in PDF
  text layers) become those ideographs (:mod:`govtrace.ingest.radicals`);
* the full-width ASCII block (U+FF01–FF5E) is folded to ASCII, so digits,
  Latin letters and ``（）：，；！？`` become ``0-9 A-z ():,;!?``: numbering
  ``（一）`` and ``(一)`` look the same, as do ``１２`` and ``12``. Chinese
  punctuation outside that block (``。、“”《》〈〉〔〕【】—``) is kept; a dash
  between two four-digit years becomes ``—`` (``2021－2025`` → ``2021—2025``);
* pinyin annotations after characters are removed (``內(nèi)`` → ``内``);
* traditional characters become simplified (OpenCC ``t2s``);
* blanks inside Chinese text are removed (``规范 性文件``), except between
  the fields of a page's metadata lines (``发布机构 …办公室 文号 …``);
  lines lose leading and trailing blanks, and runs of blanks become one;
* page furniture is dropped (:mod:`govtrace.ingest.normalize_furniture`);
* a title broken across lines inside ``《》`` is joined;
* one ``\\n`` between paragraphs: blank lines are dropped.

Every step only deletes characters or rewrites them one for one (a run
collapsed to one character maps to the whole run), so each normalized
character has source characters, the map is monotone, and
``normalize(normalize(x)) == normalize(x)``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from govtrace.ingest.normalize_furniture import (
    FURNITURE_FRAGMENTS,
    FURNITURE_LINE,
    LABEL_AFTER,
    LABEL_BEFORE,
)
from govtrace.ingest.normalize_pinyin import HAN, annotation_edits
from govtrace.ingest.offsets import Edit, MappedText
from govtrace.ingest.radicals import RADICALS
from govtrace.ingest.radicals import TABLE as RADICAL_TABLE

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from opencc import OpenCC

_ODD_BREAKS = "\r\u2028\u2029\x0b\x0c\x85"
_INVISIBLES = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
# group 1: a line break written another way; otherwise an invisible character
_INVISIBLE_OR_BREAK = re.compile(f"(\r\n|[{_ODD_BREAKS}])|[{_INVISIBLES}]+")
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {
    0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x202F: 0x20,
    0xFE59: 0x28, 0xFE5A: 0x29,
}
_WIDE = re.compile("[" + "".join(chr(cp) for cp in _WIDTH) + "]+")
_DASHES = "-‐‑‒–—―−~～"
_YEAR_RANGE = re.compile(rf"\d{{4}}([ \t]*[{_DASHES}][ \t]*)\d{{4}}")
# Blank runs; the first is for text without tabs, and scans fast (opens with a literal).
_SPACES = re.compile(r" [ \t]*")
_BLANKS = re.compile(r"[ \t]+")
_BREAKS = re.compile(r"\n\n+")
_BROKEN_TITLE = re.compile(r"《[^《》。]{0,120}?》")
_BREAK_IN_TITLE = re.compile(r"[ \t]*\n[ \t\n]*")

_HAN_CHAR = re.compile(f"[{HAN}]")
# Punctuation that sits in Chinese text: CJK symbols, quotes, dashes, and ASCII
# punctuation (what the full-width forms fold to). A blank between two of these,
# or between one and a Han character, is not a word space.
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef“”‘’…—–·•※°"
_ASCII_PUNCT = ",.:;!?()%[]\"'/<>"
_CHINESE_SIDE = re.compile(f"[{HAN}{_CJK_PUNCT}{re.escape(_ASCII_PUNCT)}]")


def normalize(content: MappedText) -> MappedText:
    """The canonical text of ``content``, mapped to the same source (see the module doc)."""
    text = content
    for step in _CHARACTER_STEPS:
        text = step(text)
    # Removing furniture or a line break can bring new neighbours together (作者:作者:,
    # 访问 次数), so the layout steps repeat until nothing changes; every round that changes
    # the text shortens it (or only turns tabs into spaces), so this ends, usually after the
    # second round.
    while True:
        before = text.text
        for step in _LAYOUT_STEPS:
            text = step(text)
        if text.text == before:
            return text


def _strip_invisible(text: MappedText) -> MappedText:
    if not any(c in text.text for c in _ODD_BREAKS + _INVISIBLES):
        return text
    return text.sub(_INVISIBLE_OR_BREAK, lambda m: "\n" if m.group(1) else "")


def _fold_width(text: MappedText) -> MappedText:
    text = text.replace_chars(_WIDE.sub(lambda m: m.group().translate(_WIDTH), text.text))
    return text.apply(_year_dash_edits(text.text))


def _fold_radicals(text: MappedText) -> MappedText:
    # before t2s: a traditional radical (⾨) becomes 門, which t2s then makes 门
    if not RADICALS.search(text.text):
        return text
    return text.replace_chars(text.text.translate(RADICAL_TABLE))


def _year_dash_edits(text: str) -> Iterator[Edit]:
    if not any(dash in text for dash in _DASHES):
        return
    for match in _YEAR_RANGE.finditer(text):
        start, end = match.span()
        if (start and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit()):
            continue
        if match.group(1) != "—":
            yield match.start(1), match.end(1), "—"


def _strip_pinyin(text: MappedText) -> MappedText:
    return text.apply(annotation_edits(text.text))


@cache
def _t2s() -> OpenCC:
    from opencc import OpenCC

    return OpenCC("t2s")


def _convert(chunk: str) -> str:
    """t2s until stable (a few characters convert in two steps: 薴 → 苧 → 苎)."""
    converter = _t2s()
    for _ in range(3):
        converted: str = converter.convert(chunk)
        if converted == chunk:
            break
        chunk = converted
    return chunk


def _to_simplified(text: MappedText) -> MappedText:
    """OpenCC converts phrases; a conversion that changes a line's length is redone per character
    so that the map stays exact."""
    if not _HAN_CHAR.search(text.text):
        return text
    converted = _convert(text.text)
    if len(converted) != len(text.text):
        lines = []
        for line in text.text.split("\n"):
            whole = _convert(line)
            lines.append(whole if len(whole) == len(line) else "".join(_one(c) for c in line))
        converted = "\n".join(lines)
    return text.replace_chars(converted)


def _one(char: str) -> str:
    converted = _convert(char)
    return converted if len(converted) == 1 else char


def _blank_edits(text: str) -> Iterator[Edit]:
    """Blanks: none at line edges or inside Chinese text, else one space.

    Blanks that separate the fields of a metadata line stay.
    """
    n = len(text)
    for match in (_BLANKS if "\t" in text else _SPACES).finditer(text):
        start, end = match.span()
        left = text[start - 1] if start else "\n"
        right = text[end] if end < n else "\n"
        if left == "\n" or right == "\n" or _inside_chinese(text, start, end):
            yield start, end, ""
        elif end - start > 1 or match.group() != " ":
            yield start, end, " "


def _inside_chinese(text: str, start: int, end: int) -> bool:
    left, right = text[start - 1], text[end]
    if not (_CHINESE_SIDE.match(left) and _CHINESE_SIDE.match(right)):
        return False
    if left in _ASCII_PUNCT and right in _ASCII_PUNCT:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return not (LABEL_BEFORE.search(text, line_start, start) or LABEL_AFTER.match(text, end))


def _tidy_blanks(text: MappedText) -> MappedText:
    text = text.apply(_blank_edits(text.text)).sub(_BREAKS, "\n")
    body = text.text
    lead = len(body) - len(body.lstrip("\n"))
    trail = len(body) - len(body.rstrip("\n"))
    if lead == len(body):
        return text.apply([(0, len(body), "")])
    return text.apply(
        [(0, lead, ""), (len(body) - trail, len(body), "")] if trail else [(0, lead, "")]
    )


def _drop_furniture(text: MappedText) -> MappedText:
    for fragment in FURNITURE_FRAGMENTS:
        text = text.sub(fragment, "")
    return text.sub(FURNITURE_LINE, "")


def _join_titles(text: MappedText) -> MappedText:
    def edits() -> Iterator[Edit]:
        for title in _BROKEN_TITLE.finditer(text.text):
            if "\n" in title.group():
                for gap in _BREAK_IN_TITLE.finditer(text.text, title.start(), title.end()):
                    yield gap.start(), gap.end(), ""

    return text.apply(edits())


_CHARACTER_STEPS: tuple[Callable[[MappedText], MappedText], ...] = (
    _strip_invisible,
    _fold_radicals,
    _fold_width,
    _strip_pinyin,
    _to_simplified,
)
_LAYOUT_STEPS: tuple[Callable[[MappedText], MappedText], ...] = (
    _strip_pinyin,
    _tidy_blanks,
    _drop_furniture,
    _join_titles,
    _tidy_blanks,
)
