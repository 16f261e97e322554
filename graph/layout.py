"""The store's named-graph layout and the SPARQL Updates that keep it consistent.

======================================  ==========================================
``graph/doc/{doc_id}``                   one source document's extracted triples
``graph/inferred/doc/{doc_id}``          what the ontology entails from them
                                         (super-classes, super-properties)
``graph/derived/{doc_id}``               derived links whose *child* is in that
                                         document (lineage, report links), with
                                         their entailments
``graph/reference``                      ontology, divisions, national outline
``graph/inferred/reference``             the reference graph's entailments
``graph/works``                          each cited work's description, once
                                         (the citing documents' graphs name it)
``graph/inferred/works``                 the works graph's entailments
``graph/inferred``                       transitive closures across documents
                                         (gt:implementsTransitively …)
``graph/manifest``                       ``<graph/doc/X> dcterms:identifier "X";
                                         dcterms:hasVersion "sha256:…"``
======================================  ==========================================

Derived links and entailments get one graph per document (not one shared
graph) so that replacing or deleting a document drops exactly its links and
entailments in the same atomic update as its triples. Entailments are kept
apart from what the source says, so ``FROM`` the document graphs alone gives
the asserted statements only. Every change of a document is
ONE SPARQL Update request, which Oxigraph (embedded and server), Jena Fuseki
and GraphDB apply as a single transaction: a process killed mid-way leaves the
document wholly old or wholly new.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import DCTERMS

from govtrace.ontology.iris import IriScheme

SHA_PREFIX = "sha256:"


@dataclass(frozen=True)
class GraphLayout:
    """Named-graph IRIs under one IRI scheme."""

    iris: IriScheme

    def document(self, doc_id: str) -> URIRef:
        return self.iris.document_graph(doc_id)

    def derived(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.iris.derived_graph()}/{doc_id}")

    @property
    def reference(self) -> URIRef:
        return self.iris.reference_graph()

    @property
    def inferred(self) -> URIRef:
        return URIRef(self.iris.base + "graph/inferred")

    def inferred_document(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.iris.base}graph/inferred/doc/{doc_id}")

    @property
    def inferred_reference(self) -> URIRef:
        return URIRef(self.iris.base + "graph/inferred/reference")

    @property
    def works(self) -> URIRef:
        return URIRef(self.iris.base + "graph/works")

    @property
    def inferred_works(self) -> URIRef:
        return URIRef(self.iris.base + "graph/inferred/works")

    @property
    def manifest(self) -> URIRef:
        return URIRef(self.iris.base + "graph/manifest")

    def replace_document_update(self, doc_id: str, sha256: str, ntriples: str,
                                inferred: str) -> str:
        """Drop the document's graphs (its own, its entailments, its links) and manifest
        entry; insert the new ones."""
        doc = self.document(doc_id)
        return ";\n".join([
            *self._forget(doc_id),
            f"INSERT DATA {{ GRAPH <{doc}> {{\n{ntriples}}}\n"
            f"GRAPH <{self.inferred_document(doc_id)}> {{\n{inferred}}}\n"
            f"{self._manifest_entry(doc_id, sha256)} }}",
        ])

    def manifest_update(self, doc_id: str, sha256: str) -> str:
        """Record a document as stored (after a Graph Store Protocol load of its graph)."""
        doc = self.document(doc_id)
        return (f"DELETE WHERE {{ GRAPH <{self.manifest}> {{ <{doc}> ?p ?o }} }} ;\n"
                f"INSERT DATA {{ {self._manifest_entry(doc_id, sha256)} }}")

    def _manifest_entry(self, doc_id: str, sha256: str) -> str:
        return (f"GRAPH <{self.manifest}> {{ <{self.document(doc_id)}> "
                f"<{DCTERMS.identifier}> {_string(doc_id)} ; "
                f"<{DCTERMS.hasVersion}> {_string(SHA_PREFIX + sha256)} }}")

    def delete_document_update(self, doc_id: str) -> str:
        return ";\n".join(self._forget(doc_id))

    def replace_graphs_update(self, graphs: dict[URIRef, str]) -> str:
        """Replace each graph by its N-Triples, in one update."""
        drops = [f"DROP SILENT GRAPH <{graph_iri}>" for graph_iri in graphs]
        # An empty graph is only dropped: Virtuoso rejects an empty `GRAPH <g> {}` block
        # inside INSERT DATA (SP030), which SPARQL allows (the works' entailments are empty
        # since ontology 4.0.0 materializes no ELI copies).
        inserts = "\n".join(f"GRAPH <{graph_iri}> {{\n{ntriples}}}"
                             for graph_iri, ntriples in graphs.items() if ntriples.strip())
        return ";\n".join([*drops, *([f"INSERT DATA {{ {inserts} }}"] if inserts else [])])

    def documents_query(self) -> str:
        return (f"SELECT ?id ?version WHERE {{ GRAPH <{self.manifest}> {{ "
                f"?g <{DCTERMS.identifier}> ?id ; <{DCTERMS.hasVersion}> ?version }} }}")

    def _forget(self, doc_id: str) -> list[str]:
        doc = self.document(doc_id)
        return [
            f"DROP SILENT GRAPH <{doc}>",
            f"DROP SILENT GRAPH <{self.inferred_document(doc_id)}>",
            f"DROP SILENT GRAPH <{self.derived(doc_id)}>",
            f"DELETE WHERE {{ GRAPH <{self.manifest}> {{ <{doc}> ?p ?o }} }}",
        ]


def _string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
