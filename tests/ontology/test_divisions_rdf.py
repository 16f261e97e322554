"""The divisions as RDF: codes, labels, levels and the gt:withinDivision hierarchy."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from govtrace.ontology.divisions import PINYIN_LANGUAGE, divisions_graph, get_gazetteer
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT, RDF, RDFS, SKOS
from govtrace.ontology.validation import validate

IRIS = IriScheme()


@pytest.fixture(scope="module")
def graph() -> Graph:
    return divisions_graph(IRIS)


def test_withindivision_chain_of_wushen_banner(graph: Graph) -> None:
    rows = graph.query(
        "SELECT ?code WHERE { ?d gt:adminCode '150626' ; gt:withinDivision+ ?up . "
        "?up gt:adminCode ?code }", initNs={"gt": GT})
    assert {str(row[0]) for row in rows} == {"150600", "150000", "100000"}  # type: ignore[index]
    assert graph.value(IRIS.division("150626"), GT.withinDivision) == IRIS.division("150600")


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


def test_every_division_has_one_code_and_one_level(graph: Graph) -> None:
    divisions = set(graph.subjects(RDF.type, GT.AdministrativeDivision))
    assert len(divisions) == len(get_gazetteer()) >= 3000
    for node in divisions:
        assert len(list(graph.objects(node, GT.adminCode))) == 1
        assert len(list(graph.objects(node, GT.level))) == 1
        assert len(list(graph.objects(node, SKOS.prefLabel))) == 1


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
