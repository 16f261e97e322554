"""Validate a govtrace graph against the SHACL shapes (pyshacl).

The ontology is merged into a copy of the data graph before validating, so that
``sh:class``/``sh:targetClass`` see the class hierarchy (a gt:WorkPlan is a
gt:PolicyDocument) and the lineage-direction constraint sees the levels' ``gt:rank``.
Merging by hand is ~200× faster than pyshacl's ``ont_graph`` option on the example graph
(0.06 s against 14 s).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import ConjunctiveGraph, Graph, URIRef
from rdflib.term import Node

from govtrace.ontology.loading import load_ontology, load_shapes
from govtrace.ontology.namespaces import RDF

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result."""

    focus: Node
    path: Node | None
    shape: Node
    constraint: Node
    message: str
    value: Node | None


@dataclass(frozen=True)
class ShapesReport:
    """A validation report: the pyshacl report graph, its text and its results."""

    graph: Graph
    text: str
    violations: tuple[Violation, ...]


def _merged(data: Graph, ontology: Graph) -> Graph:
    merged = Graph()
    # A dataset is validated as the union of its named graphs: the shapes relate a task
    # (in its document's graph) to its parent (in another document's graph).
    triples = ((s, p, o) for s, p, o, _ in data.quads()) if isinstance(data, ConjunctiveGraph) \
        else iter(data)
    for triple in triples:
        merged.add(triple)
    for triple in ontology:
        merged.add(triple)
    return merged


def _value(report: Graph, result: Node, name: str) -> Node | None:
    return report.value(result, URIRef(SH + name))


def _violations(report: Graph) -> tuple[Violation, ...]:
    found = []
    for result in report.subjects(RDF.type, URIRef(SH + "ValidationResult")):
        focus = _value(report, result, "focusNode")
        shape = _value(report, result, "sourceShape")
        constraint = _value(report, result, "sourceConstraintComponent")
        # SHACL §3.6 makes these three mandatory in every result.
        assert focus is not None and shape is not None and constraint is not None
        found.append(Violation(focus, _value(report, result, "resultPath"), shape, constraint,
                               str(_value(report, result, "resultMessage") or ""),
                               _value(report, result, "value")))
    return tuple(sorted(found, key=lambda v: (str(v.shape), str(v.focus), str(v.path))))


def validate(graph: Graph, *, shapes: Graph | None = None,
             ontology: Graph | None = None) -> tuple[bool, ShapesReport]:
    """Check ``graph`` against the shapes; return whether it conforms and the report."""
    import pyshacl

    data = _merged(graph, ontology if ontology is not None else load_ontology())
    conforms, report_graph, text = pyshacl.validate(
        data, shacl_graph=shapes if shapes is not None else load_shapes(), inplace=True)
    assert isinstance(report_graph, Graph) and isinstance(text, str)
    return bool(conforms), ShapesReport(report_graph, text, _violations(report_graph))
