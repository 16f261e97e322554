"""`build` on the real seed documents: first build, unchanged re-build, change and deletion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govtrace.graph.build import build, demo_corpus
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.settings import Settings

pytestmark = pytest.mark.slow
WUSHEN, REGION = "000_6b53b361d8411ab5", "004_c5645c69c3d939d1"


def test_incremental_builds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in (f"{WUSHEN}.txt", f"{REGION}.txt"):
        shutil.copy(demo_corpus() / name, corpus / name)
    settings = Settings(data_dir=tmp_path, store_dir=tmp_path / "store")

    first = build(settings, [corpus])
    assert first.changes.added == (WUSHEN, REGION) and not first.failures
    assert first.tasks > 10 and first.inferred > 0
    assert not (tmp_path / "store.building").exists()

    again = build(settings, [corpus])
    assert again.changes.unchanged == (WUSHEN, REGION) and not again.changes.changed
    assert again.triples == first.triples

    wushen = corpus / f"{WUSHEN}.txt"
    text = wushen.read_text(encoding="utf-8")
    wushen.write_text(text[: len(text) // 2], encoding="utf-8")  # the plan's first half only
    changed = build(settings, [corpus])
    assert changed.changes.replaced == (WUSHEN,) and changed.changes.unchanged == (REGION,)
    assert changed.tasks < first.tasks

    (corpus / f"{REGION}.txt").unlink()
    deleted = build(settings, [corpus])
    assert deleted.changes.deleted == (REGION,)
    store = EmbeddedStore.open(settings, read_only=True)
    assert set(store.documents()) == {WUSHEN}
    assert store.triple_count(str(store.layout.document(REGION))) == 0
