"""The in-process answer service: same answers as the pool, cached, refreshed by updates."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from govtrace.api.answer_service import AnswerService, UpdateAwareSparql
from govtrace.graph.query_pool import QueryPool
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.queries.answers import Answers
from govtrace.settings import Settings
from tests.support.demo import D000, server_env
from tests.support.servers import govtrace_server

WUSHEN = D000
TASK = f"https://w3id.org/govtrace/id/doc/{WUSHEN}/task/5"
TITLE = "加强行政规范性文件制定监督管理"
NEW_TITLE = "加强数字孪生审查制定监督管理"  # "数字孪生审查" is nowhere in the demo corpus
TOKEN = "answer-service-token"
RETITLE = f"""PREFIX gt: <https://w3id.org/govtrace/ontology#>
DELETE {{ GRAPH ?g {{ ?task gt:title ?old }} }}
INSERT {{ GRAPH ?g {{ ?task gt:title "{NEW_TITLE}" }} }}
WHERE {{ VALUES ?task {{ <{TASK}> }} GRAPH ?g {{ ?task gt:title ?old }} }}"""


@pytest.fixture()
def own_store(demo_store: Settings, tmp_path: Path) -> Settings:
    """A copy of the demo store that a test may update."""
    shutil.copytree(demo_store.resolved_store_dir, tmp_path / "store")
    return Settings(data_dir=demo_store.data_dir, store_dir=tmp_path / "store")


def ask(service: AnswerService, question: object, *args: object) -> bytes:
    response = asyncio.run(service.json(question, *args))  # type: ignore[arg-type]
    assert response.media_type == "application/json"
    return bytes(response.body)


def test_answers_match_the_pool(demo_store: Settings) -> None:
    """In-process rows (queries/oxigraph_rows.py) give what the pool's SPARQL JSON gives."""
    pool = QueryPool(demo_store.resolved_store_dir, size=1, timeout=30)
    service = AnswerService(demo_store, pool)
    try:
        questions: list[tuple[Any, tuple[object, ...]]] = [
            (Answers.lineage, (WUSHEN, 5)), (Answers.task, (WUSHEN, 5)),
            (Answers.mandates, ("行政复议",)), (Answers.coverage, ()),
            (Answers.division, ("150626",)), (Answers.document, (WUSHEN,))]
        for question, args in questions:
            pooled = question(Answers(pool), *args).model_dump(mode="json")
            assert json.loads(ask(service, question, *args)) == pooled
    finally:
        service.close()
        pool.close()


def test_cache_is_bounded_and_can_be_off(demo_store: Settings) -> None:
    unused = EmbeddedStore.open(demo_store, read_only=True)  # only the remote backend uses it
    cached = AnswerService(demo_store.with_overrides(api_cache_size=1), unused)
    first = ask(cached, Answers.task, WUSHEN, 5)
    assert ask(cached, Answers.task, WUSHEN, 5) is first  # the very same bytes: from cache
    ask(cached, Answers.task, WUSHEN, 6)  # evicts the first, the cache holds one answer
    again = ask(cached, Answers.task, WUSHEN, 5)
    assert again == first and again is not first
    off = AnswerService(demo_store.with_overrides(api_cache_size=0), unused)
    assert ask(off, Answers.task, WUSHEN, 5) is not ask(off, Answers.task, WUSHEN, 5)


def test_update_reopens_and_empties_the_cache(own_store: Settings) -> None:
    pool = QueryPool(own_store.resolved_store_dir, size=1, timeout=30)
    service = AnswerService(own_store, pool)
    sparql = UpdateAwareSparql(pool, service)
    try:
        assert json.loads(ask(service, Answers.task, WUSHEN, 5))["title"] == TITLE
        sparql.update(RETITLE)
        assert service.generation == 1
        assert json.loads(ask(service, Answers.task, WUSHEN, 5))["title"] == NEW_TITLE
        with service.reading() as answers:
            assert answers.task(WUSHEN, 5).title == NEW_TITLE
    finally:
        sparql.close()


@pytest.fixture()
def updatable_server(own_store: Settings) -> Iterator[str]:
    with govtrace_server(server_env(own_store, GOVTRACE_UPDATE_TOKEN=TOKEN)) as base:
        yield base


def test_server_answers_see_an_update(updatable_server: str) -> None:
    def get(path: str, **params: str) -> dict[str, object]:
        response = httpx.get(updatable_server + path, params=params, timeout=30)
        response.raise_for_status()
        body: dict[str, object] = response.json()
        return body

    for _ in range(2):  # the second answer comes from the cache
        assert get(f"/api/tasks/{WUSHEN}/5")["title"] == TITLE
        assert get("/api/mandates", q="数字孪生审查")["results"] == []
    response = httpx.post(updatable_server + "/sparql", content=RETITLE, timeout=60, headers={
        "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 204
    assert get(f"/api/tasks/{WUSHEN}/5")["title"] == NEW_TITLE
    results = get("/api/mandates", q="数字孪生审查")["results"]
    assert isinstance(results, list) and results
    assert {e["task"]["id"] for r in results for e in r["evidence"]} == {f"{WUSHEN}/5"}
