"""Plan order as evidence for a report item's weaker clauses (graph/lineage/report_order.py)."""

from __future__ import annotations

import pytest

from govtrace.graph.lineage import CorpusIndex, LinkSet
from govtrace.graph.lineage.evaluate import doc_id_of
from govtrace.graph.lineage.reports import PLAN_ORDER
from govtrace.ontology.divisions import Gazetteer
from tests.support.paraphrase_dev import dev_index, dev_links


@pytest.fixture(scope="module")
def index(gazetteer: Gazetteer) -> CorpusIndex:
    return dev_index(gazetteer)


@pytest.fixture(scope="module")
def links(index: CorpusIndex) -> LinkSet:
    return dev_links(index, ("001", "002", "d05", "d11"))


def _reported(links: LinkSet, index: CorpusIndex, report: str, item: str) -> dict[str, str]:
    """The tasks an item reports on, with each link's method."""
    unit = next(u for u in index[doc_id_of(report, index)].units if u.label == item)
    labels = {u.ref: u.label for v in index.views for u in v.units}
    return {labels[x.parent]: x.method for x in links.task_links if x.child == unit.ref}


@pytest.mark.parametrize(("report", "item", "tasks", "placed"), [
    # 旗直部门的职责和权限按照机构改革方案重新划定 (一: 0.08 against 0.05), then four clauses on
    # 二 (审批服务, 容缺受理, 许可事项目录): the task before 二, in the clause before them.
    ("d11", "1", {"1", "2"}, "1"),
    # 发文全部经过司法局把关，全年报送备案的文件29件 (四), then 决策目录 (五) and 实施后评估 (六).
    ("d11", "3", {"4", "5", "6"}, "4"),
    # (d05 6.1's 盟委常委会两次听取法治政府建设汇报, once placed beside 二十五 by order, now names
    # 二十四 by itself: 盟委 is the plan's 党委, and 汇报 its 工作汇报, synonyms.py.)
])
def test_a_weak_clause_where_the_plan_order_expects_it_names_its_task_issue_17(
        links: LinkSet, index: CorpusIndex, report: str, item: str, tasks: set[str],
        placed: str) -> None:
    reported = _reported(links, index, report, item)
    assert set(reported) == tasks
    assert reported[placed].endswith(PLAN_ORDER)


@pytest.mark.parametrize(("report", "item", "tasks"), [
    # 多部门联动 is 十六's best clause, between clauses on 十五 and 十七, but shares one word
    # with it (联动): chance, not evidence.
    ("001", "2.5", {"15", "17"}),
    # 坚持科学立法、民主立法、依法立法 scores 四 0.19 and its named neighbour 五 0.17: a clause
    # on the topic two neighbouring tasks share is not placed by order.
    ("002", "3.1", {"5"}),
])
def test_order_does_not_place_a_clause_that_is_about_a_neighbour_too_issue_17(
        links: LinkSet, index: CorpusIndex, report: str, item: str, tasks: set[str]) -> None:
    assert set(_reported(links, index, report, item)) == tasks


@pytest.mark.parametrize(("item", "tasks"), [
    # 加强重点领域行政执法: 十一 0.106, 十二 0.098 (0.92 of it), 二十三 0.097 behind them.
    ("4.3", {"11", "12"}),
    # 加强应急预案体系建设: 十四 0.124, 十五 0.116; both 应急 tasks of the scheme.
    ("5.1", {"14", "15"}),
])
def test_an_item_tied_between_plan_neighbours_reports_on_both_issue_17(
        links: LinkSet, index: CorpusIndex, item: str, tasks: set[str]) -> None:
    # No sentence names a task with confidence, and the plan rule abstained on the tie.
    reported = _reported(links, index, "002", item)
    assert set(reported) == tasks
    assert all(method.endswith(PLAN_ORDER) for method in reported.values())
