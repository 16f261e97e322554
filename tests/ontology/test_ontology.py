"""The ontology loads, is complete, consistent, and defines the issue's public names."""

from __future__ import annotations

import io
from pathlib import Path

import owlready2
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection

from govtrace.errors import (
    ONTOLOGY_INCOMPLETE,
    ONTOLOGY_INCONSISTENT,
    ONTOLOGY_PARSE,
    REASONER_UNAVAILABLE,
    OntologyError,
)
from govtrace.ontology.check import check_ontology
from govtrace.ontology.loading import ONTOLOGY_FILE, parse_turtle, read_source
from govtrace.ontology.namespaces import (
    DCTERMS,
    ELI,
    GT,
    OA,
    ONTOLOGY_IRI,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
)
from govtrace.ontology.reasoning import reason
from govtrace.ontology.terms import TermKind, term_gaps, terms_of
from tests.support.system_tools import JAVA, need

C, OP, DP = TermKind.CLASS, TermKind.OBJECT_PROPERTY, TermKind.DATATYPE_PROPERTY

# The issue's public names (and the agreed additions), with the kind each must have.
PUBLIC = {
    **dict.fromkeys((
        "PolicyDocument", "Outline", "ImplementationScheme", "WorkPlan", "WorkReport",
        "Section", "Task", "ReportItem", "Regulation", "Law", "AdministrativeRegulation",
        "LocalRegulation", "GovernmentRule", "NormativeDocument", "Agency",
        "AdministrativeDivision", "AdministrativeLevel", "Notice", "CitedWork",
        "OtherWork", "SourceFile", "SourceSpan", "Citation", "CitationKind", "Deadline",
        "Quantity", "QuantitativeTarget", "ReportedFigure", "LineageLink", "Evidence",
        "LegalRank", "FunctionalZone",
    ), C),
    **dict.fromkeys((
        "hasTask", "implements", "implementsDocument", "alignedWith", "cites",
        "mandatedBy", "leadUnit", "responsibleUnit", "issuedBy", "jurisdiction", "level",
        "withinDivision", "reportsOn", "carries", "sourceFile", "inFile", "span",
        "hasSection", "inSection", "inDocument", "hasReportItem", "hasCitation",
        "citedWork", "citationKind", "produces", "hasDeadline", "hasTarget", "hasFigure",
        "linkFrom", "linkTo", "linkType", "hasEvidence", "childSpan", "parentSpan",
        "implementsTransitively", "legalRank", "basedOn", "carriesOut", "hasPart",
        "citationOf", "sourceOf",
    ), OP),
    **dict.fromkeys((
        "number", "title", "text", "adminCode", "orderNumber", "documentNumber",
        "confidence", "fileName", "sha256", "encoding", "mediaType", "charStart",
        "charEnd", "exact", "numberText", "path", "coversYear", "cue", "dueDate",
        "measure", "value", "unit", "comparator", "change", "method", "textReuse",
        "phrase", "rank", "publishedOn", "reuseBasis", "identityBasis", "childStart",
        "childEnd", "parentStart", "parentEnd",
    ), DP),
    **dict.fromkeys((
        "RankLaw", "RankAdministrativeRegulation", "RankLocalRegulation", "RankGovernmentRule",
        "RankNormativeDocument", "RankPolicyDocument", "RankOther",
    ), TermKind.INDIVIDUAL),
    **dict.fromkeys(("LegalRanks", "Divisions"), TermKind.CONCEPT_SCHEME),
    "GBT2260Code": TermKind.DATATYPE,
}


def test_issue_18_header_is_versioned(ontology: Graph) -> None:
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionInfo) == Literal("4.0.0")
    assert ontology.value(header, OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/4.0.0")
    assert ontology.value(header, OWL.priorVersion) == URIRef(ONTOLOGY_IRI + "/3.0.0")


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
    (GT.Outline, RDFS.subClassOf, GT.PolicyDocument),
    (GT.NormativeDocument, RDFS.subClassOf, GT.Regulation),
    (GT.Regulation, RDFS.subClassOf, GT.CitedWork),
    (GT.AdministrativeLevel, RDFS.subClassOf, SKOS.Concept),
    # Issue 18: ELI and Web Annotation by sub-class and sub-property, where the meaning holds.
    (GT.SourceSpan, RDFS.subClassOf, OA.SpecificResource),
    (GT.CitedWork, RDFS.subClassOf, ELI.LegalResource),
    (GT.PolicyDocument, RDFS.subClassOf, GT.CitedWork),
    (GT.Section, RDFS.subClassOf, ELI.LegalResourceSubdivision),
    (GT.Task, RDFS.subClassOf, ELI.LegalResourceSubdivision),
    (GT.ReportItem, RDFS.subClassOf, ELI.LegalResourceSubdivision),
    (GT.FunctionalZone, RDFS.subClassOf, GT.AdministrativeDivision),
    (GT.AdministrativeDivision, RDFS.subClassOf, SKOS.Concept),
    (GT.LegalRank, RDFS.subClassOf, SKOS.Concept),
    (GT.basedOn, RDFS.subPropertyOf, GT.mandatedBy),
    (GT.basedOn, RDFS.subPropertyOf, ELI.based_on),
    (GT.carriesOut, RDFS.subPropertyOf, GT.mandatedBy),
    (GT.carriesOut, RDFS.subPropertyOf, ELI.applies),
    (GT.implements, RDFS.subPropertyOf, ELI.applies),
    (GT.implementsDocument, RDFS.subPropertyOf, ELI.applies),
    (GT.cites, RDFS.subPropertyOf, ELI.cites),
    (GT.inDocument, RDFS.subPropertyOf, ELI.is_part_of),
    (GT.inSection, RDFS.subPropertyOf, ELI.is_part_of),
    (GT.hasPart, RDFS.subPropertyOf, ELI.has_part),
    (GT.hasTask, RDFS.subPropertyOf, GT.hasPart),
    (GT.hasSection, RDFS.subPropertyOf, GT.hasPart),
    (GT.hasReportItem, RDFS.subPropertyOf, GT.hasPart),
    (GT.documentNumber, RDFS.subPropertyOf, ELI.id_local),
    (GT.orderNumber, RDFS.subPropertyOf, ELI.number),
    (GT.issuedBy, RDFS.subPropertyOf, ELI.passed_by),
    (GT.legalRank, RDFS.subPropertyOf, ELI.type_document),
    (GT.publishedOn, RDFS.subPropertyOf, ELI.date_publication),
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


# Issue 18: the ontology says what extraction legitimately produces, and ELI what ELI means.

CITERS = {GT.Task, GT.ReportItem, GT.PolicyDocument}
TEXT_PROPERTIES = [GT.title, GT.text, GT.measure, GT.cue, GT.phrase, GT.numberText]
CODE_PROPERTIES = [GT.documentNumber, GT.orderNumber, GT.fileName, GT.sha256, GT.mediaType,
                   GT.encoding, GT.path, GT.unit, GT.comparator, GT.change, GT.method,
                   GT.feature, GT.basis, GT.adminCode, GT.reuseBasis, GT.identityBasis]
RANKS = {GT.RankLaw, GT.RankAdministrativeRegulation, GT.RankLocalRegulation,
         GT.RankGovernmentRule, GT.RankNormativeDocument, GT.RankPolicyDocument, GT.RankOther}
DEPRECATED = {GT.Regulation, GT.Law, GT.AdministrativeRegulation, GT.LocalRegulation,
              GT.GovernmentRule, GT.NormativeDocument, GT.OtherWork, GT.charStart, GT.charEnd,
              GT.exact, GT.inFile, GT.releasedOn, GT.childSpan, GT.parentSpan,
              GT.EvidenceContribution, GT.hasContribution, GT.feature, GT.contribution}
"""Deprecated in 2.0.0 (issue 18), 3.0.0 (issue 16: evidence offsets on the evidence) and
4.0.0 (issue 16: a contribution is one statement on its link)."""


def _members(ontology: Graph, node: object) -> set[object]:
    union = ontology.value(node, OWL.unionOf)  # type: ignore[arg-type]
    return set(Collection(ontology, union)) if union is not None else {node}


@pytest.mark.parametrize("prop", [GT.mandatedBy, GT.produces, GT.cites, GT.hasCitation])
def test_issue_18_tasks_report_items_and_documents_cite(ontology: Graph, prop: URIRef) -> None:
    (domain,) = ontology.objects(prop, RDFS.domain)
    assert _members(ontology, domain) == CITERS


@pytest.mark.parametrize("prop", [GT.mandatedBy, GT.produces, GT.cites, GT.citedWork])
def test_issue_18_what_is_cited_is_a_work(ontology: Graph, prop: URIRef) -> None:
    assert set(ontology.objects(prop, RDFS.range)) == {GT.CitedWork}


@pytest.mark.parametrize("prop", TEXT_PROPERTIES)
def test_issue_18_text_ranges_are_language_tagged(ontology: Graph, prop: URIRef) -> None:
    assert set(ontology.objects(prop, RDFS.range)) == {RDF.langString}


@pytest.mark.parametrize("prop", CODE_PROPERTIES)
def test_issue_18_codes_are_plain_strings(ontology: Graph, prop: URIRef) -> None:
    assert set(ontology.objects(prop, RDFS.range)) == {XSD.string}


def test_issue_18_eli_close_matches_only_where_a_sub_property_would_be_wrong(
        ontology: Graph) -> None:
    close = {(s, o) for s, o in ontology.subject_objects(SKOS.closeMatch)
             if str(o).startswith(str(ELI))}
    assert close == {(GT.jurisdiction, ELI.jurisdiction)}  # agencies have jurisdictions too
    assert (GT.mandatedBy, SKOS.closeMatch, ELI.based_on) not in ontology


def test_issue_18_legal_ranks_are_a_concept_scheme(ontology: Graph) -> None:
    assert set(ontology.subjects(RDF.type, GT.LegalRank)) == RANKS
    assert set(ontology.subjects(SKOS.inScheme, GT.LegalRanks)) == RANKS
    assert set(ontology.objects(GT.LegalRanks, SKOS.hasTopConcept)) == RANKS
    assert set(ontology.objects(GT.legalRank, RDFS.range)) == {GT.LegalRank}
    assert set(ontology.objects(GT.legalRank, RDFS.domain)) == {GT.CitedWork}
    assert (GT.legalRank, RDF.type, OWL.FunctionalProperty) in ontology


def test_issue_18_rank_classes_and_1_0_span_terms_are_deprecated(ontology: Graph) -> None:
    assert set(ontology.subjects(OWL.deprecated, Literal(True))) == DEPRECATED
    for term in DEPRECATED - {GT.Regulation}:
        assert ontology.value(term, DCTERMS.isReplacedBy) is not None, term
    # A quote-selector property no longer hangs on a span.
    for term, standard in [(GT.charStart, OA.start), (GT.charEnd, OA.end), (GT.exact, OA.exact)]:
        assert (term, RDFS.subPropertyOf, standard) not in ontology
    assert (GT.SourceSpan, RDFS.subClassOf, OA.TextPositionSelector) not in ontology


def test_issue_18_no_disjointness_among_works(ontology: Graph) -> None:
    assert list(ontology.subject_objects(OWL.disjointWith)) == [
        (GT.ReportedFigure, GT.QuantitativeTarget)]
    (members,) = (Collection(ontology, ontology.value(axiom, OWL.members))
                  for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses))
    works = {GT.CitedWork, GT.PolicyDocument, *ontology.transitive_subjects(
        RDFS.subClassOf, GT.CitedWork)}
    assert [member for member in members if member in works] == [GT.CitedWork]


@pytest.mark.parametrize(("prop", "inverse"), [
    (GT.hasPart, GT.inDocument), (GT.citationOf, GT.hasCitation), (GT.sourceOf, GT.sourceFile)])
def test_issue_18_structural_inverses(ontology: Graph, prop: URIRef, inverse: URIRef) -> None:
    assert (prop, OWL.inverseOf, inverse) in ontology


def test_issue_18_report_item_numbers_count_within_their_section(ontology: Graph) -> None:
    definition = str(ontology.value(GT.number, SKOS.definition))
    assert "within its section" in definition and "gt:path" in definition


def test_issue_18_divisions_codes_and_zones(ontology: Graph) -> None:
    assert (GT.Divisions, RDF.type, SKOS.ConceptScheme) in ontology
    assert (GT.GBT2260Code, RDF.type, RDFS.Datatype) in ontology
    assert (GT.FunctionalZone, RDFS.subClassOf, GT.AdministrativeDivision) in ontology
    assert not list(ontology.objects(GT.FunctionalZone, OWL.equivalentClass))


def _extraction_patterns() -> Graph:
    """The statements of a demo build that contradicted the 1.0 ontology (issue 18)."""
    inst = "https://w3id.org/govtrace/id/"
    report, item, outline, scheme = (URIRef(inst + name) for name in (
        "doc/report", "doc/report/item/1", "doc/outline", "doc/scheme"))
    rule, listing, law, zone = (URIRef(inst + name) for name in (
        "regulation/rule", "regulation/list", "regulation/law", "division/150291"))
    data = Graph()
    for triple in [
        (report, RDF.type, GT.WorkReport), (item, RDF.type, GT.ReportItem),
        (item, GT.inDocument, report), (report, GT.hasReportItem, item),
        (item, GT.mandatedBy, rule), (item, GT.carriesOut, rule), (item, GT.produces, listing),
        (rule, RDF.type, GT.CitedWork), (rule, GT.legalRank, GT.RankGovernmentRule),
        (listing, RDF.type, GT.CitedWork), (listing, GT.legalRank, GT.RankOther),
        (scheme, RDF.type, GT.ImplementationScheme),
        (scheme, GT.legalRank, GT.RankNormativeDocument),
        (scheme, GT.mandatedBy, outline), (scheme, GT.carriesOut, outline),
        (scheme, GT.basedOn, law), (scheme, GT.mandatedBy, law), (scheme, GT.produces, listing),
        (outline, RDF.type, GT.Outline), (law, RDF.type, GT.CitedWork),
        (law, GT.legalRank, GT.RankLaw), (report, GT.cites, listing),
        (zone, RDF.type, GT.FunctionalZone), (zone, RDF.type, SKOS.Concept),
    ]:
        data.add(triple)
    return data


@pytest.mark.slow
def test_issue_18_hermit_finds_what_extraction_produces_consistent(ontology: Graph) -> None:
    need(JAVA)
    result = reason(ontology + _extraction_patterns())
    assert result.seconds > 0


@pytest.mark.slow
def test_issue_18_hermit_still_rejects_a_work_that_is_a_task(ontology: Graph) -> None:
    need(JAVA)
    data = _extraction_patterns()
    data.add((URIRef("https://w3id.org/govtrace/id/regulation/rule"), RDF.type, GT.Task))
    with pytest.raises(OntologyError) as caught:
        reason(ontology + data)
    assert caught.value.error is ONTOLOGY_INCONSISTENT
