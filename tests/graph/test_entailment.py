"""Entailments computed per graph from the ontology's axioms (no rule lists in code)."""

from __future__ import annotations

from rdflib.namespace import PROV, RDF

from govtrace.graph.build import demo_corpus
from govtrace.graph.build_workers import Job, extract_jobs
from govtrace.graph.entailment import ontology_entailment, statements_of
from govtrace.ontology.namespaces import ELI, GT
from govtrace.ontology.ntriples import iri
from govtrace.settings import Settings
from tests.support.demo import D000, D004, seed_file

TASK = iri(f"https://w3id.org/govtrace/id/doc/{D000}/task/5")
PARENT = iri(f"https://w3id.org/govtrace/id/doc/{D004}/task/6")


def test_the_ontology_drives_the_tables() -> None:
    entailment = ontology_entailment()
    assert iri(GT.PolicyDocument) in entailment.superclasses[iri(GT.WorkPlan)]
    assert entailment.superproperties[iri(GT.implements)] == (iri(GT.implementsTransitively),)
    assert str(GT.implements) in entailment.transitive[str(GT.implementsTransitively)]


def test_only_govtrace_terms_are_materialized_issue_16() -> None:
    """The standard vocabularies' copies of a gt: fact (prov:wasDerivedFrom, eli:applies,
    eli:LegalResource …) are left to the axioms: they restated every fact (ontology 4.0.0)."""
    entailment = ontology_entailment()
    made = set(entailment.entail([(TASK, iri(GT.implements), PARENT),
                                  (TASK, iri(RDF.type), iri(GT.Task))]))
    assert made == {(TASK, iri(GT.implementsTransitively), PARENT)}
    assert all(term.startswith(f"<{GT}") for supers in (
        *entailment.superclasses.values(), *entailment.superproperties.values())
        for term in supers)


def test_a_link_entails_its_super_properties_only_once() -> None:
    entailment = ontology_entailment()
    link = (TASK, iri(GT.implements), PARENT)
    stated_super = (TASK, iri(GT.implementsTransitively), PARENT)
    made = set(entailment.entail([link, stated_super]))
    assert stated_super not in made  # already stated: not repeated
    assert (TASK, iri(PROV.wasDerivedFrom), PARENT) not in made


def test_a_seed_documents_entailments() -> None:
    """The real extraction of a seed: every span is an oa:SpecificResource, the plan a
    policy document and a legal resource, each mandate also a citation (issue 18)."""
    seed = demo_corpus() / seed_file(D000)
    [extracted] = extract_jobs([Job(seed, None)], Settings())
    document = extracted.document  # type: ignore[union-attr]
    stated = set(statements_of(document.ntriples()))
    entailed = set(statements_of(document.inferred_ntriples()))
    assert not stated & entailed
    spans = {o for s, p, o in stated if p == iri(GT.span)}
    assert spans and not {s for s, p, _ in stated | entailed if p == iri(RDF.type) and s in spans}
    doc = next(s for s, p, o in stated if p == iri(GT.hasTask))
    assert (doc, iri(RDF.type), iri(GT.PolicyDocument)) in entailed
    assert (doc, iri(RDF.type), iri(ELI.LegalResource)) not in entailed
    mandates = {(s, o) for s, p, o in stated if p == iri(GT.mandatedBy)}
    assert mandates
    assert all((s, iri(GT.cites), o) in stated | entailed for s, o in mandates)
    # The works it cites are described (and their entailments drawn) once per store, in the
    # works graph (issue 16; tests/graph/test_works_graph.py), not in each citing document's.
    cited = {o for _, o in mandates}
    assert not {s for s, p, _ in stated | entailed if p == iri(RDF.type) and s in cited}
