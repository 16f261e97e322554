"""Sections, tasks and report items of the seeds."""

from __future__ import annotations

import re
from datetime import date

import pytest

from govtrace.ingest.extract.titles import split_title
from govtrace.ingest.outline import national_outline_record
from govtrace.ingest.record import DocumentRecord, Origin
from govtrace.ontology import document_kinds as kinds


@pytest.mark.parametrize(("key", "sections", "tasks"), [("000", 8, 32), ("003", 8, 26),
                                                         ("004", 9, 32)])
def test_plan_counts(seed_records: dict[str, DocumentRecord], key: str, sections: int,
                     tasks: int) -> None:
    record = seed_records[key]
    assert len(record.sections) == sections
    assert len(record.tasks) == tasks
    assert [t.number for t in record.tasks] == list(range(1, tasks + 1))


def test_national_outline_counts() -> None:
    record = national_outline_record()
    assert (len(record.sections), len(record.tasks)) == (10, 35)
    assert record.doc_type is kinds.OUTLINE
    assert record.canonical_title == "法治政府建设实施纲要（2021—2025年）"


def test_press_qa_after_004_is_no_task(seed_records: dict[str, DocumentRecord]) -> None:
    record = seed_records["004"]
    assert record.tasks[-1].title == "加强理论研究和舆论宣传"
    assert "答记者问" not in record.tasks[-1].body
    assert all("强化学习宣传" not in t.title for t in record.tasks)


def test_heading_layouts(seed_records: dict[str, DocumentRecord]) -> None:
    scheme, plan, district = seed_records["004"], seed_records["000"], seed_records["003"]
    assert scheme.tasks[0].title == "推进政府机构职能优化协同高效"
    assert scheme.tasks[0].body.startswith("继续优化政府组织结构")
    assert plan.tasks[4].number_text == "(五)"  # normalized: full-width brackets folded
    assert plan.tasks[4].title == "加强行政规范性文件制定监督管理"
    assert district.tasks[8].title == "严格行政规范性文件制定"
    assert not district.tasks[8].body.endswith(")")  # the units bracket is not body


def test_title_without_full_stop(seed_records: dict[str, DocumentRecord]) -> None:
    task = seed_records["003"].tasks[4]
    assert (task.title, task.title_rule) == ("营造公平竞争的法治环境", "boundary_words")
    assert task.body.startswith("全面清理规范性文件")


def test_split_title_rules() -> None:
    assert split_title("推进政府机构职能优化协同高效").rule == "heading_line"
    assert split_title("形成监督合力。自觉接受人大监督").title_end == 6


def test_closing_paragraph_is_not_in_last_task(seed_records: dict[str, DocumentRecord]) -> None:
    assert "各苏木镇、各部门要" not in seed_records["000"].tasks[-1].body
    assert "各部门要加强组织领导" not in seed_records["003"].tasks[-1].body


def test_report_002_simplified_with_items(seed_records: dict[str, DocumentRecord]) -> None:
    record = seed_records["002"]
    assert record.doc_type is kinds.WORK_REPORT
    assert record.title.value == "内蒙古自治区人民政府关于2024年法治政府建设情况的报告"
    paths = [item.path for item in record.report_items]
    assert paths[:4] == ["1", "1.1", "1.2", "1.3"]
    assert len([p for p in paths if "." not in p]) == 7
    annotation = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)")
    for item in record.report_items:
        assert not annotation.search(item.title) and not annotation.search(item.body)
    first = record.report_items[1]
    assert (first.title, first.number_text) == ("加强组织领导", "一是")


def test_report_001_items(seed_records: dict[str, DocumentRecord]) -> None:
    paths = [item.path for item in seed_records["001"].report_items]
    assert paths == ["1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "3"]


def test_document_facts(seed_records: dict[str, DocumentRecord]) -> None:
    plan = seed_records["000"]
    assert plan.title.value == "乌审旗2024年法治政府建设工作计划"
    assert plan.notice is not None
    assert [n.canonical for n in plan.notice.document_numbers] == ["乌司发〔2024〕43号"]
    assert [a.name for a in plan.issuers] == ["乌审旗司法局"]
    assert plan.written is not None and plan.written.value == date(2024, 8, 8)
    assert plan.covers is not None and plan.covers.first == 2024
    district = seed_records["003"]
    assert district.notice is not None
    number = district.notice.document_numbers[0]
    assert (number.canonical, number.written) == ("包东政办发〔2021〕48号", "包东政办发(2021)48号")
    assert district.written is not None and district.written.value == date(2021, 8, 9)
    assert district.published is not None and district.published.value == date(2021, 8, 10)


@pytest.mark.parametrize(("key", "adcode", "level"), [
    ("000", "150626", "County"), ("001", "150824", "County"), ("002", "150000", "Provincial"),
    ("003", "150202", "County"), ("004", "150000", "Provincial")])
def test_jurisdiction(seed_records: dict[str, DocumentRecord], key: str, adcode: str,
                      level: str) -> None:
    division = seed_records[key].jurisdiction
    assert division is not None and (division.adcode, division.level) == (adcode, level)


def test_metadata_facts_say_so(seed_records: dict[str, DocumentRecord]) -> None:
    scheme = seed_records["004"]
    assert scheme.published is not None
    assert (scheme.published.value, scheme.published.origin) == (date(2022, 9, 12),
                                                                 Origin.METADATA)
    assert scheme.published.span is None
    assert scheme.publisher is not None and scheme.publisher.value == "内蒙古日报"
    assert {a.name for a in scheme.issuers} == {"内蒙古自治区党委", "内蒙古自治区人民政府"}
    assert all(a.origin is Origin.TEXT for a in scheme.issuers)
