"""Issue 16 target 2: ``/api/regulations/{key}`` is cut from each work's answer computed by
the build's index step, the same answer the store gives, page for page."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from govtrace.api.app import create_app
from govtrace.graph.build import build, demo_corpus
from govtrace.graph.store_factory import open_snapshot
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ontology.iris import IriScheme
from govtrace.queries.answers import Answers
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.rows import Ids, select
from govtrace.queries.serving_index import open_index, store_stamp
from govtrace.settings import Settings
from tests.api.test_answer_service import RETITLE
from tests.api.test_serving_index_issue_16 import store_copy
from tests.support.demo import D001


@pytest.fixture()
def own_store(demo_store: Settings, tmp_path: Path) -> Settings:
    # One build process: the index parts are then read here, where caplog sees the "cited
    # works" line (a forked index worker logs it to the same stream, out of caplog's reach).
    return store_copy(demo_store, tmp_path / "store").with_overrides(workers=1)


def test_every_regulation_is_answered_from_the_index_as_from_the_store_issue_16(
        demo_store: Settings) -> None:
    store_dir = demo_store.resolved_store_dir
    prebuilt = open_index(store_dir, store_stamp(store_dir))
    store = open_snapshot(demo_store)
    assert store is not None
    try:
        indexed = Answers(OxigraphRows(store), prebuilt=prebuilt)
        asked = Answers(OxigraphRows(store))
        keys = [work.iri.rsplit("/", 1)[-1] for work in asked.regulations()]
        assert keys and set(prebuilt.cited_works.get().works) >= {
            work.iri for work in asked.regulations()}
        for key in keys:
            for offset, limit in ((0, None), (0, 2), (1, 2), (10_000, 5)):
                assert (indexed.regulation(key, offset=offset, limit=limit)
                        == asked.regulation(key, offset=offset, limit=limit)), (key, offset)
    finally:
        store.close()


def test_a_regulation_page_from_the_index_over_http_issue_16(demo_store: Settings) -> None:
    with TestClient(create_app(demo_store)) as client:
        listed = client.get("/api/regulations").json()["results"]
        key = listed[0]["iri"].rsplit("/", 1)[-1]  # the most cited
        page = client.get(f"/api/regulations/{key}", params={"limit": 2, "offset": 1})
        assert page.status_code == 200
        body = page.json()
        assert len(body["cited_by"]) == 2 and body["citations"] == listed[0]["citations"]
        bad = client.get(f"/api/regulations/{key}", params={"limit": -1})
        assert bad.status_code == 422
        assert bad.headers["content-type"].startswith("application/problem+json")


def test_a_build_that_changed_one_document_asks_only_for_the_works_it_cites_issue_16(
        own_store: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The index step after an incremental build keeps each work's answer that no changed
    document touches, and every answer is still the store's."""
    corpus = tmp_path / "corpus"
    shutil.copytree(demo_corpus(), corpus)
    changed = corpus / "001_c876ac7a5a214ccd.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="govtrace.queries.serving_index"):
        build(own_store, [corpus])
    asked, of = map(int, re.findall(r"cited works: (\d+) of (\d+)", caplog.text)[-1])
    store_dir = own_store.resolved_store_dir
    prebuilt = open_index(store_dir, store_stamp(store_dir))
    store = open_snapshot(own_store)
    assert store is not None
    try:
        rows = OxigraphRows(store)
        cited = {row["work"] for row in select(rows, f"""SELECT DISTINCT ?work WHERE {{
  ?citer gt:inDocument <{Ids(IriScheme()).document_iri(D001)}> ;
         gt:hasCitation/gt:citedWork ?work }}""")}
        assert 0 < asked == len(cited & set(prebuilt.cited_works.get().works)) < of
        indexed, asked_now = Answers(rows, prebuilt=prebuilt), Answers(rows)
        for work in asked_now.regulations():
            key = work.iri.rsplit("/", 1)[-1]
            assert indexed.regulation(key) == asked_now.regulation(key), key
    finally:
        store.close()


def test_an_update_since_the_index_leaves_nothing_to_keep_issue_16(
        own_store: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A SPARQL Update between the index and a build changes graphs no file's sha256 tells
    of: that build's index step computes every answer again."""
    store = EmbeddedStore.open(own_store)
    store.update(RETITLE)
    store.close()
    with caplog.at_level(logging.INFO, logger="govtrace.queries.serving_index"):
        build(own_store, [demo_corpus()])
    asked, of = map(int, re.findall(r"cited works: (\d+) of (\d+)", caplog.text)[-1])
    assert asked == of > 0
