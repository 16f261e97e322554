"""Issue 16 target 6 (build speed): the serving index's CPU. The index step's answers know
the corpus's documents instead of asking the store for each answer's (the cited works too),
the plan-vs-report answers read the link table once it is written, and the link table
reads its evidence without a join per row, with the same parts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.queries.answers import Answers
from govtrace.queries.cited_works import read_cited_works
from govtrace.queries.entities import documents
from govtrace.queries.index_files import write_part
from govtrace.queries.index_parts import IndexWork, _answers_over
from govtrace.queries.link_details import NODE_PATTERN, LinkDetails, read_link_details
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.plan_report import reported_years
from govtrace.queries.prebuilt import CorpusAnswers
from govtrace.queries.rows import Row
from govtrace.settings import Settings

DESCRIBING_DOCUMENTS = "?docLabel"  # in every query describing documents (refs.py)


@pytest.fixture()
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every SELECT an in-process store answers from now on."""
    queries: list[str] = []
    select_rows = OxigraphRows.select_rows

    def recording(self: OxigraphRows, sparql: str) -> list[Row]:
        queries.append(sparql)
        return select_rows(self, sparql)

    monkeypatch.setattr(OxigraphRows, "select_rows", recording)
    return queries


def test_the_index_steps_answers_know_the_documents_issue_16(
        demo_settings: Settings, demo_embedded: EmbeddedStore, tmp_path: Path,
        asked: list[str]) -> None:
    """Each plan-vs-report answer is the store's, byte for byte, and describes no document
    from the store (the build process described them all once)."""
    store = Answers(OxigraphRows(demo_embedded))
    described = documents(store.service, store.ids)
    known = _answers_over(demo_embedded, IndexWork(demo_settings, {}, None, tmp_path,
                                                   CorpusAnswers(coverage={}, coverage_years=[],
                                                                 regulations=[],
                                                                 documents=described)))
    questions = reported_years(store.service, store.ids)
    assert questions
    for adcode, year in questions:
        asked.clear()
        answer = known.plan_vs_report_json(adcode, year)
        assert not [query for query in asked if DESCRIBING_DOCUMENTS in query], (adcode, year)
        asked.clear()
        assert answer == store.plan_vs_report_json(adcode, year), (adcode, year)
        assert [query for query in asked if DESCRIBING_DOCUMENTS in query]  # the store's way


def test_the_link_tables_evidence_is_read_without_its_links_items_issue_16(
        demo_embedded: EmbeddedStore, asked: list[str]) -> None:
    """The evidence is read without a join to its link's ``gt:linkFrom`` on every row, nor
    DISTINCT (the heads have the items; the rows are deduplicated in Python); the table is
    the one the lineage answers' own patterns give (test_link_details_issue_16.py)."""
    details = read_link_details(OxigraphRows(demo_embedded))
    assert details.link_rows([]) == [] and len(asked) == 5
    evidence = [query for query in asked if "gt:hasEvidence" in query]
    assert len(evidence) == 1
    assert "gt:linkFrom" not in evidence[0] and "DISTINCT" not in evidence[0]


def known_answers(settings: Settings, store: EmbeddedStore, folder: Path,
                  table: LinkDetails | None = None) -> Answers:
    """Answers as an index step's job gives them: knowing the corpus's documents, and the
    link table when ``table``."""
    plain = Answers(OxigraphRows(store))
    corpus = CorpusAnswers(coverage={}, coverage_years=[], regulations=[],
                           documents=documents(plain.service, plain.ids))
    return _answers_over(store, IndexWork(settings, {}, None, folder, corpus), table)


def test_plan_answers_read_the_reports_links_from_the_link_table_issue_16(
        demo_settings: Settings, demo_embedded: EmbeddedStore, tmp_path: Path,
        asked: list[str]) -> None:
    """Once the link table is written, a plan-vs-report job reads the report items' links
    and the tasks' descriptions there, not in the store, and answers the same bytes."""
    store = Answers(OxigraphRows(demo_embedded))
    tabled = known_answers(demo_settings, demo_embedded, tmp_path,
                           read_link_details(OxigraphRows(demo_embedded)))
    questions = reported_years(store.service, store.ids)
    assert questions
    linked = 0
    for adcode, year in questions:
        asked.clear()
        answer = tabled.plan_vs_report_json(adcode, year)
        assert not [query for query in asked if "gt:linkFrom" in query or NODE_PATTERN in query]
        assert answer == store.plan_vs_report_json(adcode, year), (adcode, year)
        linked += b'"link":"' in answer
    assert linked  # some answer holds a report item's link


def test_cited_works_through_the_known_documents_are_the_same_bytes_issue_16(
        demo_settings: Settings, demo_embedded: EmbeddedStore, tmp_path: Path,
        asked: list[str]) -> None:
    """The cited works read through the documents the index step knows describe no document
    from the store, and their part is the same bytes as the store's (each citation's
    document id a string of its own, as the store's answers have it: shared, the pickle
    wrote it once and referred to it after)."""
    versions = {doc_id: entry.sha256 for doc_id, entry in demo_embedded.documents().items()}
    known = known_answers(demo_settings, demo_embedded, tmp_path)
    asked.clear()
    through_known, _ = read_cited_works(known.service, known.ids, versions)
    assert not [query for query in asked if DESCRIBING_DOCUMENTS in query]
    plain = Answers(OxigraphRows(demo_embedded))
    from_store, _ = read_cited_works(plain.service, plain.ids, versions)
    assert len(from_store.works) > 1
    assert part_bytes(through_known) == part_bytes(from_store)


def part_bytes(part: object) -> bytes:
    out = io.BytesIO()
    write_part(out, part)
    return out.getvalue()
