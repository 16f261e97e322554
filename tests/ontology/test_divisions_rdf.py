"""The divisions as RDF: a SKOS concept scheme with codes, labels, levels and the
gt:withinDivision / skos:broader hierarchy."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from govtrace.ontology.divisions import (
    NATIONAL_ADCODE,
    PINYIN_LANGUAGE,
    divisions_graph,
    get_gazetteer,
)
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT, RDF, RDFS, SKOS, XSD
from govtrace.ontology.validation import validate

IRIS = IriScheme()
NATION = IRIS.division(NATIONAL_ADCODE)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return divisions_graph(IRIS)


def test_withindivision_chain_of_wushen_banner(graph: Graph) -> None:
    rows = graph.query(
        "SELECT ?code WHERE { ?d gt:adminCode '150626' ; gt:withinDivision+ ?up . "
        "?up gt:adminCode ?code }", initNs={"gt": GT})
    assert {str(row[0]) for row in rows} == {"150600", "150000"}  # type: ignore[index]
    assert graph.value(IRIS.division("150626"), GT.withinDivision) == IRIS.division("150600")
    assert graph.value(IRIS.division("150000"), GT.withinDivision) == NATION


def test_labels_of_wushen_banner(graph: Graph) -> None:
    node = IRIS.division("150626")
    assert graph.value(node, SKOS.prefLabel) == Literal("乌审旗", lang="zh")
    assert set(graph.objects(node, RDFS.label)) == {
        Literal("乌审旗", lang="zh"), Literal("Wūshěn Qí", lang=PINYIN_LANGUAGE)}
    assert Literal("乌中旗", lang="zh") in set(graph.objects(IRIS.division("150824"),
                                                            SKOS.altLabel))


def test_levels(graph: Graph) -> None:
    assert graph.value(IRIS.division("100000"), GT.level) == GT.National
    assert graph.value(IRIS.division("150000"), GT.level) == GT.Provincial
    assert graph.value(IRIS.division("152900"), GT.level) == GT.Prefectural  # 阿拉善盟
    assert graph.value(IRIS.division("150626"), GT.level) == GT.County
    assert graph.value(IRIS.division("100000"), GT.withinDivision) is None


def _divisions(graph: Graph) -> set[object]:
    return set(graph.subjects(RDF.type, GT.AdministrativeDivision)) | set(
        graph.subjects(RDF.type, GT.FunctionalZone))


def test_every_division_but_the_nation_has_one_code_and_one_level(graph: Graph) -> None:
    divisions = _divisions(graph)
    assert len(divisions) == len(get_gazetteer()) >= 3000
    for node in divisions - {NATION}:
        assert len(list(graph.objects(node, GT.adminCode))) == 1
        assert len(list(graph.objects(node, GT.level))) == 1
        assert len(list(graph.objects(node, SKOS.prefLabel))) == 1


def test_divisions_are_a_skos_scheme_with_typed_notations_issue_18(graph: Graph) -> None:
    for node in _divisions(graph):
        assert (node, RDF.type, SKOS.Concept) in graph
        assert (node, SKOS.inScheme, GT.Divisions) in graph
        assert any(isinstance(label, Literal) and label.language == "zh"
                   for label in graph.objects(node, RDFS.label)), node
    wushen = IRIS.division("150626")
    assert list(graph.objects(wushen, SKOS.notation)) == [
        Literal("150626", datatype=GT.GBT2260Code)]
    assert graph.value(wushen, SKOS.broader) == IRIS.division("150600")
    assert graph.value(NATION, SKOS.topConceptOf) == GT.Divisions
    assert list(graph.objects(GT.Divisions, SKOS.hasTopConcept)) == [NATION]


def test_the_nation_has_no_fake_code_issue_18(graph: Graph) -> None:
    # 100000 is no GB/T 2260 code: the nation keeps its IRI but states no code.
    assert graph.value(NATION, GT.adminCode) is None
    assert graph.value(NATION, SKOS.notation) is None
    assert graph.value(NATION, GT.level) == GT.National
    assert not list(graph.subjects(GT.adminCode, Literal("100000")))
    assert not list(graph.subjects(GT.adminCode, Literal("100000", datatype=XSD.string)))


def test_functional_zones_are_their_own_class_issue_18(graph: Graph) -> None:
    zones = set(graph.subjects(RDF.type, GT.FunctionalZone))
    assert len(zones) == sum(d.functional_zone for d in get_gazetteer()) > 100  # 143 today
    assert not zones & set(graph.subjects(RDF.type, GT.AdministrativeDivision))
    zone = IRIS.division("150172")  # 呼和浩特经济技术开发区
    assert (zone, RDF.type, GT.FunctionalZone) in graph
    assert (IRIS.division("150626"), RDF.type, GT.AdministrativeDivision) in graph


def test_functional_zones_carry_a_note(graph: Graph) -> None:
    notes = set(graph.objects(IRIS.division("150172"), SKOS.note))
    assert {note.language for note in notes if isinstance(note, Literal)} == {"zh", "en"}
    assert graph.value(IRIS.division("150626"), SKOS.note) is None


def test_graph_is_deterministic(graph: Graph) -> None:
    assert set(divisions_graph(IRIS)) == set(graph)


def test_inner_mongolia_conforms_to_the_shapes(graph: Graph) -> None:
    """SHACL on the region of the demo corpus (the whole country takes minutes)."""
    region = Graph()
    inner_mongolia = get_gazetteer().by_code("150000")
    for division in get_gazetteer():
        lineage = {d.adcode for d in get_gazetteer().lineage(division)}
        if inner_mongolia.adcode in lineage:
            for triple in graph.triples((IRIS.division(division.adcode), None, None)):
                region.add(triple)
    conforms, report = validate(region)
    assert conforms, report.text
