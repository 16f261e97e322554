"""``/coverage``: the coverage matrix page (national outline items × divisions), cut by
year, province and level, and the same matrix as CSV (``?format=csv`` or
``Accept: text/csv``). ``/api/coverage`` stays the whole table as JSON."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import Field

from govtrace.api.deps import Ask
from govtrace.api.models import LevelName, problems
from govtrace.api.negotiation import HTML
from govtrace.api.tabular import Format, csv_response, wants_csv
from govtrace.queries.coverage_matrix import provinces
from govtrace.viz.heatmap import Filters, heatmap
from govtrace.viz.templating import render_template

Year = Annotated[int, Field(ge=1949, le=2100)]
All = Literal[""]
"""What the form's 全部 (all) choice sends."""

router = APIRouter(tags=["pages"], responses=problems(404, 422))


@router.get("/coverage", response_class=HTMLResponse,
            responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}})
def coverage_matrix(
    request: Request,
    ask: Ask,
    year: Annotated[Year | All | None, Query(description=(
        "only the tasks of plans covering this year (one the plans cover, else 404)"))] = None,
    province: Annotated[str | None, Query(max_length=40, description=(
        "only the divisions in this province, or in any division: a 6-digit code (150000) "
        "or a name (内蒙古自治区); unknown: 404"))] = None,
    level: Annotated[LevelName | All | None, Query(description=(
        "only divisions of this level"))] = None,
    fmt: Format = None,
) -> Response:
    """National outline items × divisions; each cell the implementing tasks (a link to
    them); CSV: one row per item, a column per division. An empty filter (the page's
    form sends one for 全部 all) is no filter."""
    year, province = year or None, (province or "").strip() or None
    level = level or None
    cut = ask.coverage_matrix(year, province, level.concept if level else None)
    filters = Filters(year=year, province=province, level=level.value if level else None,
                      years=ask.coverage_years(), provinces=provinces(),
                      levels=[lv.value for lv in LevelName])
    table = heatmap(cut, filters)
    if wants_csv(request, fmt, other=HTML):
        return csv_response(request, table.csv_rows())
    return HTMLResponse(render_template("coverage.html", title="覆盖矩阵 Coverage matrix",
                                        table=table))
