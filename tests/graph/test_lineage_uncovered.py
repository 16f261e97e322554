"""A merge's second parent that the plan as a whole gives away: a scheme item no task of the
plan took, claimed by a task already linked elsewhere (graph/lineage/gaps.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govtrace.graph.lineage import CorpusIndex
from govtrace.graph.lineage.gaps import CLAIM_MIN, UNCOVERED
from govtrace.graph.lineage.linker import link_documents
from govtrace.graph.lineage.model import TaskLink
from govtrace.graph.lineage.seeds import seed_records
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ontology.divisions import Gazetteer
from govtrace.settings import Settings

DEV = Path(__file__).resolve().parents[2] / "bench" / "paraphrase" / "dev"
ULANQAB = "150900-2024-work_plan"
"""d17, the city plan whose tasks each fold the scheme tasks one agency leads."""


@pytest.fixture(scope="module")
def index(gazetteer: Gazetteer) -> CorpusIndex:
    batch = ingest_paths([DEV], settings=Settings(), extract=extract_record)
    assert not batch.failures, batch.failures
    return CorpusIndex(gazetteer, [*seed_records(Settings()), *batch.records])


def _links(index: CorpusIndex, settings: Settings) -> dict[str, list[TaskLink]]:
    (plan,) = [v.doc_id for v in index.views if v.doc_id.startswith(ULANQAB)]
    by_task: dict[str, list[TaskLink]] = {}
    for link in link_documents(index, [plan], settings=settings).task_links:
        by_task.setdefault(link.child.key, []).append(link)
    return by_task


def test_an_item_no_task_took_joins_the_task_leading_on_it_issue_17(
        index: CorpusIndex) -> None:
    """d17's task 9 (纠纷化解一站式) folds scheme task 17 (行政调解) and 18 (行政裁决: 列出可以
    裁决的纠纷清单, 告知申请裁决的权利). The model puts 18 at 0.6, under the bar, but no other
    task of the plan took 18 and task 9 leads every sibling on it by far: 18 joins 17."""
    settings = Settings()
    links = _links(index, settings)["9"]
    assert sorted(x.parent.key for x in links) == ["17", "18"]
    (claimed,) = [x for x in links if x.method.endswith(UNCOVERED)]
    assert claimed.parent.key == "18"
    assert settings.lineage_gap_min_probability <= claimed.confidence < 0.8
    assert CLAIM_MIN > 0


def test_locals_claim_nothing_and_the_floor_turns_it_off_issue_17(index: CorpusIndex) -> None:
    """The plan's four local innovations (tasks 22–25) still abstain: a task with no link
    claims nothing. With the floor at 1, task 9 keeps its one parent above the bar."""
    links = _links(index, Settings())
    assert not any(links.get(task) for task in ("22", "23", "24", "25"))
    off = _links(index, Settings(lineage_gap_min_probability=1.0))
    assert [x.parent.key for x in off["9"]] == ["17"]
    assert not any(x.method.endswith(UNCOVERED) for xs in off.values() for x in xs)
