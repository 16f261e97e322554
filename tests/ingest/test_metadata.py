"""The corpus metadata sidecar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govtrace.errors import IngestError
from govtrace.ingest.metadata import load_sidecar, metadata_for
from govtrace.ontology.document_kinds import IMPLEMENTATION_SCHEME


def test_the_demo_sidecar_holds_the_reference_facts(demo_dir: Path) -> None:
    entries = load_sidecar(demo_dir / "metadata.toml")
    paper = metadata_for(demo_dir / "004_c5645c69c3d939d1.txt", entries)
    assert paper is not None
    assert paper.published == date(2022, 9, 12)
    assert paper.publisher == "内蒙古日报"
    assert paper.doc_type is IMPLEMENTATION_SCHEME
    report = metadata_for(demo_dir / "002_dd136066ff2114d4.txt", entries)
    assert report is not None
    assert (report.published, report.publisher) == (date(2025, 3, 12), "内蒙古自治区司法厅")
    word = metadata_for(demo_dir / "001_c876ac7a5a214ccd.txt", entries)
    assert word is not None and word.published is None and word.covers_year == 2024
    assert set(entries) == {p.stem for p in demo_dir.glob("*.txt")}


def test_a_file_name_wins_over_a_stem(tmp_path: Path) -> None:
    sidecar = tmp_path / "metadata.toml"
    sidecar.write_text('schema = 1\n[files."003"]\npublisher = "包头市东河区人民政府"\n'
                       '[files."003.html"]\nsource_url = "http://www.donghe.gov.cn/"\n',
                       encoding="utf-8")
    entries = load_sidecar(sidecar)
    html = metadata_for(tmp_path / "003.html", entries)
    docx = metadata_for(tmp_path / "003.docx", entries)
    assert html is not None and html.source_url == "http://www.donghe.gov.cn/"
    assert docx is not None and docx.publisher == "包头市东河区人民政府"
    assert metadata_for(tmp_path / "004.txt", entries) is None


@pytest.mark.parametrize("content", [
    'schema = 1\n[files."004"\npublished = 2022-09-12\n',  # not TOML
    'schema = 1\n[files."004"]\npublished = "12 September"\n',  # not a date
    'schema = 1\n[files."004"]\nprinted_in = "内蒙古日报"\n',  # unknown key
    '[files."004"]\npublisher = "内蒙古日报"\n',  # no schema
])
def test_an_invalid_sidecar_is_a_coded_error(content: str, tmp_path: Path) -> None:
    sidecar = tmp_path / "metadata.toml"
    sidecar.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        load_sidecar(sidecar)
    assert caught.value.code == "GT-INGEST-008"
    assert "metadata.toml" in caught.value.message
