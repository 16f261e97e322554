"""Issue 16's two gaps: ``/id/…`` of a resource the graph does not hold is a 404 (not a 303
to an empty DESCRIBE), and a task's lineage has a CSV form like the other tabular answers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from govtrace.api.app import create_app
from govtrace.settings import Settings
from tests.support.demo import D000

TURTLE = {"Accept": "text/turtle"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture(scope="module")
def client(demo_store: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(demo_store)) as test_client:
        yield test_client


@pytest.mark.parametrize("path", ["/id/doc/no_such_document", f"/id/doc/{D000}/task/999",
                                  "/id/regulation/0000000000000000", "/id/nothing/here"])
def test_an_unknown_resource_is_a_404_not_a_303_issue_16(client: TestClient, path: str) -> None:
    response = client.get(path, headers=TURTLE, follow_redirects=False)
    assert response.status_code == 404, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "GT-QUERY-006" and path in response.json()["detail"]
    page = client.get(path, headers=BROWSER, follow_redirects=False)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")


def test_a_known_resource_still_goes_to_its_rdf_issue_16(client: TestClient) -> None:
    response = client.get(f"/id/doc/{D000}/task/5", headers=TURTLE, follow_redirects=False)
    assert response.status_code == 303 and "DESCRIBE" in response.headers["location"]


def test_a_lineage_answers_csv_one_row_per_link_issue_16(client: TestClient) -> None:
    path = f"/api/tasks/{D000}/5/lineage"
    answer = client.get(path).json()
    assert answer["up"]
    for asked in ({"params": {"format": "csv"}}, {"headers": {"Accept": "text/csv"}}):
        response = client.get(path, **asked)  # type: ignore[arg-type]
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert [row["direction"] for row in rows] == (["up"] * len(answer["up"])
                                                      + ["down"] * len(answer["down"]))
        assert [row["iri"] for row in rows] == [link["iri"] for link in
                                                answer["up"] + answer["down"]]
        assert rows[0]["child.id"] == f"{D000}/5" and rows[0]["confidence"]
    assert client.get(path, params={"format": "xml"}).status_code == 422
