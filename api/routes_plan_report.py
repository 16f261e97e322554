"""Plan vs report: a division's plan tasks for a year against its work report's items, as
JSON (``/api/plan-vs-report?division=…&year=…``) and as a page
(``/plan-vs-report/{division}/{year}``). An unknown division is GT-DIV-001 and a year with
no report or plan GT-QUERY-006 (404 both), never an empty answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, Response

from govtrace.api.deps import Ask, Service
from govtrace.api.models import problems
from govtrace.queries.answers import Answers
from govtrace.queries.plan_report import PlanVsReport
from govtrace.viz.templating import render_template

router = APIRouter(responses=problems(404, 422))

_DIVISION = ("the division: its 6-digit code (150000) or its name (内蒙古自治区, 乌拉特中旗)")
_YEAR = "the year the plan and the report cover"
MAX_NAME = 40  # longer than any division's name with its parents'


@router.get("/api/plan-vs-report", response_model=PlanVsReport, tags=["questions"])
async def get_plan_vs_report(
    division: Annotated[str, Query(min_length=1, max_length=MAX_NAME, description=_DIVISION)],
    year: Annotated[int, Query(ge=1949, le=2100, description=_YEAR)],
    service: Service,
) -> Response:
    """The division's plan tasks for the year against its work report's items (paired by
    the gt:reportsOn lineage links), with the tasks no item reports on and the items that
    report on no task of the plan."""
    return await service.json(Answers.plan_vs_report_json, division.strip(), year)


@router.get("/plan-vs-report/{division}/{year}", response_class=HTMLResponse, tags=["pages"])
def plan_vs_report_page(
    division: Annotated[str, Path(min_length=1, max_length=MAX_NAME, description=_DIVISION)],
    year: Annotated[int, Path(ge=1949, le=2100, description=_YEAR)],
    ask: Ask,
) -> HTMLResponse:
    """The comparison as a page: reported tasks beside their report items, then what was
    planned but not reported and reported but not planned."""
    answer = ask.plan_vs_report(division.strip(), year)
    title = f"{answer.division.label} {year} 计划与报告 Plan vs report"
    return HTMLResponse(render_template("plan_report.html", title=title, answer=answer))
