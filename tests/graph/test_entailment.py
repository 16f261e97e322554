"""Entailments computed per graph from the ontology's axioms (no rule lists in code)."""

from __future__ import annotations

from rdflib.namespace import PROV, RDF

from govtrace.graph.build import demo_corpus
from govtrace.graph.build_workers import Job, extract_jobs
from govtrace.graph.entailment import ontology_entailment, statements_of
from govtrace.ontology.namespaces import ELI, GT, OA
from govtrace.ontology.ntriples import iri
from govtrace.settings import Settings

TASK = iri("https://w3id.org/govtrace/id/doc/000_6b53b361d8411ab5/task/5")
PARENT = iri("https://w3id.org/govtrace/id/doc/004_c5645c69c3d939d1/task/6")


def test_the_ontology_drives_the_tables() -> None:
    entailment = ontology_entailment()
    assert iri(GT.PolicyDocument) in entailment.superclasses[iri(GT.WorkPlan)]
    assert set(entailment.superproperties[iri(GT.implements)]) >= {
        iri(GT.implementsTransitively), iri(PROV.wasDerivedFrom)}
    assert str(GT.implements) in entailment.transitive[str(GT.implementsTransitively)]


def test_a_link_entails_its_super_properties_only_once() -> None:
    entailment = ontology_entailment()
    link = (TASK, iri(GT.implements), PARENT)
    stated_super = (TASK, iri(GT.implementsTransitively), PARENT)
    made = set(entailment.entail([link, stated_super]))
    assert (TASK, iri(PROV.wasDerivedFrom), PARENT) in made
    assert stated_super not in made  # already stated: not repeated


def test_a_seed_documents_entailments() -> None:
    """The real extraction of a seed: every span is an oa:TextPositionSelector, the plan a
    policy document, each regulation a legal resource, each mandate also a citation."""
    seed = demo_corpus() / "000_6b53b361d8411ab5.txt"
    [extracted] = extract_jobs([Job(seed, None)], Settings())
    document = extracted.document  # type: ignore[union-attr]
    stated = set(statements_of(document.ntriples()))
    entailed = set(statements_of(document.inferred_ntriples()))
    assert not stated & entailed
    spans = {s for s, p, o in stated if p == iri(RDF.type) and o == iri(GT.SourceSpan)}
    assert spans and all((s, iri(RDF.type), iri(OA.TextPositionSelector)) in entailed
                         for s in spans)
    doc = iri("https://w3id.org/govtrace/id/doc/000_6b53b361d8411ab5")
    assert (doc, iri(RDF.type), iri(GT.PolicyDocument)) in entailed
    mandates = {(s, o) for s, p, o in stated if p == iri(GT.mandatedBy)}
    assert mandates
    assert all((s, iri(GT.cites), o) in stated | entailed for s, o in mandates)
    laws = {s for s, p, o in stated if p == iri(RDF.type) and o == iri(GT.Law)}
    assert all((s, iri(RDF.type), iri(ELI.LegalResource)) in entailed for s in laws)
