"""Plan vs report and the coverage matrix over a real server on the demo store, and the
coded 404s of an unknown division or year (issue 14)."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from tests.support.demo import D002, D004

HTML = {"Accept": "text/html"}


def get(base: str, path: str, headers: dict[str, str] | None = None,
        **params: object) -> httpx.Response:
    return httpx.get(base + path, params=params, headers=headers, timeout=30)


def test_plan_vs_report_json_issue_14(demo_server: str) -> None:
    response = get(demo_server, "/api/plan-vs-report", division="150000", year=2024)
    assert response.status_code == 200
    body = response.json()
    assert body["plans"][0]["id"] == D004 and body["plans_are_own"]
    assert body["reports"][0]["id"] == D002
    assert body["reported"] and body["planned_not_reported"] and body["reported_not_planned"]
    assert get(demo_server, "/api/plan-vs-report", division="乌拉特中旗",
               year=2024).json()["plans_are_own"] is False


@pytest.mark.parametrize(("params", "status", "code"), [
    ({"division": "150626", "year": 2024}, 404, "GT-QUERY-006"),  # a plan but no report
    ({"division": "150000", "year": 2019}, 404, "GT-QUERY-006"),
    ({"division": "xyz", "year": 2024}, 404, "GT-DIV-001"),
    ({"division": "150000"}, 422, "GT-API-001"),
    ({"division": "150000", "year": "twenty"}, 422, "GT-API-001"),
])
def test_plan_vs_report_refuses_with_a_code_issue_14(
        demo_server: str, params: dict[str, object], status: int, code: str) -> None:
    response = get(demo_server, "/api/plan-vs-report", **params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code


def test_plan_vs_report_page_and_the_division_s_link_issue_14(demo_server: str) -> None:
    division = get(demo_server, "/id/division/150000", HTML)
    assert 'href="/plan-vs-report/150000/2024"' in division.text
    page = get(demo_server, "/plan-vs-report/150000/2024", HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "计划但未报告" in page.text and "报告但未计划" in page.text
    assert "完善政府立法工作机制" in page.text
    assert get(demo_server, "/plan-vs-report/150626/2024", HTML).status_code == 404


def test_the_coverage_matrix_page_filters_issue_14(demo_server: str) -> None:
    page = get(demo_server, "/coverage", HTML, province="150000", level="county", year=2024)
    assert page.status_code == 200
    assert page.text.count('<tr><th class="item">') == 35
    assert 'href="/coverage/9/150626"' in page.text  # a cell links to its tasks
    assert "/id/division/150000" not in page.text.split("<table")[1]  # a province column: cut
    assert 'href="/coverage?year=2024&amp;province=150000&amp;level=county&amp;format=csv"' \
        in page.text


def test_the_form_s_all_choices_are_no_filter_issue_14(demo_server: str) -> None:
    everything = get(demo_server, "/coverage", {"Accept": "text/csv"})
    blank = get(demo_server, "/coverage", {"Accept": "text/csv"}, year="", province="",
                level="")
    assert blank.status_code == 200 and blank.text == everything.text


@pytest.mark.parametrize("how", [{"params": {"format": "csv"}},
                                 {"headers": {"Accept": "text/csv"}}])
def test_the_coverage_matrix_as_csv_issue_14(demo_server: str, how: dict[str, dict[str, str]]
                                             ) -> None:
    response = httpx.get(demo_server + "/coverage", timeout=30, **how)  # type: ignore[arg-type]
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 35
    assert list(rows[0])[:2] == ["number", "title"] and list(rows[0])[-1] == "total"
    assert "150626 乌审旗" in rows[0]
    assert all(int(row["total"]) == sum(int(v) for k, v in row.items()
                                        if k[:6].isdigit()) for row in rows)


@pytest.mark.parametrize(("path", "params", "status"), [
    ("/coverage", {"year": 1990}, 404),
    ("/coverage", {"province": "xx"}, 404),
    ("/coverage", {"level": "galactic"}, 422),
    ("/api/mandates", {"q": "行政复议", "division": "xyz"}, 404),
    ("/api/queries/coverage-gaps", {"adcode": "xx"}, 404),
])
def test_an_unknown_filter_is_a_coded_4xx_not_an_empty_200_issue_14(
        demo_server: str, path: str, params: dict[str, object], status: int) -> None:
    response = get(demo_server, path, **params)
    assert response.status_code == status
    assert response.json()["code"].startswith("GT-")


def test_api_coverage_json_is_unchanged_issue_14(demo_server: str) -> None:
    body = get(demo_server, "/api/coverage").json()
    assert len(body["items"]) == 35 and body["divisions"]
