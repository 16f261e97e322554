"""Issue 16, target 6: linking's CPU, the links unchanged. The build process freezes the
records before it builds the lineage index from them (the index's allocations set off full
collections that walked every record), and the link workers write the derived graphs' N-Quads
straight from the statements: the same bytes the N-Triples renamed into the graph gave."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path

import pytest

import govtrace.graph.lineage as lineage
from govtrace.graph.build import link_records
from govtrace.graph.build_workers import link_chunk, link_chunk_nquads, set_index
from govtrace.graph.layout import GraphLayout
from govtrace.graph.lineage import CorpusIndex
from govtrace.graph.lineage.corpus import DivisionLineage
from govtrace.graph.lineage.seeds import seed_records
from govtrace.graph.store_oxigraph import EmbeddedStore, graph_nquads
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.divisions import Gazetteer
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


def test_link_workers_write_the_bytes_the_graph_renaming_gave_issue_16(
        gazetteer: Gazetteer) -> None:
    """Each document's derived N-Quads are byte for byte :func:`graph_nquads` of its
    N-Triples (the text the bulk loader read before)."""
    settings = Settings()
    layout = GraphLayout(IriScheme(settings.base_iri))
    records = seed_records(settings)
    doc_ids = [r.source.doc_id for r in records]
    set_index(CorpusIndex(gazetteer, records))
    try:
        as_text, as_quads = link_chunk(doc_ids, settings), link_chunk_nquads(doc_ids, settings)
    finally:
        set_index(None)
    assert sum(count for _, _, count in as_quads) > 0
    for (doc_id, ntriples, _), (_, nquads, _) in zip(as_text, as_quads, strict=True):
        assert nquads == graph_nquads(str(layout.derived(doc_id)), ntriples)
