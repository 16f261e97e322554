"""Issue 16 target 2: a page of a task's links down is cut from the build's lists of links
down, not from the store's count and order of every link below the task."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govtrace.graph.store_factory import open_snapshot
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ontology.iris import IriScheme
from govtrace.queries.answers import Answers
from govtrace.queries.down_links import DownLinks
from govtrace.queries.lineage_links import links_around
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.rows import Ids, Row, select
from govtrace.queries.serving_index import open_index, store_stamp, write_index
from govtrace.settings import Settings
from tests.support.demo import copy_without_index_part

WINDOWS = ((0, None), (0, 1), (1, 2), (3, 200), (10**6, 5))


class AskedRows(OxigraphRows):
    """The store's rows, with every query asked kept."""

    def __init__(self, store: EmbeddedStore) -> None:
        super().__init__(store)
        self.asked: list[str] = []

    def select_rows(self, sparql: str) -> list[Row]:
        self.asked.append(sparql)
        return super().select_rows(sparql)


@pytest.fixture()
def rows(demo_settings: Settings) -> Iterator[AskedRows]:
    store = open_snapshot(demo_settings)
    assert store is not None
    try:
        yield AskedRows(store)
    finally:
        store.close()


def table_of(settings: Settings) -> DownLinks:
    store_dir = settings.resolved_store_dir
    table = open_index(store_dir, store_stamp(store_dir)).down_links.get()
    assert table is not None, "the build writes the lists of links down"
    return table


def every_task(rows: AskedRows) -> list[str]:
    return sorted(row["task"] for row in select(
        rows, "SELECT DISTINCT ?task WHERE { ?task a gt:Task }"))


def task_id(iri: str) -> tuple[str, int]:
    """``(doc_id, number)`` of a task's IRI (``…/doc/{doc_id}/task/{number}``)."""
    doc, number = iri.split("/doc/", 1)[1].split("/task/")
    return doc, int(number)


def test_the_lists_give_the_stores_pages_issue_16(demo_settings: Settings,
                                                  rows: AskedRows) -> None:
    """Every task's pages (none, one and many links down; past the end) as the store's."""
    table, ids = table_of(demo_settings), Ids(IriScheme())
    tasks = every_task(rows)
    counts = {task: table.page(task, 0, 0)[1] for task in tasks}
    assert {0, 1} <= set(counts.values()) and max(counts.values()) >= 3
    for task in tasks:
        for offset, limit in WINDOWS:
            asked = links_around(rows, ids, task, offset=offset, limit=limit)
            listed = links_around(rows, ids, task, offset=offset, limit=limit,
                                  down_links=table)
            assert listed == asked, (task, offset, limit)


def test_a_page_reads_only_its_own_links_issue_16(demo_settings: Settings,
                                                  rows: AskedRows) -> None:
    """The task with the most links below: no query walks down to them, and the page's
    answer is the store's."""
    table = table_of(demo_settings)
    top = max(every_task(rows), key=lambda task: table.page(task, 0, 0)[1])
    doc_id, number = task_id(top)
    store_dir = demo_settings.resolved_store_dir
    with_table = Answers(rows, prebuilt=open_index(store_dir, store_stamp(store_dir)))
    rows.asked.clear()
    page = with_table.lineage(doc_id, number, offset=1, limit=2)
    assert not any("gt:implements* ?task" in sparql for sparql in rows.asked)
    assert page == Answers(rows).lineage(doc_id, number, offset=1, limit=2)
    assert page.down_total == table.page(top, 0, 0)[1] >= 3 and len(page.down) == 2


def test_an_index_without_the_lists_answers_from_the_store_issue_16(
        demo_settings: Settings, tmp_path: Path) -> None:
    """An index written before the lists: lineage asks the store, and the next build's
    index step writes them even though the store did not change."""
    settings = copy_without_index_part(demo_settings, tmp_path, "down_links")
    store_dir = settings.resolved_store_dir
    prebuilt = open_index(store_dir, store_stamp(store_dir))
    assert prebuilt.down_links.get() is None
    store = open_snapshot(settings)
    assert store is not None
    try:
        source = OxigraphRows(store)
        task = max(every_task(AskedRows(store)),
                   key=lambda task: table_of(demo_settings).page(task, 0, 0)[1])
        doc_id, number = task_id(task)
        assert (Answers(source, prebuilt=prebuilt).lineage(doc_id, number, limit=3)
                == Answers(source).lineage(doc_id, number, limit=3))
    finally:
        store.close()
    assert write_index(settings)
    assert open_index(store_dir, store_stamp(store_dir)).down_links.get() is not None
