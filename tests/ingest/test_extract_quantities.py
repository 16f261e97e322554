"""Deadlines resolved to dates; targets and reported figures as structured values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from govtrace.ingest.record import Change, Comparator, DocumentRecord, Quantity


def _due(record: DocumentRecord) -> dict[str, date]:
    return {d.text: d.due for t in record.tasks for d in t.deadlines}


def test_deadlines_004(seed_records: dict[str, DocumentRecord]) -> None:
    due = _due(seed_records["004"])
    assert due["2022年4月底前"] == date(2022, 4, 30)
    assert due["2024年年底前"] == date(2024, 12, 31)
    assert due["2023年年底前"] == date(2023, 12, 31)
    assert due["2025年前"] == date(2025, 12, 31)


def test_deadlines_003_relative_to_plan_year(seed_records: dict[str, DocumentRecord]) -> None:
    tasks = seed_records["003"].tasks
    assert [(d.text, d.due, d.rule) for d in tasks[16].deadlines] == [
        ("年内", date(2021, 12, 31), "年内")]
    assert _due(seed_records["003"])["2021年底前"] == date(2021, 12, 31)


def _find(quantities: list[Quantity], text: str) -> Quantity:
    return next(q for q in quantities if q.text == text)


def test_targets(seed_records: dict[str, DocumentRecord]) -> None:
    scheme = seed_records["004"].tasks
    rate = _find(scheme[19].targets, "不低于90%")
    assert (rate.measure, rate.value, rate.unit, rate.comparator) == (
        "盟市行政机关负责人出庭应诉率", Decimal(90), "%", Comparator.GE)
    staff = _find(scheme[18].targets, "至少3人")
    assert (staff.value, staff.unit, staff.comparator) == (Decimal(3), "人", Comparator.GE)
    district = seed_records["003"].tasks
    hours = _find(district[16].targets, "不少于60学时")
    assert (hours.value, hours.unit, hours.measure) == (
        Decimal(60), "学时", "业务知识和法律法规培训")
    assert _find(district[17].targets, "达到100%").comparator is Comparator.EQ
    assert _find(district[24].targets, "不少于2次").value == Decimal(2)
    assert all(not t.targets for t in district[:5])  # plain numbers in plans are no targets


def test_reported_figures(seed_records: dict[str, DocumentRecord]) -> None:
    figures = [f for item in seed_records["001"].report_items for f in item.figures]
    cases = _find(figures, "42件")
    assert (cases.measure, cases.value, cases.unit) == ("受理行政复议案件", Decimal(42), "件")
    assert _find(figures, "6.8%").measure == "纠错率"
    assert _find(figures, "达95.04%").value == Decimal("95.04")
    assert _find(figures, "185项").unit == "项"
    region = [f for item in seed_records["002"].report_items for f in item.figures]
    growth = _find(region, "164%")
    assert (growth.change, growth.measure) == (Change.INCREASE, "新收行政复议案件")
    cases = _find(region, "1.5万件")
    assert (cases.value, cases.unit) == (Decimal("1.5"), "万件")
    assert _find(region, "61万余件").comparator is Comparator.APPROX
    assert _find(region, "超过35亿条").comparator is Comparator.GT
