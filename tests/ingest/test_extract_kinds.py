"""Document kinds as ingest tells them: the registry's cues, its new kind gt:InspectionFeedback
end to end, and the record's and the sidecar's spelling of a kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError
from rdflib.namespace import RDF

from govtrace.ingest import read_and_extract
from govtrace.ingest.extract.kinds import kind_of_body, kind_of_title
from govtrace.ingest.metadata import DocumentMetadata
from govtrace.ingest.rdf import record_to_graph
from govtrace.ingest.record import DocumentRecord, KindFact, Origin, record_json_schema
from govtrace.ontology import document_kinds as kinds
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT
from govtrace.settings import Settings

RECTIFICATION = Path(__file__).parent / "data" / "wushen_inspection_rectification.txt"


@pytest.fixture(scope="module")
def rectification() -> DocumentRecord:
    return read_and_extract(RECTIFICATION, Settings())


def test_issue_15_an_inspection_rectification_plan_is_inspection_feedback_with_tasks(
        rectification: DocumentRecord) -> None:
    assert rectification.doc_type is kinds.INSPECTION_FEEDBACK
    assert (rectification.kind.origin, rectification.kind.basis) == (
        Origin.TEXT, "title ends with 整改方案")
    assert rectification.jurisdiction is not None
    assert rectification.jurisdiction.name == "乌审旗"
    assert [(t.number, t.section, t.title) for t in rectification.tasks] == [
        (1, 1, "严格执行重大行政决策程序"), (2, 1, "规范行政规范性文件管理"),
        (3, 2, "全面落实行政执法“三项制度”"), (4, 2, "开展行政执法案卷评查"),
        (5, 3, "压实整改责任")]
    assert rectification.report_items == []
    first = rectification.tasks[0]
    assert [u.name for u in first.lead_units] == ["乌审旗司法局"]
    assert [d.due.isoformat() for d in first.deadlines] == ["2024-06-30"]
    # no year in its title and none of its own: a rectification plan is not an annual plan
    assert rectification.covers is None


def test_issue_15_inspection_feedback_is_typed_with_its_class(
        rectification: DocumentRecord) -> None:
    iris = IriScheme()
    graph = record_to_graph(rectification, iris)
    doc_id = rectification.source.doc_id
    doc = iris.document(doc_id)
    assert set(graph.objects(doc, RDF.type)) == {GT.InspectionFeedback}
    assert set(graph.objects(doc, GT.hasTask)) == {iris.task(doc_id, n) for n in range(1, 6)}


@pytest.mark.parametrize(("title", "kind"), [
    ("中央依法治国办督察反馈意见整改方案", kinds.INSPECTION_FEEDBACK),
    ("乌审旗2024年落实法治政府建设督察反馈问题整改工作方案", kinds.INSPECTION_FEEDBACK),
    # how the rectification went is reported: a report, with report items
    ("关于法治政府建设督察反馈问题整改情况的报告", kinds.WORK_REPORT),
    ("关于中央依法治国办督察反馈意见整改方案的解读", kinds.INTERPRETATION),
    ("乌审旗2024年法治政府建设工作方案", kinds.WORK_PLAN),
    ("乌审旗2024年法治政府建设实施方案", kinds.WORK_PLAN),
    ("内蒙古自治区法治政府建设实施方案（2021—2025年）", kinds.IMPLEMENTATION_SCHEME),
    ("法治政府建设实施纲要（2021－2025年）", kinds.OUTLINE),
    ("关于做好年度法治政府建设工作的通知", kinds.NOTICE),
    ("乌审旗人民政府", None),
])
def test_issue_15_titles_name_their_kind(title: str, kind: kinds.DocumentKind | None) -> None:
    assert kind_of_title(title) is kind


@pytest.mark.parametrize(("body", "kind", "rule"), [
    ("针对中央依法治国办督察反馈的问题，结合我市实际，制定本整改方案。\n一、",
     kinds.INSPECTION_FEEDBACK, "督察反馈…制定本方案"),
    ("现将我市法治政府建设督察反馈问题整改情况报告如下：\n一、",
     kinds.WORK_REPORT, "现将…报告如下"),
    # equally sure cues: a report on the scheme it made is a report
    ("为落实纲要，制定本方案。一年来……特此报告。", kinds.WORK_REPORT, "报告如下"),
])
def test_issue_15_bodies_betray_their_kind(body: str, kind: kinds.DocumentKind,
                                           rule: str) -> None:
    guess = kind_of_body(body, 0, len(body))
    assert guess is not None and (guess.kind, guess.rule) == (kind, rule)


def test_issue_15_records_store_the_kind_by_its_key() -> None:
    fact = KindFact(value=kinds.INSPECTION_FEEDBACK, origin=Origin.TEXT)
    assert json.loads(fact.model_dump_json())["value"] == "inspection_feedback"
    assert KindFact.model_validate_json(fact.model_dump_json()).value is kinds.INSPECTION_FEEDBACK
    assert KindFact(value="work_plan", origin=Origin.TEXT).value is kinds.WORK_PLAN
    with pytest.raises(ValidationError, match="unknown document kind"):
        KindFact(value="WorkPlan", origin=Origin.TEXT)
    enum = record_json_schema()["$defs"]["KindFact"]["properties"]["value"]["enum"]
    assert enum == [kind.key for kind in kinds.KINDS]


def test_issue_15_the_sidecar_names_a_kind_in_camel_case() -> None:
    entry = DocumentMetadata.model_validate({"file": "a.txt", "doc_type": "InspectionFeedback"})
    assert entry.doc_type is kinds.INSPECTION_FEEDBACK
    assert DocumentMetadata.model_validate({"file": "a.txt", "doc_type": "Other"}).doc_type \
        is kinds.OTHER
    with pytest.raises(ValidationError, match="unknown doc_type 'inspection_feedback'"):
        DocumentMetadata.model_validate({"file": "a.txt", "doc_type": "inspection_feedback"})
