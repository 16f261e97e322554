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
    DocumentNumber,
    Origin,
    TextFact,
    YearsFact,
)
from govtrace.ontology.document_kinds import DocumentKind


def _on(year: int, month: int, day: int) -> date | None:
    """The date, or None for an impossible one (2月30日, a misread digit)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_of(m: re.Match[str]) -> date | None:
    return _on(int(m.group("y")), int(m.group("m")), int(m.group("d")))


def parse_date(value: str) -> tuple[date, int, int] | None:
    """The first date in ``value`` and its offsets there (None for none or an impossible one)."""
    for pattern in (patterns.DATE_CN, patterns.DATE_ISO):
        m = pattern.search(value)
        if m is not None:
            found = _date_of(m)
            return (found, m.start(), m.end()) if found is not None else None
    return None


def header_date(ctx: Context, found: Found | None, basis: str | None = None) -> DateFact | None:
    """The date a header field's value gives (成文日期: 2021年8月9日, 来源:…2023-03-10)."""
    parsed = parse_date(found.value) if found is not None else None
    if found is None or parsed is None:
        return None
    value, s, e = parsed
    return date_fact(ctx, value, found.start + s, found.start + e,
                     basis or f"header {found.rule}")


def _is_clock(text: str, start: int, end: int) -> bool:
    return (patterns.CLOCK.match(text, end) is not None
            or patterns.CLOCK_BEFORE.search(text, max(0, start - 8), start) is not None)


@dataclass(frozen=True)
class Dateline:
    """A news dateline (本报9月11日讯, 新华社北京12月7日电): a month and day, no year."""

    month: int
    day: int
    start: int
    end: int

    def shortly_before(self, anchor: date, days: int = 60) -> date | None:
        """The dateline's date in the year that puts it on or up to ``days`` before
        ``anchor`` (a dated line of the same page)."""
        for year in (anchor.year, anchor.year - 1):
            candidate = _on(year, self.month, self.day)
            if candidate is not None and timedelta(0) <= anchor - candidate <= timedelta(days):
                return candidate
        return None

    def on_or_after(self, earliest: date) -> date | None:
        """The first date the dateline can be on, on or after ``earliest``."""
        for year in (earliest.year, earliest.year + 1):
            candidate = _on(year, self.month, self.day)
            if candidate is not None and candidate >= earliest:
                return candidate
        return None


@dataclass
class Dates:
    written: DateFact | None = None
    issued: DateFact | None = None
    published: DateFact | None = None
    dateline: Dateline | None = None
    """A dateline whose year no dated line of the page gave: bounds may still place it."""
    page_dates: list[date] = field(default_factory=list)
    """Every non-clock date of the front matter: context for a dateline's year."""


def read_dates(ctx: Context, front_end: int, fields: dict[str, Found],
               signed_after: int) -> Dates:
    """The dates the front matter gives (``signed_after``: where a signature may start)."""
    text = ctx.text
    # 来源:岳阳市司法局2023-03-10 11:29: the publication date glued to the source's name
    dates = Dates(written=header_date(ctx, fields.get("written")),
                  published=(header_date(ctx, fields.get("published"))
                             or header_date(ctx, fields.get("source"), "header 来源")))
    dates.page_dates = [value for value, start, end in _all_dates(text, 0, front_end)
                        if not _is_clock(text, start, end)]
    if dates.written is None:
        dates.written = _signature(ctx, signed_after, front_end)
    line = patterns.DATELINE.search(text, 0, min(len(text), front_end + 200))
    if line is not None:
        dates.dateline = Dateline(int(line.group("m")), int(line.group("d")), line.start(),
                                  line.end())
        dates.issued = _dated_dateline(ctx, dates.dateline, dates)
    return dates


def _all_dates(text: str, start: int, end: int) -> list[tuple[date, int, int]]:
    found = []
    for pattern in (patterns.DATE_CN, patterns.DATE_ISO):
        for m in pattern.finditer(text, start, end):
            value = _date_of(m)
            if value is not None:
                found.append((value, m.start(), m.end()))
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
    return date_fact(ctx, parsed[0], m.start("date"), m.end("date"), "signature line")


def _dated_dateline(ctx: Context, dateline: Dateline, dates: Dates) -> DateFact | None:
    """The dateline's date, with the year of a dated line of the page when that puts the
    dateline on or shortly before it."""
    for anchor in sorted({*dates.page_dates,
                          *(f.value for f in (dates.published, dates.written) if f)}):
        candidate = dateline.shortly_before(anchor)
        if candidate is not None:
            return DateFact(value=candidate, origin=ctx.read_origin,
                            span=ctx.span(dateline.start, dateline.end),
                            basis=f"dateline, year from the page's date {anchor}",
                            confidence=0.9)
    return None


def date_fact(ctx: Context, value: date, start: int, end: int, basis: str) -> DateFact:
    return DateFact(value=value, origin=ctx.read_origin, span=ctx.span(start, end), basis=basis,
                    confidence=ctx.read_confidence)


# --- the years covered -------------------------------------------------------------------------

_REPORTED_YEAR = re.compile(
    r"(?:现将|现就(?:做好)?|关于)(?P<first>(?:19|20)\d{2})年(?:度)?[^。]{0,30}?(?:报告|安排|部署|工作)")
_YEAR_OF_WORK = re.compile(r"(?P<first>(?:19|20)\d{2})年(?:度)?(?:全[市县区旗州盟省]|[^。]{0,6})?"
                           r"法治政府建设")


def title_years(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The year or period a title ``text[start:end]`` names (its range before a single
    year), as the match with ``first`` (and ``last``) years; None for none or a reversed
    range."""
    for pattern in (patterns.YEAR_RANGE, patterns.YEAR):
        m = pattern.search(text, start, len(text) if end is None else end)
        if m is not None:
            return m if int(m.group("first")) <= _last_year(m) else None
    return None


def _last_year(m: re.Match[str]) -> int:
    return int(m.groupdict().get("last") or m.group("first"))


def years_of_title(ctx: Context, title: Found) -> YearsFact | None:
    """The year or period a title read in the text names."""
    m = title_years(ctx.text, title.start, title.end)
    if m is None:
        return None
    return YearsFact(first=int(m.group("first")), last=_last_year(m), origin=ctx.read_origin,
                     span=ctx.span(m.start(), m.end()), confidence=ctx.read_confidence)


def years_of_title_read_elsewhere(title: TextFact) -> YearsFact | None:
    """The year or period a title read outside the text names (its span, if any, is the
    title's own: the page markup's)."""
    m = title_years(title.value)
    if m is None:
        return None
    return YearsFact(first=int(m.group("first")), last=_last_year(m), origin=title.origin,
                     span=title.span if title.origin is Origin.HTML_META else None,
                     basis=f"the title's year ({title.origin.value})",
                     confidence=title.confidence)


def years_inferred(ctx: Context, kind: DocumentKind, body_start: int,
                   issued_on: date | None) -> YearsFact | None:
    """The year a plan or report announces (现将2023年度…报告如下, 2023年，…坚持), else
    for a notice the year it was issued."""
    if kind.covers_one_year:
        window = ctx.text[: body_start + 600]
        for pattern, confidence in _ANNOUNCED_YEAR:
            m = pattern.search(window)
            if m is not None:
                year = int(m.group("first"))
                return YearsFact(first=year, last=year, origin=Origin.INFERRED,
                                 span=ctx.span(m.start("first"), m.end("first") + 1),
                                 basis=f"the year the body announces ({m.group()[:24]})",
                                 confidence=confidence)
    if kind.dated_by_release:
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
           kind: DocumentKind) -> DateBounds:
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
    if covered is not None and kind.looks_back:
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
    for m in patterns.DOCUMENT_NUMBER.finditer(text):
        if patterns.is_cited_number(text, m) and m.group("year")[:2] in ("19", "20"):
            year = int(m.group("year"))
            found.append((date(year, 1, 1), f"cites a document numbered {m.group()}"))
    return found
