"""The store interface: one typed protocol and the types both backends share.

The backends are the embedded Oxigraph store (:mod:`govtrace.graph.store_oxigraph`) and a
remote SPARQL 1.1 server (:mod:`govtrace.graph.store_remote`); they import this module,
never each other, and only :mod:`govtrace.graph.store_factory` chooses between them. Both
keep the same named-graph layout (:mod:`govtrace.graph.layout`) and give the same
guarantees: replacing or deleting one document is a single atomic SPARQL Update.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import Graph

from govtrace.graph.entailment import entailed_ntriples
from govtrace.graph.layout import GraphLayout
from govtrace.graph.results import QueryResult


class ExportFormat(StrEnum):
    """Formats ``export`` writes; the graph-less formats hold the union of all graphs."""

    TURTLE = "ttl"
    NTRIPLES = "nt"
    NQUADS = "nq"
    JSONLD = "jsonld"


# Both backends serialize through pyoxigraph (the remote one parses the server's answer).
EXPORT_FORMATS: dict[ExportFormat, ox.RdfFormat] = {
    ExportFormat.TURTLE: ox.RdfFormat.TURTLE,
    ExportFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    ExportFormat.NQUADS: ox.RdfFormat.N_QUADS,
    ExportFormat.JSONLD: ox.RdfFormat.JSON_LD,
}


@dataclass(frozen=True)
class QueryDataset:
    """The RDF dataset a query runs against (SPARQL Protocol ``default-graph-uri`` …).

    With neither list given, the default graph is the union of all named
    graphs, so a plain ``SELECT`` sees every document at once.
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def is_union(self) -> bool:
        return not self.default_graphs and not self.named_graphs


UNION = QueryDataset()


@dataclass(frozen=True)
class DocumentEntry:
    """What the store remembers of one ingested document."""

    doc_id: str
    sha256: str


@dataclass(frozen=True)
class DocumentGraph:
    """One document's triples together with the hash of the file they came from."""

    doc_id: str
    sha256: str
    graph: Graph | str = field(compare=False)
    """An rdflib graph, or its N-Triples text: what build workers send back for an update
    build, because text pickles compactly and the store parses it natively (no rdflib graph
    in the writer); for a first build they send the embedded loader's N-Quads instead."""
    inferred: str | None = field(default=None, compare=False)
    """The ontology's entailments of ``graph`` as N-Triples; None: the store computes them
    (build workers compute them in parallel instead)."""

    def ntriples(self) -> str:
        if isinstance(self.graph, str):
            return self.graph
        return _ntriples(self.graph)

    def inferred_ntriples(self) -> str:
        if self.inferred is not None:
            return self.inferred
        return entailed_ntriples(self.ntriples())


@runtime_checkable
class SparqlService(Protocol):
    """What the ``/sparql`` endpoint needs: query and update."""

    def query(
        self, sparql: str, *, dataset: QueryDataset = UNION, timeout: float | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        """Run a query; ``limit`` caps rows (or triples) and marks the result truncated."""
        ...

    def update(self, sparql: str, *, timeout: float | None = None) -> None:
        """Run a SPARQL Update atomically."""
        ...

    def close(self) -> None:
        """Release files, processes and connections."""
        ...


@runtime_checkable
class GraphStore(SparqlService, Protocol):
    """A SPARQL service that also manages govtrace's per-document named graphs."""

    def documents(self) -> dict[str, DocumentEntry]:
        """Every stored document by id, with the sha256 of its source file."""
        ...

    def replace_document(self, document: DocumentGraph) -> None:
        """Atomically swap a document's graph (and its manifest entry) for a new one."""
        ...

    def delete_document(self, doc_id: str) -> None:
        """Atomically remove a document's graph, its derived links and its manifest entry."""
        ...

    def set_reference(self, graph: Graph) -> None:
        """Replace the reference graph (ontology, divisions, national outline)."""
        ...

    def bulk_load(self, documents: Iterable[DocumentGraph]) -> int:
        """Load many new documents fast; only for a store no reader sees until the load is
        done (a first build's staging copy). Returns quads loaded."""
        ...

    def named_graphs(self) -> list[str]:
        """The IRIs of all named graphs."""
        ...

    def triple_count(self, graph_iri: str | None = None) -> int:
        """Triples in one named graph, or quads in the whole store."""
        ...

    def export(self, fmt: ExportFormat) -> Iterator[bytes]:
        """Serialize the whole store (named graphs kept in N-Quads)."""
        ...



class LayoutWrites:
    """The document-level writes both backends share: each is one SPARQL Update built by
    the layout, so each is atomic on any SPARQL 1.1 store. A backend supplies ``_write``."""

    layout: GraphLayout

    def _write(self, update: str) -> None:
        raise NotImplementedError

    def replace_document(self, document: DocumentGraph) -> None:
        self._write(self.layout.replace_document_update(
            document.doc_id, document.sha256, document.ntriples(),
            document.inferred_ntriples()))

    def delete_document(self, doc_id: str) -> None:
        self._write(self.layout.delete_document_update(doc_id))

    def set_reference(self, graph: Graph) -> None:
        text = _ntriples(graph)
        self._write(self.layout.replace_graphs_update({
            self.layout.reference: text,
            self.layout.inferred_reference: entailed_ntriples(text)}))


def _ntriples(graph: Graph) -> str:
    # N-Triples lines are valid SPARQL triples, so the serialization is safe to inline.
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")

