"""The terms govtrace's ontology defines, and whether each is documented.

Every class, property, named individual and concept scheme in the ``gt:`` namespace must
carry ``rdfs:label`` in Chinese and English and ``skos:definition`` in both: the labels are
what the viewer and the generated reference show, the definitions what they mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from govtrace.ontology.namespaces import GT, OWL, RDF, RDFS, SKOS


class TermKind(StrEnum):
    """What an ontology term is, by its declaration."""

    CLASS = "class"
    OBJECT_PROPERTY = "object property"
    DATATYPE_PROPERTY = "datatype property"
    ANNOTATION_PROPERTY = "annotation property"
    INDIVIDUAL = "individual"
    DATATYPE = "datatype"
    CONCEPT_SCHEME = "concept scheme"


_DECLARATIONS: dict[URIRef, TermKind] = {
    OWL.Class: TermKind.CLASS,
    OWL.ObjectProperty: TermKind.OBJECT_PROPERTY,
    OWL.DatatypeProperty: TermKind.DATATYPE_PROPERTY,
    OWL.AnnotationProperty: TermKind.ANNOTATION_PROPERTY,
    OWL.NamedIndividual: TermKind.INDIVIDUAL,
    RDFS.Datatype: TermKind.DATATYPE,
    SKOS.ConceptScheme: TermKind.CONCEPT_SCHEME,
}

REQUIRED_ANNOTATIONS: tuple[tuple[URIRef, str], ...] = (
    (RDFS.label, "zh"),
    (RDFS.label, "en"),
    (SKOS.definition, "en"),
    (SKOS.definition, "zh"),
)


@dataclass(frozen=True)
class TermGap:
    """A term lacking some of its required annotations (or its declaration)."""

    term: URIRef
    missing: tuple[str, ...]

    def __str__(self) -> str:
        return f"gt:{self.term.removeprefix(str(GT))} lacks {', '.join(self.missing)}"


def is_gt(node: Node) -> bool:
    return isinstance(node, URIRef) and node.startswith(str(GT))


def terms_of(graph: Graph) -> dict[URIRef, TermKind]:
    """Every declared ``gt:`` term with its kind (first matching declaration wins)."""
    found: dict[URIRef, TermKind] = {}
    for declaration, kind in _DECLARATIONS.items():
        for subject in graph.subjects(RDF.type, declaration):
            if is_gt(subject) and isinstance(subject, URIRef):
                found.setdefault(subject, kind)
    return dict(sorted(found.items()))


def _used_terms(graph: Graph) -> set[URIRef]:
    """``gt:`` IRIs used anywhere in the ontology: they must all be declared."""
    used: set[URIRef] = set()
    for triple in graph:
        used.update(node for node in triple if is_gt(node) and isinstance(node, URIRef))
    return used


def _has_annotation(graph: Graph, term: URIRef, predicate: URIRef, language: str) -> bool:
    return any(
        isinstance(value, Literal) and value.language == language and str(value).strip()
        for value in graph.objects(term, predicate)
    )


def term_gaps(graph: Graph) -> list[TermGap]:
    """Terms that are undeclared or lack a required label or definition, sorted by IRI."""
    declared = terms_of(graph)
    gaps: list[TermGap] = []
    for term in sorted(declared.keys() | _used_terms(graph)):
        missing = [] if term in declared else ["a declaration (owl:Class, owl:ObjectProperty …)"]
        missing += [
            f"{graph.namespace_manager.normalizeUri(predicate)}@{language}"
            for predicate, language in REQUIRED_ANNOTATIONS
            if not _has_annotation(graph, term, predicate, language)
        ]
        if missing:
            gaps.append(TermGap(term, tuple(missing)))
    return gaps
