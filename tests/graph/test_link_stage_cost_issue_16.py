"""Issue 16, target 6: linking's CPU, the links unchanged. The build process freezes the
records before it builds the lineage index from them (the index's allocations set off full
collections that walked every record). The link workers' N-Quads, written straight from the
statements, are checked byte for byte in ``test_build_workers_transfer_issue_16.py``."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path

import pytest

import govtrace.graph.lineage as lineage
from govtrace.graph.build import link_records
from govtrace.graph.layout import GraphLayout
from govtrace.graph.lineage import CorpusIndex
from govtrace.graph.lineage.corpus import DivisionLineage
from govtrace.graph.lineage.seeds import seed_records
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.iris import IriScheme
from govtrace.settings import Settings


def test_records_are_frozen_before_the_index_is_built_issue_16(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When ``link_records`` builds the lineage index, the records are already out of the
    collector's walks; when it returns, the collector has everything back."""
    frozen_at_index: list[int] = []

    class Watched(CorpusIndex):
        def __init__(self, gazetteer: DivisionLineage,
                     records: Iterable[DocumentRecord] = ()) -> None:
            frozen_at_index.append(gc.get_freeze_count())
            super().__init__(gazetteer, records)

    monkeypatch.setattr(lineage, "CorpusIndex", Watched)
    settings = Settings(data_dir=tmp_path, store_dir=tmp_path / "store", workers=1)
    records = {r.source.doc_id: r for r in seed_records(settings)}
    store = EmbeddedStore.in_memory(settings)
    gc.unfreeze()  # what an earlier test of the session froze
    links = link_records(store, GraphLayout(IriScheme(settings.base_iri)), records, settings,
                         bulk=True)
    assert links > 0
    assert len(frozen_at_index) == 1 and frozen_at_index[0] > 0
    assert gc.get_freeze_count() == 0
