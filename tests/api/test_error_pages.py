"""Errors a browser opens are pages; every other client keeps problem+json (issue 14)."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from govtrace.api.app import create_app
from govtrace.settings import Settings
from tests.support.demo import D000

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/id/doc/no_such_document", 404, "GT-QUERY-006"),
    (f"/id/doc/{D000}/task/999", 404, "GT-QUERY-006"),
    ("/api/documents/no_such_document", 404, "GT-QUERY-006"),
    ("/no/such/page", 404, "GT-API-002"),
    ("/id/nothing/here", 404, "GT-VIZ-002"),
])
def test_a_browser_gets_a_page_with_a_search_box_for_a_404_issue_14(
        demo_server: str, path: str, status: int, code: str) -> None:
    response = httpx.get(demo_server + path, headers=BROWSER)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert code in page and "What to do" in page and path in page
    assert 'id="error-q"' in page  # the search box (beside the header's)
    assert page.count("<title>") == 1 and f"{status} " in page


def test_a_browser_gets_the_invalid_parameters_and_the_hint_issue_14(demo_server: str) -> None:
    response = httpx.get(demo_server + "/api/search", params={"q": "备案", "limit": 0},
                         headers=BROWSER)
    assert response.status_code == 422 and response.headers["content-type"].startswith(
        "text/html")
    assert "GT-API-001" in response.text and "<code>query.limit</code>" in response.text
    assert 'id="error-q"' not in response.text  # a search box only where nothing was found


@pytest.mark.parametrize("accept", [None, "*/*", "application/json",
                                    "application/problem+json", "text/csv"])
def test_api_clients_keep_problem_json_issue_14(demo_server: str, accept: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    response = httpx.get(demo_server + "/api/documents/no_such_document", headers=headers)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "GT-QUERY-006"


def _crashing_client() -> TestClient:
    """The real app (its handlers as served) with one route that fails inside govtrace."""
    app = create_app(Settings())

    @app.get("/crash")
    def crash() -> None:
        raise RuntimeError("a bug")

    return TestClient(app, raise_server_exceptions=False)


def test_a_crash_is_a_coded_500_page_or_problem_issue_14() -> None:
    client = _crashing_client()
    problem = client.get("/crash")
    assert problem.status_code == 500
    assert problem.headers["content-type"] == "application/problem+json"
    body = problem.json()
    assert body["code"] == "GT-API-003" and "a bug" not in problem.text  # no internals
    page = client.get("/crash", headers=BROWSER)
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert "GT-API-003" in page.text and 'id="error-q"' not in page.text


def test_the_home_page_title_names_govtrace_once_issue_14(demo_server: str) -> None:
    page = httpx.get(demo_server + "/", headers=BROWSER).text
    title = page.split("<title>")[1].split("</title>")[0]
    assert title.count("govtrace") == 1
    search = httpx.get(demo_server + "/search", params={"q": "行政复议"}, headers=BROWSER).text
    assert "<title>行政复议 · 搜索 search · govtrace</title>" in search
