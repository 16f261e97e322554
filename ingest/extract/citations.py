"""Works cited in 《》 and how the citing text relates to them.

For each 《…》 (nested 〈〉 <> ＜＞ and inner 《》 allowed, line breaks inside
tolerated) the cue is the *leftmost* cue word of :data:`CUES` in the clause
before it: in 认真落实自治区人民政府《A》、市人民政府《B》 one 认真落实 governs
both, and in 全面落实中共中央办公厅、国务院办公厅印发《…》 the governing verb
is 全面落实, not the attribution 印发. 印发的/印发了 never count as a cue.
A cue after the title or its run of titles (《A》《B》的学习贯彻) is used when
there is none before. Deliverable verbs used as attributes (印发的, 新修订的,
修订后的) are not cues.
The cue's kind decides the citation kind; no cue means a mention.

An order number in brackets right after the title (（内蒙古自治区人民政府令第262号）)
is attached to the work (and is part of its key). A short title the document defines
(《内蒙古自治区行政执法公示办法》（以下简称《办法》）) names that work wherever the
document writes it (:func:`abbreviations`). A stray 》 shortly after a closed title (004:
《内蒙古自治区行政执法公示法》全过程记录重大执法决定法制审核办法》) means the
first 》 was a typo: the title runs to the second one (``repaired``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from govtrace.ingest.extract.context import Context
from govtrace.ingest.extract.works import canonical_title, cited_work
from govtrace.ingest.record import Citation, CitationKind

CUES: dict[str, CitationKind] = {
    **dict.fromkeys(
        ("贯彻落实", "严格执行", "认真落实", "严格落实", "全面落实", "深入落实", "贯彻实施",
         "深入实施", "认真执行", "认真贯彻", "全面贯彻", "贯彻", "落实", "执行", "实施", "依据",
         "依照", "按照", "根据", "对照", "遵照", "遵守"),
        CitationKind.MANDATE),
    **dict.fromkeys(
        ("推动出台", "推动制定", "制定印发", "制定出台", "编制", "制定", "修订", "修改", "出台",
         "起草", "印发", "编发", "发布"),
        CitationKind.DELIVERABLE),
}
"""Cue word → citation kind (longer cues are tried first at the same position)."""

LEGAL_BASIS_CUES = frozenset(("根据", "依据", "按照", "依照"))
"""The mandate cues that name a legal basis (gt:basedOn, eli:based_on); every other
mandate cue (贯彻落实, 严格执行, 遵守 …) says the work is carried out (gt:carriesOut)."""

POST_CUES: dict[str, CitationKind] = {"学习贯彻": CitationKind.MANDATE}
"""Cues written after the title (《…》的学习贯彻)."""

# A deliverable verb used as an attribute (印发的《…》, 新修订的《…》, 修订后的) is no cue.
_CUE = re.compile("|".join(
    re.escape(c) + ("(?![的了后])" if CUES[c] is CitationKind.DELIVERABLE else "")
    for c in sorted(CUES, key=len, reverse=True)))
# After a title, possibly across the further titles of the same run: 《A》《B》的学习贯彻.
_POST_CUE = re.compile(r"(?:[、和及与]?《[^《》。]*(?:[〈<][^《》。]*)?》)*的?("
                       + "|".join(map(re.escape, POST_CUES)) + ")")
_CLAUSE_END = re.compile(r"[。；;，,！？!?]|\n\s*\n")
_ORDER = re.compile(r"\s*[（(]\s*(?P<order>[^（）()《》]{2,30}?令\s*第\s*\d+\s*号)\s*[）)]")
_ABBREVIATION = re.compile(r"\s*[（(]\s*以下简称\s*[《“\"]?(?P<short>[^《》“”\"（）()，,。]{1,20})"
                           r"[》”\"]?\s*[）)]")
_ISSUER = re.compile(r"(?:中共中央|国务院|党中央|人民政府|政府|办公厅|办公室|司法厅|司法局|"
                     r"委员会|党委|自治区|市|旗|区|县)$")
_CONNECTORS = "、和及与或以及 \n"
_MAX_TITLE = 80
_MAX_REPAIR_GAP = 40


@dataclass(frozen=True)
class _Title:
    start: int  # the opening 《
    end: int  # just after the closing 》
    text: str  # inside the outer brackets
    repaired: bool


def _titles(text: str, start: int, end: int) -> Iterator[_Title]:
    pos = text.find("《", start, end)
    while pos != -1:
        close = _matching_close(text, pos, end)
        if close is None:
            pos = text.find("《", pos + 1, end)
            continue
        inner = text[pos + 1:close]
        repaired = False
        stray = _stray_close(text, close + 1, end)
        if stray is not None:
            inner, close, repaired = text[pos + 1:close] + text[close + 1:stray], stray, True
        yield _Title(pos, close + 1, re.sub(r"\s+", "", inner), repaired)
        pos = text.find("《", close + 1, end)


def _matching_close(text: str, pos: int, end: int) -> int | None:
    depth = 0
    for i in range(pos, min(end, pos + _MAX_TITLE)):
        ch = text[i]
        if ch == "《":
            depth += 1
        elif ch == "》":
            depth -= 1
            if depth == 0:
                return i
        elif ch == "。":
            return None
    return None


def _stray_close(text: str, pos: int, end: int) -> int | None:
    limit = min(end, pos + _MAX_REPAIR_GAP)
    for i in range(pos, limit):
        ch = text[i]
        if ch == "》":
            return i
        if ch in "《。；;，,\n":
            return None
    return None


def _clause_start(text: str, floor: int, pos: int) -> int:
    start = floor
    for m in _CLAUSE_END.finditer(text, floor, pos):
        start = m.end()
    return start


@dataclass(frozen=True)
class _Defined:
    """The work a short title stands for."""

    title: str
    order_number: str | None


@lru_cache(maxsize=4)
def abbreviations(text: str) -> dict[str, _Defined]:
    """The short titles ``text`` defines (《A》（…令第N号）（以下简称《B》）), canonical short
    title → the work: read from the whole document at once, so a definition counts
    wherever the document first uses it."""
    defined: dict[str, _Defined] = {}
    for title in _titles(text, 0, len(text)):
        order = _ORDER.match(text, title.end)
        short = _ABBREVIATION.match(text, order.end() if order else title.end)
        if short is not None:
            defined.setdefault(canonical_title(short.group("short")), _Defined(
                title.text, _order(order.group("order")) if order else None))
    return defined


def _order(written: str) -> str:
    return re.sub(r"\s+", "", written)


def find_citations(ctx: Context, start: int, end: int) -> list[Citation]:
    """Every 《…》 in normalized ``[start, end)`` as a :class:`Citation`."""
    text = ctx.text
    short_titles = abbreviations(text)
    found: list[Citation] = []
    previous_end = start
    for title in _titles(text, start, end):
        if title.start < previous_end:
            continue  # the short title of a definition: the work is cited before it
        clause = _clause_start(text, start, title.start)
        cue_match = _CUE.search(text, clause, title.start)
        cue, kind = (cue_match.group(), CUES[cue_match.group()]) if cue_match else (None, None)
        if cue is None:
            post = _POST_CUE.match(text, title.end)
            if post is not None:
                cue, kind = post.group(1), POST_CUES[post.group(1)]
        after = max(previous_end, cue_match.end() if cue_match else clause)
        order = _ORDER.match(text, title.end, end)
        span_end = order.end() if order else title.end
        order_number = _order(order.group("order")) if order else None
        defined = short_titles.get(canonical_title(title.text))
        if defined is not None and defined.title != title.text:
            order_number = order_number or defined.order_number
        work = cited_work(title.text, issuer=_issuer(text[after:title.start]),
                          order_number=order_number,
                          full_title=defined.title if defined is not None else None)
        found.append(Citation(work=work, kind=kind or CitationKind.MENTION, cue=cue,
                              repaired=title.repaired, span=ctx.span(title.start, span_end)))
        short = _ABBREVIATION.match(text, span_end, end)
        previous_end = short.end() if short else span_end
    return found


def _issuer(between: str) -> str | None:
    """The issuer written between the cue (or the previous title) and the 《, if any."""
    name = re.sub(r"\s+", "", between).strip(_CONNECTORS)
    name = re.sub(r"印发[的了]?$|的$", "", name)
    return name if name and len(name) <= 30 and _ISSUER.search(name) else None
