"""Batches: bad files are listed with code and reason, the others go through."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from govtrace.errors import INGEST_EMPTY, METADATA_INVALID, IngestError
from govtrace.ingest import read_and_extract
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ingest.failure import IngestFailure
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.pipeline import Ingested, ingest_file
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


def test_the_same_document_in_two_formats_is_read_twice(
    seed_paths: dict[str, Path], write_seed: Callable[..., Path]
) -> None:
    """Whether two files are one document is decided on what their text identifies, after
    reading (the build keeps the second as a copy), never refused for the name alone."""
    html = write_seed("003", ".html", "003_accc9ad9ab75ee78")
    result = ingest_paths([seed_paths["003"], html], settings=Settings(), extract=_first_line)
    assert [item.source.path for item in result.ingested] == [seed_paths["003"], html]
    assert result.failures == []


def test_two_documents_of_one_file_name_in_two_folders_are_both_read(
    tmp_path: Path, seed_paths: dict[str, Path]
) -> None:
    """Counties publish their attachments as 附件1.txt: a second county's file of that name
    was refused as GT-INGEST-009 and its document lost."""
    for county, seed in (("a", "001"), ("b", "002")):
        (tmp_path / county).mkdir()
        shutil.copy(seed_paths[seed], tmp_path / county / "附件1.txt")
    result = ingest_paths([tmp_path], settings=Settings(), extract=_first_line)
    assert result.failures == []
    assert [item.source.path.parent.name for item in result.ingested] == ["a", "b"]


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


def test_issue_15_a_failure_keeps_its_code_hint_and_location_and_pickles(
    tmp_path: Path, seed_paths: dict[str, Path]
) -> None:
    """One failure type: the coded error's code, message, hint and location, kept as a value
    that crosses to and from the build's worker processes."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sidecar_dir = tmp_path / "curated"
    sidecar_dir.mkdir()
    shutil.copy(seed_paths["001"], sidecar_dir)
    (sidecar_dir / "metadata.toml").write_text("schema = 2\n", encoding="utf-8")

    failures = ingest_paths([empty, sidecar_dir], settings=Settings(),
                            extract=_first_line).failures

    unread, uncurated = failures
    assert (unread.file, unread.code, unread.hint) == (empty, "GT-INGEST-002", INGEST_EMPTY.hint)
    assert unread.location is not None and unread.location.file == str(empty)
    assert unread.message.startswith("[GT-INGEST-002]") and unread.message.endswith(
        INGEST_EMPTY.hint)
    assert uncurated.file == sidecar_dir / seed_paths["001"].name
    assert (uncurated.code, uncurated.hint) == ("GT-INGEST-008", METADATA_INVALID.hint)
    # the problem is in the sidecar, and the location says so
    assert uncurated.location is not None
    assert uncurated.location.file == str(sidecar_dir / "metadata.toml")
    assert [pickle.loads(pickle.dumps(f)) for f in failures] == failures


def test_issue_15_the_api_and_the_batch_take_one_path(
    tmp_path: Path, seed_paths: dict[str, Path]
) -> None:
    """read_and_extract, ingest_file and a batch give the same record for a file, and the
    same failure for a broken one (the API raising it as the coded error)."""
    plan = seed_paths["000"]
    outcome = ingest_file(plan, settings=Settings(), extract=extract_record)
    assert isinstance(outcome, Ingested)
    batch = ingest_paths([plan], settings=Settings(), extract=extract_record)
    assert batch.records == [outcome.record] == [read_and_extract(plan, Settings())]

    cut = tmp_path / "cut.txt"
    cut.write_bytes(plan.read_bytes()[:-4])
    failure = ingest_file(cut, settings=Settings(), extract=extract_record)
    assert isinstance(failure, IngestFailure) and failure.code == "GT-INGEST-005"
    assert ingest_paths([cut], settings=Settings(),
                        extract=extract_record).failures == [failure]
    with pytest.raises(IngestError) as raised:
        read_and_extract(cut, Settings())
    assert IngestFailure.of(cut, raised.value) == failure
