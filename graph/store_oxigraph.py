"""The embedded backend: an Oxigraph store on disk, driven through pyoxigraph.

Queries go to Oxigraph's own SPARQL engine (rdflib's evaluator over the same
data is 25–70× slower). Where each write path is used, and why:

* ``replace_document`` / ``delete_document`` / ``set_reference``: one
  ``Store.update`` each — transactional, so a process
  killed mid-write leaves the old version (tests/graph/test_atomicity.py).
* ``bulk_load``: ``Store.bulk_load`` of one N-Quads stream — about 3× faster at 1M
  triples but NOT transactional, so it is only used by a first build (on a store holding
  nothing but the reference graph) in a directory the build creates and renames into
  place when done (:mod:`govtrace.graph.build`).
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS

from govtrace.errors import (
    STORE_DISK_FULL,
    STORE_FAULT,
    STORE_MISSING,
    STORE_UNAVAILABLE,
    StoreError,
)
from govtrace.graph.layout import SHA_PREFIX, GraphLayout
from govtrace.graph.oxigraph_query import run_query, run_update
from govtrace.graph.results import QueryResult
from govtrace.graph.store import (
    EXPORT_FORMATS,
    UNION,
    DocumentEntry,
    DocumentGraph,
    ExportFormat,
    GraphStore,
    LayoutWrites,
    QueryDataset,
)
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.ntriples import Statements
from govtrace.settings import Settings


class EmbeddedStore(LayoutWrites):
    """A :class:`~govtrace.graph.store.GraphStore` on a local Oxigraph directory."""

    def __init__(self, store: ox.Store, layout: GraphLayout, path: Path | None,
                 *, read_only: bool = False) -> None:
        self._store: ox.Store | None = store
        self.read_only = read_only
        self.layout = layout
        self.path = path

    @classmethod
    def open(cls, settings: Settings, *, read_only: bool = False,
             path: Path | None = None) -> EmbeddedStore:
        location = path if path is not None else settings.resolved_store_dir
        return cls(open_oxigraph(location, read_only=read_only),
                   GraphLayout(IriScheme(settings.base_iri)), location, read_only=read_only)

    @classmethod
    def in_memory(cls, settings: Settings) -> EmbeddedStore:
        return cls(ox.Store(), GraphLayout(IriScheme(settings.base_iri)), None)

    def query(self, sparql: str, *, dataset: QueryDataset = UNION,
              timeout: float | None = None, limit: int | None = None) -> QueryResult:
        # In-process queries cannot be interrupted; a deadline needs the worker pool
        # (govtrace.graph.query_pool), which is what the HTTP endpoint uses.
        del timeout
        return run_query(self._db, sparql, dataset, limit)

    def update(self, sparql: str, *, timeout: float | None = None) -> None:
        del timeout
        try:
            run_update(self._db, sparql)
        except OSError as exc:
            raise write_error(exc, "the update failed") from exc

    def close(self) -> None:
        """Flush (a writer) and let go of the RocksDB handle. pyoxigraph closes a store only
        when its last reference goes: a handle left to the garbage collector keeps the
        directory locked, and when it finally closes it may delete files that a handle
        opened since (or the store a build swapped in at the same path) still reads."""
        store, self._store = self._store, None
        if store is None or self.read_only:
            return
        try:
            store.flush()
        except OSError as exc:
            raise write_error(exc, "flushing the store to disk failed") from exc

    @property
    def _db(self) -> ox.Store:
        if self._store is None:
            raise RuntimeError("this store was closed; open it again to use it")
        return self._store

    def documents(self) -> dict[str, DocumentEntry]:
        # Two pattern scans of the manifest joined here: the SPARQL join of the same two
        # patterns took 4.5 s for 10,000 documents, these 0.1 s.
        manifest = ox.NamedNode(str(self.layout.manifest))
        ids = {quad.subject: _value(quad.object) for quad in self._db.quads_for_pattern(
            None, ox.NamedNode(str(DCTERMS.identifier)), None, manifest)}
        entries = {}
        for quad in self._db.quads_for_pattern(
                None, ox.NamedNode(str(DCTERMS.hasVersion)), None, manifest):
            doc_id = ids.get(quad.subject)
            if doc_id is not None:
                entries[doc_id] = DocumentEntry(
                    doc_id, _value(quad.object).removeprefix(SHA_PREFIX))
        return entries

    def bulk_load(self, documents: Iterable[DocumentGraph]) -> int:
        return self.bulk_load_rendered(document_nquads(self.layout, document)
                                       for document in documents)

    def bulk_load_rendered(self, documents: Iterable[DocumentNQuads]) -> int:
        """:meth:`bulk_load` of documents already rendered (by the build workers); returns
        the statements of their graphs and entailments."""
        loaded = 0

        def chunks() -> Iterator[bytes]:
            nonlocal loaded
            for document in documents:
                loaded += document.statements
                yield document.nquads

        self.bulk_load_nquads(chunks())
        return loaded

    def bulk_load_nquads(self, chunks: Iterable[bytes]) -> None:
        """Load a stream of N-Quads chunks (each of whole lines) in one call of the bulk
        loader, pulling them as it reads: the stream is never in memory whole.

        ``lenient``: the loader does not validate IRIs and language tags again. Every stream
        is govtrace's own writers' text (IRIs minted by :class:`IriScheme`, literals escaped
        by :mod:`govtrace.ontology.ntriples`), and text of any other shape was parsed, so
        validated, by :func:`graph_nquads` (which :func:`statements_nquads` falls back on).
        The same quads, for a tenth less of the loader's CPU (5.6–5.8 µs a quad against
        6.3–7.9, issue 16)."""
        try:
            self._db.bulk_load(io.BufferedReader(_ChunkStream(chunks), 1 << 20),
                               format=ox.RdfFormat.N_QUADS, lenient=True)
        except OSError as exc:
            raise write_error(exc, "the bulk load failed") from exc

    def named_graphs(self) -> list[str]:
        return sorted(graph.value for graph in self._db.named_graphs()
                      if isinstance(graph, ox.NamedNode))

    def triple_count(self, graph_iri: str | None = None) -> int:
        if graph_iri is None:
            return len(self._db)
        rows = self._db.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> "
                                 f"{{ ?s ?p ?o }} }}")
        assert isinstance(rows, ox.QuerySolutions)
        return int(_value(next(iter(rows))["n"]))

    def export(self, fmt: ExportFormat) -> Iterator[bytes]:
        rdf_format = EXPORT_FORMATS[fmt]
        if rdf_format.supports_datasets:
            yield self._db.dump(format=rdf_format) or b""
            return
        union = self._db.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                  use_default_graph_as_union=True)
        yield ox.serialize(union, format=rdf_format) or b""  # type: ignore[arg-type]


    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store (benchmarks and the query workers use it)."""
        return self._db

    def _write(self, update: str) -> None:
        try:
            self._db.update(update)
        except SyntaxError as exc:  # our own update text failing is a store fault
            raise StoreError(STORE_FAULT, f"writing to the store failed: {exc}") from exc
        except OSError as exc:
            raise write_error(exc, "writing to the store failed") from exc


def select_terms(store: GraphStore, sparql: str) -> ox.QuerySolutions:
    """A SELECT's solutions over the union of the store's graphs, as Oxigraph's terms.

    An embedded store evaluates it in place; any other store's SPARQL JSON answer is parsed.
    Why not always the latter: for a whole-store query the JSON is written row by row in
    Python (past a few kilobytes Oxigraph's writer gives up and the query is evaluated a
    second time) only to be parsed back here: at 10,000 documents that JSON was 28% of the
    py-spy samples of the build's inference step."""
    if isinstance(store, EmbeddedStore):
        return store.oxigraph.query(sparql, use_default_graph_as_union=True)  # type: ignore[return-value]
    solutions = ox.parse_query_results(store.query(sparql).payload,
                                       format=ox.QueryResultsFormat.JSON)
    assert isinstance(solutions, ox.QuerySolutions)  # a SELECT's
    return solutions


def construct_terms(store: GraphStore, sparql: str) -> Iterator[ox.Triple]:
    """A CONSTRUCT's triples over the union of the store's graphs, as Oxigraph's terms (the
    same shortcut as :func:`select_terms`)."""
    if isinstance(store, EmbeddedStore):
        yield from store.oxigraph.query(sparql, use_default_graph_as_union=True)  # type: ignore[misc]
        return
    yield from ox.parse(store.query(sparql).payload, format=ox.RdfFormat.N_TRIPLES)


@dataclass(frozen=True)
class DocumentNQuads:
    """A document as the bulk loader reads it (:func:`document_nquads`). What the build
    workers send for a first build: bytes unpickle as one copy, and the build process
    passes them on as they are, neither decoding nor renaming them."""

    doc_id: str
    nquads: bytes
    statements: int
    """Of its graph and its entailments (not its two manifest quads)."""


def document_nquads(layout: GraphLayout, document: DocumentGraph) -> DocumentNQuads:
    """A document's graph, its entailments and its manifest entry, each in its named graph,
    as one N-Quads text."""
    return _with_manifest(layout, document.doc_id, document.sha256, [
        graph_nquads(str(layout.document(document.doc_id)), document.ntriples()),
        graph_nquads(str(layout.inferred_document(document.doc_id)),
                     document.inferred_ntriples())])


def statements_document_nquads(layout: GraphLayout, doc_id: str, sha256: str,
                               graph: Statements, inferred: Statements) -> DocumentNQuads:
    """:func:`document_nquads` of the document whose graph and entailments are these
    statements, the same bytes, written from the statements (:func:`statements_nquads`):
    their N-Triples renamed into each graph cost a reading worker twice as much."""
    return _with_manifest(layout, doc_id, sha256, [
        statements_nquads(str(layout.document(doc_id)), [graph]),
        statements_nquads(str(layout.inferred_document(doc_id)), [inferred])])


def _with_manifest(layout: GraphLayout, doc_id: str, sha256: str, chunks: list[bytes]
                   ) -> DocumentNQuads:
    """A document's graph and entailments (their N-Quads) with its manifest entry."""
    statements = sum(chunk.count(b"\n") for chunk in chunks)
    manifest, subject = ox.NamedNode(str(layout.manifest)), ox.NamedNode(
        str(layout.document(doc_id)))
    chunks.append(ox.serialize([
        ox.Quad(subject, ox.NamedNode(str(DCTERMS.identifier)), ox.Literal(doc_id), manifest),
        ox.Quad(subject, ox.NamedNode(str(DCTERMS.hasVersion)),
                ox.Literal(SHA_PREFIX + sha256), manifest)],
        format=ox.RdfFormat.N_QUADS) or b"")
    return DocumentNQuads(doc_id, b"".join(chunks), statements)


def graph_nquads(graph_iri: str, ntriples: str) -> bytes:
    """N-Triples text as the N-Quads of one named graph, what the bulk loader reads when a
    stream of many graphs goes to it at once (``Store.bulk_load(to_graph=…)`` loads one
    graph per call, and each call writes its own files).

    Why text and not ``ox.Quad`` objects for ``bulk_extend``: a Python object per quad made
    the bulk load of 1.5M quads cost 8% more CPU in the build process. Our writers end every
    statement with `` .\\n`` (a literal's newlines are escaped), so naming the graph is one
    replace; text of any other shape is parsed. (The bulk loader gives blank nodes new
    labels, the same within one stream; the documents' graphs have none.)"""
    if ntriples[-1:] in ("", "\n") and ntriples.count(" .\n") == ntriples.count("\n"):
        return ntriples.replace(" .\n", f" <{graph_iri}> .\n").encode()
    graph = ox.NamedNode(graph_iri)
    quads = (ox.Quad(triple.subject, triple.predicate, triple.object, graph)
             for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def statements_nquads(graph_iri: str, graphs: Sequence[Statements]) -> bytes:
    """Statements as the N-Quads of the named graph ``graph_iri``: the bytes
    :func:`graph_nquads` makes of their N-Triples, written in one pass (writing the
    N-Triples, then replacing each line's end, cost twice as much: 2% of a link worker's
    CPU at 10,000 documents, issue 16). A statement with a line break of its own is not our
    writers' shape: its text goes through :func:`graph_nquads`, which parses, so validates,
    it (what lets the bulk loader read leniently)."""
    end = f" <{graph_iri}> .\n"
    text = "".join([f"{s} {p} {o}{end}" for graph in graphs for s, p, o in graph])
    if text.count("\n") == sum(len(graph) for graph in graphs):
        return text.encode()
    return graph_nquads(graph_iri, "".join(graph.ntriples() for graph in graphs))


class _ChunkStream(io.RawIOBase):
    """A binary file over an iterator of byte chunks, read as the bulk loader asks."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        super().__init__()
        self._chunks = iter(chunks)
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = memoryview(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def open_oxigraph(path: Path, *, read_only: bool) -> ox.Store:
    """Open a store directory, turning RocksDB's errors into coded ones."""
    if read_only and not path.is_dir():
        raise StoreError(STORE_MISSING, f"no store directory at {path}")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        if is_disk_full(exc):  # opening replays the write-ahead log into new files
            raise write_error(exc, f"cannot open the store at {path}") from exc
        raise StoreError(STORE_UNAVAILABLE, f"cannot open the store at {path}: {exc}") from exc


def is_disk_full(exc: OSError) -> bool:
    """Whether RocksDB failed for want of disk space: pyoxigraph passes its I/O errors on
    as text (errno unset), which quotes the system's message for ENOSPC."""
    return exc.errno == errno.ENOSPC or os.strerror(errno.ENOSPC) in str(exc)


def write_error(exc: OSError, what: str) -> StoreError:
    """A failed write as a coded error: the disk full (GT-STORE-006), or a store fault."""
    if is_disk_full(exc):
        return StoreError(STORE_DISK_FULL, f"{what}: the disk is full ({exc})")
    return StoreError(STORE_FAULT, f"{what}: {exc}")


def _value(term: object) -> str:
    if isinstance(term, ox.Literal | ox.NamedNode):
        return term.value
    raise StoreError(STORE_FAULT, f"unexpected manifest term {term!r}")
