"""Deadlines (2022年4月底前, 年内 …) resolved to dates.

Expressions are found with :data:`DEADLINE` and resolved by jionlp's time
parser, each anchored in the year it names (an absolute expression resolves to the
same date whatever the document's date); a deadline is the *end* of the span
jionlp returns (2022年4月底前 → 2022-04-30, 2025年前 → 2025-12-31: jionlp
reads "before year X" as "by the end of X", as the plans mean it).
Expressions jionlp cannot parse have a named rule in :data:`RULES`:
年内 / 年底前 / 今年 without a year mean the end of the year the plan covers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

from govtrace.ingest.extract.context import Context
from govtrace.ingest.record import Deadline

DEADLINE = re.compile(
    r"(?:(?P<year>\d{4})年(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?)?"
    r"(?P<tail>年?底前|底前|前|以前|上半年|下半年)"
    r"|(?<![\d一二三四五两几年])(?P<bare>年内|年底前|今年内))"
)

RULES: dict[str, Callable[[int], date]] = {
    "年内": lambda year: date(year, 12, 31),
    "今年内": lambda year: date(year, 12, 31),
    "年底前": lambda year: date(year, 12, 31),
}
"""Year-relative expressions jionlp does not parse: expression → due date for the base year."""


@cache
def jionlp_time_parser() -> Callable[..., Any]:
    """jionlp's ``parse_time``, imported on first use (the import takes half a second)."""
    from govtrace.ontology.divisions_source import jionlp_quietly

    with jionlp_quietly():
        import jionlp

    parse: Callable[..., Any] = jionlp.parse_time
    return parse


@lru_cache(maxsize=4096)
def _parse(expression: str, base: date) -> date | None:
    parse = jionlp_time_parser()
    time_base = {"year": base.year, "month": base.month, "day": base.day}
    try:
        result = parse(expression, time_base=time_base)
    except ValueError:
        return None
    times = result.get("time") if isinstance(result, dict) else None
    if not times:
        return None
    return datetime.strptime(str(times[-1])[:10], "%Y-%m-%d").date()


def find_deadlines(ctx: Context, start: int, end: int, base: date | None) -> list[Deadline]:
    """Deadlines in normalized ``[start, end)``; ``base`` anchors year-relative ones."""
    found: list[Deadline] = []
    for m in DEADLINE.finditer(ctx.text, start, end):
        expression = m.group()
        if m.group("bare"):
            if base is None:
                continue
            due, rule = RULES[m.group("bare")](base.year), m.group("bare")
        else:
            year = int(m.group("year"))
            if year < 1000:
                # the tail of a longer number (距今10000年前): no date (date(0, 1, 1) and
                # jionlp's four-digit years both fail on it) and no deadline
                continue
            # An absolute expression does not depend on the base: jionlp gave the same date
            # for every base tried (each shape DEADLINE matches: the issue-16 tests; a sweep
            # of 624 expressions against 6 bases when this changed). Anchored in its own
            # year, it is parsed once per process, not once per document date (a parse is
            # 1.3 ms: a tenth of a document's extraction).
            parsed = _parse(expression, date(year, 1, 1))
            if parsed is None:
                continue
            due, rule = parsed, "jionlp"
        found.append(Deadline(text=expression, due=due, rule=rule,
                              span=ctx.span(m.start(), m.end())))
    return found
