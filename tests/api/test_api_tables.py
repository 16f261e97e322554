"""Every list endpoint of /api as CSV too, paged, its parameters checked (issue 14), on a real
server over the demo store; and the table helper itself."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest

from govtrace.api.tabular import flatten, to_csv
from tests.support.demo import D000

WUSHEN = D000
LISTS = [  # path, params, the list field of the JSON answer
    ("/api/documents", {}, "results"),
    ("/api/regulations", {}, "results"),
    ("/api/regulations/c187389b531af611", {}, "cited_by"),
    ("/api/coverage", {}, "items"),
    ("/api/search", {"q": "行政复议"}, "results"),
    ("/api/mandates", {"q": "行政规范性文件"}, "results"),
]


def get(base: str, path: str, headers: dict[str, str] | None = None,
        **params: object) -> httpx.Response:
    return httpx.get(base + path, params=params, headers=headers, timeout=30)


def read_csv(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv; charset=utf-8")
    assert not response.content.startswith(b"\xef\xbb\xbf")  # plain UTF-8, no BOM
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline="")))


@pytest.mark.parametrize(("path", "params", "rows"), LISTS)
def test_every_list_answers_csv_one_row_per_result_issue_14(
        demo_server: str, path: str, params: dict[str, object], rows: str) -> None:
    listed = get(demo_server, path, **params).json()[rows]
    by_format = read_csv(get(demo_server, path, format="csv", **params))
    by_accept = read_csv(get(demo_server, path, {"Accept": "text/csv"}, **params))
    assert by_format == by_accept
    assert len(by_format) == len(listed) > 0


def test_nested_fields_are_dotted_columns_and_lists_json_text_issue_14(
        demo_server: str) -> None:
    documents = read_csv(get(demo_server, "/api/documents", format="csv"))
    wushen = next(row for row in documents if row["id"] == WUSHEN)
    assert wushen["division.adcode"] == "150626" and wushen["year"] == "2024"
    coverage = read_csv(get(demo_server, "/api/coverage", format="csv"))
    item9 = next(row for row in coverage if row["number"] == "9")
    assert int(item9["counts.150626"]) >= 1  # one column per division
    mandates = read_csv(get(demo_server, "/api/mandates", q="行政规范性文件", format="csv"))
    evidence = json.loads(mandates[0]["evidence"])
    assert evidence[0]["task"]["id"] == f"{WUSHEN}/5"
    glossary = read_csv(get(demo_server, "/api/glossary", format="csv"))
    assert {"en", "zh"} <= set(glossary[0]) and len(glossary) > 10


def test_paging_keeps_the_json_fields_and_adds_the_page_issue_14(demo_server: str) -> None:
    whole = get(demo_server, "/api/regulations/c187389b531af611").json()
    assert {"iri", "id", "title", "levels", "years", "cited_by"} <= set(whole)
    total = len(whole["cited_by"])
    assert total >= 2 and whole["total"] == total and whole["next_offset"] is None
    first = get(demo_server, "/api/regulations/c187389b531af611", limit=1).json()
    rest = get(demo_server, "/api/regulations/c187389b531af611", offset=1).json()
    assert first["total"] == rest["total"] == total and first["next_offset"] == 1
    assert first["cited_by"] + rest["cited_by"] == whole["cited_by"]
    documents = get(demo_server, "/api/documents", limit=2).json()
    assert documents["count"] == len(documents["results"]) == 2  # count: this page's length
    assert documents["total"] > 2 and documents["next_offset"] == 2
    page = get(demo_server, "/api/documents", format="csv", limit=2, offset=1)
    assert page.headers["x-total-count"] == str(documents["total"])
    assert page.headers["x-next-offset"] == "3"
    assert [row["id"] for row in read_csv(page)] == [
        d["id"] for d in get(demo_server, "/api/documents").json()["results"][1:3]]


def test_ranked_lists_page_on_without_a_total_issue_14(demo_server: str) -> None:
    whole = get(demo_server, "/api/search", q="行政复议", limit=6).json()["results"]
    first = get(demo_server, "/api/search", q="行政复议", limit=3).json()
    second = get(demo_server, "/api/search", q="行政复议", limit=3,
                 offset=first["next_offset"]).json()
    assert first["total"] is None and first["next_offset"] == 3
    assert first["results"] + second["results"] == whole


@pytest.mark.parametrize(("path", "params", "where"), [
    ("/api/documents", {"format": "xml"}, "format"),
    ("/api/documents", {"limit": 0}, "limit"),
    ("/api/documents", {"limit": 10_001}, "limit"),
    ("/api/documents", {"offset": -1}, "offset"),
    ("/api/coverage", {"offset": "one"}, "offset"),
    ("/api/regulations/c187389b531af611", {"limit": "many"}, "limit"),
    ("/api/search", {"q": "备案", "offset": 10**8}, "offset"),
    ("/api/glossary", {"format": "csv2"}, "format"),
])
def test_bad_paging_and_format_are_422_issue_14(demo_server: str, path: str,
                                                params: dict[str, object], where: str) -> None:
    response = get(demo_server, path, **params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "GT-API-001"
    assert any(e["loc"][-1] == where for e in body["errors"])


def test_flatten_and_to_csv() -> None:
    row = {"a": 1, "b": {"c": None, "d": {"e": True}}, "f": [1, "二"], "g": "x,\"y\"\n"}
    assert flatten(row) == {"a": "1", "b.c": "", "b.d.e": "true", "f": '[1, "二"]',
                            "g": "x,\"y\"\n"}
    text = to_csv([row, {"a": 2, "h": "late"}]).decode("utf-8")
    parsed = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(parsed[0]) == ["a", "b.c", "b.d.e", "f", "g", "h"]
    assert parsed[0]["g"] == "x,\"y\"\n" and parsed[1] == {
        "a": "2", "b.c": "", "b.d.e": "", "f": "", "g": "", "h": "late"}
    assert text.endswith("\r\n")


def test_the_saved_query_listing_answers_csv_issue_14(demo_server: str) -> None:
    listed = get(demo_server, "/api/queries").json()
    table = read_csv(get(demo_server, "/api/queries", format="csv"))
    assert [row["name"] for row in table] == [query["name"] for query in listed]
    assert json.loads(table[0]["params"]) == listed[0]["params"]  # lists as JSON text
    assert read_csv(get(demo_server, "/api/queries", {"Accept": "text/csv"})) == table


@pytest.mark.parametrize("path", ["/api/documents", "/api/coverage",
                                  "/api/tasks/" + WUSHEN + "/5/lineage"])
def test_an_accept_no_list_format_meets_is_406_not_json_issue_16(demo_server: str,
                                                                   path: str) -> None:
    refused = get(demo_server, path, {"Accept": "text/turtle"})
    assert refused.status_code == 406
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["code"] == "GT-API-004"
    # A lower-rated wildcard still takes JSON, as every browser's Accept does.
    taken = get(demo_server, path, {"Accept": "text/turtle, */*;q=0.1"})
    assert taken.status_code == 200 and taken.headers["content-type"] == "application/json"


def test_the_coverage_page_still_answers_a_browser_and_refuses_turtle_issue_16(
        demo_server: str) -> None:
    page = get(demo_server, "/coverage", {"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert get(demo_server, "/coverage", {"Accept": "text/turtle"}).status_code == 406
