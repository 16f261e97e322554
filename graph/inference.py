"""Inference materialized at build time, so plain SPARQL sees it.

The rules are the few the ontology needs — rdfs:subClassOf typing,
rdfs:subPropertyOf, owl:TransitiveProperty closure (gt:implementsTransitively,
gt:withinDivision) — and they are driven by the axioms in the reference graph
(the ontology loaded from ontology/govtrace.ttl), not by lists in this code.

Why SPARQL INSERT … WHERE with property paths instead of owlrl: owlrl runs its
rule set to a fixpoint in Python over an rdflib graph. Measured on the
synthetic lineage graph of bench/sparql_bench.py: owlrl's RDFS closure of
19k triples took 11.7 s, whereas these updates over 158k quads (91k data +
ontology) took 5.7 s inside Oxigraph — about 17× less per triple, and owlrl
also needs the whole graph in rdflib memory. Transitive closure comes from the
``+`` path operator in one pass, not from repeated rule rounds.

On a remote store every run replaces ``graph/inferred`` in ONE update (DROP +
the INSERTs; the server's default graph is the union of the named graphs). On
the embedded store an update's WHERE sees only the listed graphs (``USING``),
and listing every document's graph makes Oxigraph's evaluation crawl (107 s on
160k quads of a 60-document synthetic corpus, against under 1 s for the same
patterns over the union default graph). So there each rule is a CONSTRUCT over
the union, inserted into the emptied ``graph/inferred`` — not atomic, hence the
completion mark in the manifest: it is removed before and written after, and a
build that finds it missing (a killed build) recomputes inference.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from govtrace.graph.layout import GraphLayout
from govtrace.graph.store import GraphStore


@dataclass(frozen=True)
class InferenceSummary:
    transitive_properties: tuple[str, ...]
    inferred_triples: int


def materialize(store: GraphStore, layout: GraphLayout, *, bulk: bool = False
                ) -> InferenceSummary:
    """Recompute ``graph/inferred`` from every other graph; returns what it did.
    ``bulk``: the store is a first build's (Oxigraph's non-transactional loader)."""
    from govtrace.graph.store_oxigraph import EmbeddedStore

    transitive = _transitive_properties(store)
    store.update(f"DROP SILENT GRAPH <{layout.inferred}> ;\n{_mark(layout, 'DELETE')}")
    if isinstance(store, EmbeddedStore):
        for rule in rules(transitive)[:len(transitive)]:
            _insert(store.oxigraph, layout, rule, bulk=bulk)
        _copy_up(store.oxigraph, layout, str(RDFS.subPropertyOf), bulk=bulk)
        _copy_up(store.oxigraph, layout, str(RDFS.subClassOf), bulk=bulk)
    else:
        sources = [iri for iri in store.named_graphs()
                   if iri not in (str(layout.inferred), str(layout.manifest))]
        store.update(inference_update(layout, transitive, store.update_dataset(sources),
                                      store.update_dataset([*sources, str(layout.inferred)])))
    store.update(_mark(layout, "INSERT"))
    return InferenceSummary(tuple(transitive), store.triple_count(str(layout.inferred)))


def is_complete(store: GraphStore, layout: GraphLayout) -> bool:
    """Whether the last inference run finished (see the module notes)."""
    rows = store.query(f"ASK {{ GRAPH <{layout.manifest}> {{ <{layout.inferred}> "
                       f"<{DCTERMS.hasVersion}> {_COMPLETE} }} }}")
    return b"true" in rows.payload


_COMPLETE = '"complete"'


def _mark(layout: GraphLayout, verb: str) -> str:
    return (f"{verb} DATA {{ GRAPH <{layout.manifest}> {{ <{layout.inferred}> "
            f"<{DCTERMS.hasVersion}> {_COMPLETE} }} }}")


def rules(transitive: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(CONSTRUCT template, WHERE) of each rule, in the order that makes one pass
    complete (see :func:`inference_update`)."""
    found = []
    for prop, subs in transitive.items():
        path = "|".join(f"<{sub}>" for sub in subs)
        found.append((f"?s <{prop}> ?o",
                      f"?s ({path})+ ?o . FILTER NOT EXISTS {{ ?s <{prop}> ?o }}"))
    found.append(("?s ?super ?o",
                  f"?p <{RDFS.subPropertyOf}>+ ?super . FILTER(isIRI(?super)) ?s ?p ?o . "
                  f"FILTER NOT EXISTS {{ ?s ?super ?o }}"))
    found.append((f"?x <{RDF.type}> ?super",
                  f"?c <{RDFS.subClassOf}>+ ?super . FILTER(isIRI(?super)) "
                  f"?x <{RDF.type}> ?c . FILTER NOT EXISTS {{ ?x <{RDF.type}> ?super }}"))
    return found


def _insert(store: ox.Store, layout: GraphLayout, rule: tuple[str, str], *, bulk: bool) -> None:
    template, where = rule
    triples = store.query(f"CONSTRUCT {{ {template} }} WHERE {{ {where} }}",
                          use_default_graph_as_union=True)
    graph = ox.NamedNode(str(layout.inferred))
    # materialized first: the union the query reads includes the graph being written
    _add(store, [ox.Quad(t.subject, t.predicate, t.object, graph)
                 for t in triples], bulk=bulk)  # type: ignore[union-attr]


def _copy_up(store: ox.Store, layout: GraphLayout, axiom: str, *, bulk: bool) -> None:
    """The sub-property (``axiom`` rdfs:subPropertyOf) or type (rdfs:subClassOf) rule of
    :func:`rules`, evaluated with Oxigraph's pattern index instead of its SPARQL engine,
    which joins ``?s ?p ?o`` with the ontology's pairs 4× slower (37.5 s against 9 s for
    the 1.7M quads of a 1,000-document corpus). Same triples: each (sub, super) pair from
    the union, each statement of ``sub`` copied up unless already stated."""
    graph = ox.NamedNode(str(layout.inferred))
    rows = store.query(f"SELECT ?sub ?super WHERE {{ ?sub <{axiom}>+ ?super . "
                       f"FILTER(isIRI(?super) && isIRI(?sub)) }}", use_default_graph_as_union=True)
    pairs = [(row["sub"], row["super"]) for row in rows]  # type: ignore[union-attr]
    typing = axiom == str(RDFS.subClassOf)
    rdf_type = ox.NamedNode(str(RDF.type))
    quads = []
    for sub, sup in pairs:
        if typing:
            found = store.quads_for_pattern(None, rdf_type, sub, None)
            stated = _stated(store, None, rdf_type, sup)
        else:
            found = store.quads_for_pattern(None, sub, None, None)
            stated = _stated(store, None, sup, None)
        for quad in found:
            made = (ox.Quad(quad.subject, rdf_type, sup, graph) if typing
                    else ox.Quad(quad.subject, sup, quad.object, graph))
            if stated and _stated(store, made.subject, made.predicate, made.object):
                continue
            quads.append(made)
    _add(store, quads, bulk=bulk)


def _stated(store: ox.Store, s: object, p: object, o: object) -> bool:
    return next(iter(store.quads_for_pattern(s, p, o, None)), None) is not None  # type: ignore[arg-type]


def _add(store: ox.Store, quads: list[ox.Quad], *, bulk: bool) -> None:
    if bulk:
        store.bulk_extend(quads)
    else:
        store.extend(quads)


def inference_update(layout: GraphLayout, transitive: dict[str, list[str]], base: str,
                     with_inferred: str) -> str:
    """DROP the inferred graph, then closure, sub-properties and types, in that order.

    The order makes one pass complete: closures first (each over the property
    and all its sub-properties), then sub-property copies (which carry the
    closures up to their super-properties), then types (over everything).
    ``base`` / ``with_inferred`` are the stores' dataset clauses (USING …) for the
    source graphs, without and with ``graph/inferred``.
    """
    target = f"GRAPH <{layout.inferred}>"
    operations = [f"DROP SILENT GRAPH <{layout.inferred}>"]
    steps = rules(transitive)
    for number, (template, where) in enumerate(steps):
        dataset = base if number < len(transitive) else with_inferred
        operations.append(f"INSERT {{ {target} {{ {template} }} }} {dataset} WHERE {{ {where} }}")
    return " ;\n".join(operations)


def _transitive_properties(store: GraphStore) -> dict[str, list[str]]:
    """Each owl:TransitiveProperty with itself and all its sub-properties."""
    rows = store.query(
        f"SELECT ?p ?sub WHERE {{ ?p a <{OWL.TransitiveProperty}> . "
        f"?sub <{RDFS.subPropertyOf}>* ?p . FILTER(isIRI(?sub)) }} ORDER BY ?p ?sub").bindings()
    closure: dict[str, list[str]] = {}
    for row in rows:
        closure.setdefault(str(row["p"]), []).append(str(row["sub"]))
    return closure
