"""Issue 16 target 2, /api/plan-vs-report: every answer there is comes from the build's index
(queries/plan_answers.py), the same as the store's, without a query; any other question is
asked of the store as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govtrace.errors import GovtraceError
from govtrace.graph.store_factory import open_snapshot
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.queries.answers import Answers
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.plan_report import PlanVsReport, reported_years
from govtrace.queries.prebuilt import Prebuilt
from govtrace.queries.rows import Row
from govtrace.queries.serving_index import index_dir, open_index, store_stamp, write_index
from govtrace.settings import Settings


class AskedRows(OxigraphRows):
    asked: list[str]

    def select_rows(self, sparql: str) -> list[Row]:
        self.asked.append(sparql)
        return super().select_rows(sparql)


def prebuilt_of(store_dir: Path) -> Prebuilt:
    return open_index(store_dir, store_stamp(store_dir))


def failure(ask: Answers, division: str, year: int) -> str:
    with pytest.raises(GovtraceError) as refused:
        ask.plan_vs_report(division, year)
    return f"{refused.value.code} {refused.value.message}"


def test_every_answer_is_the_stores_without_a_query_issue_16(
        demo_settings: Settings, demo_embedded: EmbeddedStore) -> None:
    prebuilt = prebuilt_of(demo_settings.resolved_store_dir)
    kept = prebuilt.plan_answers.get()
    store = Answers(OxigraphRows(demo_embedded))
    questions = reported_years(store.service, store.ids)
    assert kept is not None and len(kept) == len(questions) >= 1
    rows = AskedRows(demo_embedded)
    rows.asked = []
    indexed = Answers(rows, prebuilt=prebuilt)
    for adcode, year in questions:
        answer = indexed.plan_vs_report(adcode, year)
        assert answer == store.plan_vs_report(adcode, year), (adcode, year)
        assert indexed.plan_vs_report(answer.division.label or adcode, year) == answer
    assert rows.asked == []
    adcode, year = questions[0]
    for asked in ((adcode, 1990), ("150000", 2000)):  # no report: the store says so
        assert failure(indexed, *asked) == failure(store, *asked)


def test_an_index_without_the_answers_asks_the_store_issue_16(
        demo_settings: Settings, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    shutil.copytree(demo_settings.resolved_store_dir, store_dir)
    shutil.copytree(index_dir(demo_settings.resolved_store_dir), index_dir(store_dir))
    (index_dir(store_dir) / "plan_answers.pickle").unlink()
    settings = Settings(data_dir=demo_settings.data_dir, store_dir=store_dir)
    prebuilt = prebuilt_of(store_dir)
    assert prebuilt.plan_answers.get() is None
    store = open_snapshot(settings)
    assert store is not None
    try:
        rows = AskedRows(store)
        rows.asked = []
        ask = Answers(rows, prebuilt=prebuilt)
        adcode, year = reported_years(rows, ask.ids)[0]
        rows.asked.clear()
        assert ask.plan_vs_report(adcode, year) == Answers(
            OxigraphRows(store)).plan_vs_report(adcode, year)
        assert rows.asked
    finally:
        store.close()
    assert write_index(settings)
    assert prebuilt_of(store_dir).plan_answers.get() is not None


def test_the_kept_json_is_served_without_a_model_issue_16(
        demo_settings: Settings, demo_embedded: EmbeddedStore,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Sixth round: the route served the kept answer validated into a model and serialized
    again (1 ms of CPU a request at 30,000 documents); now its bytes as they are, the
    store's answer's JSON."""
    store = Answers(OxigraphRows(demo_embedded))
    questions = reported_years(store.service, store.ids)
    expected = {question: store.plan_vs_report(*question).model_dump_json().encode()
                for question in questions}
    indexed = Answers(OxigraphRows(demo_embedded), prebuilt=prebuilt_of(
        demo_settings.resolved_store_dir))

    def refused(*_: object, **__: object) -> None:
        raise AssertionError("a model was built")

    monkeypatch.setattr(PlanVsReport, "model_validate_json", refused)
    monkeypatch.setattr(PlanVsReport, "model_dump_json", refused)
    for (adcode, year), json in expected.items():
        assert indexed.plan_vs_report_json(adcode, year) == json, (adcode, year)
