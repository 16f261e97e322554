"""Materialized inference over the seed facts, driven by the ontology's axioms."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from govtrace.graph.inference import materialize
from govtrace.graph.layout import GraphLayout
from govtrace.graph.store import DocumentGraph, GraphStore
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.loading import load_ontology
from govtrace.ontology.namespaces import GT
from tests.graph.conftest import task
from tests.support.demo import D000, D004

LAYOUT = GraphLayout(IriScheme())
OUTLINE_TASK_9 = URIRef("https://w3id.org/govtrace/id/doc/national-outline-2021-2025/task/9")


def _load_without_inferences(store: GraphStore, documents: list[DocumentGraph],
                             reference: Graph) -> None:
    """The seed facts minus the closure the example spells out, so inference must add it."""
    for document in documents:
        document.graph.remove((None, GT.implementsTransitively, None))
    store.bulk_load(documents)
    store.set_reference(reference + load_ontology())


def _ask(store: GraphStore, pattern: str) -> bool:
    return store.query(f"ASK {{ {pattern} }}").boolean


def test_closure_subproperties_and_types(store: GraphStore, seed_documents: list[DocumentGraph],
                                         seed_reference: Graph) -> None:
    _load_without_inferences(store, seed_documents, seed_reference)
    summary = materialize(store, LAYOUT)
    assert str(GT.implementsTransitively) in summary.transitive_properties
    assert str(GT.withinDivision) in summary.transitive_properties
    wushen_task = task(D000, 5)
    # chain across three graphs: 乌审旗 （五） → region (六) → outline 九
    assert _ask(store, f"<{wushen_task}> <{GT.implementsTransitively}> <{OUTLINE_TASK_9}>")
    assert _ask(store, f"<{wushen_task}> <{GT.implementsTransitively}> <{task(D004, 6)}>")
    # the standard vocabularies' copies are left to the axioms (ontology 4.0.0)
    assert not _ask(store, f"<{wushen_task}> <{PROV.wasDerivedFrom}> <{task(D004, 6)}>")
    # 乌审旗 within 鄂尔多斯市 within 内蒙古 within 中华人民共和国
    assert _ask(store, "<https://w3id.org/govtrace/id/division/150626> "
                       f"<{GT.withinDivision}> <https://w3id.org/govtrace/id/division/100000>")
    assert _ask(store, f"<https://w3id.org/govtrace/id/doc/{D000}> "
                       f"<{RDF.type}> <{GT.PolicyDocument}>")
    # citations: a mandate is also a citation (gt:mandatedBy ⊑ gt:cites)
    assert not _ask(store, f"?t <{GT.mandatedBy}> ?r FILTER NOT EXISTS {{ ?t <{GT.cites}> ?r }}")


def test_inference_is_idempotent_and_only_adds_new_triples(
        store: GraphStore, seed_documents: list[DocumentGraph], seed_reference: Graph) -> None:
    _load_without_inferences(store, seed_documents, seed_reference)
    first = materialize(store, LAYOUT).inferred_triples
    assert first > 0
    assert materialize(store, LAYOUT).inferred_triples == first
    duplicated = store.query(
        f"ASK {{ GRAPH <{LAYOUT.inferred}> {{ ?s ?p ?o }} GRAPH ?g {{ ?s ?p ?o }} "
        f"FILTER(?g != <{LAYOUT.inferred}>) }}").boolean
    assert not duplicated
