"""Screenshots of the plan-vs-report page and the coverage matrix, for docs/screenshots
(a screenshot script calls :func:`shoot_plan_report_and_matrix`; the browser test too)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.browser.shots import save_pages

PLAN_VS_REPORT = "/plan-vs-report/150000/2024"
COVERAGE_MATRIX = "/coverage?province=150000"


def shoot_plan_report_and_matrix(page: Page, site: str, out: Path) -> list[Path]:
    """Open each page on the server at ``site`` and save it as ``out/plan-vs-report.png``
    and ``out/coverage-matrix.png``; the paths written."""
    return save_pages(page, site, out, ((PLAN_VS_REPORT, "plan-vs-report.png"),
                                        (COVERAGE_MATRIX, "coverage-matrix.png")))
