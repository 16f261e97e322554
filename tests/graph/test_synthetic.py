"""The synthetic corpus generator (bench/synthetic_corpus.py): deterministic, with a ground
truth that fits the files, the seeds' messiness, and lineage the linker recovers."""

from __future__ import annotations

import csv
import filecmp
import tomllib
from pathlib import Path

import pytest

from bench.synthetic_corpus import generate
from bench.synthetic_truth import load_truth, score, stored_ids
from govtrace.graph.build import build
from govtrace.graph.lineage.model import ItemRef, LinkKind, TaskLink
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.settings import Settings

pytestmark = pytest.mark.slow
GT = "https://w3id.org/govtrace/ontology#"


def _files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def test_same_seed_same_corpus(tmp_path: Path) -> None:
    assert generate(30, 3, tmp_path / "a") == generate(30, 3, tmp_path / "b") == 30
    files = _files(tmp_path / "a")
    assert files == _files(tmp_path / "b")
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "a", tmp_path / "b", files,
                                               shallow=False)
    assert not mismatch and not errors
    generate(30, 4, tmp_path / "c")
    other_seed = (tmp_path / "c" / "truth.tsv").read_bytes()
    assert other_seed != (tmp_path / "a" / "truth.tsv").read_bytes()


def test_truth_names_existing_earlier_items_and_files_are_messy(tmp_path: Path) -> None:
    generate(150, 7, tmp_path)
    docs = {p.stem: p for p in tmp_path.glob("*/*.txt")}
    assert len(docs) == 150
    with (tmp_path / "truth.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    order = list(dict.fromkeys(row["child_doc"] for row in rows))
    items = {(row["child_doc"], row["child_item"]) for row in rows}
    for row in rows:
        assert row["child_doc"] in docs
        assert row["kind"] in ("implements", "reportsOn")
        if row["parent_doc"] not in ("-", "national"):
            assert order.index(row["parent_doc"]) < order.index(row["child_doc"])
            assert (row["parent_doc"], row["parent_item"]) in items
    assert any(row["parent_doc"] == "-" for row in rows), "no local innovation to abstain on"
    notes = [entry["notes"] for sidecar in tmp_path.glob("*/metadata.toml")
             for entry in tomllib.loads(sidecar.read_text(encoding="utf-8"))["files"].values()]
    kinds = {note.removeprefix("synthetic; ") for note in notes}
    assert {"clean", "furniture", "broken-title", "stray-spaces", "pinyin", "gb18030"} <= kinds
    gb = next(docs[stem] for stem in docs
              if "gb18030" in _note(tmp_path, docs[stem]))
    with pytest.raises(UnicodeDecodeError):
        gb.read_bytes().decode("utf-8")
    pinyin = next(docs[stem] for stem in docs if "pinyin" in _note(tmp_path, docs[stem]))
    assert "(fǎ)" in pinyin.read_text(encoding="utf-8")


def _note(root: Path, path: Path) -> str:
    entries = tomllib.loads((path.parent / "metadata.toml").read_text(encoding="utf-8"))
    return str(entries["files"][path.stem]["notes"])


def test_parallel_build_recovers_the_truth(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    generate(60, 7, corpus)
    settings = Settings(data_dir=tmp_path, store_dir=tmp_path / "store", workers=2)
    report = build(settings, [corpus])
    assert report.documents == 60 and not report.failures
    store = EmbeddedStore.open(settings, read_only=True)
    rows = store.query(f"PREFIX gt: <{GT}> SELECT ?from ?to WHERE {{ ?l a gt:LineageLink ; "
                       f"gt:linkFrom ?from ; gt:linkTo ?to }}").bindings()
    links = [TaskLink(_ref(str(row["from"])), _ref(str(row["to"])), LinkKind.IMPLEMENTS, 1.0,
                      "", 0.0) for row in rows]
    result = score(links, load_truth(corpus / "truth.tsv", stored_ids(store)))
    assert result.expected > 900
    assert result.precision >= 0.97 and result.recall >= 0.95


def _ref(iri: str) -> ItemRef:
    doc, _, key = iri.split("/doc/", 1)[1].rpartition("/")
    return ItemRef(doc.rsplit("/", 1)[0], key)
