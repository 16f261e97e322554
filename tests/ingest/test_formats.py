"""One document as UTF-8 or GB18030 text, .html, .docx, .pdf, .doc and .wps reads to the same
text and record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from govtrace.graph.lineage import CorpusIndex, LinkKind, link_corpus
from govtrace.graph.lineage.seeds import seed_records
from govtrace.ingest import read_and_extract
from govtrace.ingest.metadata import SIDECAR_NAME, load_sidecar, metadata_for
from govtrace.ingest.normalize import normalize
from govtrace.ingest.readers import read_source
from govtrace.ontology.divisions import get_gazetteer
from govtrace.settings import Settings

# Printing a seed to PDF takes Chromium a few seconds (once per seed and session).
_PDF = pytest.param(".pdf", marks=pytest.mark.slow)


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("suffix", [".html", ".docx", _PDF, ".doc", ".wps"])
def test_every_format_of_a_seed_reads_alike(
    key: str, suffix: str, write_seed: Callable[[str, str], Path],
    normalized_seeds: dict[str, str], seed_paths: dict[str, Path],
) -> None:
    path = write_seed(key, suffix)
    source = read_source(path, settings=Settings())
    text = normalize(source.content)
    assert text.text == normalized_seeds[key]
    assert source.doc_id == seed_paths[key].stem[:3]
    # every normalized character points into the file's own source text
    assert all(e <= len(source.source_text) for e in text.ends)
    for i in range(0, len(text.text), 97):
        origin = source.source_text[text.starts[i]:text.ends[i]]
        assert origin.strip() or text.text[i] in " \n"


def _without_source_positions(value: object) -> object:
    """The record minus what depends on the file format: source info and character spans."""
    if isinstance(value, dict):
        return {key: _without_source_positions(item) for key, item in value.items()
                if key != "source" and not key.endswith("span")}
    if isinstance(value, list):
        return [_without_source_positions(item) for item in value]
    return value


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("form", ["gb18030", ".html", ".docx", _PDF, ".doc", ".wps"])
def test_every_format_of_a_seed_yields_the_same_record(
    key: str, form: str, write_seed: Callable[[str, str], Path], seed_texts: dict[str, str],
    tmp_path: Path,
) -> None:
    settings = Settings()
    utf8 = read_and_extract(write_seed(key, ".txt"), settings)
    if form == "gb18030":
        path = tmp_path / "gb" / f"{key}.txt"
        path.parent.mkdir()
        path.write_bytes(seed_texts[key].encode("gb18030"))
    else:
        path = write_seed(key, form)
    other = read_and_extract(path, settings)
    if form == "gb18030":
        assert other.source.encoding == "gb18030"
    assert _without_source_positions(other.model_dump(mode="json")) == \
        _without_source_positions(utf8.model_dump(mode="json"))
    assert utf8.tasks or utf8.report_items
    if form == ".pdf":
        assert other.source.reader == "pypdfium2"
        assert other.source.pages and not any(page.ocr for page in other.source.pages)
    if key == "000":  # the 乌审旗 plan's task (五) carries out government order 262
        task = next(task for task in other.tasks if task.number == 5)
        assert "内蒙古自治区人民政府令第262号" in [c.work.order_number for c in task.citations]


@pytest.mark.parametrize("form", [".html", ".docx", _PDF, ".doc"])
def test_every_format_of_the_wushen_plan_keeps_its_lineage_to_national_item_9(
    form: str, write_seed: Callable[[str, str], Path], seed_paths: dict[str, Path],
) -> None:
    """乌审旗 2024 task (五), read from another format, still links to the region's scheme
    (六) and on to national item 9, as the .txt original does."""
    settings = Settings()
    stem = seed_paths["000"].stem
    sidecar = load_sidecar(seed_paths["000"].parent / SIDECAR_NAME)
    path = write_seed("000", form, stem)
    plan = read_and_extract(path, settings, metadata_for(path, sidecar))
    records = [plan if r.source.doc_id == plan.source.doc_id else r
               for r in seed_records(settings)]
    assert plan in records  # the same identity, whatever the format (issue 18)
    links = link_corpus(records, get_gazetteer(), settings=settings)
    labels = {u.ref: (v.record.source.file_name[:3], u.label)
              for v in CorpusIndex(get_gazetteer(), records).views for u in v.units}

    def parents(doc: str, number: str) -> set[tuple[str, str]]:
        return {labels[x.parent] for x in links.task_links
                if x.kind is LinkKind.IMPLEMENTS and labels[x.child] == (doc, number)}

    assert parents("000", "5") == {("004", "6")}
    assert parents("004", "6") == {("nat", "9")}
