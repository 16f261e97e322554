"""PDF: the text layer through pypdfium2, pages and line boxes, scans through OCR, bad files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from govtrace.errors import IngestError
from govtrace.ingest import ocr, read_and_extract
from govtrace.ingest.normalize import normalize
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.readers import read_source
from govtrace.settings import Settings
from tests.support.formats import print_to_pdf, scan_pdf
from tests.support.system_tools import TESSERACT, need

ORDER_262 = "内蒙古自治区人民政府令第262号"


def _page_holding(path: Path, needle: str) -> int:
    """0-based index of the first page whose text holds ``needle``."""
    source = read_source(path, settings=Settings())
    at = source.source_text.index(needle)
    return next(p.page - 1 for p in source.pages if p.start <= at < p.end)


def test_pages_and_lines_cover_the_source_text(seed_pdf: Callable[[str], Path]) -> None:
    source = read_source(seed_pdf("000"), settings=Settings())
    assert source.reader == "pypdfium2" and source.media_type == "application/pdf"
    pages = source.pages
    assert [p.page for p in pages] == list(range(1, len(pages) + 1)) and len(pages) > 2
    assert pages[0].start == 0 and pages[-1].end == len(source.source_text)
    for before, after in pairwise(pages):
        assert source.source_text[before.end] == "\f" and after.start == before.end + 1
    for page in pages:
        assert page.size == (pytest.approx(595.92, abs=1), pytest.approx(842.88, abs=1))  # A4
        assert page.bbox is not None and 0 < page.bbox[0] < page.bbox[2] < page.size[0]
        assert not page.ocr and page.ocr_confidence is None
    for line in source.lines:
        page = pages[line.page - 1]
        assert page.start <= line.start <= line.end <= page.end
        assert "\n" not in source.source_text[line.start:line.end]
        x0, top, x1, bottom = line.bbox
        assert page.bbox is not None
        assert page.bbox[0] <= x0 < x1 <= page.bbox[2] and page.bbox[1] <= top < bottom


def test_a_span_of_the_normalized_text_lands_on_its_page_and_line(
        seed_pdf: Callable[[str], Path]) -> None:
    source = read_source(seed_pdf("000"), settings=Settings())
    text = normalize(source.content)
    at = text.text.index(ORDER_262)
    start, end = text.to_source(at, at + len(ORDER_262))
    # a soft line break inside the span is part of the source characters; nothing else is
    assert source.source_text[start:end].replace("\n", "").replace("\f", "") == ORDER_262
    page = next(p for p in source.pages if p.start <= start < p.end)
    assert page.end >= end or source.source_text[page.end] == "\f"
    lines = [line for line in source.lines if line.start < end and start < line.end]
    assert lines and all(line.page in (page.page, page.page + 1) for line in lines)


def test_soft_line_breaks_are_joined_and_paragraphs_kept(
        seed_pdf: Callable[[str], Path], normalized_seeds: dict[str, str]) -> None:
    source = read_source(seed_pdf("003"), settings=Settings())
    printed_lines = source.source_text.count("\n") + source.source_text.count("\f") + 1
    paragraphs = normalize(source.content).text.split("\n")
    assert paragraphs == normalized_seeds["003"].split("\n")
    assert printed_lines > len(paragraphs) * 1.5  # many paragraphs span several lines


def test_radicals_in_a_text_layer_read_as_ideographs(tmp_path: Path,
                                                     seed_pdf: Callable[[str], Path]) -> None:
    seed_pdf("000")  # skips without Chromium
    # ⼯ (Kangxi, U+2F2F) and ⻔ (supplement, U+2EA8) as a PDF's ToUnicode map often names them
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
            "<p>乌审旗2024年法治政府建设⼯作计划</p><p>各苏⽊镇、旗直各部⻔:</p></body></html>")
    pdf = print_to_pdf(html, tmp_path / "radicals.pdf")
    source = read_source(pdf, settings=Settings())
    assert "⼯" in source.source_text and "⻔" in source.source_text  # spans quote them verbatim
    assert normalize(source.content).text == \
        "乌审旗2024年法治政府建设工作计划\n各苏木镇、旗直各部门:"


@pytest.mark.parametrize("content", [b"%PDF-1.7", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<"])
def test_a_broken_pdf_is_a_coded_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(IngestError) as caught:
        read_source(path, settings=Settings())
    assert caught.value.code == "GT-INGEST-005" and "broken.pdf" in str(caught.value)


def test_a_truncated_pdf_is_a_coded_error(tmp_path: Path, seed_pdf: Callable[[str], Path]) -> None:
    path = tmp_path / "cut.pdf"
    data = seed_pdf("001").read_bytes()
    path.write_bytes(data[: len(data) // 3])
    try:
        source = read_source(path, settings=Settings())
    except IngestError as exc:  # PDFium rebuilds what it can; either way no crash
        assert exc.code in {"GT-INGEST-005", "GT-INGEST-002"}
    else:
        assert source.pages


# --- scans ----------------------------------------------------------------------------------
@pytest.fixture()
def no_ocr_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A machine without Tesseract from here on: no ``tesseract`` program on the PATH."""
    ocr.missing.cache_clear()
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    yield
    ocr.missing.cache_clear()


def _needs_ocr() -> None:
    need(TESSERACT, purpose="OCR")


def test_a_scanned_page_is_read_by_ocr(tmp_path: Path, seed_pdf: Callable[[str], Path]) -> None:
    _needs_ocr()
    printed = seed_pdf("000")
    index = _page_holding(printed, "第262号")
    scanned = scan_pdf(printed, tmp_path / "scan.pdf", pages=[index])
    source = read_source(scanned, settings=Settings())
    assert source.reader == "pypdfium2+tesseract"
    [page] = source.pages
    assert page.ocr and page.ocr_confidence is not None and page.ocr_confidence > 0.8
    assert source.lines and all(line.page == 1 for line in source.lines)
    text = normalize(source.content).text
    assert "人民政府令第262号" in text
    truth = read_source(printed, settings=Settings())
    truth_page = truth.pages[index]
    expected = normalize(MappedText.identity(
        truth.source_text[truth_page.start:truth_page.end])).text
    # measured 0.99 (bench/ocr_bench.py); blanks and breaks are layout, not characters
    assert Levenshtein.normalized_similarity(text.replace("\n", "").replace(" ", ""),
                                             expected.replace("\n", "").replace(" ", "")) > 0.9


@pytest.mark.slow
def test_a_scanned_plan_yields_its_tasks_and_the_262_mandate(
        tmp_path: Path, seed_pdf: Callable[[str], Path],
        write_seed: Callable[[str, str], Path]) -> None:
    _needs_ocr()
    scanned = scan_pdf(seed_pdf("000"), tmp_path / "000.pdf")
    record = read_and_extract(scanned, Settings())
    original = read_and_extract(write_seed("000", ".txt"), Settings())
    assert all(page.ocr for page in record.source.pages)
    assert record.source.reader == "pypdfium2+tesseract"
    # measured on this Sans print: every task number read (a Serif print loses 4 of 32)
    assert [t.number for t in record.tasks] == [t.number for t in original.tasks]
    task = next(t for t in record.tasks if t.number == 5)
    assert ORDER_262 in [c.work.order_number for c in task.citations]


def test_a_scan_without_the_ocr_engine_is_a_coded_error(
        tmp_path: Path, seed_pdf: Callable[[str], Path], request: pytest.FixtureRequest) -> None:
    scanned = scan_pdf(seed_pdf("001"), tmp_path / "scan.pdf", pages=[0])
    request.getfixturevalue("no_ocr_engine")
    with pytest.raises(IngestError) as caught:
        read_source(scanned, settings=Settings())
    assert caught.value.code == "GT-INGEST-010"
    assert "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in str(caught.value)
    assert "scan.pdf" in str(caught.value)
