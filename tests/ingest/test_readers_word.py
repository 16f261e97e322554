"""Legacy Word (.doc) and WPS (.wps) through antiword; OFD refused with its own code."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from govtrace.errors import IngestError
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.normalize import normalize
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.readers import read_source
from govtrace.ingest.source import SourceDocument
from govtrace.settings import Settings


def _first_line(source: SourceDocument, text: MappedText) -> str:
    return text.text.split("\n", 1)[0]


def test_a_doc_reads_with_antiword(write_seed: Callable[[str, str], Path],
                                   normalized_seeds: dict[str, str]) -> None:
    source = read_source(write_seed("003", ".doc"), settings=Settings())
    assert source.reader == "antiword" and source.media_type == "application/msword"
    assert normalize(source.content).text == normalized_seeds["003"]
    assert not source.pages


def test_a_damaged_doc_is_a_coded_error_and_the_batch_goes_on(
        tmp_path: Path, write_seed: Callable[[str, str], Path],
        seed_paths: dict[str, Path]) -> None:
    good = write_seed("001", ".wps")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(good, corpus / "001.wps")
    (corpus / "cut.doc").write_bytes(good.read_bytes()[:3000])
    (corpus / "fake.doc").write_bytes(b"this is not a Word file at all" * 20)
    shutil.copy(seed_paths["003"], corpus)
    result = ingest_paths([corpus], settings=Settings(), extract=_first_line)
    assert sorted(item.source.path.name for item in result.ingested) == \
        ["001.wps", seed_paths["003"].name]
    assert {f.file.name: f.code for f in result.failures} == {"cut.doc": "GT-INGEST-005",
                                                               "fake.doc": "GT-INGEST-005"}


def test_without_antiword_a_doc_is_a_coded_error_naming_the_package(
        tmp_path: Path, write_seed: Callable[[str, str], Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_seed("000", ".doc")
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(IngestError) as caught:
        read_source(path, settings=Settings())
    assert caught.value.code == "GT-INGEST-011"
    assert "apt-get install antiword" in caught.value.message and "000.doc" in caught.value.message


def test_ofd_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "plan.ofd"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(IngestError) as caught:
        read_source(path, settings=Settings())
    assert caught.value.code == "GT-INGEST-012" and "PDF" in caught.value.message
