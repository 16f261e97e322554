"""Statements written as N-Triples text must read back as the same RDF terms."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from govtrace.ontology.namespaces import GT, OA
from govtrace.ontology.ntriples import (
    Statements,
    Terms,
    date,
    decimal,
    gyear,
    integer,
    iri,
    literal,
    non_negative,
    zh,
)

SUBJECT = iri("https://w3id.org/govtrace/id/doc/x")


@given(st.text())
def test_any_text_round_trips_through_both_parsers(text: str) -> None:
    out = Statements()
    out.add(SUBJECT, iri(GT.text), zh(text))
    out.add(SUBJECT, iri(GT.fileName), literal(text))
    graph = out.graph()
    assert graph.value(URIRef(SUBJECT[1:-1]), GT.text) == Literal(text, lang="zh")
    assert graph.value(URIRef(SUBJECT[1:-1]), GT.fileName) == Literal(text)
    parsed = list(ox.parse(out.ntriples(), format=ox.RdfFormat.N_TRIPLES))
    assert [t.object.value for t in parsed] == [text, text]  # type: ignore[union-attr]


def test_typed_literals_read_back_with_their_datatypes() -> None:
    out = Statements()
    for prop, term in ((GT.number, integer(42)), (GT.value, decimal("0.50")),
                       (GT.dueDate, date("2023-06-30")), (GT.coversYear, gyear(2023)),
                       (OA.start, non_negative(0))):
        out.add(SUBJECT, iri(prop), term)
    graph = out.graph()
    subject = URIRef(SUBJECT[1:-1])
    assert graph.value(subject, GT.number) == Literal(42, datatype=XSD.integer)
    assert graph.value(subject, OA.start) == Literal(0, datatype=XSD.nonNegativeInteger)
    assert graph.value(subject, GT.value) == Literal(Decimal("0.50"), datatype=XSD.decimal)
    assert str(graph.value(subject, GT.dueDate)) == "2023-06-30"
    assert graph.value(subject, GT.coversYear) == Literal("2023", datatype=XSD.gYear)


def test_statements_are_a_set_in_insertion_order() -> None:
    out = Statements()
    out.add(SUBJECT, iri(GT.title), literal("甲"))
    out.add(SUBJECT, iri(GT.title), literal("乙"))
    out.add(SUBJECT, iri(GT.title), literal("甲"))
    assert len(out) == 2
    assert out.ntriples().splitlines()[0].endswith('"甲" .')


def test_terms_are_the_namespace_iris() -> None:
    g = Terms(GT)
    assert g.implements == f"<{GT.implements}>"
    assert g.implements is g.implements  # looked up once


def test_offsets_are_non_negative_issue_18() -> None:
    """oa:start and oa:end are xsd:nonNegativeInteger; a negative offset is a bug."""
    assert non_negative(7) == f'"7"^^<{XSD.nonNegativeInteger}>'
    with pytest.raises(ValueError, match="negative"):
        non_negative(-1)
