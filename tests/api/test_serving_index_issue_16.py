"""Issue 16 target 4: the server's indexes are written by the build and opened at start,
never from another state of the store than the one they were computed from."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from govtrace.api.answer_service import AnswerService
from govtrace.errors import QUERY_INDEX_STALE, QueryError
from govtrace.graph.build import build, demo_corpus
from govtrace.graph.query_pool import QueryPool
from govtrace.graph.store_factory import open_snapshot
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT
from govtrace.queries import coverage
from govtrace.queries.answers import Answers
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.rows import Ids, select
from govtrace.queries.search import read_passages
from govtrace.queries.serving_index import index_dir, open_index, store_stamp, write_index
from govtrace.settings import Settings
from tests.api.test_answer_service import NEW_TITLE, RETITLE


@pytest.fixture()
def own_store(demo_store: Settings, tmp_path: Path) -> Settings:
    return store_copy(demo_store, tmp_path / "store")


def store_copy(store: Settings, to: Path) -> Settings:
    """A copy of ``store`` (and of its index, beside it) that a test may change."""
    shutil.copytree(store.resolved_store_dir, to)
    shutil.copytree(index_dir(store.resolved_store_dir), index_dir(to))
    return Settings(data_dir=store.data_dir, store_dir=to)


def service_over(settings: Settings) -> AnswerService:
    return AnswerService(settings, QueryPool(settings.resolved_store_dir, size=1, timeout=30))


def test_the_build_writes_the_index_a_server_opens_issue_16(demo_store: Settings) -> None:
    store_dir = demo_store.resolved_store_dir
    prebuilt = open_index(store_dir, store_stamp(store_dir))  # GT-QUERY-008 if not
    assert prebuilt.citing_tasks.get().tasks and len(prebuilt.passages.get())
    corpus = prebuilt.corpus.get()
    assert corpus.coverage_years and corpus.documents and corpus.regulations
    service = service_over(demo_store)
    try:
        with service.reading() as answers:
            assert answers.prebuilt is not None
            assert answers.citing_tasks is answers.prebuilt.citing_tasks
        assert store_stamp(store_dir) == prebuilt.stamp  # a server's start writes nothing
    finally:
        service.close()
    assert not write_index(demo_store)  # already the index of this state


def test_an_index_older_than_its_store_is_refused_issue_16(
        own_store: Settings, caplog: pytest.LogCaptureFixture) -> None:
    store_dir = own_store.resolved_store_dir
    stamp = store_stamp(store_dir)
    open_index(store_dir, stamp)
    store = EmbeddedStore.open(own_store)
    store.update(RETITLE)  # the store changes; its index stays as it was
    store.close()
    assert store_stamp(store_dir) != stamp
    with pytest.raises(QueryError) as refused:
        open_index(store_dir, store_stamp(store_dir))
    assert refused.value.error is QUERY_INDEX_STALE
    with caplog.at_level(logging.WARNING):
        service = service_over(own_store)
    try:
        assert "GT-QUERY-008" in caplog.text
        with service.reading() as answers:
            assert answers.prebuilt is None
            # answered from the store as it is now, not from the index
            assert [hit.task.title for hit in answers.search(NEW_TITLE)][:1] == [NEW_TITLE]
    finally:
        service.close()
    assert write_index(own_store)
    assert open_index(store_dir, store_stamp(store_dir)).stamp == store_stamp(store_dir)


def test_a_build_leaves_its_store_indexed_issue_16(own_store: Settings) -> None:
    """A build over a store changed behind its back (the index stale) leaves the index of
    the store it leaves."""
    store_dir = own_store.resolved_store_dir
    store = EmbeddedStore.open(own_store)
    store.update(RETITLE)
    store.close()
    build(own_store, [demo_corpus()])
    passages = open_index(store_dir, store_stamp(store_dir)).passages.get()
    snapshot = open_snapshot(own_store)
    assert snapshot is not None
    try:
        fresh = read_passages(OxigraphRows(snapshot))
    finally:
        snapshot.close()
    assert [passages[i] for i in range(len(passages))] == [fresh[i] for i in range(len(fresh))]


def test_coverage_of_every_year_in_one_pass_issue_16(demo_store: Settings) -> None:
    """The stored coverage tables are the ones the per-year query gives."""
    store = open_snapshot(demo_store)
    assert store is not None
    try:
        rows, ids = OxigraphRows(store), Ids(IriScheme())
        tables = coverage.coverage_by_year(rows, ids)
        years = coverage.coverage_years(rows)
        assert sorted(year for year in tables if year is not None) == years
        for year in [None, *years]:
            assert tables[year] == coverage.coverage(rows, ids, year)
        prebuilt = Answers(rows, prebuilt=open_index(
            demo_store.resolved_store_dir, store_stamp(demo_store.resolved_store_dir)))
        assert prebuilt.coverage(1990) == coverage.coverage(rows, ids, 1990)  # no plan's year
    finally:
        store.close()


def test_coverage_in_one_pass_joins_each_documents_jurisdictions_issue_16(
        own_store: Settings) -> None:
    """The one pass reads the documents' jurisdictions apart from the implementers: a
    document with none counts under no division, one with two under both, as the per-year
    query counts them."""
    store = EmbeddedStore.open(own_store)
    try:
        rows = OxigraphRows(store)
        docs = [row["doc"] for row in select(rows, """SELECT DISTINCT ?doc WHERE {
  ?task gt:implementsTransitively [] ; gt:inDocument ?doc . ?doc gt:jurisdiction [] }
  ORDER BY ?doc LIMIT 2""")]
        assert len(docs) == 2
        store.update(f"""PREFIX gt: <{GT}>
DELETE WHERE {{ GRAPH ?g {{ <{docs[0]}> gt:jurisdiction ?div }} }} ;
INSERT DATA {{ GRAPH <{docs[1]}> {{ <{docs[1]}> gt:jurisdiction <{docs[0]}-division> }} }}""")
        ids = Ids(IriScheme())
        tables = coverage.coverage_by_year(rows, ids)
        for year in [None, *coverage.coverage_years(rows)]:
            assert tables[year] == coverage.coverage(rows, ids, year)
    finally:
        store.close()


def test_a_regulation_page_describes_only_its_citations_issue_16(demo_store: Settings) -> None:
    store = open_snapshot(demo_store)
    assert store is not None
    try:
        answers = Answers(OxigraphRows(store))
        key = answers.regulations()[0].iri.rsplit("/", 1)[-1]  # the most cited
        whole = answers.regulation(key)
        assert whole.citations == len(whole.cited_by) > 2
        page = answers.regulation(key, offset=1, limit=2)
        assert page.cited_by == whole.cited_by[1:3]
        assert (page.citations, page.levels, page.years) == (
            whole.citations, whole.levels, whole.years)
    finally:
        store.close()
