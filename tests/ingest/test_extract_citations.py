"""Cited works: cues, kinds, order numbers, canonical titles and classification."""

from __future__ import annotations

import pytest

from govtrace.ingest.extract.citations import find_citations
from govtrace.ingest.extract.context import Context
from govtrace.ingest.extract.works import canonical_title, classify
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.record import Citation, CitationKind, DocumentRecord, WorkKind
from govtrace.ontology.iris import IriScheme


def test_000_task5_mandate_with_order_number(seed_records: dict[str, DocumentRecord]) -> None:
    citation = seed_records["000"].tasks[4].citations[0]
    assert citation.kind is CitationKind.MANDATE and citation.cue == "贯彻落实"
    assert citation.work.canonical == "内蒙古自治区行政规范性文件管理办法"
    assert citation.work.kind is WorkKind.GOVERNMENT_RULE
    assert citation.work.order_number == "内蒙古自治区人民政府令第262号"
    assert citation.span.exact.endswith("（内蒙古自治区人民政府令第262号）")


def test_deliverables(seed_records: dict[str, DocumentRecord]) -> None:
    kinds = {c.work.canonical: (c.kind, c.cue) for c in seed_records["003"].tasks[14].citations}
    assert kinds["音像记录事项清単"] == (CitationKind.DELIVERABLE, "编制")
    revised = seed_records["004"].tasks[29].citations[-1]
    assert (revised.work.canonical, revised.kind) == ("内蒙古自治区法治政府建设考评办法",
                                                      CitationKind.DELIVERABLE)


def test_attribute_is_no_deliverable(seed_records: dict[str, DocumentRecord]) -> None:
    """新修订的《行政复议法》…的学习贯彻: a mandate (cue after the titles), not a deliverable."""
    citations = seed_records["000"].tasks[16].citations
    assert [(c.work.canonical, c.kind, c.cue) for c in citations[:2]] == [
        ("中华人民共和国行政复议法", CitationKind.MANDATE, "学习贯彻"),
        ("内蒙古自治区实施〈中华人民共和国行政复议法〉办法", CitationKind.MANDATE, "学习贯彻"),
    ]


def test_one_cue_governs_a_run(seed_records: dict[str, DocumentRecord]) -> None:
    citations = seed_records["000"].tasks[2].citations
    assert [c.cue for c in citations] == ["认真落实"] * 3
    assert [c.work.issuer for c in citations] == ["自治区人民政府", "市人民政府", "旗人民政府"]


def test_document_level_citations(seed_records: dict[str, DocumentRecord]) -> None:
    cited = {c.work.canonical: c.kind for c in seed_records["000"].citations}
    assert cited["法治政府建设实施纲要（2021—2025年）"] is CitationKind.MANDATE
    assert cited["内蒙古自治区贯彻〈法治政府建设实施纲要（2021—2025年）〉实施方案"] is (
        CitationKind.MANDATE)
    assert "乌审旗2024年法治政府建设工作计划" not in cited  # the notice's own document
    scheme = [c.work.canonical for c in seed_records["004"].citations]
    assert scheme == ["法治政府建设实施纲要（2021—2025年）"]  # not itself, not the Q&A


def test_broken_brackets_are_repaired(seed_records: dict[str, DocumentRecord]) -> None:
    citation = seed_records["004"].tasks[11].citations[0]
    assert citation.repaired
    assert citation.work.kind is WorkKind.GOVERNMENT_RULE


@pytest.mark.parametrize(("written", "canonical"), [
    ("《行政复议法》", "中华人民共和国行政复议法"),
    ("中华人民共和国行政复议法", "中华人民共和国行政复议法"),
    ("《内蒙古自治区实施<中华人民共和国行政复议法>办法》",
     "内蒙古自治区实施〈中华人民共和国行政复议法〉办法"),
    ("内蒙古自治区贯彻《法治政府建设实施纲要(2021-2025年)》实施方案",
     "内蒙古自治区贯彻〈法治政府建设实施纲要（2021—2025年）〉实施方案"),
    ("法治政府建设实施纲要（2021－2025年）", "法治政府建设实施纲要（2021—2025年）"),
    ("综合行政执法制式服装和标志管理办法", "综合行政执法制式服装和标志管理办法"),
])
def test_canonical_title(written: str, canonical: str) -> None:
    assert canonical_title(written) == canonical


@pytest.mark.parametrize(("title", "order", "kind"), [
    ("中华人民共和国行政复议法", None, WorkKind.LAW),
    ("优化营商环境条例", None, WorkKind.ADMINISTRATIVE_REGULATION),
    ("重大行政决策程序暂行条例", None, WorkKind.ADMINISTRATIVE_REGULATION),
    ("公平竞争审查条例", None, WorkKind.ADMINISTRATIVE_REGULATION),
    ("内蒙古自治区行政执法监督条例", None, WorkKind.LOCAL_REGULATION),
    ("内蒙古自治区重大行政决策程序规定", None, WorkKind.GOVERNMENT_RULE),
    ("内蒙古自治区行政规范性文件管理办法", None, WorkKind.GOVERNMENT_RULE),
    ("内蒙古自治区实施〈中华人民共和国行政复议法〉办法", None, WorkKind.GOVERNMENT_RULE),
    ("行政复议文书抄告办法", "内蒙古自治区人民政府令第1号", WorkKind.GOVERNMENT_RULE),
    ("行政复议文书抄告办法", None, WorkKind.NORMATIVE_DOCUMENT),
    ("行政执法机关移送涉嫌犯罪案件办法", "国务院令第1号", WorkKind.ADMINISTRATIVE_REGULATION),
    ("关于加强行政执法协调监督工作体系建设的意见", None, WorkKind.NORMATIVE_DOCUMENT),
    ("法治政府建设实施纲要（2021—2025年）", None, WorkKind.POLICY_DOCUMENT),
    ("乌审旗诚信建设工程实施方案", None, WorkKind.POLICY_DOCUMENT),
    ("音像记录事项清単", None, WorkKind.OTHER),
    ("智库要报", None, WorkKind.OTHER),
])
def test_classify(title: str, order: str | None, kind: WorkKind) -> None:
    assert classify(title, order)[0] is kind


def _cited(text: str) -> list[Citation]:
    return find_citations(Context(MappedText.identity(text), text), 0, len(text))


def test_a_defined_short_title_cites_the_full_work_issue_18() -> None:
    """《管理办法》 after （以下简称《管理办法》） is the rule of the full title, with its order
    number: one key, so one IRI; the definition itself is no second citation."""
    first, short = _cited(
        "一、贯彻落实《内蒙古自治区行政执法公示办法》（内蒙古自治区人民政府令第262号）"
        "（以下简称《管理办法》）。二、严格执行《管理办法》。")
    assert short.work.title == "管理办法"
    assert short.work.key == first.work.key == \
        "内蒙古自治区行政执法公示办法|内蒙古自治区人民政府令第262号"
    assert short.work.kind is first.work.kind is WorkKind.GOVERNMENT_RULE


def test_the_order_number_is_part_of_a_rule_key_issue_18() -> None:
    """第262号 and 第263号 under one title are two works; the bare title is a third key
    (the build merges it into the numbered one when the corpus has only one)."""
    keys = [c.work.key for c in _cited(
        "落实《某某办法》（内蒙古自治区人民政府令第262号）。落实《某某办法》（内蒙古自治区"
        "人民政府令第263号）。落实《某某办法》。")]
    assert len(set(keys)) == 3
    assert IriScheme().regulation(keys[0]) != IriScheme().regulation(keys[1])


def test_the_rank_is_the_work_s_not_the_citing_sentence_s_issue_18() -> None:
    """The issuer a sentence writes before the 《 (自治区《…办法》) no longer decides the
    rank: the same rule cited with and without it has one rank."""
    with_issuer, without = _cited("认真落实自治区《行政复议文书抄告办法》。"
                                  "落实《行政复议文书抄告办法》。")
    assert with_issuer.work.issuer == "自治区" and without.work.issuer is None
    assert with_issuer.work.kind is without.work.kind
