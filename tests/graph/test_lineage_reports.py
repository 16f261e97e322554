"""Report items (gt:reportsOn) on reports that reword their plan (issue 17): the paraphrase
dev reports (bench/paraphrase/dev, d04–d06, d09–d11) say what was done about tasks their plans
state as intentions, and are linked with the seeds by the configured linker."""

from __future__ import annotations

import pytest

from govtrace.graph.lineage import CorpusIndex, LinkSet
from govtrace.graph.lineage.evaluate import doc_id_of, evaluate
from govtrace.graph.lineage.gold import load_gold
from govtrace.graph.lineage.linker import link_documents
from govtrace.graph.lineage.report_evidence import (
    clauses,
    looks_ahead,
    sentences,
    states_intention,
)
from govtrace.ontology.divisions import Gazetteer
from govtrace.settings import Settings
from tests.support.paraphrase_dev import DEV, dev_index, dev_links

REPORTS = ("d04", "d05", "d06", "d09", "d10", "d11", "d12", "d13", "d14", "d15", "d20", "d21",
           "d22", "d23", "d24")


@pytest.fixture(scope="module")
def index(gazetteer: Gazetteer) -> CorpusIndex:
    return dev_index(gazetteer)


@pytest.fixture(scope="module")
def links(index: CorpusIndex) -> LinkSet:
    return dev_links(index, REPORTS)


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
    # Two known misses, both work the plan does not name linked on one shared word: d09's
    # 反诈宣传 item to 二十八 (法治宣传, on 宣传) and d20's 乡村振兴法律服务团 to 三十三
    # (口岸涉外法律服务站, on 法律服务).
    assert score.abstentions == 56, score.errors
    assert score.abstained >= score.abstentions - 2, score.errors


@pytest.mark.parametrize(("item", "tasks"), [
    # One comma-joined sentence each: 一支队伍管执法 (七), 食品药品抽检 (八), 非法开垦 (九).
    ("4", {"7", "8", "9"}),
    # 调解, 裁决事项 (十四); 复议人员, 复议案件 (十五); 负责人到庭, 建议回复 (十六).
    ("7", {"14", "15", "16"}),
    # 监督信息互通 (十七); 督查检查 (十八); 执法协调监督, 案卷评查 (十九).
    ("9", {"17", "18", "19"}),
])
def test_a_comma_joined_sentence_reports_on_each_of_its_tasks_issue_17(
        links: LinkSet, index: CorpusIndex, item: str, tasks: set[str]) -> None:
    # Read as a whole, each sentence names one task at most; its clauses name the others.
    assert _reported(links, index, "d11", item) == tasks


def test_problems_cut_into_items_report_on_nothing_issue_17(
        links: LinkSet, index: CorpusIndex) -> None:
    # 存在的问题: 一是乡镇执法人员专业化水平不高，承接下放事项能力不足；二是… The parser makes
    # each an item of its own, all title, whose words are those of 八 (下放执法事项).
    for item in ("2.1", "2.2", "2.3"):
        assert _reported(links, index, "d09", item) == set()


def test_a_sentence_names_only_tasks_close_to_its_whole_item_issue_17(
        index: CorpusIndex) -> None:
    # The second approach (bench/fit_report_model.py) asked whether this restriction costs
    # recall on new styles: lifted, no labelled report gains a link, and the seeds' 001 item
    # 2.1 (规范性文件 六, 决策目录 八) gains a wrong one, 十七.
    links = link_documents(index, [doc_id_of("001", index)], settings=Settings())
    assert _reported(links, index, "001", "2.1") == {"6", "8"}


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


def test_shortcomings_are_not_reports_of_work_done_issue_17() -> None:
    said = sentences("一些旗县执法队伍专业人员偏少，承接下放事项的能力不足。"
                     "部分领导干部运用法治思维的本领还需提高。基层执法人员数量不足；"
                     "全年培训执法人员1200人次，补齐了执法力量不足的短板。")
    assert [s for s in said if not states_intention(s)] == [
        "全年培训执法人员1200人次，补齐了执法力量不足的短板。"]


def test_clauses_are_cut_at_commas_issue_17() -> None:
    assert clauses("其中，审核文件49件，报送备案29件，纠正2件。") == [
        "审核文件49件，", "报送备案29件，", "纠正2件。"]
