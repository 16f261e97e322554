"""Real documents as governments publish them: the fifteen openings of shared/corpus/
real-openings against what a person reads from each (EXPECTED.tsv), and header forms of
the same kinds written here, so the rules are held to the kind, not the instance."""

from __future__ import annotations

from pathlib import Path

import pytest

from govtrace.ingest import read_and_extract
from govtrace.ingest.extract.works import canonical_title
from govtrace.ingest.html_meta import page_meta
from govtrace.ingest.metadata import DocumentMetadata
from govtrace.ingest.rdf import record_to_graph
from govtrace.ingest.record import DocumentRecord, Origin, Provenance
from govtrace.ontology import document_kinds as kinds
from govtrace.ontology.iris import IriScheme
from govtrace.settings import Settings
from tests.support.real_openings import (
    FIELDS,
    OPENINGS,
    accuracy,
    expected_rows,
    observed,
    readings,
)

pytestmark = pytest.mark.skipif(not OPENINGS.is_dir(), reason="needs ../shared/ beside the repo")
ROWS = expected_rows(OPENINGS) if OPENINGS.is_dir() else []
SCORED = ("kind", "level", "adcode", "covers_year", "issued_date")


def _read(path: Path, url: str | None = None) -> DocumentRecord:
    metadata = DocumentMetadata(file=path.name, source_url=url) if url else None
    return read_and_extract(path, Settings(), metadata)


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_a_real_opening_reads_as_a_person_reads_it(row: dict[str, str]) -> None:
    record = _read(OPENINGS / f"{row['id']}.txt", row["url"])
    got = observed(record)
    assert {f: got[f] for f in SCORED} == {f: row[f] for f in SCORED}


def test_without_the_address_every_field_is_still_at_least_nine_in_ten_right() -> None:
    found, failed = readings(OPENINGS, with_url=False)
    assert not failed
    for field in FIELDS:
        if field in SCORED:
            assert accuracy(found, field) >= 0.9, field


def _spans_point_at_their_characters(record: DocumentRecord, source_text: str) -> None:
    facts: list[Provenance | None] = [record.kind, record.title, record.jurisdiction,
                                      record.written, record.issued, record.published,
                                      record.covers]
    for fact in facts:
        if fact is None:
            continue
        if fact.origin in (Origin.TEXT, Origin.OCR, Origin.HTML_META):
            assert fact.span is not None
        if fact.span is not None:
            assert source_text[fact.span.start:fact.span.end] == fact.span.exact
        if fact.origin is Origin.INFERRED:
            assert fact.basis and fact.confidence < 1.0


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_every_fact_says_where_it_came_from(row: dict[str, str]) -> None:
    path = OPENINGS / f"{row['id']}.txt"
    record = _read(path)
    _spans_point_at_their_characters(record, path.read_text(encoding="utf-8"))
    assert record.label


def test_a_readable_file_without_title_is_a_document_issue_12(tmp_path: Path) -> None:
    """The regression: such files failed with GT-EXTRACT-001 (no title line)."""
    path = tmp_path / "page.txt"
    path.write_text("现将有关事项说明如下。\n一、基本情况\n各单位要认真做好有关工作。\n",
                    encoding="utf-8")
    record = _read(path)
    assert record.title is None and record.label.endswith("（无标题：page.txt）")
    assert record.kind.origin is Origin.INFERRED


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_title_printed_over_three_lines_is_one_title(tmp_path: Path) -> None:
    record = _read(_write(tmp_path, "a.txt", (
        "包头市人民政府\n关于进一步推进依法行政\n加快建设法治政府的实施意见\n包府发〔2016〕12号\n"
        "为推进依法行政，结合我市实际，提出如下实施意见。\n一、总体要求\n（一）指导思想。坚持依法行政。\n")))
    assert record.title is not None
    assert record.title.value == "包头市人民政府关于进一步推进依法行政加快建设法治政府的实施意见"
    assert record.doc_type is kinds.IMPLEMENTATION_SCHEME
    assert record.jurisdiction is not None and record.jurisdiction.adcode == "150200"
    assert record.issued_bounds.earliest is not None
    assert record.issued_bounds.earliest.year == 2016


def test_a_body_only_report_is_a_report_of_the_year_it_announces(tmp_path: Path) -> None:
    record = _read(_write(tmp_path, "b.txt", (
        "2022年，在县委的坚强领导下，县人民政府认真贯彻落实《法治政府建设实施纲要（2021—2025年）》，"
        "现将2022年度法治政府建设工作情况报告如下：\n一、主要举措\n（一）加强组织领导。"
        "制定《凉城县人民政府常务会议学法制度》。\n")))
    assert record.doc_type is kinds.WORK_REPORT
    assert record.kind.origin is Origin.INFERRED and record.kind.span is not None
    assert record.covers is not None and record.covers.first == 2022
    assert record.jurisdiction is not None and record.jurisdiction.name == "凉城县"
    assert record.jurisdiction.level == "County"
    assert [c.work.canonical for c in record.implements] == [
        canonical_title("法治政府建设实施纲要（2021—2025年）")]
    # the national outline was made public on 2021-08-11: cited as in force, it bounds
    assert str(record.issued_bounds.earliest) >= "2022-01-01"


def test_a_site_address_names_the_division_a_text_never_names(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.txt", (
        "各乡镇人民政府，县直各有关部门：\n为做好行政规范性文件清理工作，现将有关事项通知如下。\n"
        "一、清理范围\n县政府及县政府办公室制发的行政规范性文件。\n"))
    record = _read(path, "http://www.liangcheng.gov.cn/zwgk/2023/art_1.html")
    assert record.doc_type is kinds.NOTICE
    assert record.jurisdiction is not None and record.jurisdiction.origin is Origin.URL
    assert record.jurisdiction.level == "County" and record.jurisdiction.name == "凉城县"


def test_an_address_two_divisions_share_names_neither(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.txt",
                  "各乡镇人民政府：\n现将有关事项通知如下。\n一、范围\n县直单位。\n")
    record = _read(path, "http://www.lcx.gov.cn/a.html")  # 凉城县 and 洛川县 alike
    assert record.jurisdiction is None


def test_a_page_title_in_the_markup_is_read_with_its_characters(tmp_path: Path) -> None:
    markup = ("<html><head><title>丰镇市2023年法治政府建设工作要点 - 丰镇市人民政府</title>"
              '<meta name="ArticleTitle" content="丰镇市2023年法治政府建设工作要点">'
              '<link rel="canonical" href="http://www.fengzhen.gov.cn/a/1.html"></head>'
              "<body><div class='article'><p>为深入推进依法行政，制定本要点。</p>"
              "<p>一、加强组织领导</p><p>（一）落实第一责任人职责。</p></div></body></html>")
    path = _write(tmp_path, "d.html", markup)
    record = _read(path)
    assert record.title is not None and record.title.origin is Origin.HTML_META
    assert record.title.span is not None
    assert markup[record.title.span.start:record.title.span.end] == record.title.value
    assert record.doc_type is kinds.WORK_PLAN
    assert record.source_url is not None and record.source_url.origin is Origin.HTML_META
    assert page_meta(markup).title_source == "meta"


def test_a_dateline_takes_its_year_from_the_page(tmp_path: Path) -> None:
    record = _read(_write(tmp_path, "e.txt", (
        "2019年03月05日08:10 来源：某某日报\n本报3月4日讯 近日，自治区人民政府印发了"
        "《内蒙古自治区法治政府建设工作要点》，全文如下。\n一、加强领导\n（一）落实责任。\n")))
    assert record.issued is not None and str(record.issued.value) == "2019-03-04"
    assert record.title is not None and record.title.value == "内蒙古自治区法治政府建设工作要点"


def test_a_page_clock_is_not_a_date_of_the_document(tmp_path: Path) -> None:
    record = _read(_write(tmp_path, "f.txt", (
        "今天是:2019年10月31日 星期三\n2021年凉城县法治政府建设工作计划\n发布时间:2021/04/02\n"
        "一、加强领导\n（一）落实责任。\n")))
    assert record.published is not None and str(record.published.value) == "2021-04-02"
    assert record.written is None


def test_fact_provenance_is_in_the_graph(tmp_path: Path) -> None:
    from rdflib import Namespace

    gt = Namespace("https://w3id.org/govtrace/ontology#")
    path = OPENINGS / "o05_shuocheng_report_2023.txt"
    graph = record_to_graph(_read(path), IriScheme())
    origins = {(str(p), str(o)) for n in graph.objects(None, gt.factProvenance)
               for p in graph.objects(n, gt.aboutProperty) for o in graph.objects(n, gt.origin)}
    assert (str(gt.jurisdiction), str(gt.OriginInferred)) in origins
    assert any(o == str(gt.OriginInferred) for p, o in origins
               if p.endswith("#type"))
