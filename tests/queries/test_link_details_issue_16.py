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
from govtrace.queries.index_files import PackedStrings, read_part, write_part
from govtrace.queries.indexed_rows import IndexedRows
from govtrace.queries.lazy import Lazy
from govtrace.queries.lineage_links import links_around
from govtrace.queries.link_details import EVIDENCE, EVIDENCE_KEYS, LinkDetails, _evidence
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.prebuilt import Prebuilt
from govtrace.queries.refs import task_refs
from govtrace.queries.rows import PREFIX_DECLARATIONS, Ids, Row, select
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
    some = [again._terms[at] for at in range(50)]  # links, then nodes: both kinds
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


EDGE_EVIDENCE = PREFIX_DECLARATIONS + """INSERT DATA { GRAPH <urn:g> {
  <urn:item> gt:span <urn:span> . <urn:span> oa:hasSelector <urn:sel> .
  <urn:sel> oa:start 10 ; oa:exact "一二三四五六七八" .
  <urn:two> gt:span <urn:s1>, <urn:s2> .
  <urn:s1> oa:hasSelector [ oa:start 0 ; oa:exact "abcdef" ] .
  <urn:s2> oa:hasSelector [ oa:start 2 ; oa:exact "uvwxyz" ] .
  <urn:l1> gt:linkFrom <urn:item> ; gt:hasEvidence <urn:inside>, <urn:before>, <urn:past>,
    <urn:open>, <urn:stated>, <urn:reversed>, <urn:parent> .
  <urn:inside> gt:childStart 12 ; gt:childEnd 15 .
  <urn:before> gt:childStart 8 ; gt:childEnd 12 .
  <urn:past> gt:childStart 16 ; gt:childEnd 40 .
  <urn:open> gt:childStart 11 .
  <urn:stated> gt:childStart 11 ; gt:childEnd 13 ; gt:phrase "另说" .
  <urn:reversed> gt:childStart 14 ; gt:childEnd 12 .
  <urn:parent> gt:parentStart 3 ; gt:parentEnd 5 .
  <urn:l2> gt:linkFrom <urn:two> ; gt:hasEvidence <urn:both>, <urn:same> .
  <urn:both> gt:childStart 3 ; gt:childEnd 5 .
  <urn:same> gt:childStart 3 ; gt:childEnd 5 ; gt:parentStart 1 .
  <urn:l3> gt:linkFrom <urn:bare> ; gt:hasEvidence <urn:nospan>, <urn:endonly>, <urn:twice> .
  <urn:nospan> gt:childStart 1 ; gt:childEnd 2 .
  <urn:endonly> gt:childEnd 4 ; gt:parentEnd 6, 7 ; gt:phrase "无始" .
  <urn:twice> gt:childStart 1, 2 ; gt:childEnd 3 ; gt:parentStart 4 .
} }"""


def evidence_as_queried(rows: OxigraphRows) -> set[tuple[str, tuple[object, ...]]]:
    """The evidence rows as the store's own query (:data:`EVIDENCE`, phrases by SUBSTR)."""
    return {(row["link"], tuple(row.get(key) for key in EVIDENCE_KEYS)) for row in select(
        rows, f"SELECT DISTINCT ?link ?phrase ?cs ?ce ?ps ?pe WHERE {{ {EVIDENCE} }}")}


def link_sources(rows: OxigraphRows) -> dict[str, list[str]]:
    """Each link's ``gt:linkFrom``s (what the build reads with the links' heads)."""
    sources: dict[str, list[str]] = {}
    for row in select(rows, "SELECT DISTINCT ?link ?from WHERE { ?link gt:linkFrom ?from }"):
        sources.setdefault(row["link"], []).append(row["from"])
    return sources


def test_phrases_cut_from_the_quotes_are_substrs_issue_16(store: EmbeddedStore) -> None:
    """The build reads each item's quote once and cuts the phrases in Python: the same rows
    as the query that cuts them with SUBSTR, at the edges too (offsets before or past the
    quote, reversed, open-ended, a stated phrase, an item with two quotes or none, an end
    without its start, two starts), and over the demo store's every link."""
    edges = EmbeddedStore.in_memory(Settings())
    edges.update(EDGE_EVIDENCE)
    for service in (OxigraphRows(edges), OxigraphRows(store)):
        expected = evidence_as_queried(service)
        cut = list(_evidence(service, link_sources(service)))
        assert len(cut) == len(set(cut)) and set(cut) == expected
    phrases = {values[0] for _, values in _evidence(OxigraphRows(edges),
                                                    link_sources(OxigraphRows(edges)))}
    assert {"三四五", "一二", "七八", "另说", "", "de", "vw", None} <= phrases


def test_the_link_table_opens_as_mapped_arrays_issue_16(demo_settings: Settings,
                                                         tmp_path: Path) -> None:
    """Opening the table builds no dictionary of its IRIs: they are found through the hash
    table the build stored, views of the mapped file; every term at its ordinal."""
    details = prebuilt_of(demo_settings).link_details.get()
    assert details is not None
    with (tmp_path / "part").open("wb") as out:
        write_part(out, details)
    with (tmp_path / "part").open("rb") as file:
        read = read_part(file)
    assert isinstance(read, LinkDetails)
    assert not [name for name, value in vars(read).items() if isinstance(value, dict)]
    terms = read._terms
    assert isinstance(terms, PackedStrings) and len(terms) > 100
    for array in (terms._slots, terms._packed.blob, terms._packed.ends):
        assert not array.flags.owndata and not array.flags.writeable  # the file's pages
    assert all(terms.find(terms[at]) == at for at in range(len(terms)))
    assert terms.find("urn:nothing") is None and terms.find("") is None
    some = [terms[at] for at in range(0, len(terms), 7)]
    assert read.link_rows(some) == details.link_rows(some)
    assert read.node_rows(some) == details.node_rows(some)
