"""Parallel, incremental builds: any worker count gives the same store, and an update
relinks only what it must yet ends where a fresh build of the new corpus ends."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from bench.synthetic_corpus import generate
from govtrace.graph.build import CachedBuild, CacheSave, RecordCache, build, demo_corpus
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ingest.failure import IngestFailure
from govtrace.settings import Settings
from tests.support.demo import D000, seed_file

pytestmark = pytest.mark.slow
GT = "https://w3id.org/govtrace/ontology#"
LINKS = (f"PREFIX gt: <{GT}> SELECT ?from ?to ?type ?confidence WHERE {{ ?l a gt:LineageLink ; "
         f"gt:linkFrom ?from ; gt:linkTo ?to ; gt:linkType ?type ; gt:confidence ?confidence }}")


def _state(settings: Settings) -> tuple[int, set[tuple[str, ...]], int]:
    store = EmbeddedStore.open(settings, read_only=True)
    links = {tuple(str(v) for v in row.values()) for row in store.query(LINKS).bindings()}
    return store.triple_count(), links, store.triple_count(str(store.layout.inferred))


def _settings(root: Path, workers: int) -> Settings:
    return Settings(data_dir=root, store_dir=root / "store", workers=workers)


def test_worker_count_does_not_change_the_store(tmp_path: Path) -> None:
    one, two = _settings(tmp_path / "one", 1), _settings(tmp_path / "two", 2)
    build(one, [demo_corpus()])
    build(two, [demo_corpus()])
    assert _state(one) == _state(two)
    assert _state(one)[1], "the demo corpus has links"


def test_update_relinks_to_what_a_fresh_build_gives(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    generate(60, 7, corpus)
    settings = _settings(tmp_path / "incremental", 2)
    build(settings, [corpus])
    again = build(settings, [corpus])
    assert len(again.changes.unchanged) == 60 and not again.changes.changed
    stored = RecordCache.load(settings).files  # the doc_id of each file (issue 18)

    city_plan = sorted(corpus.glob("*/*00-2023-plan.txt"))[0]  # a prefecture's plan
    text = city_plan.read_text(encoding="utf-8")
    city_plan.write_text(text[: len(text) * 2 // 3], encoding="utf-8")  # its last tasks go
    county_report = sorted(corpus.glob("*/*-2023-report.txt"))[-1]
    county_report.unlink()
    update = build(settings, [corpus])
    assert update.changes.replaced == (stored[str(city_plan)],)
    assert update.changes.deleted == (stored[str(county_report)],)

    fresh = _settings(tmp_path / "fresh", 1)
    build(fresh, [corpus])
    assert _state(settings) == _state(fresh)


def test_build_killed_before_it_finished_is_redone(tmp_path: Path) -> None:
    """A build killed after storing documents but before inference leaves the store newer
    than the record cache (saved last) and an old or missing closure; the next build must
    re-extract those documents and recompute the closure."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(demo_corpus() / seed_file(D000), corpus)
    settings = _settings(tmp_path, 1)
    first = build(settings, [corpus])
    CacheSave(RecordCache(settings), CachedBuild()).commit()
    store = EmbeddedStore.open(settings)
    store.update(f"DROP GRAPH <{store.layout.inferred}>")
    store.close()
    del store
    again = build(settings, [corpus])
    assert again.changes.replaced == (D000,)
    assert again.inferred == first.inferred > 0


def test_a_stale_cached_record_is_not_used(tmp_path: Path) -> None:
    """Regression (issue 8): the store can be newer than the record cache when a build was
    killed after writing a changed document; its old cached record must not be linked."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    plan = corpus / seed_file(D000)
    shutil.copy(demo_corpus() / plan.name, plan)
    settings = _settings(tmp_path, 1)
    build(settings, [corpus])
    old = RecordCache.load(settings)
    plan.write_bytes(plan.read_bytes() + "\n（三十三）新增的一项任务。\n".encode())
    build(settings, [corpus])
    # as if the second build died before saving
    CacheSave(RecordCache(settings), CachedBuild(old.records, old.files, old.works)).commit()
    again = build(settings, [corpus])
    assert again.changes.replaced == (D000,)
    assert RecordCache.load(settings).has(D000, hashlib.sha256(plan.read_bytes()).hexdigest())


def test_issue_15_build_and_ingest_report_the_same_failures(tmp_path: Path) -> None:
    """Failures made in the worker processes come back as the failure ``govtrace ingest``
    reports for the same files, with code, hint and location; the good file is built."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    plan = demo_corpus() / seed_file(D000)
    shutil.copy(plan, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "cut.txt").write_bytes(plan.read_bytes()[:-4])
    (corpus / "again").mkdir()
    shutil.copy(plan, corpus / "again")  # the same document a second time: kept as a copy

    report = build(_settings(tmp_path, 2), [corpus])
    ingested = ingest_paths([corpus], settings=Settings(), extract=extract_record)

    def codes(failures: list[IngestFailure]) -> dict[str, str]:
        return {f.file.name: f.code for f in failures}

    assert codes(report.failures) == {"cut.txt": "GT-INGEST-005", "empty.txt": "GT-INGEST-002"}
    assert sorted(report.failures, key=str) == sorted(ingested.failures, key=str)
    assert D000 in report.changes.added
    assert [(Path(c.file).parent.name, c.canonical) for c in report.copies] == [("again", D000)]


def test_two_documents_of_one_file_name_in_two_folders_are_both_built(tmp_path: Path) -> None:
    """A county's 附件1.txt was refused (GT-INGEST-009) because another county's attachment
    had the same name, and its document was lost from the store."""
    corpus = tmp_path / "corpus"
    seeds = sorted(demo_corpus().glob("*.txt"))[:2]
    for county, seed in zip(("a", "b"), seeds, strict=True):
        (corpus / county).mkdir(parents=True)
        shutil.copy(seed, corpus / county / "附件1.txt")
    report = build(_settings(tmp_path, 1), [corpus])
    assert report.failures == []
    assert len(report.changes.added) == 2 and report.copies == []
