"""Every saved query through a live govtrace server over the demo corpus, with real answers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from govtrace.queries.library import load_library
from tests.support.demo import D000, D001, D003, D004

BASE = "https://w3id.org/govtrace/id/"
WUSHEN = BASE + f"doc/{D000}"  # 乌审旗2024年法治政府建设工作计划 (County, 150626)
URAD_REPORT = BASE + f"doc/{D001}"  # 2024年乌拉特中旗法治政府建设工作报告
DONGHE = BASE + f"doc/{D003}"  # 东河区2021年度法治政府建设工作计划 (150202)
INNER_MONGOLIA = BASE + f"doc/{D004}"  # 内蒙古自治区…实施方案 (Provincial)
OUTLINE = BASE + "doc/national-outline-2021-2025"
WUSHEN_TASK_5 = WUSHEN + "/task/5"  # 加强行政规范性文件制定监督管理
PROVINCE_TASK_6 = INNER_MONGOLIA + "/task/6"
NATIONAL_ITEM_9 = OUTLINE + "/task/9"


def rows(server: str, name: str, **params: str) -> list[dict[str, str]]:
    """The solutions of a saved query as {variable: value}, unbound variables left out."""
    answer = httpx.get(f"{server}/api/queries/{name}", params=params, timeout=30)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/sparql-results+json")
    return [{var: cell["value"] for var, cell in row.items()}
            for row in answer.json()["results"]["bindings"]]


def problem(server: str, path: str, **params: str) -> dict[str, Any]:
    answer = httpx.get(f"{server}{path}", params=params, timeout=30)
    assert answer.headers["content-type"].startswith("application/problem+json"), answer.text
    body: dict[str, Any] = answer.json()
    assert body["status"] == answer.status_code
    return body


def test_the_listing_describes_every_query_and_its_params(server: str) -> None:
    listing = httpx.get(f"{server}/api/queries", timeout=30).json()
    assert [entry["name"] for entry in listing] == list(load_library())
    lineage = next(entry for entry in listing if entry["name"] == "lineage")
    assert lineage["params"] == [{"name": "task", "type": "iri", "required": True,
                                  "default": None,
                                  "description": lineage["params"][0]["description"]}]
    assert lineage["url"] == f"{server}/api/queries/lineage"
    assert all(entry["title"] and entry["description"] for entry in listing)


def test_the_lineage_of_wushen_task_5_climbs_through_the_province_to_national_item_9(
        server: str) -> None:
    steps = rows(server, "lineage", task=WUSHEN_TASK_5)
    assert [step["step"] for step in steps] == [WUSHEN_TASK_5, PROVINCE_TASK_6, NATIONAL_ITEM_9]
    assert [step["level"] for step in steps] == ["county", "provincial", "national"]
    assert steps[0]["parent"] == PROVINCE_TASK_6 and steps[1]["parent"] == NATIONAL_ITEM_9
    assert "parent" not in steps[2]  # the outline is the top
    assert 0 < float(steps[0]["confidence"]) <= 1


def test_national_item_9_is_implemented_by_the_province_and_by_wushen(server: str) -> None:
    found = {(row["level"], row["task"]) for row in rows(server, "implementers", item="9")}
    assert found == {("provincial", PROVINCE_TASK_6), ("county", WUSHEN_TASK_5)}


def test_the_regulation_on_normative_documents_mandates_tasks_on_that_topic(
        server: str) -> None:
    found = {row["label"]: row for row in
             rows(server, "mandating-regulations", topic="行政规范性文件")}
    rule = found["内蒙古自治区行政规范性文件管理办法"]
    assert rule["orderNumber"] == "内蒙古自治区人民政府令第262号"
    assert rule["exampleTask"] == WUSHEN_TASK_5


def test_wushen_leaves_the_preamble_and_legislation_items_uncovered(server: str) -> None:
    gaps = {int(row["number"]) for row in rows(server, "coverage-gaps", adcode="150626")}
    # A banner government cannot legislate: its plan has no task for outline items 7
    # (加强重要领域立法) and 8 (完善立法工作机制); items 1–3 (指导思想, 主要原则, 总体目标) are the
    # outline's preamble, which the plan's own preamble, not a task, takes up. Every other
    # item has a 乌审旗 task implementing it (item 9 through task 5).
    assert {7, 8} <= gaps <= {1, 2, 3, 7, 8}
    assert len(rows(server, "coverage-gaps", adcode="110101")) == 35  # no documents: all gaps
    # A code no division has is GT-DIV-001, not 35 gaps (issue 14).
    assert problem(server, "/api/queries/coverage-gaps", adcode="999999")["code"] == "GT-DIV-001"


def test_donghe_justice_bureau_leads_the_most_tasks(server: str) -> None:
    load = rows(server, "agency-load", adcode="150202")
    assert load[0]["label"] == "东河区司法局"
    assert int(load[0]["leads"]) > int(load[1]["leads"]) > 0
    leads = sum(1 for _ in httpx.get(  # cross-check the count against the raw triples
        f"{server}/sparql", timeout=30, params={"query": (
            "PREFIX gt: <https://w3id.org/govtrace/ontology#> SELECT DISTINCT ?t WHERE { "
            f"?t gt:inDocument <{DONGHE}> ; gt:leadUnit <{load[0]['agency']}> }}")},
    ).json()["results"]["bindings"])
    assert int(load[0]["leads"]) == leads
    assert len(rows(server, "agency-load")) >= len(load)  # UNDEF: every division's agencies


def test_urad_reports_42_administrative_reconsideration_cases(server: str) -> None:
    figures = rows(server, "reported-figures", report=URAD_REPORT)
    cases = [row for row in figures if row["exact"] == "42件"]
    assert cases and all(row["measure"] == "受理行政复议案件" and float(row["value"]) == 42
                         and row["unit"] == "件" for row in cases)
    assert "发挥行政复议化解行政争议主渠道作用" in {row["taskTitle"] for row in cases}


def test_results_can_be_csv(server: str) -> None:
    answer = httpx.get(f"{server}/api/queries/implementers", params={"item": "9"},
                       headers={"Accept": "text/csv"}, timeout=30)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert answer.text.splitlines()[0].startswith("level,rank,division,task")


def test_an_injected_topic_or_page_is_refused(server: str) -> None:
    for path, params in [("mandating-regulations", {"topic": 'x" } ; DROP ALL ; #'}),
                         ("implementers", {"item": "9", "limit": "1 } ; DROP ALL ; #"}),
                         ("implementers", {"item": "9", "offset": "-1"})]:
        body = problem(server, f"/api/queries/{path}", **params)
        assert (body["code"], body["status"]) == ("GT-QUERY-003", 400)
    assert rows(server, "implementers", item="9")  # the store is intact


def test_implementers_pages_and_says_whether_there_is_more_issue_16(server: str) -> None:
    listing = httpx.get(f"{server}/api/queries", timeout=30).json()
    implementers = next(entry for entry in listing if entry["name"] == "implementers")
    limit = next(param for param in implementers["params"] if param["name"] == "limit")
    assert (limit["type"], limit["default"], limit["max"]) == ("count", "200", 10000)
    whole = httpx.get(f"{server}/api/queries/implementers", params={"item": "9"}, timeout=30)
    assert whole.headers["GovTrace-More"] == "false" and "Link" not in whole.headers
    first = httpx.get(f"{server}/api/queries/implementers", params={"item": "9", "limit": "1"},
                      timeout=30)
    assert first.status_code == 200 and first.headers["GovTrace-More"] == "true"
    assert "GovTrace-Truncated" not in first.headers  # a page, not a cut at the result limit
    following = httpx.Response(200, headers=first.headers).links["next"]["url"]
    assert "offset=1" in following and "limit=1" in following and "item=9" in following
    second = httpx.get(following, timeout=30)
    assert second.headers["GovTrace-More"] == "false"
    pages = [page.json()["results"]["bindings"] for page in (first, second)]
    assert [len(page) for page in pages] == [1, 1]
    assert pages[0] + pages[1] == whole.json()["results"]["bindings"]
    beyond = httpx.get(f"{server}/api/queries/implementers",
                       params={"item": "9", "offset": "2"}, timeout=30)
    assert beyond.json()["results"]["bindings"] == [] and beyond.headers["GovTrace-More"] == "false"
    empty = httpx.get(f"{server}/api/queries/implementers", params={"item": "9", "limit": "0"},
                      timeout=30)
    assert empty.json()["results"]["bindings"] == [] and empty.headers["GovTrace-More"] == "true"
    assert "Link" not in empty.headers  # a page of 0 rows links to no next page


def test_a_script_on_another_origin_can_read_the_paging_headers_issue_16(
    server: str,
) -> None:
    """Without the CORS expose list a browser hides the paging headers (a saved query's
    GovTrace-More and Link, a CSV list's X-Total-Count and X-Next-Offset) from the page's
    script, which then cannot page."""
    answer = httpx.get(f"{server}/api/queries/implementers",
                       params={"item": "9", "limit": "1"},
                       headers={"Origin": "https://example.org"}, timeout=30)
    exposed = {h.strip() for h in answer.headers["access-control-expose-headers"].lower()
               .split(",")}
    assert {"govtrace-more", "link", "x-total-count", "x-next-offset"} <= exposed


@pytest.mark.parametrize(("path", "params", "code", "status"), [
    ("/api/queries/lineage", {"task": WUSHEN_TASK_5 + "> } ; DROP ALL ; #"}, "GT-QUERY-003", 400),
    ("/api/queries/lineage", {"task": "not an iri"}, "GT-QUERY-003", 400),
    ("/api/queries/implementers", {"item": "9 } ; DROP ALL"}, "GT-QUERY-003", 400),
    ("/api/queries/lineage", {}, "GT-QUERY-002", 400),
    ("/api/queries/implementers", {"item": "9", "graph": "x"}, "GT-QUERY-004", 400),
    ("/api/queries/drop-all", {}, "GT-QUERY-001", 404),
])
def test_bad_requests_get_coded_problems(server: str, path: str, params: dict[str, str],
                                         code: str, status: int) -> None:
    body = problem(server, path, **params)
    assert (body["code"], body["status"]) == (code, status)


def test_a_repeated_param_is_refused(server: str) -> None:
    answer = httpx.get(f"{server}/api/queries/implementers?item=9&item=10", timeout=30)
    assert (answer.status_code, answer.json()["code"]) == (400, "GT-QUERY-003")
