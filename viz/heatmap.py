"""The coverage heatmap: national outline items × divisions (optionally one year), each cell
the number of tasks implementing the item there, linking down to those tasks."""

from __future__ import annotations

from pydantic import BaseModel

from govtrace.queries.entities import Coverage
from govtrace.queries.models import Division

SHADES = (0, 1, 2, 4, 8)  # cell class cN for a count ≥ SHADES[N]


class Cell(BaseModel):
    count: int
    shade: int
    href: str


class Row(BaseModel):
    number: int
    title: str | None
    href: str
    cells: list[Cell]
    total: int


class Heatmap(BaseModel):
    divisions: list[Division]
    rows: list[Row]
    years: list[int]
    year: int | None


def shade(count: int) -> int:
    return max(i for i, low in enumerate(SHADES) if count >= low)


def heatmap(coverage: Coverage, by_year: dict[tuple[int, str, int], int],
            year: int | None) -> Heatmap:
    """The table of ``coverage``; with ``year``, counts of plans covering that year only."""
    rows = []
    codes = [d.adcode or "" for d in coverage.divisions]
    for item in coverage.items:
        counts = ([by_year.get((item.number, code, year), 0) for code in codes]
                  if year is not None else [item.counts.get(code, 0) for code in codes])
        cells = [Cell(count=count, shade=shade(count),
                      href=f"/coverage/{item.number}/{code}") for count, code in zip(
                          counts, codes, strict=True)]
        rows.append(Row(number=item.number, title=item.title, href=f"/viz/coverage/{item.number}",
                        cells=cells, total=sum(counts)))
    years = sorted({y for (_, _, y) in by_year if y})
    return Heatmap(divisions=coverage.divisions, rows=rows, years=years, year=year)
