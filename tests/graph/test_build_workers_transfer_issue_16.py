"""Issue 16, target 6: the build process's share of reading and linking. The workers render
what a first build's bulk loader reads, the loader is lenient, and the records read are kept
out of the cyclic collector's walks; none of it may change what is stored."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest

from govtrace.graph.build import BuildStep, RecordCache, build, plan_corpus
from govtrace.graph.build_workers import (
    Extracted,
    extract_for_load,
    extract_jobs,
    link_chunk,
    link_chunk_nquads,
    set_index,
)
from govtrace.graph.layout import GraphLayout
from govtrace.graph.lineage import CorpusIndex
from govtrace.graph.lineage.seeds import seed_records
from govtrace.graph.store import DocumentGraph
from govtrace.graph.store_oxigraph import (
    DocumentNQuads,
    EmbeddedStore,
    graph_nquads,
    statements_nquads,
)
from govtrace.ontology.divisions import Gazetteer
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.ntriples import Statements
from govtrace.settings import Settings


def _extracted(settings: Settings, demo_dir: Path) -> tuple[list[DocumentGraph],
                                                            list[DocumentNQuads]]:
    jobs = plan_corpus([demo_dir], {}, RecordCache(settings)).jobs
    graphs, rendered = extract_jobs(jobs, settings), extract_for_load(jobs, settings)
    assert all(isinstance(r, Extracted) for r in [*graphs, *rendered])
    return ([r.document for r in graphs if isinstance(r, Extracted)],
            [r.document for r in rendered if isinstance(r, Extracted)])


def test_workers_render_what_per_document_writes_store_issue_16(
        tmp_path: Path, demo_dir: Path) -> None:
    """A first build's workers send each document as the N-Quads the loader reads (its graph,
    entailments and manifest entry): loaded, they are the quads a per-document replace of
    the same extraction stores, and the count of statements is the same."""
    settings = Settings(data_dir=tmp_path, store_dir=tmp_path / "store", workers=1)
    graphs, rendered = _extracted(settings, demo_dir)
    assert [d.doc_id for d in graphs] == [d.doc_id for d in rendered]
    bulk, plain = EmbeddedStore.in_memory(settings), EmbeddedStore.in_memory(settings)
    loaded = bulk.bulk_load_rendered(rendered)
    for document in graphs:
        plain.replace_document(document)
    assert set(bulk.oxigraph) == set(plain.oxigraph)
    assert loaded == sum(d.ntriples().count("\n") + d.inferred_ntriples().count("\n")
                         for d in graphs) == sum(d.statements for d in rendered)


def test_the_lenient_loader_stores_what_the_strict_one_does_issue_16(
        tmp_path: Path, demo_dir: Path) -> None:
    """``lenient`` skips validating IRIs and language tags again, nothing else: the same
    text gives the same quads as a strict load."""
    settings = Settings(data_dir=tmp_path, store_dir=tmp_path / "store", workers=1)
    _, rendered = _extracted(settings, demo_dir)
    lenient = EmbeddedStore.in_memory(settings)
    lenient.bulk_load_nquads(d.nquads for d in rendered)
    strict = ox.Store()
    strict.bulk_load(b"".join(d.nquads for d in rendered), format=ox.RdfFormat.N_QUADS)
    assert set(lenient.oxigraph) == set(strict)
    assert len(strict) > 1000


def test_link_workers_render_the_derived_graph_issue_16(gazetteer: Gazetteer) -> None:
    """Each document's links as N-Quads in its derived graph: byte for byte its N-Triples
    renamed into it by :func:`graph_nquads` (the link workers write them from the statements
    at once, issue 16)."""
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
    for (doc_id, ntriples, count), (quads_id, nquads, quads_count) in zip(
            as_text, as_quads, strict=True):
        assert (doc_id, count) == (quads_id, quads_count)
        assert nquads == graph_nquads(str(layout.derived(doc_id)), ntriples)


def test_records_read_are_kept_out_of_the_collectors_walks_issue_16(
        tmp_path: Path, demo_dir: Path) -> None:
    """While the corpus is read, what the build process holds (the records above all) is
    frozen as each document arrives, so full collections no longer walk every record read
    so far; the collector has it all back once the documents are read."""
    frozen: dict[str, list[int]] = {}

    def progress(step: BuildStep) -> None:
        if step.stage != "reading" or step.done:
            frozen.setdefault(step.stage, []).append(gc.get_freeze_count())

    gc.unfreeze()  # what an earlier test of the session froze
    build(Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store", workers=1),
          [demo_dir], progress=progress)
    assert len(frozen["reading"]) == 5
    assert all(count > 0 for count in frozen["reading"])
    assert frozen["duplicates"] == [0]  # the next stage


def test_statements_of_another_shape_are_parsed_before_a_lenient_load_issue_16() -> None:
    """The link workers write N-Quads straight from the statements; a statement with a line
    break of its own (not our writers' text) goes through ``graph_nquads``' parser, which
    refuses it, rather than into a loader that no longer validates (a second reader's
    find)."""
    graph = "https://example.org/g"
    ours = Statements([("<https://example.org/a>", "<https://example.org/b>", '"x\\ny"')])
    assert statements_nquads(graph, [ours]) == graph_nquads(graph, ours.ntriples())
    broken = Statements([("<https://example.org/a>", "<https://example.org/b>", '"x\ny"')])
    with pytest.raises(SyntaxError):
        statements_nquads(graph, [broken])
