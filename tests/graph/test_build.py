"""`build` on the real seed documents: first build, unchanged re-build, change and deletion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govtrace.errors import STORE_FAULT, StoreError
from govtrace.graph.build import build, demo_corpus
from govtrace.graph.store import DocumentGraph
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ingest.failure import IngestFailure
from govtrace.settings import Settings
from tests.support.demo import D000, D002, D004, seed_file

pytestmark = pytest.mark.slow
WUSHEN, REGION = D000, D004
REPORT = D002


def test_incremental_builds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in (seed_file(WUSHEN), seed_file(REGION)):
        shutil.copy(demo_corpus() / name, corpus / name)
    settings = Settings(data_dir=tmp_path, store_dir=tmp_path / "store")

    first = build(settings, [corpus])
    assert first.changes.added == tuple(sorted((WUSHEN, REGION))) and not first.failures
    assert first.tasks > 10 and first.inferred > 0
    assert not (tmp_path / "store.building").exists()

    again = build(settings, [corpus])
    assert again.changes.unchanged == tuple(sorted((WUSHEN, REGION))) and not again.changes.changed
    assert again.triples == first.triples

    wushen = corpus / seed_file(WUSHEN)
    text = wushen.read_text(encoding="utf-8")
    wushen.write_text(text[: len(text) // 2], encoding="utf-8")  # the plan's first half only
    changed = build(settings, [corpus])
    assert changed.changes.replaced == (WUSHEN,) and changed.changes.unchanged == (REGION,)
    assert changed.tasks < first.tasks

    (corpus / seed_file(REGION)).unlink()
    deleted = build(settings, [corpus])
    assert deleted.changes.deleted == (REGION,)
    store = EmbeddedStore.open(settings, read_only=True)
    assert set(store.documents()) == {WUSHEN}
    assert store.triple_count(str(store.layout.document(REGION))) == 0


def test_issue_15_a_store_error_fails_its_document_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build's own failure for one document (its write refused) is reported as an
    IngestFailure with its code and hint; the build goes on, and the document is stored
    whole by the next build, never in part."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(demo_corpus() / seed_file(WUSHEN), corpus)
    settings = Settings(data_dir=tmp_path, store_dir=tmp_path / "store")
    build(settings, [corpus])
    for doc_id in (REGION, REPORT):
        shutil.copy(demo_corpus() / seed_file(doc_id), corpus)
    write = EmbeddedStore.replace_document

    def refuse_region(store: EmbeddedStore, document: DocumentGraph) -> None:
        if document.doc_id == REGION:
            raise StoreError(STORE_FAULT, "the disk is full")
        write(store, document)

    monkeypatch.setattr(EmbeddedStore, "replace_document", refuse_region)
    refused = build(settings, [corpus])
    [failure] = refused.failures
    assert isinstance(failure, IngestFailure)
    assert (failure.file, failure.code, failure.hint) == (corpus / seed_file(REGION),
                                                          "GT-STORE-001", STORE_FAULT.hint)
    assert "the disk is full" in failure.message
    assert refused.changes.added == (REPORT,)
    store = EmbeddedStore.open(settings, read_only=True)
    assert set(store.documents()) == {WUSHEN, REPORT}
    assert store.triple_count(str(store.layout.document(REGION))) == 0
    del store

    monkeypatch.undo()
    again = build(settings, [corpus])
    assert not again.failures and again.changes.added == (REGION,)
