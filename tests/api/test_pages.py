"""The web pages and views over HTTP (a real server over the demo store): every page
answers HTML, entity IRIs dereference by Accept, views export GraphML/GEXF, assets are local."""

from __future__ import annotations

import io
import re

import httpx
import networkx as nx
import pytest

from tests.support.demo import D000

WUSHEN_TASK = f"/id/doc/{D000}/task/5"
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.mark.parametrize(("path", "expected"), [
    ("/", "Which regulation mandates it?"),
    ("/search?q=行政复议", "内蒙古自治区实施〈中华人民共和国行政复议法〉办法"),
    ("/search?q=administrative reconsideration", "中华人民共和国行政复议法"),
    ("/documents", "乌审旗2024年法治政府建设工作计划"),
    ("/regulations", "内蒙古自治区行政执法责任制规定"),
    ("/coverage", "加强行政规范性文件制定监督管理"),
    ("/coverage?year=2024", "乌审旗"),
    ("/coverage/9/150626", "加强行政规范性文件制定监督管理"),
    ("/sparql-editor", "implementers"),
    (WUSHEN_TASK, "/id/doc/national-outline-2021-2025/task/9"),
    (f"/id/doc/{D000}", "乌审旗2024年法治政府建设工作计划"),
    ("/id/regulation/c187389b531af611", "内蒙古自治区行政执法责任制规定"),
    ("/id/agency/09a3a334eba9fceb", "东河区卫健委"),
    ("/id/division/150626", "鄂尔多斯市"),
    (f"/viz/tasks/{D000}/5/lineage", "govtrace-network"),
    (f"/viz/documents/{D000}", "govtrace-network"),
    ("/viz/regulations/c187389b531af611", "govtrace-network"),
    ("/viz/coverage/9", "govtrace-network"),
])
def test_page_answers_html(demo_server: str, path: str, expected: str) -> None:
    response = httpx.get(demo_server + path, headers=HTML, timeout=30)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    assert expected in response.text
    assert not re.search(r"""(src|href|action)=["'](https?:)?//""", response.text)


def test_entity_iri_without_html_goes_to_rdf(demo_server: str) -> None:
    response = httpx.get(demo_server + WUSHEN_TASK, headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    rdf = httpx.get(demo_server + response.headers["location"],
                    headers={"Accept": "text/turtle"}, timeout=30)
    assert rdf.status_code == 200 and "加强行政规范性文件制定监督管理" in rdf.text


def test_unknown_entity_path_is_a_coded_404(demo_server: str) -> None:
    response = httpx.get(demo_server + "/id/nothing/here", headers=HTML)
    # a browser's: a page (issue 14), not the problem+json other clients get
    assert response.status_code == 404 and "GT-VIZ-002" in response.text
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml),
                                             ("gexf", nx.read_gexf)])
def test_views_export_for_gephi(demo_server: str, fmt: str, reader: object) -> None:
    url = f"{demo_server}/viz/tasks/{D000}/5/lineage.{fmt}"
    response = httpx.get(url, timeout=30)
    assert response.status_code == 200 and "attachment" in response.headers[
        "content-disposition"]
    graph = reader(io.BytesIO(response.content))  # type: ignore[operator]
    assert graph.number_of_nodes() == 3


def test_static_assets_are_served_and_nothing_else(demo_server: str) -> None:
    js = httpx.get(demo_server + "/viz/static/vis-network.min.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert httpx.get(demo_server + "/viz/static/../app.py").status_code == 404
    assert httpx.get(demo_server + "/viz/static/secret.txt").status_code == 404


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/viz/coverage/9.foo", 422, "GT-API-001"),
    ("/viz/coverage/1.5", 422, "GT-API-001"),
    ("/viz/coverage/٣", 422, "GT-API-001"),
    (f"/id/doc/{D000}/task/%C2%B2", 404, "GT-VIZ-002"),  # ², which isdigit()
    (f"/id/doc/{D000}/task/" + "9" * 5000, 404, "GT-VIZ-002"),
    (f"/id/doc/{D000}/task/٣", 404, "GT-VIZ-002"),  # int() read it as task 3
])
def test_odd_numbers_in_paths_are_coded_4xx_issue_13(demo_server: str, path: str, status: int,
                                                     code: str) -> None:
    response = httpx.get(demo_server + path, headers=HTML, timeout=30)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")  # a browser's (issue 14)
    assert f"<code>{code}</code>" in response.text
