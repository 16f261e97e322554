"""The SHACL shapes accept the real example graph and reject each kind of broken graph."""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import files

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from govtrace.ontology.namespaces import GT, GTS, RDF
from govtrace.ontology.validation import Violation, validate
from tests.ontology.conftest import NATIONAL_TASK, REGION_TASK, WUSHEN, WUSHEN_TASK

SH = "http://www.w3.org/ns/shacl#"


def _violations(example: Graph, ontology: Graph, shapes: Graph) -> tuple[Violation, ...]:
    conforms, report = validate(example, shapes=shapes, ontology=ontology)
    assert not conforms
    return report.violations


def test_example_conforms(example: Graph, ontology: Graph, shapes: Graph) -> None:
    conforms, report = validate(example, shapes=shapes, ontology=ontology)
    assert conforms, report.text
    assert report.violations == ()


def test_example_spans_quote_the_source_files(example: Graph) -> None:
    data = files("govtrace.data")
    texts = {
        name: (data / ("demo/" + name if name.endswith(".txt") else name)).read_text("utf-8")
        for name in ("000_6b53b361d8411ab5.txt", "004_c5645c69c3d939d1.txt",
                     "national-outline-2021-2025.tsv")
    }
    spans = list(example.subjects(RDF.type, GT.SourceSpan))
    assert len(spans) == 8
    for span in spans:
        name = str(example.value(example.value(span, GT.inFile), GT.fileName))
        start, end = (example.value(span, p).toPython() for p in (GT.charStart, GT.charEnd))
        assert texts[name][start:end] == str(example.value(span, GT.exact)), span


def test_dataset_is_validated_as_a_union(example: Graph, ontology: Graph,
                                         shapes: Graph) -> None:
    # Each document in its own named graph, as the store keeps them: the lineage constraint
    # must still see the parent's document in another graph.
    dataset = Dataset()
    for s, p, o in example:
        key = str(s).split("/doc/")[1].split("/")[0] if "/doc/" in str(s) else "reference"
        dataset.graph(URIRef(f"https://w3id.org/govtrace/id/graph/{key}")).add((s, p, o))
    conforms, report = validate(dataset, shapes=shapes, ontology=ontology)
    assert conforms, report.text


def test_missing_number(example: Graph, ontology: Graph, shapes: Graph) -> None:
    example.remove((WUSHEN_TASK, GT.number, None))
    (violation,) = _violations(example, ontology, shapes)
    assert (violation.focus, violation.path, violation.shape) == (
        WUSHEN_TASK, GT.number, GTS.TaskNumber)
    assert violation.constraint == URIRef(SH + "MinCountConstraintComponent")


def test_number_must_be_an_integer(example: Graph, ontology: Graph, shapes: Graph) -> None:
    example.set((WUSHEN_TASK, GT.number, Literal("（五）")))
    (violation,) = _violations(example, ontology, shapes)
    assert (violation.shape, violation.constraint) == (
        GTS.TaskNumber, URIRef(SH + "DatatypeConstraintComponent"))


def test_task_not_listed_by_its_document(example: Graph, ontology: Graph,
                                         shapes: Graph) -> None:
    example.remove((None, GT.hasTask, REGION_TASK))
    violations = _violations(example, ontology, shapes)
    assert {(v.focus, v.shape, v.constraint.removeprefix(SH)) for v in violations} == {
        (REGION_TASK, GTS.TaskListedBy, "MinCountConstraintComponent"),
        (REGION_TASK, GTS.TaskListedBy, "EqualsConstraintComponent"),
    }


def test_implements_upward_violation(example: Graph, ontology: Graph, shapes: Graph) -> None:
    # The national item cannot implement the banner's task: that link points downward.
    example.add((NATIONAL_TASK, GT.implements, WUSHEN_TASK))
    (violation,) = _violations(example, ontology, shapes)
    assert (violation.focus, violation.path, violation.shape, violation.value) == (
        NATIONAL_TASK, GT.implements, GTS.ImplementsDirection, WUSHEN_TASK)
    assert "child rank 1, parent rank 4" in violation.message


def test_implements_within_one_level(example: Graph, ontology: Graph, shapes: Graph) -> None:
    example.add((REGION_TASK, GT.implements, REGION_TASK))
    (violation,) = _violations(example, ontology, shapes)
    assert (violation.shape, violation.value) == (GTS.ImplementsDirection, REGION_TASK)


def test_implements_without_known_level(example: Graph, ontology: Graph,
                                        shapes: Graph) -> None:
    example.remove((WUSHEN, GT.level, None))
    violations = _violations(example, ontology, shapes)
    assert {(v.focus, v.shape) for v in violations} == {
        (WUSHEN, GTS.DivisionLevel), (WUSHEN_TASK, GTS.ImplementsDirection)}


def test_division_without_adcode(example: Graph, ontology: Graph, shapes: Graph) -> None:
    example.remove((WUSHEN, GT.adminCode, None))
    (violation,) = _violations(example, ontology, shapes)
    assert (violation.focus, violation.path, violation.shape) == (
        WUSHEN, GT.adminCode, GTS.DivisionCode)


@pytest.mark.parametrize("code", ["15062", "1506260", "15062a", "150 626"])
def test_adcode_must_be_six_digits(example: Graph, ontology: Graph, shapes: Graph,
                                   code: str) -> None:
    example.set((WUSHEN, GT.adminCode, Literal(code)))
    (violation,) = _violations(example, ontology, shapes)
    assert (violation.shape, violation.constraint) == (
        GTS.DivisionCode, URIRef(SH + "PatternConstraintComponent"))


@pytest.mark.parametrize("confidence", ["1.5", "-0.1"])
def test_confidence_within_zero_and_one(example: Graph, ontology: Graph, shapes: Graph,
                                        confidence: str) -> None:
    link = next(example.subjects(GT.linkFrom, WUSHEN_TASK))
    example.set((link, GT.confidence, Literal(Decimal(confidence))))
    (violation,) = _violations(example, ontology, shapes)
    assert (violation.focus, violation.path, violation.shape) == (
        link, GT.confidence, GTS.LinkConfidence)


def test_span_start_after_end(example: Graph, ontology: Graph, shapes: Graph) -> None:
    span = example.value(WUSHEN_TASK, GT.span)
    example.set((span, GT.charStart, Literal(1296)))
    (violation,) = _violations(example, ontology, shapes)
    assert (violation.focus, violation.path, violation.constraint) == (
        span, GT.charStart, URIRef(SH + "LessThanOrEqualsConstraintComponent"))


def test_task_without_span(example: Graph, ontology: Graph, shapes: Graph) -> None:
    example.remove((WUSHEN_TASK, GT.span, None))
    (violation,) = _violations(example, ontology, shapes)
    assert (violation.focus, violation.shape) == (WUSHEN_TASK, GTS.TaskSpan)


def test_citation_kind_is_one_of_three(example: Graph, ontology: Graph, shapes: Graph) -> None:
    citation = example.value(WUSHEN_TASK, GT.hasCitation)
    example.set((citation, GT.citationKind, GT.County))
    (violation,) = _violations(example, ontology, shapes)
    assert (violation.focus, violation.path) == (citation, GT.citationKind)
