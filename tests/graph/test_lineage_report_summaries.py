"""Summary reports (issue 17, third round): an item giving four tasks a phrase each, measures
listed in one clause, the report read whole (graph/lineage/reports.py, report_order.py,
report_evidence.py), on the dev reports d13–d15 written in that style."""

from __future__ import annotations

import pytest

from govtrace.graph.lineage import CorpusIndex, LinkSet
from govtrace.graph.lineage.evaluate import doc_id_of
from govtrace.graph.lineage.report_evidence import phrases
from govtrace.graph.lineage.reports import PLAN_ORDER
from govtrace.ontology.divisions import Gazetteer
from tests.support.paraphrase_dev import dev_index, dev_links


@pytest.fixture(scope="module")
def index(gazetteer: Gazetteer) -> CorpusIndex:
    return dev_index(gazetteer)


@pytest.fixture(scope="module")
def links(index: CorpusIndex) -> LinkSet:
    return dev_links(index, ("d13", "d14", "d15"))


def _reported(links: LinkSet, index: CorpusIndex, report: str, item: str) -> dict[str, str]:
    """The tasks an item reports on, with each link's method."""
    unit = next(u for u in index[doc_id_of(report, index)].units if u.label == item)
    labels = {u.ref: u.label for v in index.views for u in v.units}
    return {labels[x.parent]: x.method for x in links.task_links if x.child == unit.ref}


@pytest.mark.parametrize(("item", "tasks"), [
    # 移送问题线索 (十七); 政府督查, 问责 (十八); 执法协调监督工作站 (十九); 开放日 (二十).
    ("3.2", {"17", "18", "19", "20"}),
    # 专项预案, 演练 (十二); 应急小分队 (十三); 非法开垦草原 (九); 食品抽检 (八): two sections.
    ("2.1", {"8", "9", "12", "13"}),
])
def test_a_summary_item_reports_on_four_tasks_issue_17(
        links: LinkSet, index: CorpusIndex, item: str, tasks: set[str]) -> None:
    # Each sentence names its task with confidence; three were kept at most.
    assert set(_reported(links, index, "d13", item)) == tasks


def test_measures_listed_in_one_clause_name_their_tasks_in_plan_order_issue_17(
        links: LinkSet, index: CorpusIndex) -> None:
    # 行政调解、行政裁决、复议“四室分离”、复议委员会、负责人出庭应诉和检察建议回复等工作…: one
    # clause on 十四, 十五 and 十六, which as a whole names 十六 only. Its listed measures
    # (行政调解 and 行政裁决 read together) name 十四 and 十五, the tasks before 十六, before it.
    reported = _reported(links, index, "d15", "1.6")
    assert set(reported) == {"14", "15", "16"}
    assert reported["14"].endswith(PLAN_ORDER)
    assert reported["15"].endswith(PLAN_ORDER)


def test_the_item_before_tells_where_a_listed_measure_stands_issue_17(
        links: LinkSet, index: CorpusIndex) -> None:
    # 1.3 names 七, 十 and 十一; 1.4 lists 校园周边食品、牧区集市药品 (八) and 草原非法开垦、
    # 无证采矿和野生动物保护 (九) in one clause closest to both, then 移动执法终端 (二十三).
    # Within 1.4 nothing names 八 or 九 with confidence: the report's walk from 七 does.
    reported = _reported(links, index, "d15", "1.4")
    assert set(reported) == {"8", "9", "23"}
    assert reported["8"].endswith(PLAN_ORDER)
    assert reported["9"].endswith(PLAN_ORDER)


def test_items_under_a_problems_section_report_on_nothing_issue_17(
        links: LinkSet, index: CorpusIndex) -> None:
    # 二、存在的问题 → 一是…二是口岸法律服务人才短缺: the second is all title, names the
    # plan's 口岸 task (0.29) and ends on no word of shortcoming the sentence rule knows.
    assert _reported(links, index, "d14", "2.2") == {}
    assert _reported(links, index, "d14", "2.1") == {}


def test_unplanned_work_in_a_summary_report_abstains_issue_17(
        links: LinkSet, index: CorpusIndex) -> None:
    assert _reported(links, index, "d13", "5.2") == {}  # 守边固防
    assert _reported(links, index, "d14", "1.10") == {}  # 民族团结进步创建
    assert _reported(links, index, "d15", "3.2") == {}  # 文明城市创建


def test_phrases_are_the_measures_a_clause_lists_issue_17() -> None:
    assert phrases("行政调解、行政裁决、复议“四室分离”、负责人出庭应诉等工作均达到年度目标，") == [
        "行政调解、", "行政裁决、", "复议“四室分离”、", "负责人出庭应诉等工作均达到年度目标，"]
    # A list of short nouns is one measure's topic: 药品、 is no phrase of its own.
    assert phrases("对药品、疫苗和危险化学品实行全链条监管。") == []
    assert phrases("审核文件49件，") == []
