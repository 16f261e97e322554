"""Lead and responsible units: every task of 003 against a list typed from the document."""

from __future__ import annotations

import json
from pathlib import Path

from govtrace.ingest.extract.agencies import qualify
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.divisions import get_gazetteer

GOLDEN = Path(__file__).parent / "data" / "003_units.json"


def test_003_units_golden(seed_records: dict[str, DocumentRecord]) -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))["tasks"]
    got = {str(t.number): {"lead": [a.label for a in t.lead_units],
                           "responsible": [a.label for a in t.responsible_units]}
           for t in seed_records["003"].tasks}
    assert got == expected


def test_units_are_qualified_by_jurisdiction(seed_records: dict[str, DocumentRecord]) -> None:
    task = seed_records["003"].tasks[0]
    assert [a.name for a in task.lead_units] == ["东河区发改委", "东河区商务局", "东河区政务服务局"]
    assert [a.name for a in task.responsible_units] == ["东河区人民政府各部门"]
    assert {a.jurisdiction for a in task.lead_units} == {"150202"}


def test_typos_and_spaces_in_labels(seed_records: dict[str, DocumentRecord]) -> None:
    tasks = seed_records["003"].tasks
    assert [a.name for a in tasks[18].responsible_units] == ["东河区人民政府各部门"]  # 责任单住
    assert len(tasks[20].lead_units) == 3  # 牵 头单位


def test_qualify_levels() -> None:
    gazetteer = get_gazetteer()
    lineage = gazetteer.lineage(gazetteer.resolve("乌审旗"))
    assert qualify("旗人民政府", lineage)[0] == "乌审旗人民政府"
    assert qualify("市人民政府", lineage)[0] == "鄂尔多斯市人民政府"
    assert qualify("自治区司法厅", lineage)[0] == "内蒙古自治区司法厅"
    assert qualify("国务院", lineage) == ("国务院", None)
