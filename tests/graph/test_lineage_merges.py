"""Merges (issue 17, item 4): a task may implement two or three scheme tasks whatever its
title says. The dev set's merges-heavy plan (bench/paraphrase/dev/d16, a border banner) folds
two or three scheme tasks into most of its tasks, and the fit counts merged tasks per
hand-labelled document, held out, so a feature meant for second parents is judged on them."""

from __future__ import annotations

import pytest

from bench.fit_lineage_model import Child, merges_by_document
from govtrace.graph.lineage import CorpusIndex
from govtrace.graph.lineage.decide import MERGE
from govtrace.graph.lineage.evaluate import doc_id_of
from govtrace.ontology.divisions import Gazetteer
from govtrace.settings import Settings
from tests.support.paraphrase_dev import dev_index, dev_links


def _child(group: str, expected: set[str], parents: list[str], source: str = "dev") -> Child:
    labels: list[int | None] = [1 if p in expected else 0 for p in parents]
    return Child(source, group, f"{group}:1", "merge", parents, [(0.0,)] * len(parents),
                 labels, frozenset(expected), frozenset(expected), frozenset(), frozenset())


def test_the_fit_counts_merged_tasks_per_document_issue_17() -> None:
    """Per document: merged tasks, those with every parent, parents found, wrong parents;
    single-parent tasks and synthetic documents are not counted."""
    children = [
        _child("d16", {"a", "b", "c"}, ["a", "b", "c", "d"]),
        _child("d16", {"a", "b"}, ["a", "b", "c"]),
        _child("d08", {"a", "b"}, ["a", "b"]),
        _child("d08", {"a"}, ["a", "b"]),
        _child("syn", {"a", "b"}, ["a", "b"], source="synthetic"),
    ]
    probabilities = {0: {0: 0.99, 1: 0.85, 2: 0.4, 3: 0.1},  # 2 of 3
                     1: {0: 0.99, 1: 0.9, 2: 0.81},  # both, and c (wrong)
                     2: {0: 0.99, 1: 0.2},
                     3: {0: 0.99, 1: 0.0},
                     4: {0: 0.99, 1: 0.99}}
    assert merges_by_document(children, probabilities, 0.8)[2:] == [
        "| dev d08 | 1 | 0 | 1/2 | 0 |",
        "| dev d16 | 2 | 1 | 4/5 | 1 |",
    ]


@pytest.fixture(scope="module")
def dev(gazetteer: Gazetteer) -> CorpusIndex:
    return dev_index(gazetteer)


def test_a_task_folding_three_scheme_tasks_gets_all_three_issue_17(dev: CorpusIndex) -> None:
    """d16 (十二) folds 行政调解, 行政裁决 and 应诉 (scheme 17, 18, 20) under a title naming
    none of them; its local innovations (23–25) abstain."""
    links = dev_links(dev, ["d16"])
    plan, scheme = doc_id_of("d16", dev), doc_id_of("004", dev)
    parents = {x.parent.key: x for x in links.task_links
               if x.child.doc_id == plan and x.child.key == "12" and x.parent.doc_id == scheme}
    assert set(parents) == {"17", "18", "20"}
    assert all(x.method.endswith(MERGE) for x in parents.values())
    assert all(x.confidence >= Settings().lineage_target_precision for x in parents.values())
    linked = {x.child.key for x in links.task_links if x.child.doc_id == plan}
    assert not linked & {"23", "24", "25"}
