"""When a document was written, issued and published, the year(s) it covers, and, when no
date says it, the bounds on when it can have been issued.

Dates come from the page's header block (成文日期, 发布日期, 发布时间, 更新时间 …),
the signature under a notice or a document (a line holding only a date), and news
datelines (本报9月11日讯, 新华社北京12月7日电) whose year comes from a dated line of
the same page. A page's clock (2019年12月3日星期二, 今天是:…) is furniture.

Bounds hold what the text implies: a document cannot be issued before a document it
cites as already in force (the national outline, made public 2021-08-11, or any
cited 文号's year), nor before the year it reports on began; its own 文号 names its
year; its publication is its latest date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from govtrace.ingest.extract import front as patterns
from govtrace.ingest.extract.context import Context
from govtrace.ingest.extract.header import Found
from govtrace.ingest.record import (
    Citation,
    DateBounds,
    DateFact,
    DocType,
    DocumentNumber,
    Origin,
    YearsFact,
)


def parse_date(value: str) -> tuple[date, int, int] | None:
    """The first date in ``value`` and its offsets there (None for none or an impossible one)."""
    for pattern in (patterns.DATE_CN, patterns.DATE_ISO):
        m = pattern.search(value)
        if m is not None:
            try:
                return date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), \
                    m.start(), m.end()
            except ValueError:
                return None
    return None


def _is_clock(text: str, start: int, end: int) -> bool:
    return (patterns.CLOCK.match(text, end) is not None
            or patterns.CLOCK_BEFORE.search(text, max(0, start - 8), start) is not None)


@dataclass
class Dates:
    written: DateFact | None = None
    issued: DateFact | None = None
    published: DateFact | None = None
    page_dates: list[date] = field(default_factory=list)
    """Every non-clock date of the front matter: context for a dateline's year."""


def read_dates(ctx: Context, front_end: int, fields: dict[str, Found],
               signed_after: int) -> Dates:
    """The dates the front matter gives (``signed_after``: where a signature may start)."""
    text = ctx.text
    dates = Dates()
    for fact in ("written", "published"):
        found = fields.get(fact)
        parsed = parse_date(found.value) if found else None
        if found is not None and parsed is not None:
            value, s, e = parsed
            setattr(dates, fact, _fact(ctx, value, found.start + s, found.start + e,
                                       f"header {found.rule}"))
    if dates.published is None and "source" in fields:
        # 来源:岳阳市司法局2023-03-10 11:29: the date is glued to the source's name
        found = fields["source"]
        parsed = parse_date(found.value)
        if parsed is not None:
            value, s, e = parsed
            dates.published = _fact(ctx, value, found.start + s, found.start + e, "header 来源")
    for m in _all_dates(text, 0, front_end):
        if not _is_clock(text, m[1], m[2]):
            dates.page_dates.append(m[0])
    if dates.written is None:
        dates.written = _signature(ctx, signed_after, front_end)
    dates.issued = _dateline(ctx, front_end, dates)
    return dates


def _all_dates(text: str, start: int, end: int) -> list[tuple[date, int, int]]:
    found = []
    for pattern in (patterns.DATE_CN, patterns.DATE_ISO):
        for m in pattern.finditer(text, start, end):
            try:
                found.append((date(int(m.group("y")), int(m.group("m")), int(m.group("d"))),
                              m.start(), m.end()))
            except ValueError:
                continue
    return sorted(found, key=lambda x: x[1])


_SIGNATURE = re.compile(r"^[ \t\u3000]*(?P<date>\d{4}年\d{1,2}月\d{1,2}日)[ \t\u3000]*$", re.M)


def _signature(ctx: Context, start: int, end: int) -> DateFact | None:
    """A line holding only a date: the date a notice or document was signed (成文)."""
    m = _SIGNATURE.search(ctx.text, start, end)
    if m is None:
        return None
    parsed = parse_date(m.group("date"))
    if parsed is None:
        return None
    return _fact(ctx, parsed[0], m.start("date"), m.end("date"), "signature line")


def _dateline(ctx: Context, end: int, dates: Dates) -> DateFact | None:
    """本报9月11日讯 / 新华社北京12月7日电, with the year of a dated line of the page when that
    puts the dateline on or shortly before it."""
    m = patterns.DATELINE.search(ctx.text, 0, min(len(ctx.text), end + 200))
    if m is None:
        return None
    month, day = int(m.group("m")), int(m.group("d"))
    for anchor in sorted({*dates.page_dates,
                          *(f.value for f in (dates.published, dates.written) if f)}):
        for year in (anchor.year, anchor.year - 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if timedelta(0) <= anchor - candidate <= timedelta(days=60):
                return DateFact(value=candidate, origin=ctx.read_origin,
                                span=ctx.span(m.start(), m.end()),
                                basis=f"dateline, year from the page's date {anchor}",
                                confidence=0.9)
    return None


def dateline_after(ctx: Context, end: int, earliest: date) -> date | None:
    """The first date a year-less dateline can be on or after ``earliest``."""
    m = patterns.DATELINE.search(ctx.text, 0, min(len(ctx.text), end + 200))
    if m is None:
        return None
    month, day = int(m.group("m")), int(m.group("d"))
    for year in (earliest.year, earliest.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= earliest:
            return candidate
    return None


def _fact(ctx: Context, value: date, start: int, end: int, basis: str) -> DateFact:
    return DateFact(value=value, origin=ctx.read_origin, span=ctx.span(start, end), basis=basis,
                    confidence=ctx.read_confidence)


# --- the years covered -------------------------------------------------------------------------

_REPORTED_YEAR = re.compile(
    r"(?:现将|现就(?:做好)?|关于)(?P<first>(?:19|20)\d{2})年(?:度)?[^。]{0,30}?(?:报告|安排|部署|工作)")
_YEAR_OF_WORK = re.compile(r"(?P<first>(?:19|20)\d{2})年(?:度)?(?:全[市县区旗州盟省]|[^。]{0,6})?"
                           r"法治政府建设")


def years_of_title(ctx: Context, title: Found) -> YearsFact | None:
    """The year or period a title read in the text names."""
    for pattern in (patterns.YEAR_RANGE, patterns.YEAR):
        m = pattern.search(ctx.text, title.start, title.end)
        if m is not None:
            first = int(m.group("first"))
            last = int(m.groupdict().get("last") or first)
            if first <= last:
                return YearsFact(first=first, last=last, origin=ctx.read_origin,
                                 span=ctx.span(m.start(), m.end()),
                                 confidence=ctx.read_confidence)
    return None


def years_inferred(ctx: Context, kind: DocType, body_start: int,
                   issued_on: date | None) -> YearsFact | None:
    """The year a plan or report announces (现将2023年度…报告如下, 2023年，…坚持), else
    for a notice the year it was issued."""
    if kind in (DocType.WORK_PLAN, DocType.WORK_REPORT):
        window = ctx.text[: body_start + 600]
        for pattern, confidence in _ANNOUNCED_YEAR:
            m = pattern.search(window)
            if m is not None:
                year = int(m.group("first"))
                return YearsFact(first=year, last=year, origin=Origin.INFERRED,
                                 span=ctx.span(m.start("first"), m.end("first") + 1),
                                 basis=f"the year the body announces ({m.group()[:24]})",
                                 confidence=confidence)
    if kind in (DocType.NOTICE, DocType.OTHER):
        if issued_on is not None:
            return YearsFact(first=issued_on.year, last=issued_on.year, origin=Origin.INFERRED,
                             basis="the year it was issued", confidence=0.6)
        years = [d.year for d, _, _ in _all_dates(ctx.text, 0, len(ctx.text))]
        if years:
            year = max(set(years), key=lambda y: (years.count(y), y))
            return YearsFact(first=year, last=year, origin=Origin.INFERRED,
                             basis="the year of most dates it gives", confidence=0.5)
    return None


_ANNOUNCED_YEAR: tuple[tuple[re.Pattern[str], float], ...] = (
    (_REPORTED_YEAR, 0.9),
    (re.compile(r"^[ \t\u3000]*(?P<first>(?:19|20)\d{2})年(?:度)?[，,]", re.M), 0.8),
    (_YEAR_OF_WORK, 0.7),
)


# --- bounds ----------------------------------------------------------------------------------

def bounds(*, exact: date | None, published: date | None, own_numbers: list[DocumentNumber],
           in_force: list[tuple[date, str]], covered: YearsFact | None,
           kind: DocType) -> DateBounds:
    """What the text implies about when the document was issued; ``in_force`` holds the
    dates of what it cites as already in force, each with its reason."""
    earliest: list[tuple[date, str]] = list(in_force)
    latest: list[tuple[date, str]] = []
    if exact is not None:
        earliest.append((exact, f"dated {exact}"))
        latest.append((exact, f"dated {exact}"))
    if published is not None:
        latest.append((published, f"published {published}"))
    for number in own_numbers:
        earliest.append((date(number.year, 1, 1), f"its 文号 {number.canonical}"))
        latest.append((date(number.year, 12, 31), f"its 文号 {number.canonical}"))
    if covered is not None and kind is DocType.WORK_REPORT:
        earliest.append((date(covered.last, 1, 1), f"reports on {covered.last}"))
    low = max(earliest, default=None, key=lambda x: x[0])
    high = min(latest, default=None, key=lambda x: x[0])
    if low is not None and high is not None and low[0] > high[0]:
        # the text contradicts itself (a misread date): keep the dated facts only
        return DateBounds(earliest=exact, latest=exact or published,
                          basis=[f"conflicting evidence: {low[1]} vs {high[1]}"])
    return DateBounds(earliest=low[0] if low else None, latest=high[0] if high else None,
                      basis=list(dict.fromkeys(x[1] for x in (low, high) if x is not None)))


def cited_in_force(text: str, cited: list[Citation],
                   known_dates: dict[str, date]) -> list[tuple[date, str]]:
    """Dates by which what the text cites was in force: the dates of known documents it
    cites, and the year of each 文号 written right after a title (《…》(厅字〔2019〕28号))."""
    found: list[tuple[date, str]] = []
    for citation in cited:
        when = known_dates.get(citation.work.canonical)
        if when is not None:
            found.append((when, f"cites 《{citation.work.title}》 ({when}) as in force"))
    for m in _NUMBER_AFTER_TITLE.finditer(text):
        year = int(m.group("year"))
        found.append((date(year, 1, 1), f"cites a document numbered {m.group('number')}"))
    return found


_NUMBER_AFTER_TITLE = re.compile(
    r"》[ \t]*[（(][ \t]*(?P<number>[\u4e00-\u9fff]{1,8}[发字函办][ \t]*[〔\[［(（]"
    r"(?P<year>(?:19|20)\d{2})[〕\]］)）][ \t]*\d{1,4}[ \t]*号)")
