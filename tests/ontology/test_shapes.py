"""The SHACL shapes accept the real example graph and reject each kind of broken graph.

Each failing case edits the example and looks at the violations the edit adds, so that a
case tests its own constraint whatever else the example holds.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from importlib.resources import files

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from govtrace.ontology.namespaces import GT, GTS, OA, RDF, RDFS, XSD
from govtrace.ontology.validation import Violation, validate
from tests.ontology.conftest import ExampleNodes

SH = "http://www.w3.org/ns/shacl#"
Key = tuple[object, object, object, str]


def _key(violation: Violation) -> Key:
    return (violation.focus, violation.path, violation.shape,
            violation.constraint.removeprefix(SH))


def _added(example: Graph, ontology: Graph, shapes: Graph,
           edit: Callable[[Graph], None]) -> list[Violation]:
    """The violations ``edit`` adds to the example's (none, once the example conforms)."""
    before = {_key(v) for v in validate(example, shapes=shapes, ontology=ontology)[1].violations}
    edit(example)
    conforms, report = validate(example, shapes=shapes, ontology=ontology)
    added = [v for v in report.violations if _key(v) not in before]
    assert added and not conforms
    return added


def _one(example: Graph, ontology: Graph, shapes: Graph,
         edit: Callable[[Graph], None]) -> Violation:
    (violation,) = _added(example, ontology, shapes, edit)
    return violation


def _with_evidence(example: Graph, ontology: Graph, shapes: Graph,
                   edit: Callable[[Graph], None], shape: URIRef) -> Violation:
    """The one violation of ``shape`` ``edit`` adds, when the edit also leaves the evidence
    ranges inside the county task's span with no quote to resolve to (ontology 3.0.0)."""
    added = _added(example, ontology, shapes, edit)
    assert {v.shape for v in added} == {shape, GTS.EvidenceRangeShape}
    (violation,) = (v for v in added if v.shape == shape)
    return violation


def _span_selector(example: Graph, span: URIRef, kind: URIRef) -> URIRef:
    (selector,) = (s for s in example.objects(span, OA.hasSelector)
                   if (s, RDF.type, kind) in example)
    assert isinstance(selector, URIRef)
    return selector


def _span_of(example: Graph, node: URIRef) -> URIRef:
    span = example.value(node, GT.span)
    assert isinstance(span, URIRef)
    return span


def test_example_conforms(example: Graph, ontology: Graph, shapes: Graph) -> None:
    conforms, report = validate(example, shapes=shapes, ontology=ontology)
    assert conforms, report.text
    assert report.violations == ()


def test_example_spans_quote_the_source_files(example: Graph) -> None:
    data = files("govtrace.data")
    spans = list(set(example.objects(None, GT.span)))
    assert len(spans) >= 5  # the three tasks of the chain and the county task's citations
    for span in spans:
        assert isinstance(span, URIRef)
        name = str(example.value(example.value(span, OA.hasSource), GT.fileName))
        text = (data / ("demo/" + name if name.endswith(".txt") else name)).read_text("utf-8")
        position = _span_selector(example, span, OA.TextPositionSelector)
        start, end = (example.value(position, p).toPython() for p in (OA.start, OA.end))
        quote = _span_selector(example, span, OA.TextQuoteSelector)
        assert text[start:end] == str(example.value(quote, OA.exact)), span


def test_evidence_offsets_resolve_to_their_characters_issue_16(example: Graph) -> None:
    """Evidence carries its offsets (ontology 3.0.0), no span node of its own: each range's
    characters are the quote of the span of the item its link joins on that side, at the
    same offsets of that span's file, and the source file holds them there."""
    data = files("govtrace.data")
    assert not set(example.subjects(GT.childSpan)) | set(example.subjects(GT.parentSpan))
    checked = 0
    for link in example.subjects(RDF.type, GT.LineageLink):
        for evidence in example.objects(link, GT.hasEvidence):
            for first, last, end_of_link in ((GT.childStart, GT.childEnd, GT.linkFrom),
                                             (GT.parentStart, GT.parentEnd, GT.linkTo)):
                start, end = (example.value(evidence, p).toPython()  # type: ignore[union-attr]
                              for p in (first, last))
                outer = _span_of(example, example.value(link, end_of_link))  # type: ignore[arg-type]
                outer_position = _span_selector(example, outer, OA.TextPositionSelector)
                outer_start = example.value(outer_position, OA.start).toPython()  # type: ignore[union-attr]
                quote = str(example.value(_span_selector(example, outer, OA.TextQuoteSelector),
                                          OA.exact))
                characters = quote[start - outer_start:end - outer_start]
                name = str(example.value(example.value(outer, OA.hasSource), GT.fileName))
                text = (data / ("demo/" + name if name.endswith(".txt") else name)
                        ).read_text("utf-8")
                assert characters and characters == text[start:end], evidence
                checked += 1
    assert checked >= 4


def test_evidence_outside_its_item_issue_16(example: Graph, ontology: Graph,
                                            shapes: Graph) -> None:
    def move(graph: Graph) -> None:
        link = next(graph.subjects(RDF.type, GT.LineageLink))
        evidence = next(graph.objects(link, GT.hasEvidence))
        for prop in (GT.childStart, GT.childEnd):
            value = graph.value(evidence, prop).toPython()  # type: ignore[union-attr]
            graph.set((evidence, prop, Literal(value + 100_000, datatype=XSD.integer)))

    violation = _one(example, ontology, shapes, move)
    assert violation.shape == GTS.EvidenceRangeShape
    assert "lies inside no quoted span" in violation.message


def test_evidence_needs_both_offsets_of_a_side_issue_16(example: Graph, ontology: Graph,
                                                        shapes: Graph) -> None:
    def drop(graph: Graph) -> None:
        evidence = next(graph.objects(None, GT.hasEvidence))  # typed by the range (4.0.0)
        graph.remove((evidence, GT.parentEnd, None))

    violations = _added(example, ontology, shapes, drop)
    assert GTS.EvidenceParentEnd in {v.shape for v in violations}


def test_dataset_is_validated_as_a_union(example: Graph, ontology: Graph,
                                         shapes: Graph) -> None:
    # Each document in its own named graph, as the store keeps them: the lineage constraint
    # must still see the parent's document in another graph.
    flat = {_key(v) for v in validate(example, shapes=shapes, ontology=ontology)[1].violations}
    dataset = Dataset()
    for s, p, o in example:
        key = str(s).split("/doc/")[1].split("/")[0] if "/doc/" in str(s) else "reference"
        dataset.graph(URIRef(f"https://w3id.org/govtrace/id/graph/{key}")).add((s, p, o))
    _, report = validate(dataset, shapes=shapes, ontology=ontology)
    assert {_key(v) for v in report.violations} == flat


def test_missing_number(example: Graph, ontology: Graph, shapes: Graph,
                        nodes: ExampleNodes) -> None:
    violation = _one(example, ontology, shapes,
                     lambda g: g.remove((nodes.county_task, GT.number, None)))
    assert _key(violation) == (nodes.county_task, GT.number, GTS.TaskNumber,
                               "MinCountConstraintComponent")


def test_number_must_be_an_integer(example: Graph, ontology: Graph, shapes: Graph,
                                   nodes: ExampleNodes) -> None:
    violation = _one(example, ontology, shapes,
                     lambda g: g.set((nodes.county_task, GT.number, Literal("（五）"))))
    assert (violation.shape, violation.constraint) == (
        GTS.TaskNumber, URIRef(SH + "DatatypeConstraintComponent"))


def test_task_not_listed_by_its_document(example: Graph, ontology: Graph, shapes: Graph,
                                         nodes: ExampleNodes) -> None:
    violations = _added(example, ontology, shapes,
                        lambda g: g.remove((None, GT.hasTask, nodes.region_task)))
    assert {(v.focus, v.shape, v.constraint.removeprefix(SH)) for v in violations} == {
        (nodes.region_task, GTS.TaskListedBy, "MinCountConstraintComponent"),
        (nodes.region_task, GTS.TaskListedBy, "EqualsConstraintComponent"),
    }


def test_implements_upward_violation(example: Graph, ontology: Graph, shapes: Graph,
                                     nodes: ExampleNodes) -> None:
    # The national item cannot implement the banner's task: that link points downward.
    violation = _one(example, ontology, shapes, lambda g: g.add(
        (nodes.national_task, GT.implements, nodes.county_task)))
    assert (violation.focus, violation.path, violation.shape, violation.value) == (
        nodes.national_task, GT.implements, GTS.ImplementsDirection, nodes.county_task)
    assert "child rank 1, parent rank 4" in violation.message


def test_implements_within_one_level(example: Graph, ontology: Graph, shapes: Graph,
                                     nodes: ExampleNodes) -> None:
    violation = _one(example, ontology, shapes, lambda g: g.add(
        (nodes.region_task, GT.implements, nodes.region_task)))
    assert (violation.shape, violation.value) == (GTS.ImplementsDirection, nodes.region_task)


def test_implements_without_known_level(example: Graph, ontology: Graph, shapes: Graph,
                                        nodes: ExampleNodes) -> None:
    violations = _added(example, ontology, shapes,
                        lambda g: g.remove((nodes.county, GT.level, None)))
    assert {(v.focus, v.shape) for v in violations} == {
        (nodes.county, GTS.DivisionLevel), (nodes.county_task, GTS.ImplementsDirection)}


@pytest.mark.parametrize("code", ["15062", "1506260", "15062a", "150 626"])
def test_adcode_must_be_six_digits(example: Graph, ontology: Graph, shapes: Graph,
                                   nodes: ExampleNodes, code: str) -> None:
    violation = _one(example, ontology, shapes,
                     lambda g: g.set((nodes.county, GT.adminCode, Literal(code))))
    assert (violation.shape, violation.constraint) == (
        GTS.DivisionCode, URIRef(SH + "PatternConstraintComponent"))


@pytest.mark.parametrize("confidence", ["1.5", "-0.1"])
def test_confidence_within_zero_and_one(example: Graph, ontology: Graph, shapes: Graph,
                                        nodes: ExampleNodes, confidence: str) -> None:
    link = next(example.subjects(GT.linkFrom, nodes.county_task))
    violation = _one(example, ontology, shapes,
                     lambda g: g.set((link, GT.confidence, Literal(Decimal(confidence)))))
    assert (violation.focus, violation.path, violation.shape) == (
        link, GT.confidence, GTS.LinkConfidence)


def test_span_start_after_end(example: Graph, ontology: Graph, shapes: Graph,
                              nodes: ExampleNodes) -> None:
    position = _span_selector(example, _span_of(example, nodes.county_task),
                              OA.TextPositionSelector)
    end = example.value(position, OA.end)
    assert isinstance(end, Literal)
    violations = _added(example, ontology, shapes, lambda g: g.set(
        (position, OA.start, Literal(int(end) + 1, datatype=XSD.nonNegativeInteger))))
    assert (position, OA.start, "LessThanOrEqualsConstraintComponent") in {
        (v.focus, v.path, v.constraint.removeprefix(SH)) for v in violations}


def test_task_without_span(example: Graph, ontology: Graph, shapes: Graph,
                           nodes: ExampleNodes) -> None:
    violation = _with_evidence(example, ontology, shapes,
                               lambda g: g.remove((nodes.county_task, GT.span, None)),
                               GTS.TaskSpan)
    assert violation.focus == nodes.county_task


def test_citation_kind_is_one_of_three(example: Graph, ontology: Graph, shapes: Graph,
                                       nodes: ExampleNodes) -> None:
    citation = example.value(nodes.county_task, GT.hasCitation)
    violation = _one(example, ontology, shapes,
                     lambda g: g.set((citation, GT.citationKind, GT.County)))
    assert (violation.focus, violation.path) == (citation, GT.citationKind)


# Issue 18: the shapes state on data what the ontology's domains and ranges say.

def test_issue_18_only_tasks_items_and_documents_are_mandated(
        example: Graph, ontology: Graph, shapes: Graph, nodes: ExampleNodes) -> None:
    work = example.value(nodes.county_task, GT.mandatedBy)
    violations = _added(example, ontology, shapes, lambda g: g.add(
        (nodes.county, GT.mandatedBy, work)))
    assert (nodes.county, GTS.CitingShape) in {(v.focus, v.shape) for v in violations}


def test_issue_18_what_mandates_is_a_work(example: Graph, ontology: Graph, shapes: Graph,
                                          nodes: ExampleNodes) -> None:
    violations = _added(example, ontology, shapes, lambda g: g.add(
        (nodes.county_task, GT.produces, nodes.county)))
    assert (nodes.county_task, GT.produces, GTS.ProducesWork) in {
        (v.focus, v.path, v.shape) for v in violations}


def test_issue_18_report_items_and_documents_may_be_mandated_and_produce(
        example: Graph, ontology: Graph, shapes: Graph, nodes: ExampleNodes) -> None:
    # What extraction legitimately produces: a report item and a document mandated by and
    # producing works (gt:mandatedBy had domain gt:Task and range gt:Regulation in 1.0).
    document = example.value(nodes.county_task, GT.inDocument)
    work = example.value(nodes.county_task, GT.mandatedBy)
    item = URIRef(str(document) + "/item/1.1")
    before = {_key(v) for v in validate(example, shapes=shapes, ontology=ontology)[1].violations}
    for triple in [(item, RDF.type, GT.ReportItem), (item, RDFS.label, Literal("一是", lang="zh")),
                   (item, GT.inDocument, document), (item, GT.path, Literal("1.1")),
                   (item, GT.mandatedBy, work), (item, GT.carriesOut, work),
                   (item, GT.produces, work), (document, GT.produces, work)]:
        example.add(triple)
    _, report = validate(example, shapes=shapes, ontology=ontology)
    assert [v for v in report.violations if _key(v) not in before] == [], report.text


def test_issue_18_a_mandate_states_its_cue_sub_property(
        example: Graph, ontology: Graph, shapes: Graph, nodes: ExampleNodes) -> None:
    work = example.value(nodes.county_task, GT.mandatedBy)
    violation = _one(example, ontology, shapes, lambda g: (
        g.remove((nodes.county_task, GT.basedOn, None)),
        g.remove((nodes.county_task, GT.carriesOut, None))))
    assert (violation.focus, violation.shape, violation.value) == (
        nodes.county_task, GTS.MandateCue, work)


@pytest.mark.parametrize("prop", [GT.title, GT.text, GT.numberText])
def test_issue_18_text_must_be_tagged_zh(example: Graph, ontology: Graph, shapes: Graph,
                                         nodes: ExampleNodes, prop: URIRef) -> None:
    value = example.value(nodes.county_task, prop)
    violations = _added(example, ontology, shapes,
                        lambda g: g.set((nodes.county_task, prop, Literal(str(value)))))
    assert (nodes.county_task, prop, "DatatypeConstraintComponent") in {
        (v.focus, v.path, v.constraint.removeprefix(SH)) for v in violations}


def test_issue_18_a_cue_in_english_is_rejected(example: Graph, ontology: Graph, shapes: Graph,
                                               nodes: ExampleNodes) -> None:
    citation = example.value(nodes.county_task, GT.hasCitation)
    violation = _one(example, ontology, shapes,
                     lambda g: g.set((citation, GT.cue, Literal("carry out", lang="en"))))
    assert (violation.focus, violation.path, violation.constraint) == (
        citation, GT.cue, URIRef(SH + "LanguageInConstraintComponent"))


def test_issue_18_a_code_is_a_plain_string(example: Graph, ontology: Graph, shapes: Graph,
                                           nodes: ExampleNodes) -> None:
    rule = next(example.subjects(GT.orderNumber, None))
    number = example.value(rule, GT.orderNumber)
    violation = _one(example, ontology, shapes,
                     lambda g: g.set((rule, GT.orderNumber, Literal(str(number), lang="zh"))))
    assert (violation.focus, violation.path) == (rule, GT.orderNumber)


def test_issue_18_a_rank_comes_from_the_legal_ranks(
        example: Graph, ontology: Graph, shapes: Graph, nodes: ExampleNodes) -> None:
    work = example.value(nodes.county_task, GT.mandatedBy)
    violations = _added(example, ontology, shapes,
                        lambda g: g.set((work, GT.legalRank, GT.County)))
    assert (work, GTS.WorkRank, GT.County) in {(v.focus, v.shape, v.value) for v in violations}


@pytest.mark.parametrize("deprecated", [GT.GovernmentRule, GT.Regulation, GT.OtherWork])
def test_issue_18_rank_classes_are_no_longer_asserted(
        example: Graph, ontology: Graph, shapes: Graph, nodes: ExampleNodes,
        deprecated: URIRef) -> None:
    work = example.value(nodes.county_task, GT.mandatedBy)
    violations = _added(example, ontology, shapes,
                        lambda g: g.add((work, RDF.type, deprecated)))
    assert (work, RDF.type, GTS.DeprecatedRankClass) in {
        (v.focus, v.path, v.shape) for v in violations}


@pytest.mark.parametrize(("prop", "shape"), [
    (GT.charStart, GTS.DeprecatedCharStart), (GT.charEnd, GTS.DeprecatedCharEnd),
    (GT.exact, GTS.DeprecatedExact), (GT.inFile, GTS.DeprecatedInFile)])
def test_issue_18_span_properties_of_1_0_are_rejected(
        example: Graph, ontology: Graph, shapes: Graph, nodes: ExampleNodes,
        prop: URIRef, shape: URIRef) -> None:
    span = _span_of(example, nodes.county_task)
    violation = _one(example, ontology, shapes, lambda g: g.add((span, prop, Literal(1))))
    assert (violation.focus, violation.path, violation.shape) == (span, prop, shape)


def test_issue_18_a_span_has_its_source_file(example: Graph, ontology: Graph, shapes: Graph,
                                             nodes: ExampleNodes) -> None:
    span = _span_of(example, nodes.county_task)
    violation = _one(example, ontology, shapes,
                     lambda g: g.remove((span, OA.hasSource, None)))
    assert violation.shape == GTS.SpanSource
    assert violation.focus == span


def test_issue_18_a_span_has_a_quote_selector(example: Graph, ontology: Graph, shapes: Graph,
                                              nodes: ExampleNodes) -> None:
    span = _span_of(example, nodes.county_task)
    quote = _span_selector(example, span, OA.TextQuoteSelector)
    violation = _with_evidence(example, ontology, shapes,
                               lambda g: g.remove((span, OA.hasSelector, quote)), GTS.SpanQuote)
    assert violation.focus == span


def test_issue_18_a_quote_matches_its_position(example: Graph, ontology: Graph, shapes: Graph,
                                               nodes: ExampleNodes) -> None:
    span = _span_of(example, nodes.county_task)
    quote = _span_selector(example, span, OA.TextQuoteSelector)
    violation = _one(example, ontology, shapes,
                     lambda g: g.set((quote, OA.exact, Literal("加强", lang="zh"))))
    assert violation.shape == GTS.SourceFileShape
    assert str(span) in violation.message and "quotes 2 characters" in violation.message


def test_issue_18_the_nation_has_no_fake_code(example: Graph, ontology: Graph, shapes: Graph,
                                              nodes: ExampleNodes) -> None:
    nation = next(example.subjects(GT.level, GT.National))
    violation = _one(example, ontology, shapes,
                     lambda g: g.add((nation, GT.adminCode, Literal("100000"))))
    assert (violation.focus, violation.shape) == (nation, GTS.DivisionCode)


def test_issue_18_a_county_needs_its_code(example: Graph, ontology: Graph, shapes: Graph,
                                          nodes: ExampleNodes) -> None:
    violations = _added(example, ontology, shapes,
                        lambda g: g.remove((nodes.county, GT.adminCode, None)))
    assert (nodes.county, GTS.DivisionShape) in {(v.focus, v.shape) for v in violations}


def test_issue_18_a_task_has_a_chinese_label(example: Graph, ontology: Graph, shapes: Graph,
                                             nodes: ExampleNodes) -> None:
    violation = _one(example, ontology, shapes,
                     lambda g: g.remove((nodes.county_task, RDFS.label, None)))
    assert (violation.focus, violation.path, violation.shape) == (
        nodes.county_task, RDFS.label, GTS.ZhLabel)


def test_issue_18_parts_are_in_a_policy_document(
        example: Graph, ontology: Graph, shapes: Graph, nodes: ExampleNodes) -> None:
    violations = _added(example, ontology, shapes, lambda g: g.set(
        (nodes.county_task, GT.inDocument, nodes.county)))
    assert (nodes.county_task, GTS.TaskDocument) in {(v.focus, v.shape) for v in violations}


def test_issue_18_an_offset_is_not_negative(example: Graph, ontology: Graph, shapes: Graph,
                                            nodes: ExampleNodes) -> None:
    position = _span_selector(example, _span_of(example, nodes.county_task),
                              OA.TextPositionSelector)
    violations = _added(example, ontology, shapes,
                        lambda g: g.set((position, OA.start, Literal(-1))))
    assert (position, OA.start, "MinInclusiveConstraintComponent") in {
        (v.focus, v.path, v.constraint.removeprefix(SH)) for v in violations}
