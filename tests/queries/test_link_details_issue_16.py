"""Issue 16 target 2: a lineage page and the tasks an answer names are read from the build's
table of link details and node descriptions, not from the store, with the same answers."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from govtrace.graph.store_factory import open_snapshot
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ontology.iris import IriScheme
from govtrace.queries.answers import Answers
from govtrace.queries.indexed_rows import IndexedRows
from govtrace.queries.lazy import Lazy
from govtrace.queries.lineage_links import links_around
from govtrace.queries.link_details import LinkDetails
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.prebuilt import Prebuilt
from govtrace.queries.refs import task_refs
from govtrace.queries.rows import Ids, Row, select
from govtrace.queries.serving_index import open_index, store_stamp, write_index
from govtrace.settings import Settings
from tests.support.demo import copy_without_index_part

WINDOWS = ((0, None), (0, 1), (1, 2), (10**6, 5))


class AskedIndexedRows(IndexedRows):
    """The indexed rows, with every query asked of the store kept."""

    asked: list[str]

    def select_rows(self, sparql: str) -> list[Row]:
        self.asked.append(sparql)
        return super().select_rows(sparql)


def prebuilt_of(settings: Settings) -> Prebuilt:
    store_dir = settings.resolved_store_dir
    return open_index(store_dir, store_stamp(store_dir))


@pytest.fixture()
def store(demo_settings: Settings) -> Iterator[EmbeddedStore]:
    opened = open_snapshot(demo_settings)
    assert opened is not None
    try:
        yield opened
    finally:
        opened.close()


def indexed(store: EmbeddedStore, prebuilt: Prebuilt) -> AskedIndexedRows:
    rows = AskedIndexedRows(store, prebuilt.corpus, prebuilt.link_details)
    object.__setattr__(rows, "asked", [])
    return rows


def nodes_of(store: EmbeddedStore) -> list[str]:
    return sorted(row["node"] for row in select(OxigraphRows(store), """SELECT DISTINCT ?node
  WHERE { VALUES ?type { gt:Task gt:ReportItem } ?node a ?type }"""))


def test_lineage_from_the_table_is_the_stores_issue_16(demo_settings: Settings,
                                                       store: EmbeddedStore) -> None:
    """Every task's links up and pages of links down (none, one, many; past the end) are
    the store's, and no query reads a link's details, its evidence or a task's description."""
    prebuilt = prebuilt_of(demo_settings)
    details, down = prebuilt.link_details.get(), prebuilt.down_links.get()
    assert details is not None and down is not None, "the build writes both"
    plain, rows, ids = OxigraphRows(store), indexed(store, prebuilt), Ids(IriScheme())
    tasks = [node for node in nodes_of(store) if "/task/" in node]
    with_links = 0
    for task in [*tasks, ids.task_iri("no-such-doc", 1)]:
        for offset, limit in WINDOWS:
            asked = links_around(plain, ids, task, offset=offset, limit=limit)
            rows.asked.clear()
            read = links_around(rows, ids, task, offset=offset, limit=limit, down_links=down,
                                details=details)
            assert read == asked, (task, offset, limit)
            assert task not in tasks or not any(  # (no such task: the store is asked)
                "gt:linkFrom" in sparql or "gt:inDocument ?doc" in sparql
                for sparql in rows.asked), rows.asked
            with_links += bool(read.up or read.down)
    assert with_links > len(tasks)


def test_task_refs_from_the_table_are_the_stores_issue_16(demo_settings: Settings,
                                                          store: EmbeddedStore) -> None:
    """Tasks and report items are described from the table; a node it does not hold (none
    such in the graph) is still asked of the store."""
    prebuilt = prebuilt_of(demo_settings)
    rows, ids = indexed(store, prebuilt), Ids(IriScheme())
    nodes = nodes_of(store)
    assert any("/item/" in node for node in nodes)
    missing = ids.task_iri("no-such-doc", 1)
    expected = task_refs(OxigraphRows(store), ids, [*nodes, missing])
    assert len(expected) == len(nodes)
    assert task_refs(rows, ids, [*nodes, missing]) == expected
    assert len(rows.asked) == 1 and missing in rows.asked[0]


def test_the_table_survives_its_pickle_issue_16(demo_settings: Settings) -> None:
    details = prebuilt_of(demo_settings).link_details.get()
    assert details is not None
    again: LinkDetails = pickle.loads(pickle.dumps(details))
    some = [node for node in again._terms[:50]]  # links, then nodes: both kinds
    assert again.link_rows(some) == details.link_rows(some)
    assert again.node_rows(some) == details.node_rows(some)


def test_an_index_without_the_table_answers_from_the_store_issue_16(
        demo_settings: Settings, tmp_path: Path) -> None:
    """An index written before the table: lineage and task references ask the store, and
    the next build's index step writes it even though the store did not change."""
    settings = copy_without_index_part(demo_settings, tmp_path, "link_details")
    store_dir = settings.resolved_store_dir
    prebuilt = open_index(store_dir, store_stamp(store_dir))
    assert prebuilt.link_details.get() is None
    store = open_snapshot(settings)
    assert store is not None
    try:
        rows = indexed(store, prebuilt)
        task = next(node for node in nodes_of(store) if node.endswith("/task/9")
                    and "national" in node)
        doc_id, number = task.split("/doc/", 1)[1].split("/task/")
        assert (Answers(rows, prebuilt=prebuilt).lineage(doc_id, int(number), limit=3)
                == Answers(OxigraphRows(store)).lineage(doc_id, int(number), limit=3))
        assert any("gt:linkFrom" in sparql for sparql in rows.asked)
    finally:
        store.close()
    assert write_index(settings)
    assert open_index(store_dir, store_stamp(store_dir)).link_details.get() is not None


def test_indexed_rows_without_a_table_know_no_details_issue_16(
        demo_settings: Settings, store: EmbeddedStore) -> None:
    rows = IndexedRows(store, prebuilt_of(demo_settings).corpus, Lazy(lambda: None))
    assert rows.known_details() is None
