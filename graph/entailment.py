"""The ontology's entailments, computed where the triples are made.

The rules are the few the ontology needs — rdfs:subClassOf typing,
rdfs:subPropertyOf copies and the closure of each owl:TransitiveProperty
(gt:implementsTransitively, gt:withinDivision) — and they are driven by the
axioms of ``ontology/govtrace.ttl``, not by lists in this code. Only
govtrace's own terms are materialized (a gt: class or property above a
stated one): the copies into the standard vocabularies it aligns with
(``eli:applies``, ``eli:is_part_of``, ``prov:wasDerivedFrom``,
``dcterms:title``, ``eli:LegalResource`` …) restated every gt: fact a second
and third time, about 11 % of a 1k store's statements, and no saved query or
API answer reads them; a query in those terms walks the axioms the reference
graph holds with a property path (``?p rdfs:subPropertyOf* eli:applies``,
docs/ontology.md, ontology 4.0.0).

Typing and sub-property copies depend on one statement at a time, so they are
computed for each graph as it is written (:meth:`Entailment.entail`): a
document's entailments go to its own graph ``graph/inferred/doc/{id}`` in the
same atomic update as the document, a link's into its derived graph, the
reference data's into ``graph/inferred/reference``. Only the transitive
closures join statements of many documents; :mod:`govtrace.graph.inference`
recomputes them after linking.

Why this instead of SPARQL ``INSERT … WHERE`` over the whole store (the
first design): every build re-derived every document's types, 23 s and
6–9 GB of CONSTRUCT results at 1k/10k documents, even after one file
changed. Per statement, in the worker that made the statement, it costs a
dictionary look-up. owlrl was measured 17× slower per triple than even the
SPARQL design, and needs the whole graph in rdflib memory.

The same per-graph pass also writes the one materialization a saved query needs that no
axiom gives: which glossary terms each task mentions (:mod:`govtrace.graph.term_index`),
so that a question about a term is an index look-up, not a scan of every task's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from govtrace.graph.term_index import mentioned_terms
from govtrace.ontology.namespaces import GT
from govtrace.ontology.ntriples import Statement, Statements, iri

TYPE = iri(RDF.type)


@dataclass(frozen=True)
class Entailment:
    """What the ontology entails, as look-up tables of N-Triples IRI terms."""

    superclasses: Mapping[str, tuple[str, ...]]
    """Each class with its strict superclasses (named ones only)."""
    superproperties: Mapping[str, tuple[str, ...]]
    """Each property with its strict super-properties."""
    transitive: Mapping[str, tuple[str, ...]]
    """Each transitive property with itself and its sub-properties (plain IRIs)."""

    @classmethod
    def of(cls, ontology: Graph) -> Entailment:
        return cls(_strict_supers(ontology, RDFS.subClassOf),
                   _strict_supers(ontology, RDFS.subPropertyOf),
                   _transitive(ontology))

    def entail(self, statements: Iterable[Statement]) -> Statements:
        """The statements the rules add to ``statements`` (those not already in it), with
        the glossary terms its tasks mention (``gt:mentionsTerm``)."""
        given = statements if isinstance(statements, Statements) else Statements(statements)
        out = Statements(m for m in mentioned_terms(given) if m not in given)
        for s, p, o in given:
            # A statement's supers looked up before anything is built: most statements have
            # none, and `out.update` of an empty generator for each of them was half of a
            # document's entailment (issue 16). A blank node's entailment would name a new,
            # unrelated node.
            supers = (self.superclasses.get(o, ()) if p == TYPE
                      else self.superproperties.get(p, ()))
            if not supers or s.startswith("_:"):
                continue
            made = ((s, TYPE, c) for c in supers) if p == TYPE else ((s, q, o) for q in supers)
            out.update(m for m in made if m not in given)
        return out

    def supers_of(self, prop: str) -> tuple[str, ...]:
        """The strict super-properties of ``prop`` (a plain IRI), as IRI terms."""
        return self.superproperties.get(iri(prop), ())


def _strict_supers(ontology: Graph, axiom: URIRef) -> dict[str, tuple[str, ...]]:
    """Each term with the govtrace terms above it that are materialized: not the standard
    vocabularies' (see the module's docstring), nor a property declared the inverse of one
    the writer states (gt:hasPart of gt:inDocument: as with gt:citationOf and gt:sourceOf,
    one direction is written and a reasoner gives the other)."""
    found = {}
    for sub in set(ontology.subjects(axiom, None)):
        if not isinstance(sub, URIRef):
            continue
        supers = sorted(iri(s) for s in ontology.transitive_objects(sub, axiom)
                        if isinstance(s, URIRef) and s != sub and s in GT
                        and (s, OWL.inverseOf, None) not in ontology)
        if supers:
            found[iri(sub)] = tuple(supers)
    return found


def _transitive(ontology: Graph) -> dict[str, tuple[str, ...]]:
    found = {}
    for prop in ontology.subjects(RDF.type, OWL.TransitiveProperty):
        if isinstance(prop, URIRef):
            members = ontology.transitive_subjects(RDFS.subPropertyOf, prop)
            found[str(prop)] = tuple(sorted(str(m) for m in members if isinstance(m, URIRef)))
    return dict(sorted(found.items()))


@cache
def ontology_entailment() -> Entailment:
    """The entailment of govtrace's own ontology (what the reference graph holds)."""
    from govtrace.ontology.loading import load_ontology

    return Entailment.of(load_ontology())


def statements_of(ntriples: str) -> Iterator[Statement]:
    """N-Triples text as statements (terms in N-Triples form, as pyoxigraph prints them)."""
    for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        yield str(t.subject), str(t.predicate), str(t.object)


def entailed_ntriples(ntriples: str) -> str:
    """The ontology's entailments of an N-Triples text, as N-Triples."""
    return ontology_entailment().entail(statements_of(ntriples)).ntriples()
