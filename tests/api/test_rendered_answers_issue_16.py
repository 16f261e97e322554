"""Issue 16 target 2, sixth round: /api/mandates and /api/plan-vs-report serve answers
rendered without models (the mandates page joined from the index's rendered evidence, the
build's plan-vs-report answer as it kept it), on a real server over the demo store: the same
JSON as the models of the store's answers, the same paging, CSV and refusals."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from govtrace.api.tabular import paged
from govtrace.graph.store_factory import open_snapshot
from govtrace.queries.answers import Answers
from govtrace.queries.models import MandatesAnswer
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.plan_report import reported_years
from govtrace.settings import Settings

QUERIES = ("行政规范性文件", "行政", "市", "administrative reconsideration", "no such words")
PAGES = ((0, 10), (1, 2), (3, 100))


def get(base: str, path: str, **params: object) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=30)


@pytest.fixture(scope="module")
def expected(demo_store: Settings) -> Iterator[dict[str, bytes]]:
    """The answers of the store itself (no index), as their models' JSON, read before the
    module's server starts."""
    store = open_snapshot(demo_store)
    assert store is not None
    try:
        ask = Answers(OxigraphRows(store))
        answers = {f"{query} {offset} {limit}": page.model_dump_json().encode()
                   for query in QUERIES for offset, limit in PAGES
                   for page in [ask.mandates_page(query, offset=offset, limit=limit)[0]]}
        answers.update({f"{query} whole": ask.mandates(query, limit=1000).model_dump_json()
                        .encode() for query in QUERIES})
        answers.update({f"{adcode} {year}": ask.plan_vs_report(adcode, year)
                        .model_dump_json().encode()
                        for adcode, year in reported_years(ask.service, ask.ids)})
        yield answers
    finally:
        store.close()


def test_mandates_pages_are_the_models_json_issue_16(expected: dict[str, bytes],
                                                     demo_server: str) -> None:
    for query in QUERIES:
        for offset, limit in PAGES:
            response = get(demo_server, "/api/mandates", q=query, offset=offset, limit=limit)
            assert response.status_code == 200
            assert response.headers["content-type"] == "application/json"
            body = response.content
            page = paged(MandatesAnswer).model_validate_json(body)
            assert page.model_dump_json().encode() == body  # pydantic's JSON, byte for byte
            answer = MandatesAnswer.model_validate(page.model_dump())
            assert answer.model_dump_json().encode() == expected[f"{query} {offset} {limit}"]
            fields = page.model_dump(include={"total", "offset", "limit", "next_offset"})
            whole = MandatesAnswer.model_validate_json(expected[f"{query} whole"]).results
            assert fields == {"total": None, "offset": offset, "limit": limit, "next_offset": (
                offset + limit if len(whole) > offset + limit else None)}


def test_mandates_csv_and_refusals_are_kept_issue_16(demo_server: str) -> None:
    table = get(demo_server, "/api/mandates", q="行政", format="csv", limit=2)
    assert table.status_code == 200 and table.headers["content-type"].startswith("text/csv")
    assert table.headers["x-next-offset"] == "2"
    assert get(demo_server, "/api/mandates", q="行政", limit=0).status_code == 422
    assert get(demo_server, "/api/mandates", q="行政", division="999999").status_code == 404


def test_plan_vs_report_is_the_builds_json_issue_16(expected: dict[str, bytes],
                                                    demo_server: str) -> None:
    questions = [key for key in expected if key.split()[0].isdigit()]  # adcode year
    assert questions
    for question in questions:
        adcode, year = question.split()
        response = get(demo_server, "/api/plan-vs-report", division=adcode, year=year)
        assert response.status_code == 200
        assert response.content == expected[question], question
