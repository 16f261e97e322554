"""How many tasks a report item may name (issue 17, fourth round, second pass): a long item
sums up a task a sentence, so it may name as many tasks as it has sentences when more than
four; and a sentence naming its task with confidence is not crowded out by a task the item as
a whole is close to but no piece of it names (graph/lineage/reports.py)."""

from __future__ import annotations

import pytest

from govtrace.graph.lineage import CorpusIndex, LinkSet
from govtrace.graph.lineage.evaluate import doc_id_of
from govtrace.graph.lineage.seeds import seed_records
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ontology.divisions import Gazetteer
from govtrace.settings import Settings
from tests.support.paraphrase_dev import DEV, dev_links

# A banner of 锡林郭勒盟 with no plan of its own (so it reports on d01), not among the dev
# reports; its one item gives six of d01's tasks a sentence each.
_REPORT = """正镶白旗2023年法治政府建设情况报告

一、主要工作

（一）依法行政各项工作稳步推进。旗政府及部门规范性文件全部经过合法性审核，备案审查率100%；\
年初公布重大决策事项目录4项，重要事项召开听证会1次；开展重大行政决策实施后评估2项；\
食品安全“守护行动”抽检样品320批次；执法监督平台案件网上流转率100%，配发移动执法终端85台；\
“法治乌兰牧骑”下嘎查演出46场。

正镶白旗人民政府
2024年2月20日
"""
_METADATA = """schema = 1

[files."z01_zhengxiangbai-2023-report"]
doc_type = "WorkReport"
jurisdiction = "152529"
covers_year = 2023
published = 2024-02-20
"""


@pytest.fixture(scope="module")
def index(gazetteer: Gazetteer, tmp_path_factory: pytest.TempPathFactory) -> CorpusIndex:
    extra = tmp_path_factory.mktemp("breadth")
    (extra / "z01_zhengxiangbai-2023-report.txt").write_text(_REPORT, encoding="utf-8")
    (extra / "metadata.toml").write_text(_METADATA, encoding="utf-8")
    settings = Settings()
    batch = ingest_paths([DEV, extra], settings=settings, extract=extract_record)
    assert not batch.failures, batch.failures
    return CorpusIndex(gazetteer, [*seed_records(settings), *batch.records])


@pytest.fixture(scope="module")
def links(index: CorpusIndex) -> LinkSet:
    return dev_links(index, ("d23", "z01"))


def _reported(links: LinkSet, index: CorpusIndex, report: str, item: str) -> set[str]:
    unit = next(u for u in index[doc_id_of(report, index)].units if u.label == item)
    labels = {u.ref: u.label for v in index.views for u in v.units}
    return {labels[x.parent] for x in links.task_links if x.child == unit.ref}


def test_a_sentence_names_its_task_though_the_item_is_closer_to_one_none_names_issue_17(
        links: LinkSet, index: CorpusIndex) -> None:
    # 食品安全“守护行动”抽检样品320批次 names 八 with confidence 0.63, but 八 was the item's
    # fifth-closest task, behind 十九 (执法协调监督), which none of the item's pieces scores best.
    assert _reported(links, index, "d23", "1.3") == {"7", "8", "10", "23"}


def test_an_item_of_six_sentences_names_six_tasks_issue_17(
        links: LinkSet, index: CorpusIndex) -> None:
    # 合法性审核, 备案 (四); 决策目录 (五); 实施后评估 (六); 食品抽检 (八); 执法监督平台 (二十三);
    # 法治乌兰牧骑 (二十八): a task a sentence, more than four.
    assert _reported(links, index, "z01", "1.1") == {"4", "5", "6", "8", "23", "28"}

