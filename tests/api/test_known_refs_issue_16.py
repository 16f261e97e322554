"""Issue 16 target 2: answers describe documents and cited regulations from the build's
index (IndexedRows) and read span offsets from span IRIs, giving the same answers as the
store with a fraction of its queries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from govtrace.graph.store_factory import open_snapshot
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ontology.iris import IriScheme
from govtrace.queries.answers import Answers
from govtrace.queries.indexed_rows import IndexedRows
from govtrace.queries.lazy import Lazy
from govtrace.queries.lineage_links import span_offsets
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.rows import Ids, Row, select
from govtrace.queries.serving_index import open_index, store_stamp
from govtrace.settings import Settings

WORDS = ["行政复议", "营商环境", "规范性文件", "administrative reconsideration", "执法"]


class CountingRows(IndexedRows):
    """IndexedRows recording the queries it is sent."""

    sent: list[str]

    def select_rows(self, sparql: str) -> list[Row]:
        self.sent.append(sparql)
        return super().select_rows(sparql)


@pytest.fixture(scope="module")
def store(demo_store: Settings) -> Iterator[EmbeddedStore]:
    snapshot = open_snapshot(demo_store)
    assert snapshot is not None
    yield snapshot
    snapshot.close()


@pytest.fixture(scope="module")
def both(demo_store: Settings, store: EmbeddedStore) -> tuple[Answers, Answers]:
    """The answers over the index's descriptions, and over the store alone."""
    store_dir = demo_store.resolved_store_dir
    prebuilt = open_index(store_dir, store_stamp(store_dir))
    return (Answers(IndexedRows(store, prebuilt.corpus, prebuilt.link_details),
                    prebuilt=prebuilt), Answers(OxigraphRows(store)))


def test_answers_from_the_index_descriptions_equal_the_store_s_issue_16(
        both: tuple[Answers, Answers]) -> None:
    indexed, asked = both
    documents = asked.documents()
    assert documents
    tasks: list[tuple[str, int]] = []
    for document in documents:
        detail = asked.document(document.id)
        assert indexed.document(document.id) == detail
        tasks += [(document.id, task.number) for task in detail.tasks if task.number][:6]
    assert tasks
    for doc_id, number in tasks:
        assert indexed.task(doc_id, number) == asked.task(doc_id, number), (doc_id, number)
        assert indexed.lineage(doc_id, number) == asked.lineage(doc_id, number)
    for adcode in {d.division.adcode for d in documents if d.division and d.division.adcode}:
        assert indexed.division(adcode) == asked.division(adcode), adcode
    for word in WORDS:
        assert indexed.search(word, 30) == asked.search(word, 30), word
    reports = {(d.division.adcode, d.year) for d in documents
               if d.type == "WorkReport" and d.division and d.division.adcode and d.year}
    assert reports
    for adcode, year in reports:
        assert indexed.plan_vs_report(adcode, year) == asked.plan_vs_report(adcode, year)


@pytest.mark.parametrize(("with_details", "queries"), [(False, 2), (True, 0)])
def test_a_lineage_asks_the_store_two_queries_or_none_issue_16(
        demo_store: Settings, store: EmbeddedStore, both: tuple[Answers, Answers],
        with_details: bool, queries: int) -> None:
    """Without the build's link details: the links, then the tasks at their ends (the page
    of links down and their number read from the build's lists), no document, division or
    span read (before: eight queries, the span offsets' growing with the children linking
    to a parent). With them (the index's ``link_details``): no query at all."""
    store_dir = demo_store.resolved_store_dir
    prebuilt = open_index(store_dir, store_stamp(store_dir))
    if not with_details:  # (an index written before there were any)
        prebuilt = replace(prebuilt, link_details=Lazy(lambda: None))
    rows = CountingRows(store, prebuilt.corpus, prebuilt.link_details)
    rows.sent = []
    answers = Answers(rows, prebuilt=prebuilt)
    lineage = answers.lineage("national-outline-2021-2025", 9)
    assert lineage.down and any(link.evidence for link in lineage.down)
    assert len(rows.sent) == queries
    assert lineage == both[1].lineage("national-outline-2021-2025", 9)


def test_span_iris_name_the_offsets_their_selectors_hold_issue_16(
        store: EmbeddedStore) -> None:
    """What span_offsets reads from an IRI is what the graph says of it."""
    service = OxigraphRows(store)
    ids = Ids(IriScheme())
    rows = select(service, """SELECT DISTINCT ?span ?start ?end WHERE {
  ?span oa:hasSelector ?position . ?position oa:start ?start ; oa:end ?end }""")
    assert len(rows) > 100
    for row in rows:
        assert ids.span_offsets(row["span"]) == (row["start"], row["end"]), row["span"]
    other = "https://example.org/span/1-2"
    assert ids.span_offsets(other) is None
    assert span_offsets(service, ids, [other]) == {}
