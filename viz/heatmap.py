"""The coverage heatmap: national outline items × divisions (all years or one), each cell
the number of tasks implementing the item there, linking down to those tasks."""

from __future__ import annotations

from pydantic import BaseModel

from govtrace.queries.coverage import Coverage
from govtrace.queries.models import DivisionRef

SHADES = (0, 1, 2, 4, 8)  # cell class cN for a count ≥ SHADES[N]


class HeatmapCell(BaseModel):
    count: int
    shade: int
    href: str


class HeatmapRow(BaseModel):
    number: int
    title: str | None
    href: str
    cells: list[HeatmapCell]
    total: int


class Heatmap(BaseModel):
    divisions: list[DivisionRef]
    rows: list[HeatmapRow]
    years: list[int]
    year: int | None


def shade(count: int) -> int:
    return max(i for i, low in enumerate(SHADES) if count >= low)


def heatmap(coverage: Coverage, years: list[int], year: int | None) -> Heatmap:
    """The table of ``coverage`` (of ``year``'s plans when given; ``years`` to choose from)."""
    rows = []
    codes = [d.adcode or "" for d in coverage.divisions]
    for item in coverage.items:
        counts = [item.counts.get(code, 0) for code in codes]
        cells = [HeatmapCell(count=count, shade=shade(count),
                             href=f"/coverage/{item.number}/{code}")
                 for count, code in zip(counts, codes, strict=True)]
        rows.append(HeatmapRow(number=item.number, title=item.title,
                               href=f"/viz/coverage/{item.number}", cells=cells,
                               total=sum(counts)))
    return Heatmap(divisions=coverage.divisions, rows=rows, years=years, year=year)
