"""Issue 16 target 2, sixth round: ``/api/regulations/{key}`` joins a page from the JSON the
build kept of the regulation's answer (queries/cited_works.py) instead of parsing the page's
citations into models and serializing them again: the same JSON, every window."""

from __future__ import annotations

import pytest

from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.queries.answers import Answers
from govtrace.queries.entities import RegulationCitation, RegulationDetail
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.serving_index import open_index, store_stamp
from govtrace.settings import Settings

WINDOWS = ((0, None), (0, 1), (1, 2), (2, 100), (1000, 5))


def test_a_page_is_the_models_json_without_a_model_issue_16(
        demo_settings: Settings, demo_embedded: EmbeddedStore,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store_dir = demo_settings.resolved_store_dir
    indexed = Answers(OxigraphRows(demo_embedded),
                      prebuilt=open_index(store_dir, store_stamp(store_dir)))
    keys = [summary.id for summary in indexed.regulations()]
    assert len(keys) >= 3
    expected = {(key, offset, limit): indexed.regulation(key, offset=offset, limit=limit)
                for key in keys for offset, limit in WINDOWS}
    assert any(len(answer.cited_by) > 1 for answer in expected.values())

    def refused(*_: object, **__: object) -> None:
        raise AssertionError("a model was built")

    monkeypatch.setattr(RegulationDetail, "model_validate_json", refused)
    monkeypatch.setattr(RegulationCitation, "model_validate_json", refused)
    for (key, offset, limit), answer in expected.items():
        body, total = indexed.regulation_json(key, offset=offset, limit=limit)
        assert body == answer.model_dump_json().encode(), (key, offset, limit)
        assert total == answer.citations


def test_a_regulation_the_index_lacks_is_the_stores_issue_16(
        demo_embedded: EmbeddedStore) -> None:
    store = Answers(OxigraphRows(demo_embedded))
    key = store.regulations()[0].id
    answer = store.regulation(key, offset=1, limit=2)
    assert store.regulation_json(key, offset=1, limit=2) == (
        answer.model_dump_json().encode(), answer.citations)
