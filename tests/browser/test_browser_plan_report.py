"""Plan vs report and the coverage matrix in Debian's Chromium (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import Visit
from tests.browser.shots_plan_report import (
    COVERAGE_MATRIX,
    PLAN_VS_REPORT,
    shoot_plan_report_and_matrix,
)

pytestmark = pytest.mark.browser


def test_plan_vs_report_is_reached_from_the_division_page_issue_14(
        visit: Visit, site: str) -> None:
    page = visit.page
    page.goto(site + "/id/division/150000")
    page.click("p.plan-vs-report a")
    page.wait_for_url("**" + PLAN_VS_REPORT)
    assert page.locator("#reported tbody tr").count() > 0
    assert page.locator("#planned-not-reported li").count() > 0
    assert "报告但未计划" in page.locator("#reported-not-planned h2").inner_text()
    assert visit.errors == []


def test_the_coverage_matrix_filters_and_links_to_a_cell_issue_14(
        visit: Visit, site: str) -> None:
    page = visit.page
    page.goto(site + "/coverage")
    page.select_option("select[name=level]", "county")
    page.click("form.filters button")
    page.wait_for_url("**level=county**")
    headers = page.locator("#coverage-matrix thead th").all_inner_texts()
    assert any("乌审旗" in h for h in headers) and not any("内蒙古自治区" in h for h in headers)
    assert page.locator("#coverage-matrix tbody tr").count() == 35
    page.locator("#coverage-matrix td.cell a").first.click()
    page.wait_for_url("**/coverage/*/150626")
    assert visit.errors == []


def test_screenshots_issue_14(visit: Visit, site: str, artifacts: Path) -> None:
    shots = shoot_plan_report_and_matrix(visit.page, site, artifacts)
    assert [p.name for p in shots] == ["plan-vs-report.png", "coverage-matrix.png"]
    assert all(p.stat().st_size > 10_000 for p in shots)
    assert COVERAGE_MATRIX.startswith("/coverage")
