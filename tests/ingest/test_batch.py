"""Batches: bad files are listed with code and reason, the others go through."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.source import SourceDocument
from govtrace.settings import Settings


def _first_line(source: SourceDocument, text: MappedText) -> str:
    """A tiny real extraction: the normalized first line (the title of most seeds)."""
    return text.text.split("\n", 1)[0]


def test_the_demo_directory_ingests_with_its_sidecar(demo_dir: Path) -> None:
    result = ingest_paths([demo_dir], settings=Settings(), extract=_first_line)
    assert result.ok
    assert [item.source.doc_id[:3] for item in result.ingested] == ["000", "001", "002", "003",
                                                                     "004"]
    assert result.records[2] == "内蒙古自治区人民政府关于2024年法治政府建设情况的报告"
    assert result.ingested[4].source.metadata is not None
    assert result.ingested[4].source.metadata.publisher == "内蒙古日报"
    assert [p.name for p in result.skipped] == ["README.md"]


def test_bad_files_fail_with_code_and_name_and_the_batch_goes_on(
    tmp_path: Path, seed_paths: dict[str, Path], write_seed: Callable[[str, str], Path]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seed_paths["003"], corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "cut.txt").write_bytes(seed_paths["001"].read_bytes()[:-4])
    docx = write_seed("004", ".docx")
    (corpus / "broken.docx").write_bytes(docx.read_bytes()[:2000])
    with (corpus / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (corpus / "notes.rtf").write_bytes(b"{\\rtf1 notes}")
    (corpus / "damaged.pdf").write_bytes(b"%PDF-1.7")
    (corpus / "plan.ofd").write_bytes(b"PK\x03\x04")
    shutil.copy(seed_paths["000"], corpus / "000.txt")
    explicit = corpus / "notes.rtf"

    result = ingest_paths([corpus, explicit], settings=Settings(), extract=_first_line)

    assert [item.source.path.name for item in result.ingested] == ["000.txt",
                                                                   "003_accc9ad9ab75ee78.txt"]
    failed = {failure.file.name: failure.code for failure in result.failures}
    assert failed == {"broken.docx": "GT-INGEST-005", "cut.txt": "GT-INGEST-005",
                      "empty.txt": "GT-INGEST-002", "huge.txt": "GT-INGEST-004",
                      "notes.rtf": "GT-INGEST-001", "damaged.pdf": "GT-INGEST-005",
                      "plan.ofd": "GT-INGEST-012"}
    for failure in result.failures:
        assert failure.file.name in failure.message
    assert [p.name for p in result.skipped] == ["notes.rtf"]


def test_the_same_document_twice_is_reported(
    seed_paths: dict[str, Path], write_seed: Callable[[str, str], Path]
) -> None:
    html = write_seed("003", ".html", "003_accc9ad9ab75ee78")
    result = ingest_paths([seed_paths["003"], html], settings=Settings(), extract=_first_line)
    assert len(result.ingested) == 1
    assert [(f.file, f.code) for f in result.failures] == [(html, "GT-INGEST-009")]


def test_a_broken_sidecar_fails_its_directory_only(tmp_path: Path, seed_paths: dict[str, Path],
                                                   demo_dir: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(seed_paths["001"], broken)
    (broken / "metadata.toml").write_text("schema = 2\n", encoding="utf-8")
    result = ingest_paths([broken, seed_paths["002"]], settings=Settings(), extract=_first_line)
    assert [f.code for f in result.failures] == ["GT-INGEST-008"]
    assert result.failures[0].file.name == seed_paths["001"].name
    assert [item.source.doc_id[:3] for item in result.ingested] == ["002"]
    assert result.ingested[0].source.metadata is not None  # the demo sidecar, found beside it
