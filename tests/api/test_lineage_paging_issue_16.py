"""Issue 16: a task's links down to its implementers are paged (50 by default, in the order
govtrace lists tasks, gt:listingOrder), the links up whole in every page; the pages joined are
the whole answer, in JSON and in CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from govtrace.api import routes_pages
from govtrace.api.app import create_app
from govtrace.api.routes_entities import LINEAGE_PAGE
from govtrace.api.tabular import MAX_OFFSET, MAX_PAGE
from govtrace.errors import QueryError
from govtrace.ontology.namespaces import GT
from govtrace.queries.python_api import open_graph
from govtrace.settings import Settings
from tests.support.demo import store_rows

OUTLINE = "national-outline-2021-2025"
ITEM = 16  # three links down in the demo corpus, two levels deep
PATH = f"/api/tasks/{OUTLINE}/{ITEM}/lineage"
BROWSER = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(demo_store: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(demo_store)) as test_client:
        yield test_client


def _pages(client: TestClient, path: str, limit: int, **params: str) -> list[Any]:
    """Every page of ``path``, following ``next_offset`` (X-Next-Offset in CSV)."""
    pages: list[Any] = []
    offset: int | None = 0
    while offset is not None:
        response = client.get(path, params={"offset": offset, "limit": limit, **params})
        assert response.status_code == 200, response.text[:300]
        pages.append(response)
        if "csv" in response.headers["content-type"]:
            following = response.headers.get("X-Next-Offset")
            offset = int(following) if following else None
        else:
            offset = response.json()["next_offset"]
    return pages


def test_the_lineage_pages_joined_are_the_whole_answer_issue_16(
        client: TestClient, demo_store: Settings) -> None:
    whole = client.get(PATH, params={"limit": MAX_PAGE}).json()
    with open_graph(demo_store) as graph:
        python = graph.lineage(f"{OUTLINE}/{ITEM}").model_dump(mode="json")
    assert whole["down"] == python["down"] and whole["up"] == python["up"]
    assert whole["total"] == whole["down_total"] == len(whole["down"]) == 3
    assert whole["next_offset"] is None and whole["offset"] == 0
    first = client.get(PATH).json()
    assert first["limit"] == LINEAGE_PAGE == 50 and first["down"] == whole["down"]
    pages = [page.json() for page in _pages(client, PATH, 1)]
    assert [page["down"] for page in pages] == [[link] for link in whole["down"]]
    assert [page["next_offset"] for page in pages] == [1, 2, None]
    assert all(page["up"] == whole["up"] and page["total"] == 3 for page in pages)
    # A task below: its links up come whole in every page, whatever the page.
    task = whole["down"][0]["child"]["id"]
    below = client.get(f"/api/tasks/{task}/lineage", params={"offset": 5, "limit": 1}).json()
    assert below["up"] and below["down"] == [] and below["next_offset"] is None


def test_the_links_down_follow_the_listing_order_issue_16(
        client: TestClient, demo_store: Settings) -> None:
    orders = {row["task"]: int(row["order"]) for row in store_rows(
        demo_store, f"SELECT ?task ?order WHERE {{ ?task <{GT.listingOrder}> ?order }}")}
    down = client.get(PATH).json()["down"]
    keys = [(orders[link["child"]["iri"]], orders[link["parent"]["iri"]]) for link in down]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    # The province's task (national-side first) before the county's two.
    assert down[0]["parent"]["id"] == f"{OUTLINE}/{ITEM}"


def test_the_lineage_csv_pages_hold_each_link_once_issue_16(client: TestClient) -> None:
    whole = client.get(PATH).json()
    pages = _pages(client, PATH, 2, format="csv")
    rows = [row for page in pages for row in csv.DictReader(io.StringIO(page.text))]
    assert [(row["direction"], row["iri"]) for row in rows] == (
        [("up", link["iri"]) for link in whole["up"]]
        + [("down", link["iri"]) for link in whole["down"]])
    assert [page.headers.get("X-Next-Offset") for page in pages] == ["2", None]
    assert {page.headers["X-Total-Count"] for page in pages} == {"3"}


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": MAX_PAGE + 1}, {"limit": "ten"}, {"offset": -1},
    {"offset": MAX_OFFSET + 1}, {"offset": "1.5"}])
def test_a_bad_lineage_page_is_a_422_issue_16(client: TestClient, params: dict[str, Any]
                                               ) -> None:
    response = client.get(PATH, params=params)
    assert response.status_code == 422, response.text[:300]
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "GT-API-001"
    assert next(iter(params)) in response.text


def test_the_lineage_page_is_documented_issue_16(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"][
        "/api/tasks/{doc_id}/{n}/lineage"]["get"]
    parameters = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert parameters["limit"]["default"] == LINEAGE_PAGE
    assert parameters["limit"]["maximum"] == MAX_PAGE
    assert parameters["offset"]["minimum"] == 0
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("LineageAnswerPage")


def test_a_negative_page_from_python_is_a_coded_error_issue_16(demo_store: Settings) -> None:
    with open_graph(demo_store) as graph, pytest.raises(QueryError) as raised:
        graph.answers.lineage(OUTLINE, ITEM, offset=-1)
    assert raised.value.code == "GT-QUERY-003" and "offset -1" in str(raised.value)


def test_the_task_page_says_more_when_the_links_down_are_a_page_issue_16(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routes_pages, "LINEAGE_PAGE", 2)
    page = client.get(f"/id/doc/{OUTLINE}/task/{ITEM}", headers=BROWSER)
    assert page.status_code == 200
    assert "the first 2 of 3 links" in page.text
    assert f'href="/api/tasks/{OUTLINE}/{ITEM}/lineage?offset=2"' in page.text
    monkeypatch.setattr(routes_pages, "LINEAGE_PAGE", LINEAGE_PAGE)
    assert "links:" not in client.get(f"/id/doc/{OUTLINE}/task/{ITEM}", headers=BROWSER).text

