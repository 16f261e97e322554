"""Report items (issue 17, fourth round) on reports written the way county offices write them:
a drafter's own words for the plan's terms (graph/lineage/synonyms.py), the report's topic
(法治政府建设) that names no task, a list of outcomes (办结率100%), and a lone clause as close to a
task its item names anyway. The dev reports d21 (by agency) and d22 (narrative, half the plan)
were written for this round; d14 and d20 before it."""

from __future__ import annotations

import pytest

from govtrace.graph.lineage import CorpusIndex, LinkSet
from govtrace.graph.lineage.evaluate import doc_id_of
from govtrace.graph.lineage.report_evidence import states_figure, topic_words
from govtrace.graph.lineage.seams import Candidates
from govtrace.graph.lineage.words import words
from govtrace.ontology.divisions import Gazetteer
from tests.support.paraphrase_dev import dev_index, dev_links


@pytest.fixture(scope="module")
def index(gazetteer: Gazetteer) -> CorpusIndex:
    return dev_index(gazetteer)


@pytest.fixture(scope="module")
def links(index: CorpusIndex) -> LinkSet:
    return dev_links(index, ("d11", "d14", "d20", "d21", "d22"))


def _reported(links: LinkSet, index: CorpusIndex, report: str, item: str) -> set[str]:
    unit = next(u for u in index[doc_id_of(report, index)].units if u.label == item)
    labels = {u.ref: u.label for v in index.views for u in v.units}
    return {labels[x.parent] for x in links.task_links if x.child == unit.ref}


@pytest.mark.parametrize(("report", "plan"), [
    # How a report counts the people's congress's and the CPPCC's oversight of a government.
    ("人大代表建议", "人大"),
    ("政协委员提案", "政协"),
    ("综合行政执法", "综合执法"),
    ("放管服", "简政放权"),
    ("一网通办", "一体化政务服务平台"),
    ("旗委", "各级党委"),
    ("第一责任人职责", "法治建设第一责任人"),
    ("上年度报告", "法治建设情况报告"),
    ("情况汇报", "工作汇报"),
])
def test_a_drafters_word_for_a_plan_term_is_the_same_word_issue_17(
        report: str, plan: str) -> None:
    assert words(report) == words(plan)


def test_a_party_school_is_not_the_party_committee() -> None:
    # 与盟委党校合作开展课题研究 (d16's 二十二) once linked to the scheme's task on 党委 leadership.
    assert "党委" not in words("与盟委党校合作开展法治政府建设课题研究")


@pytest.mark.parametrize(("item", "tasks"), [
    ("1.6", {"21", "24", "25", "27"}),  # 办理人大代表建议和政协委员提案43件 (二十五)
    ("1.5", {"12", "14", "16", "17"}),  # 综合行政执法局局队合一运行 (十二)
])
def test_a_drafters_word_names_the_plan_task_issue_17(
        links: LinkSet, index: CorpusIndex, item: str, tasks: set[str]) -> None:
    assert _reported(links, index, "d14", item) == tasks


def test_the_party_committee_by_its_level_name_issue_17(
        links: LinkSet, index: CorpusIndex) -> None:
    # 旗委常委会听取法治建设情况汇报3次 is the plan's 各级党委定期听取…工作汇报 (二十四).
    assert _reported(links, index, "d11", "12") == {"24", "25", "26"}


def test_the_reports_topic_names_no_task_issue_17(links: LinkSet, index: CorpusIndex) -> None:
    # 群众对法治政府建设的满意度达到92% shares only the report's topic with 一 (坚持党对法治
    # 政府建设的领导), which it named at confidence 0.78; the item as a whole, read without the
    # topic, has 十 (公布重大决策事项3项) among its four closest.
    assert _reported(links, index, "d20", "1") >= {"8", "10", "24"}
    assert "1" not in _reported(links, index, "d20", "1")


def test_topic_words_are_shared_by_the_report_and_plan_titles(index: CorpusIndex) -> None:
    plan = index[doc_id_of("d08", index)]
    assert topic_words("阿拉善左旗人民政府2023年度法治政府建设工作报告",
                       Candidates((plan,))) == {"2023", "法治政府建设"}


def test_a_list_of_outcomes_reports_on_its_tasks_issue_17(
        links: LinkSet, index: CorpusIndex) -> None:
    # 行政复议案件办结率100%，…负责人出庭应诉率100%，依申请公开按期答复率100%，12345热线…:
    # spread over four tasks, the item scores each under the floor as a whole (0.087).
    assert _reported(links, index, "d21", "1") >= {"12", "13"}
    # Under the floor with no figure, an item on unplanned work still reports on nothing.
    assert _reported(links, index, "d22", "7") == set()  # 扫黑除恶
    assert _reported(links, index, "d21", "2.11") == set()  # 根治欠薪, 拖欠 shared with 十七


@pytest.mark.parametrize(("text", "figure"), [
    ("行政复议案件办结率100%，", True),
    ("执法人员资格年度复核632人；", True),
    ("清偿拖欠企业账款870万元", True),
    ("常态化开展扫黑除恶斗争，", False),
    ("开展“八五”普法", False),
])
def test_a_figure_is_a_count_or_a_rate(text: str, figure: bool) -> None:
    assert states_figure(text) is figure


def test_a_lone_clause_close_to_a_task_its_item_names_names_nothing_issue_17(
        links: LinkSet, index: CorpusIndex) -> None:
    # 上年度报告按时公开: 二十七 (依申请公开按时答复) 0.17, 二 (公开上一年度报告) 0.10, and 二 is
    # named by 迎接盟法治督察 in the same sentence; the clause named 二十七 (wrong) at 0.73.
    assert _reported(links, index, "d14", "1.7") == {"1", "2", "3"}
