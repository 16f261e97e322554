"""The JSON API over a real server on the demo store."""

from __future__ import annotations

import httpx

from tests.support.demo import D000, D004

WUSHEN = D000
SCHEME = D004
OUTLINE = "national-outline-2021-2025"


def get(base: str, path: str, **params: object) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=30)


def titles(body: dict[str, object]) -> list[str]:
    return [r["regulation"]["title"] for r in body["results"]]  # type: ignore[attr-defined,index]


def test_mandates_ranks_and_explains(demo_server: str) -> None:
    response = get(demo_server, "/api/mandates", q="行政规范性文件")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["query"]["text"] == "行政规范性文件"
    top = body["results"][0]
    assert top["regulation"]["title"] == "内蒙古自治区行政规范性文件管理办法"
    assert top["regulation"]["order_number"] == "内蒙古自治区人民政府令第262号"
    evidence = top["evidence"][0]
    assert evidence["task"]["id"] == f"{WUSHEN}/5"
    assert evidence["task"]["document"]["division"]["level"]["label_en"] == "county"
    assert [step["task"]["id"] for step in evidence["lineage"]] == [f"{SCHEME}/6",
                                                                     f"{OUTLINE}/9"]
    cited = "《内蒙古自治区行政规范性文件管理办法》(内蒙古自治区人民政府令第262号)"
    for mark in evidence["highlights"]:
        assert evidence["passage"][mark["start"]:mark["end"]] in ("行政规范性文件", cited)
    assert "重大行政决策程序暂行条例" in titles(get(demo_server, "/api/mandates",
                                                    q="重大行政决策").json())[:3]
    assert "中华人民共和国行政复议法" in titles(get(demo_server, "/api/mandates",
                                                    q="行政复议").json())[:3]


def test_mandates_in_english_traditional_and_full_width(demo_server: str) -> None:
    expected = titles(get(demo_server, "/api/mandates", q="行政复议").json())
    for query in ("administrative reconsideration", "administrative reconsideraton",
                  "行政複議", "\u3000行政复议"):
        body = get(demo_server, "/api/mandates", q=query).json()
        assert body["query"]["text"] == "行政复议", query
        assert titles(body) == expected
    body = get(demo_server, "/api/mandates", q="administrative reconsideration").json()
    assert body["query"]["label_en"] == "administrative reconsideration"


def test_mandates_filters_and_limit(demo_server: str) -> None:
    body = get(demo_server, "/api/mandates", q="重大行政决策", level="county", limit=1).json()
    assert len(body["results"]) == 1
    levels = {e["task"]["document"]["division"]["level"]["label_en"]
              for e in body["results"][0]["evidence"]}
    assert levels == {"county"}
    body = get(demo_server, "/api/mandates", q="重大行政决策", division="150600",
               year=2024).json()
    assert {e["task"]["document"]["id"] for r in body["results"] for e in r["evidence"]} \
        == {WUSHEN}


def test_task_and_lineage(demo_server: str) -> None:
    task = get(demo_server, f"/api/tasks/{WUSHEN}/5").json()
    assert task["title"] == "加强行政规范性文件制定监督管理"
    assert task["span"]["start"] < task["span"]["end"]
    assert [t["id"] for t in task["implements"]] == [f"{SCHEME}/6"]
    lineage = get(demo_server, f"/api/tasks/{SCHEME}/6/lineage").json()
    up = [(link["child"]["id"], link["parent"]["id"]) for link in lineage["up"]
          if link["type"] == "implements"]
    assert up == [(f"{SCHEME}/6", f"{OUTLINE}/9")]
    down = {link["child"]["id"]: link for link in lineage["down"]}
    assert f"{WUSHEN}/5" in down
    assert down[f"{WUSHEN}/5"]["confidence"] > 0.5
    assert down[f"{WUSHEN}/5"]["evidence"][0]["phrase"]


def test_regulations_documents_divisions_coverage(demo_server: str) -> None:
    regulations = get(demo_server, "/api/regulations").json()
    assert regulations["count"] == len(regulations["results"]) > 10
    key = next(r["id"] for r in regulations["results"]
               if r["title"] == "内蒙古自治区行政规范性文件管理办法")
    regulation = get(demo_server, f"/api/regulations/{key}").json()
    assert [c["task"]["id"] for c in regulation["cited_by"]] == [f"{WUSHEN}/5"]
    documents = get(demo_server, "/api/documents").json()
    assert documents["results"][0]["id"] == OUTLINE
    document = get(demo_server, f"/api/documents/{WUSHEN}").json()
    assert document["division"]["label"] == "乌审旗" and len(document["tasks"]) > 10
    division = get(demo_server, "/api/divisions/150626").json()
    assert division["label_en"] == "Wūshěn Qí"
    # the nation has no GB/T 2260 code (100000 is none): it is named, not numbered (issue 18)
    assert [(d["adcode"], d["label"]) for d in division["within"]] == [
        ("150600", "鄂尔多斯市"), ("150000", "内蒙古自治区"), (None, "中华人民共和国")]
    coverage = get(demo_server, "/api/coverage").json()
    assert [item["number"] for item in coverage["items"]] == list(range(1, 36))


def test_search_and_glossary(demo_server: str) -> None:
    body = get(demo_server, "/api/search", q="备案审查", limit=5).json()
    assert body["text"] == "备案审查" and 0 < len(body["results"]) <= 5
    hit = body["results"][0]
    mark = hit["highlights"][0]
    assert hit["passage"][mark["start"]:mark["end"]] == "备案审查"
    glossary = get(demo_server, "/api/glossary").json()
    assert {"en": "administrative reconsideration", "zh": "行政复议"} in glossary
