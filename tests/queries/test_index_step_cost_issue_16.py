"""Issue 16 target 6 (build speed): the serving index's CPU. The index step's answers know
the corpus's documents instead of asking the store for each answer's, and the link table
reads its evidence without a join per row, with the same parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.queries.answers import Answers
from govtrace.queries.entities import documents
from govtrace.queries.index_parts import IndexWork, _answers_over
from govtrace.queries.link_details import read_link_details
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
