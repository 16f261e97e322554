"""The coverage table cut to what a reader asks for: one year's plans, the divisions in a
province (or any division), of one administrative level."""

from __future__ import annotations

from govtrace.errors import QUERY_NOT_FOUND, DivisionError, QueryError
from govtrace.ontology.divisions import NATIONAL_ADCODE, Division, get_gazetteer
from govtrace.queries.coverage import Coverage, CoverageItem
from govtrace.queries.division_codes import known_division
from govtrace.queries.models import DivisionRef


def check_year(year: int, years: list[int]) -> None:
    """GT-QUERY-006 for a year no plan implementing the outline covers."""
    if year not in years:
        raise QueryError(QUERY_NOT_FOUND, f"no plan implementing the national outline "
                         f"covers {year}", hint=f"Ask for one of {', '.join(map(str, years))}"
                         " or for all years." if years else "The graph holds no such plan.")


def cut(coverage: Coverage, within: str | None, level: str | None) -> Coverage:
    """``coverage`` with the divisions at or below ``within`` (a code or name, checked in
    the gazetteer: GT-DIV-001) whose level is ``level`` (a gt: level's local name, County)."""
    ancestor = known_division(within) if within is not None else None
    keep = [d for d in coverage.divisions
            if (level is None or _level_name(d) == level)
            and (ancestor is None or _is_at_or_below(d, ancestor))]
    codes = {d.adcode for d in keep}
    return Coverage(divisions=keep, items=[
        CoverageItem(number=item.number, title=item.title,
                     counts={code: n for code, n in item.counts.items() if code in codes})
        for item in coverage.items])


def provinces() -> list[tuple[str, str]]:
    """(adcode, name) of every province-level division, in code order: what the matrix can
    be cut to (any other division can be asked for by code or name too)."""
    return [(d.adcode, d.name) for d in get_gazetteer().children(NATIONAL_ADCODE)]


def _level_name(division: DivisionRef) -> str | None:
    return division.level.iri.rsplit("#", 1)[-1] if division.level else None


def _is_at_or_below(division: DivisionRef, ancestor: Division) -> bool:
    gazetteer = get_gazetteer()
    try:
        here = gazetteer.by_code(division.adcode or "")
    except DivisionError:  # a division of the graph the gazetteer lacks: in no province
        return False
    return here.adcode == ancestor.adcode or gazetteer.is_within(here, ancestor)
