"""Report items (gt:reportsOn) on reports that reword their plan (issue 17): the paraphrase
dev reports (bench/paraphrase/dev, d04–d06) say what was done about tasks their plans state as
intentions, and are linked with the seeds by the configured linker."""

from __future__ import annotations

from pathlib import Path

import pytest

from govtrace.graph.lineage import CorpusIndex, LinkSet
from govtrace.graph.lineage.evaluate import doc_id_of, evaluate
from govtrace.graph.lineage.gold import load_gold
from govtrace.graph.lineage.linker import link_documents
from govtrace.graph.lineage.report_evidence import looks_ahead, sentences, states_intention
from govtrace.graph.lineage.seeds import seed_records
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ontology.divisions import Gazetteer
from govtrace.settings import Settings

DEV = Path(__file__).resolve().parents[2] / "bench" / "paraphrase" / "dev"
REPORTS = ("d04", "d05", "d06")


@pytest.fixture(scope="module")
def index(gazetteer: Gazetteer) -> CorpusIndex:
    settings = Settings()
    batch = ingest_paths([DEV], settings=settings, extract=extract_record)
    assert not batch.failures, batch.failures
    return CorpusIndex(gazetteer, [*seed_records(settings), *batch.records])


@pytest.fixture(scope="module")
def links(index: CorpusIndex) -> LinkSet:
    return link_documents(index, [doc_id_of(name, index) for name in REPORTS],
                          settings=Settings())


def _reported(links: LinkSet, index: CorpusIndex, report: str, item: str) -> set[str]:
    doc = doc_id_of(report, index)
    unit = next(u for u in index[doc].units if u.label == item)
    labels = {u.ref: u.label for v in index.views for u in v.units}
    return {labels[x.parent] for x in links.task_links if x.child == unit.ref}


@pytest.mark.parametrize(("item", "tasks"), [
    # 红头文件: 审核 83 件, 报备审查 62 件, 到期评估: the n-grams give every task 0.02–0.03.
    ("2.1", {"4"}),
    # 监督信息通报, 互移线索 (十七); 专项督查, 问责 (十八): each sentence its own task.
    ("5.1", {"17", "18"}),
    # “法治乌兰牧骑”演出210场 is weak (0.09) but alone: a confidence floor keeps it.
    ("6.2", {"27", "28"}),
])
def test_reworded_report_sentences_name_their_tasks_issue_17(
        links: LinkSet, index: CorpusIndex, item: str, tasks: set[str]) -> None:
    assert _reported(links, index, "d05", item) == tasks


def test_outlook_section_reports_on_nothing_issue_17(links: LinkSet, index: CorpusIndex) -> None:
    # Its 下一步，我们将… sentence echoes the plan's wording best of all (0.19 against 二).
    assert _reported(links, index, "d04", "6") == set()
    assert _reported(links, index, "d05", "8") == set()
    assert _reported(links, index, "d06", "9") == set()


def test_dev_reports_meet_the_issue_targets_issue_17(links: LinkSet, index: CorpusIndex) -> None:
    gold = [row for row in load_gold(DEV / "gold.tsv") if row.difficulty == "report"]
    assert {row.child for row in gold} == set(REPORTS)
    score = evaluate(links, gold, index).overall
    assert score.precision >= 0.95, score.errors
    assert score.recall >= 0.9, score.errors
    assert score.abstained == score.abstentions == 5, score.errors


@pytest.mark.parametrize(("title", "ahead"), [
    ("存在的问题和下一步打算", True),
    ("存在的不足和2024年工作安排", True),
    ("今后工作思路", True),
    ("执法监督更加有力", False),
    ("调解、复议和应诉工作扎实开展", False),
])
def test_outlook_titles_issue_17(title: str, ahead: bool) -> None:
    assert looks_ahead(title) is ahead


def test_intentions_are_not_reports_of_work_done_issue_17() -> None:
    said = sentences("全年办理复议案件326件，纠错率12%；复议人员配足3名。"
                     "下一步，我们将继续补短板、强弱项。我们将进一步规范执法。")
    assert [s for s in said if not states_intention(s)] == [
        "全年办理复议案件326件，纠错率12%；", "复议人员配足3名。"]
