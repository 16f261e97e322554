"""Reading files: encodings, HTML articles, Word documents, and every kind of bad input."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from govtrace.errors import IngestError
from govtrace.ingest.normalize import normalize
from govtrace.ingest.normalize_pinyin import toneless
from govtrace.ingest.readers import read_source
from govtrace.ingest.source import MEDIA_DOCX, MEDIA_HTML, doc_id_for
from govtrace.settings import Settings


@pytest.mark.parametrize(("codec", "detected"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
    ("utf-16", "utf-16"),
])
def test_a_simplified_seed_decodes_in_every_encoding(
    codec: str, detected: str, tmp_path: Path, seed_texts: dict[str, str]
) -> None:
    path = tmp_path / "000_6b53b361d8411ab5.txt"
    path.write_bytes(seed_texts["000"].encode(codec))
    source = read_source(path, settings=Settings())
    assert source.encoding == detected
    assert source.source_text == seed_texts["000"]


PINYIN = re.compile(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+")


def test_the_traditional_seed_decodes_as_big5(
    tmp_path: Path, seed_texts: dict[str, str], normalized_seeds: dict[str, str]
) -> None:
    # Big5 has no tone-marked vowels: the seed's pinyin is saved plain, as sites also write it.
    plain = PINYIN.sub(lambda m: toneless(m.group()), seed_texts["002"])
    path = tmp_path / "002_dd136066ff2114d4.txt"
    path.write_bytes(plain.encode("big5"))
    source = read_source(path, settings=Settings())
    assert source.encoding == "big5"
    assert source.source_text == plain
    # the seed has one garbled spot, 政府?dāng)M定 (擬 lost its first GBK byte, 0x94, and
    # its bracket): no annotation to strip, so its pinyin stays, here without the tone mark
    expected = normalized_seeds["002"].replace("?dāng)", "?dang)")
    assert normalize(source.content).text == expected


def test_the_same_traditional_text_as_gb18030_is_not_mistaken_for_big5(
    tmp_path: Path, seed_texts: dict[str, str]
) -> None:
    path = tmp_path / "002.txt"
    path.write_bytes(seed_texts["002"].encode("gb18030"))
    assert read_source(path, settings=Settings()).encoding == "gb18030"


def test_html_keeps_the_article_and_maps_into_the_markup(
    write_seed: Callable[[str, str], Path], normalized_seeds: dict[str, str]
) -> None:
    path = write_seed("000", ".html")
    source = read_source(path, settings=Settings())
    assert source.media_type == MEDIA_HTML
    text = normalize(source.content)
    for furniture in ("首页", "统计代码", "分享到", "蒙ICP备", "无障碍", "_hmt", "color: red"):
        assert furniture not in text.text
    assert text.text == normalized_seeds["000"]
    # 《…<中华人民共和国行政复议法>…》 was escaped in the page: the span holds the entity
    start = text.text.index("<中华人民共和国行政复议法>")
    s, e = text.to_source(start, start + 1)
    assert source.source_text[s:e] == "&lt;"
    s, e = text.to_source(start, start + 14)
    assert source.source_text[s:e] == "&lt;中华人民共和国行政复议法&gt;"


def test_docx_reads_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("东河区2021年度法治政府建设工作计划")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "牵头单位"
    table.cell(0, 1).text = "区司法局"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "区政府各部门"
    document.add_paragraph("各部门要加强组织领导,压实工作责任。")
    path = tmp_path / "003.docx"
    document.save(str(path))
    source = read_source(path, settings=Settings())
    assert source.media_type == MEDIA_DOCX and source.encoding is None
    assert source.source_text == ("东河区2021年度法治政府建设工作计划\n牵头单位\n区司法局\n"
                                  "区政府各部门\n各部门要加强组织领导,压实工作责任。")


def test_doc_ids_are_stable_across_formats_and_safe() -> None:
    assert doc_id_for(Path("a/000_6b53b361d8411ab5.txt")) == "000_6b53b361d8411ab5"
    assert doc_id_for(Path("b/000_6b53b361d8411ab5.docx")) == "000_6b53b361d8411ab5"
    odd = doc_id_for(Path("东河区2021年度法治政府建设工作计划.docx"))
    assert re.fullmatch(r"2021-[0-9a-f]{12}", odd)
    assert odd != doc_id_for(Path("东河区2021年度工作计划.docx"))


def _expect(code: str, path: Path, settings: Settings | None = None) -> IngestError:
    with pytest.raises(IngestError) as caught:
        read_source(path, settings=settings or Settings())
    assert caught.value.code == code
    assert path.name in caught.value.message
    return caught.value


def test_empty_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    _expect("GT-INGEST-002", tmp_path / "empty.txt")
    (tmp_path / "blank.txt").write_text(" \n\u3000\n", encoding="utf-8")
    _expect("GT-INGEST-002", tmp_path / "blank.txt")
    (tmp_path / "chrome.html").write_text("<html><body><nav>首页</nav></body></html>")
    _expect("GT-INGEST-002", tmp_path / "chrome.html")


def test_binary_files_are_refused(tmp_path: Path, seed_paths: dict[str, Path]) -> None:
    path = tmp_path / "000.txt"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(seed_paths["000"], "000.txt")
    path.write_bytes(buffer.getvalue())
    _expect("GT-INGEST-003", path)


def test_utf8_cut_inside_a_character_is_truncated(
    tmp_path: Path, seed_texts: dict[str, str]
) -> None:
    data = seed_texts["001"].strip().encode("utf-8")
    path = tmp_path / "001.txt"
    path.write_bytes(data[:-1])  # the last character, 。, loses its last byte
    error = _expect("GT-INGEST-005", path)
    assert "middle of a character" in error.message


def test_gb18030_cut_inside_a_character_is_truncated(
    tmp_path: Path, seed_texts: dict[str, str]
) -> None:
    path = tmp_path / "001.txt"
    path.write_bytes(seed_texts["001"].strip().encode("gb18030")[:-1])
    _expect("GT-INGEST-005", path)


def test_a_truncated_docx_is_corrupt(
    write_seed: Callable[[str, str], Path], tmp_path: Path
) -> None:
    whole = write_seed("001", ".docx")
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    _expect("GT-INGEST-005", cut)


def test_a_50_mb_file_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing is written or read
    error = _expect("GT-INGEST-004", path)
    assert "52428800 bytes" in error.message
    assert "GOVTRACE_MAX_FILE_BYTES" in error.message


def test_the_size_limit_is_a_setting(tmp_path: Path, seed_paths: dict[str, Path]) -> None:
    small = Settings(max_file_bytes=1000)
    _expect("GT-INGEST-004", seed_paths["000"], small)


def test_unknown_extensions_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "plan.rtf").write_bytes(b"{\\rtf1 plan}")
    error = _expect("GT-INGEST-001", tmp_path / "plan.rtf")
    assert "'.rtf'" in error.message
    _expect("GT-INGEST-007", tmp_path / "missing.txt")


def test_text_in_no_known_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    # 0xFF is no lead byte in UTF-8, GB18030 or Big5
    path.write_bytes("Ärger über Öl".encode("latin-1") + b"\xff\xff")
    error = _expect("GT-INGEST-006", path)
    assert "GB18030" in error.message
