"""The ontology loads, is complete, consistent, and defines the issue's public names."""

from __future__ import annotations

import io
from pathlib import Path

import owlready2
import pytest
from rdflib import Graph, Literal, URIRef

from govtrace.errors import (
    ONTOLOGY_INCOMPLETE,
    ONTOLOGY_INCONSISTENT,
    ONTOLOGY_PARSE,
    REASONER_UNAVAILABLE,
    OntologyError,
)
from govtrace.ontology.check import check_ontology
from govtrace.ontology.loading import ONTOLOGY_FILE, parse_turtle, read_source
from govtrace.ontology.namespaces import GT, OA, ONTOLOGY_IRI, ORG, OWL, PROV, RDF, RDFS, SKOS
from govtrace.ontology.reasoning import reason
from govtrace.ontology.terms import TermKind, term_gaps, terms_of
from tests.support.system_tools import JAVA, need

C, OP, DP = TermKind.CLASS, TermKind.OBJECT_PROPERTY, TermKind.DATATYPE_PROPERTY

# The public names (and the agreed additions), with the kind each must have.
PUBLIC = {
    **dict.fromkeys((
        "PolicyDocument", "Outline", "ImplementationScheme", "WorkPlan", "WorkReport",
        "Section", "Task", "ReportItem", "Regulation", "Law", "AdministrativeRegulation",
        "LocalRegulation", "GovernmentRule", "NormativeDocument", "Agency",
        "AdministrativeDivision", "AdministrativeLevel", "Notice", "CitedWork",
        "OtherWork", "SourceFile", "SourceSpan", "Citation", "CitationKind", "Deadline",
        "Quantity", "QuantitativeTarget", "ReportedFigure", "LineageLink", "Evidence",
    ), C),
    **dict.fromkeys((
        "hasTask", "implements", "implementsDocument", "alignedWith", "cites",
        "mandatedBy", "leadUnit", "responsibleUnit", "issuedBy", "jurisdiction", "level",
        "withinDivision", "reportsOn", "carries", "sourceFile", "inFile", "span",
        "hasSection", "inSection", "inDocument", "hasReportItem", "hasCitation",
        "citedWork", "citationKind", "produces", "hasDeadline", "hasTarget", "hasFigure",
        "linkFrom", "linkTo", "linkType", "hasEvidence", "childSpan", "parentSpan",
        "implementsTransitively",
    ), OP),
    **dict.fromkeys((
        "number", "title", "text", "adminCode", "orderNumber", "documentNumber",
        "confidence", "fileName", "sha256", "encoding", "mediaType", "charStart",
        "charEnd", "exact", "numberText", "path", "coversYear", "cue", "dueDate",
        "measure", "value", "unit", "comparator", "change", "method", "textReuse",
        "phrase", "rank",
    ), DP),
}


def test_header(ontology: Graph) -> None:
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionInfo) == Literal("1.0")


@pytest.mark.parametrize(("name", "kind"), sorted(PUBLIC.items()))
def test_public_name_has_its_kind(ontology: Graph, name: str, kind: TermKind) -> None:
    assert terms_of(ontology).get(GT[name]) is kind


def test_every_term_is_labelled_and_defined(ontology: Graph) -> None:
    assert term_gaps(ontology) == []
    assert len(terms_of(ontology)) >= len(PUBLIC)


@pytest.mark.parametrize(("sub", "predicate", "sup"), [
    (GT.mandatedBy, RDFS.subPropertyOf, GT.cites),
    (GT.produces, RDFS.subPropertyOf, GT.cites),
    (GT.implements, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (GT.implements, RDFS.subPropertyOf, GT.implementsTransitively),
    (GT.Agency, RDFS.subClassOf, ORG.Organization),
    (GT.SourceSpan, RDFS.subClassOf, OA.TextPositionSelector),
    (GT.charStart, RDFS.subPropertyOf, OA.start),
    (GT.charEnd, RDFS.subPropertyOf, OA.end),
    (GT.exact, RDFS.subPropertyOf, OA.exact),
    (GT.Outline, RDFS.subClassOf, GT.PolicyDocument),
    (GT.NormativeDocument, RDFS.subClassOf, GT.Regulation),
    (GT.Regulation, RDFS.subClassOf, GT.CitedWork),
    (GT.AdministrativeLevel, RDFS.subClassOf, SKOS.Concept),
])
def test_alignment(ontology: Graph, sub: URIRef, predicate: URIRef, sup: URIRef) -> None:
    assert (sub, predicate, sup) in ontology


def test_transitive_properties(ontology: Graph) -> None:
    transitive = set(ontology.subjects(RDF.type, OWL.TransitiveProperty))
    assert {GT.withinDivision, GT.implementsTransitively} <= transitive
    assert GT.implements not in transitive  # only the next level up, never a chain


def test_levels_ranked_with_inner_mongolian_names(ontology: Graph) -> None:
    ranks = {level: int(ontology.value(level, GT.rank).toPython())
             for level in ontology.subjects(RDF.type, GT.AdministrativeLevel)}
    assert ranks == {GT.National: 1, GT.Provincial: 2, GT.Prefectural: 3, GT.County: 4,
                     GT.Township: 5, GT.Village: 6}
    for level, name in [(GT.Prefectural, "盟"), (GT.County, "旗"), (GT.Township, "苏木"),
                        (GT.Village, "嘎查")]:
        assert Literal(name, lang="zh") in set(ontology.objects(level, SKOS.altLabel))
    for level in ranks:
        assert {lit.language for lit in ontology.objects(level, SKOS.prefLabel)} == {"zh", "en"}


def test_citation_kinds(ontology: Graph) -> None:
    assert set(ontology.subjects(RDF.type, GT.CitationKind)) == {
        GT.Mandate, GT.Deliverable, GT.Mention}


def test_loads_in_owlready2(ontology: Graph) -> None:
    world = owlready2.World()
    onto = world.get_ontology(ONTOLOGY_IRI).load(
        fileobj=io.BytesIO(ontology.serialize(format="nt", encoding="utf-8")), format="ntriples")
    task = onto.search_one(iri=str(GT.Task))
    assert task is not None
    assert onto.search_one(iri=str(GT.implements)) in world.object_properties()
    assert onto.search_one(iri=str(GT.number)) in world.data_properties()
    county = onto.search_one(iri=str(GT.County))
    assert county.rank == 4  # functional, so owlready2 gives a single value


@pytest.mark.slow
def test_hermit_finds_it_consistent(ontology: Graph) -> None:
    need(JAVA)
    result = reason(ontology)
    assert result.seconds > 0


@pytest.mark.slow
def test_hermit_names_an_unsatisfiable_class(ontology: Graph) -> None:
    need(JAVA)
    broken = Graph() + ontology
    broken.add((GT.Task, RDFS.subClassOf, GT.PolicyDocument))  # but they are disjoint
    with pytest.raises(OntologyError) as caught:
        reason(broken)
    assert caught.value.error is ONTOLOGY_INCONSISTENT
    assert str(GT.Task) in caught.value.detail


@pytest.mark.slow
def test_instance_of_unsatisfiable_class_is_inconsistent(ontology: Graph) -> None:
    need(JAVA)
    broken = Graph() + ontology
    broken.add((GT.AdministrativeLevel, RDFS.subClassOf, GT.Task))  # gt:County is a level
    with pytest.raises(OntologyError) as caught:
        reason(broken)
    assert caught.value.error is ONTOLOGY_INCONSISTENT


def test_missing_java_is_reported(ontology: Graph, tmp_path: Path) -> None:
    with pytest.raises(OntologyError) as caught:
        reason(ontology, java=str(tmp_path / "no-java"))
    assert caught.value.error is REASONER_UNAVAILABLE


def _bundled_text() -> str:
    return read_source(None, ONTOLOGY_FILE)[0]


def test_removing_a_label_fails_the_check(tmp_path: Path) -> None:
    text = _bundled_text()
    label = 'rdfs:label "落实"@zh , "implements"@en ;'
    assert text.count(label) == 1
    path = tmp_path / "govtrace.ttl"
    path.write_text(text.replace(label, 'rdfs:label "implements"@en ;'), encoding="utf-8")
    with pytest.raises(OntologyError) as caught:
        check_ontology(path)
    assert caught.value.error is ONTOLOGY_INCOMPLETE
    assert "gt:implements lacks rdfs:label@zh" in caught.value.detail


def test_undeclared_term_fails_the_check(ontology: Graph) -> None:
    broken = Graph() + ontology
    undeclared = URIRef(str(GT) + "Undeclared")  # GT itself refuses unknown terms
    broken.add((GT.Task, RDFS.subClassOf, undeclared))
    (gap,) = term_gaps(broken)
    assert gap.term == undeclared
    assert "a declaration" in gap.missing[0]


def test_syntax_error_is_located() -> None:
    lines = _bundled_text().splitlines()
    where = next(i for i, line in enumerate(lines) if line.startswith("gt:Task a owl:Class"))
    lines[where] = "gt:Task a owl:Class , ;"  # an object list may not end in a comma
    with pytest.raises(OntologyError) as caught:
        parse_turtle("\n".join(lines), "broken.ttl")
    assert caught.value.error is ONTOLOGY_PARSE
    location = caught.value.location
    assert location is not None and location.file == "broken.ttl"
    assert location.line == where + 1
    assert location.column == len("gt:Task a") + 1  # rdflib points where the object list starts
