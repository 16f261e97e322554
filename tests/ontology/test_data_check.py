"""The checks of a built graph (issue 18): the domain/range audit, the datatypes converted
for HermiT, the report and the ``--data`` mode of ``govtrace ontology check``."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from govtrace.cli import app
from govtrace.errors import DATA_DOMAIN_RANGE
from govtrace.ontology.data_check import check_data
from govtrace.ontology.domain_range import audit
from govtrace.ontology.namespaces import GT, RDF, XSD
from govtrace.ontology.reasoning import check_consistency, for_owl2
from tests.support.system_tools import JAVA, need

PREFIXES = """
@prefix : <http://example.org/> .
@prefix gt: <https://w3id.org/govtrace/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
# A small ontology with each kind of axiom the audit reads.
ONTOLOGY = PREFIXES + """
:Doc a owl:Class . :Plan a owl:Class ; rdfs:subClassOf :Doc . :Item a owl:Class .
:Work a owl:Class .
:mandates a owl:ObjectProperty ; rdfs:domain [ owl:unionOf ( :Doc :Item ) ] ;
    rdfs:range :Work .
:basedOn a owl:ObjectProperty ; rdfs:subPropertyOf :mandates .
:title a owl:DatatypeProperty ; rdfs:range rdf:langString .
:code a owl:DatatypeProperty ; rdfs:range xsd:string .
:share a owl:DatatypeProperty ; rdfs:range xsd:decimal .
:day a owl:DatatypeProperty ; rdfs:range xsd:date .
"""


def _graph(turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + turtle, format="turtle")


def _breaches(data: str) -> dict[tuple[str, str], int]:
    report = audit(_graph(data), Graph().parse(data=ONTOLOGY, format="turtle"))
    return {(str(group.predicate).rpartition("/")[2], group.side): group.count
            for group in report.breaches}


def test_subclasses_and_union_domains_are_within_issue_18() -> None:
    assert _breaches(":p a :Plan ; :mandates :w . :i a :Item ; :mandates :w . :w a :Work .") == {}


def test_a_subject_outside_the_domain_is_listed_issue_18() -> None:
    # The issue's case: a document mandated by a work it is not typed for.
    assert _breaches(":w a :Work ; :mandates :v . :v a :Doc .") == {
        ("mandates", "domain"): 1, ("mandates", "range"): 1}


def test_a_sub_property_inherits_domain_and_range_issue_18() -> None:
    assert _breaches(":p a :Plan ; :basedOn :x . :x a :Item .") == {("basedOn", "range"): 1}


def test_an_untyped_object_is_of_its_property_range_issue_16() -> None:
    """Since ontology 4.0.0 the writer states no type a range gives (spans, evidence): the
    audit reads the range as RDFS does for a node with no type at all, and still checks the
    node's own properties' domains and every typed node's range."""
    assert _breaches(":p a :Plan ; :mandates :x . :x :mandates :y .") == {
        ("mandates", "domain"): 1}
    assert _breaches(":p a :Plan ; :mandates :x . :x a :Doc .") == {("mandates", "range"): 1}


def test_language_tags_against_the_declared_literal_range_issue_18() -> None:
    # gt:cue / gt:measure were @zh against xsd:string (173 of the 203 breaches of the issue).
    assert _breaches(':a :title "标题"@zh ; :code "150626" .') == {}
    assert _breaches(':a :title "标题" ; :code "贯彻"@zh .') == {
        ("title", "range"): 1, ("code", "range"): 1}


def test_derived_datatypes_and_ill_typed_literals_issue_18() -> None:
    assert _breaches(':a :share 3 ; :day "2021-08-11"^^xsd:date .') == {}
    assert _breaches(':a :share "3" ; :day "2021-13-45"^^xsd:date .') == {
        ("share", "range"): 1, ("day", "range"): 1}


def test_dates_years_language_ranges_and_codes_are_brought_into_owl2_issue_18() -> None:
    graph = _graph(ONTOLOGY.removeprefix(PREFIXES) + """
gt:GBT2260Code a rdfs:Datatype ; owl:equivalentClass [ a rdfs:Datatype ;
    owl:onDatatype xsd:string ; owl:withRestrictions ( [ xsd:pattern "[1-9][0-9]{5}" ] ) ] .
:notation a owl:DatatypeProperty ; rdfs:range gt:GBT2260Code .
:a :day "2021-08-11"^^xsd:date , "2025"^^xsd:gYear ; :notation "150626"^^gt:GBT2260Code ;
   :share "x"^^xsd:decimal .
""")
    owl2 = for_owl2(graph)
    converted = {c.datatype: (c.into, c.values, c.axioms) for c in owl2.conversions}
    assert converted == {XSD.date: (XSD.dateTime, 1, 1), XSD.gYear: (XSD.dateTime, 1, 0),
                         RDF.langString: (RDF.PlainLiteral, 0, 1),
                         GT.GBT2260Code: (XSD.string, 1, 0)}
    a = URIRef("http://example.org/a")
    assert set(owl2.graph.objects(a, URIRef("http://example.org/day"))) == {
        Literal("2021-08-11T00:00:00", datatype=XSD.dateTime),
        Literal("2025-01-01T00:00:00", datatype=XSD.dateTime)}
    assert owl2.ill_typed == 1


@pytest.mark.slow
def test_hermit_reasons_over_dates_and_the_code_datatype_issue_18() -> None:
    """HermiT stopped on xsd:date/xsd:gYear (UnsupportedDatatypeException); converted, it
    runs, and still checks gt:GBT2260Code's pattern."""
    need(JAVA)
    declarations = """
gt:GBT2260Code a rdfs:Datatype ; owl:equivalentClass [ a rdfs:Datatype ;
    owl:onDatatype xsd:string ; owl:withRestrictions ( [ xsd:pattern "[1-9][0-9]{5}" ] ) ] .
:notation a owl:DatatypeProperty ; rdfs:range gt:GBT2260Code .
:day a owl:DatatypeProperty .
<https://w3id.org/govtrace/ontology> a owl:Ontology .
"""
    good = _graph(declarations + ':a :day "2021-08-11"^^xsd:date , "2025"^^xsd:gYear ; '
                  ':notation "150626"^^gt:GBT2260Code .')
    assert check_consistency(for_owl2(good).graph).consistent
    fake = _graph(declarations + ':a :notation "100000x" .')
    assert not check_consistency(for_owl2(fake).graph).consistent


@pytest.mark.slow
def test_the_report_names_the_triples_and_the_code_issue_18(tmp_path: Path) -> None:
    need(JAVA)
    ontology = Graph().parse(data=ONTOLOGY + "<https://w3id.org/govtrace/ontology> a "
                             "owl:Ontology .", format="turtle")
    report = check_data(_graph(':w a :Work ; :code "贯彻"@zh .'), ontology=ontology,
                        shapes=Graph())
    error = report.error()
    assert error is not None and error.error is DATA_DOMAIN_RANGE
    text = report.render()
    assert ':w :code "贯彻"@zh' in text
    assert "1 break a declared rdfs:domain or rdfs:range" in text
    assert "what to do" in text
    # HermiT reads the tagged string against xsd:string as a contradiction, and without
    # the audit's triple the data has a model: the report says the audit holds the cause.
    assert "INCONSISTENT" in text and "so they are the cause" in text


@pytest.mark.slow
def test_the_data_mode_of_the_command_reads_stdin_issue_18() -> None:
    # As CI runs it: govtrace export --format nq | govtrace ontology check --data -
    need(JAVA)
    quads = (f'<http://example.org/t> <{GT.cue}> "贯彻"^^<{XSD.integer}> '
             "<http://example.org/g> .\n")
    result = CliRunner().invoke(app, ["ontology", "check", "--data", "-"],
                                input=quads.encode("utf-8"))
    assert result.exit_code == 2
    assert "GT-ONTO-006" in result.output
    assert "gt:cue" in result.output


def test_a_data_file_that_does_not_parse(tmp_path: Path) -> None:
    data = tmp_path / "broken.nq"
    data.write_text("<a> <b> .\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ontology", "check", "--data", str(data)])
    assert result.exit_code == 2
    assert "GT-ONTO-001" in result.output and "broken.nq" in result.output
