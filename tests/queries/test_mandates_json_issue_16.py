"""Issue 16 target 2, /api/mandates, sixth round: the answer is rendered to JSON without
models, its evidence items joined from what the index of cited tasks rendered once
(queries/evidence_items.py); the same JSON pydantic gives of the same answer, on every page
and scope; a one-character query's occurrences come from the pair positions, not a scan."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.queries import models
from govtrace.queries.answers import Answers
from govtrace.queries.citing_tasks import CitingTasks
from govtrace.queries.mandates import Scope, mandates
from govtrace.queries.models import MandatesAnswer
from govtrace.queries.querytext import understand
from govtrace.queries.text_index import JoinedText

QUERIES = ("行政", "法治", "市", "规定", "重大行政决策", "administrative reconsideration",
           "行政规范性文件", "政府", "no such words")
SCOPES = (Scope(), Scope(level="County"), Scope(year=2024),
          Scope(division="https://w3id.org/govtrace/id/division/150000"))


def test_the_json_is_pydantics_of_the_answer_issue_16(demo_embedded: EmbeddedStore,
                                                      citing_tasks: CitingTasks) -> None:
    ids = Answers(demo_embedded).ids
    shown = 0
    for query in QUERIES:
        for scope in SCOPES:
            for offset, limit in ((0, 10), (1, 2), (0, 1000)):
                ranking = mandates(demo_embedded, citing_tasks, ids, understand(query), scope,
                                   limit, offset)
                answer = MandatesAnswer.model_validate_json(ranking.json)
                assert answer.model_dump_json().encode() == ranking.json, (query, scope)
                shown += sum(len(result.evidence) for result in answer.results)
    assert shown > 100


def test_no_evidence_model_is_built_for_an_answer_issue_16(
        demo_embedded: EmbeddedStore, citing_tasks: CitingTasks,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: about 380 pydantic models an answer at 30,000 documents (evidence, tasks,
    chains, highlights), validated then serialized; now none."""
    ids = Answers(demo_embedded).ids
    expected = mandates(demo_embedded, citing_tasks, ids, understand("行政"), Scope(), 10).json

    def refused(*_: object, **__: object) -> None:
        raise AssertionError("a model was built")

    for model in (models.MandateEvidence, models.MandateResult, models.LineageStep,
                  models.TaskRef, models.Highlight, models.CitationRef, models.SpanRef):
        monkeypatch.setattr(model, "__init__", refused)
    ranking = mandates(demo_embedded, citing_tasks, ids, understand("行政"), Scope(), 10)
    assert ranking.json == expected and b'"evidence":[{' in ranking.json


def test_an_index_without_evidence_items_renders_the_same_issue_16(
        demo_embedded: EmbeddedStore, citing_tasks: CitingTasks) -> None:
    """Cited tasks pickled before the evidence items (five parts) render them on first use,
    the same bytes."""
    old = CitingTasks.__new__(CitingTasks)
    old.__setstate__(pickle.loads(pickle.dumps(citing_tasks.__getstate__()[:5])))
    ids = Answers(demo_embedded).ids
    for query in QUERIES:
        assert (mandates(demo_embedded, old, ids, understand(query), Scope(), 20).json
                == mandates(demo_embedded, citing_tasks, ids, understand(query), Scope(),
                            20).json), query


def test_one_character_is_found_without_a_scan_issue_16(
        citing_tasks: CitingTasks, monkeypatch: pytest.MonkeyPatch) -> None:
    text: JoinedText = citing_tasks._text
    characters = {"市", "县", "法", "盟", "旗", "的", "x", "。", "\u3000", text.text[-1]}
    expected = {character: citing_tasks.holding(character) for character in characters}
    for character, (found, holding) in expected.items():
        assert np.array_equal(found, text.occurrences(character)), character
        assert np.array_equal(holding, text.passages_holding(found, 1)), character

    def scanned(_: str) -> None:
        raise AssertionError("the joined passages were scanned")

    monkeypatch.setattr(text, "occurrences", scanned)
    for character, (found, holding) in expected.items():
        again = citing_tasks.holding(character)
        assert np.array_equal(again[0], found) and np.array_equal(again[1], holding)
