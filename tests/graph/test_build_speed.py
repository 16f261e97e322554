"""Issue 16, target 6 (a 30k build in 15 minutes on two cores): what makes a build cheaper
without changing what it stores."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from govtrace.graph.build import demo_corpus
from govtrace.graph.store import DocumentGraph
from govtrace.graph.store_oxigraph import EmbeddedStore, graph_nquads
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ingest.rdf import record_statements
from govtrace.ontology.iris import IriScheme
from govtrace.settings import Settings

GRAPH = "https://w3id.org/govtrace/id/graph/doc/x"


def _parsed(graph_iri: str, ntriples: str) -> set[ox.Quad]:
    graph = ox.NamedNode(graph_iri)
    return {ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)}


def _quads(nquads: bytes) -> set[ox.Quad]:
    return set(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))


def test_a_documents_graph_goes_to_the_bulk_loader_as_nquads_text_issue_16() -> None:
    """The build process used to turn every triple into Python objects for ``bulk_extend``;
    the text is now renamed into the document's graph as it is, to the very same quads."""
    record = ingest_paths([demo_corpus()], settings=Settings(), extract=extract_record).records[0]
    text = record_statements(record, IriScheme("https://w3id.org/govtrace/id/")).ntriples()
    nquads = graph_nquads(GRAPH, text)
    assert _quads(nquads) == _parsed(GRAPH, text)
    assert nquads.count(b"\n") == text.count("\n")


@pytest.mark.parametrize("text", [
    '<http://a> <http://p> "x" .',  # no final newline
    '<http://a> <http://p> "x" .\r\n<http://b> <http://p> "y" .\r\n',  # CR LF
    '# a comment\n<http://a> <http://p> "x" .\n',
    '<http://a> <http://p> "x".\n',  # no space before the dot
    "",
])
def test_text_of_another_shape_is_parsed_into_the_graph_issue_16(text: str) -> None:
    assert _quads(graph_nquads(GRAPH, text)) == _parsed(GRAPH, text)


def test_bulk_load_stores_what_per_document_writes_store_issue_16(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store_dir=tmp_path / "store")
    records = ingest_paths([demo_corpus()], settings=Settings(), extract=extract_record).records
    iris = IriScheme(settings.base_iri)
    documents = [DocumentGraph(r.source.doc_id, r.source.sha256 or "0" * 64,
                               record_statements(r, iris).ntriples()) for r in records]
    bulk, plain = EmbeddedStore.in_memory(settings), EmbeddedStore.in_memory(settings)
    loaded = bulk.bulk_load(documents)
    for document in documents:
        plain.replace_document(document)
    assert set(bulk.oxigraph) == set(plain.oxigraph)
    assert loaded == sum(len(d.ntriples().splitlines()) + len(d.inferred_ntriples().splitlines())
                         for d in documents)


def test_an_error_in_the_stream_stops_the_bulk_load_with_it_issue_16(tmp_path: Path) -> None:
    store = EmbeddedStore.open(Settings(data_dir=tmp_path, store_dir=tmp_path / "store"))

    def chunks() -> Iterator[bytes]:
        yield f'<http://a> <http://p> "x" <{GRAPH}> .\n'.encode()
        raise RuntimeError("a worker died")

    with pytest.raises(RuntimeError, match="a worker died"):
        store.bulk_load_nquads(chunks())


def test_workers_default_to_the_cores_issue_16(monkeypatch: pytest.MonkeyPatch) -> None:
    """A user's ``govtrace build`` ran everything in one process unless told otherwise."""
    monkeypatch.delenv("GOVTRACE_WORKERS", raising=False)
    assert Settings().build_workers == len(os.sched_getaffinity(0))
    assert Settings(workers=1).build_workers == 1
    monkeypatch.setenv("GOVTRACE_WORKERS", "3")
    assert Settings().build_workers == 3
