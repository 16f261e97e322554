"""The transitive closures, materialized after linking so plain SPARQL sees them.

Typing and sub-property copies are computed per graph as it is written
(:mod:`govtrace.graph.entailment`); what is left is the closure of each
owl:TransitiveProperty of the ontology (gt:implementsTransitively over the
lineage links of every document, gt:withinDivision over the gazetteer),
which joins statements of many graphs. It is recomputed whole into
``graph/inferred`` whenever links or reference data changed: the edges come
out of the store in one CONSTRUCT per property, the closure is networkx's,
and the result replaces the graph in one atomic update (a first build's
bulk loader appends it to the empty graph instead). Every task's
``gt:listingOrder`` (:mod:`govtrace.graph.listing_order`), which also reads
many graphs (a task's document, its division, the division's level), goes
into the same graph the same way, so a changed document's tasks are
renumbered with it.

A closure is small beside the corpus — chains are at most four levels deep —
so recomputing it whole is cheaper and simpler than tracking which chains an
update touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from govtrace.graph.entailment import Entailment, ontology_entailment
from govtrace.graph.layout import GraphLayout
from govtrace.graph.listing_order import listing_order
from govtrace.graph.store import GraphStore
from govtrace.graph.store_oxigraph import EmbeddedStore, construct_terms
from govtrace.ontology.ntriples import Statement, Statements, iri


@dataclass(frozen=True)
class InferenceSummary:
    transitive_properties: tuple[str, ...]
    inferred_triples: int
    """The closures' statements and the tasks' listing order."""


def materialize(store: GraphStore, layout: GraphLayout, *, bulk: bool = False
                ) -> InferenceSummary:
    """Recompute ``graph/inferred``; ``bulk``: the store is a first build's, whose
    ``graph/inferred`` is still empty (Oxigraph's non-transactional loader)."""
    entailment = ontology_entailment()
    inferred = Statements()
    for prop, members in entailment.transitive.items():
        inferred.update(closure(store, layout, entailment, prop, members))
    inferred.update(listing_order(store))
    if bulk and isinstance(store, EmbeddedStore):
        # lenient: the IRIs were read from the store and the literals are integers, so there
        # is nothing to validate again (at 10,000 documents 2.4 s of CPU instead of 2.8)
        store.oxigraph.bulk_load(inferred.ntriples(), format=ox.RdfFormat.N_TRIPLES,
                                 to_graph=ox.NamedNode(str(layout.inferred)), lenient=True)
    else:
        store.update(layout.replace_graphs_update({layout.inferred: inferred.ntriples()}))
    return InferenceSummary(tuple(entailment.transitive), len(inferred))


def closure(store: GraphStore, layout: GraphLayout, entailment: Entailment, prop: str,
            members: tuple[str, ...]) -> Iterator[Statement]:
    """The statements of ``prop``'s transitive closure over itself and its sub-properties
    (``members``) that no graph states, each with its super-property copies."""
    values = " ".join(f"<{m}>" for m in members)
    edges = [(str(t.subject), str(t.predicate), str(t.object)) for t in construct_terms(
        store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ VALUES ?p {{ {values} }} "
        f"?s ?p ?o }} FILTER(?g != <{layout.inferred}>) }}")]
    term = iri(prop)
    stated = {(s, o) for s, p, o in edges if p == term}
    graph = nx.DiGraph((s, o) for s, _, o in edges)
    supers = entailment.supers_of(prop)
    for s in sorted(graph):
        for o in sorted(nx.descendants(graph, s)):
            if (s, o) not in stated:
                yield s, term, o
                for sup in supers:
                    yield s, sup, o
