"""The coverage matrix: national outline items × divisions (all years or one, all
divisions or those of a province or a level), each cell the number of tasks implementing
the item there, linking down to those tasks; and the same table as CSV rows."""

from __future__ import annotations

from urllib.parse import urlencode

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


class Filters(BaseModel):
    """What the matrix is cut to, and what it could be cut to (the page's choices)."""

    year: int | None = None
    province: str | None = None
    level: str | None = None
    years: list[int] = []
    provinces: list[tuple[str, str]] = []
    levels: list[str] = []

    def query(self, **extra: str) -> str:
        """The filters as a query string (``?year=2024&format=csv``)."""
        given = {"year": self.year, "province": self.province, "level": self.level, **extra}
        pairs = {key: value for key, value in given.items() if value not in (None, "")}
        return "?" + urlencode(pairs) if pairs else ""


class Heatmap(BaseModel):
    divisions: list[DivisionRef]
    rows: list[HeatmapRow]
    filters: Filters

    def csv_rows(self) -> list[dict[str, str | int | None]]:
        """One row per national item: its number, title, a column per division
        (``{adcode} {name}``: the count) and the total."""
        heads = [f"{d.adcode} {d.label or ''}".strip() for d in self.divisions]
        return [{"number": row.number, "title": row.title,
                 **{head: cell.count for head, cell in zip(heads, row.cells, strict=True)},
                 "total": row.total} for row in self.rows]


def shade(count: int) -> int:
    return max(i for i, low in enumerate(SHADES) if count >= low)


def heatmap(coverage: Coverage, filters: Filters) -> Heatmap:
    """The table of ``coverage`` (already cut to ``filters``)."""
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
    return Heatmap(divisions=coverage.divisions, rows=rows, filters=filters)
