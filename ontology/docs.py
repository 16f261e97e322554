"""The ontology reference (``docs/ontology.md``), generated from ``govtrace.ttl``.

Markdown rather than pyLODE's HTML because the reference is checked into the repository
and CI compares it with a fresh rendering: the output must be byte-for-byte deterministic
(terms sorted, no timestamps) and readable as a diff.

The hand-written parts (how to write queries, the CHANGES between versions) live in
``guide.md`` beside the ontology and are placed before the generated reference; the
SPARQL blocks of its "Writing queries" section are run by the tests
(:func:`guide_queries`), so the page never shows a query that does not answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from govtrace.ontology.loading import load_ontology, read_source
from govtrace.ontology.namespaces import (
    DCTERMS,
    GT,
    ONTOLOGY_IRI,
    OWL,
    PREFIXES,
    RDF,
    RDFS,
    SKOS,
)
from govtrace.ontology.terms import TermKind, is_gt, terms_of

_CHARACTERISTICS = {
    OWL.FunctionalProperty: "functional",
    OWL.TransitiveProperty: "transitive",
    OWL.SymmetricProperty: "symmetric",
    OWL.InverseFunctionalProperty: "inverse functional",
}
_MATCHES = {SKOS.closeMatch: "close match", SKOS.relatedMatch: "related match"}
GUIDE_FILE = "guide.md"
_SPARQL_BLOCK = re.compile(r"^```sparql\n(?P<query>.*?)^```$", re.MULTILINE | re.DOTALL)
_QUERIES_SECTION = re.compile(r"^## Writing queries$(?P<body>.*?)(?=^## )",
                              re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class GuideQuery:
    """A SPARQL block of the guide's "Writing queries" section, under its heading."""

    heading: str
    sparql: str


def guide_text() -> str:
    """The hand-written part of ``docs/ontology.md`` (``guide.md``)."""
    return read_source(None, GUIDE_FILE)[0]


def guide_queries(text: str | None = None) -> list[GuideQuery]:
    """Every SPARQL block of "Writing queries", in order, each with its ``###`` heading."""
    section = _QUERIES_SECTION.search(text if text is not None else guide_text())
    if section is None:
        return []
    found: list[GuideQuery] = []
    heading = ""
    for part in re.split(r"^(### .*)$", section["body"], flags=re.MULTILINE):
        if part.startswith("### "):
            heading = part.removeprefix("### ").strip()
            continue
        found.extend(GuideQuery(heading, match["query"]) for match in _SPARQL_BLOCK.finditer(part))
    return found


class _Renderer:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)

    def curie(self, node: Node) -> str:
        if isinstance(node, BNode):
            return self.expression(node)
        return f"`{self.graph.namespace_manager.normalizeUri(str(node))}`"

    def expression(self, node: BNode) -> str:
        """An anonymous class: only the unions govtrace uses for domains and ranges."""
        union = self.graph.value(node, OWL.unionOf)
        if union is None:
            return "(anonymous class)"
        return " or ".join(self.curie(member) for member in Collection(self.graph, union))

    def text(self, term: URIRef, predicate: URIRef, language: str) -> str:
        values = sorted(str(value) for value in self.graph.objects(term, predicate)
                        if isinstance(value, Literal) and value.language == language)
        return "; ".join(values)

    def listing(self, nodes: Iterable[Node]) -> str:
        return ", ".join(sorted(self.curie(node) for node in nodes)) or "—"

    def heading(self, term: URIRef) -> list[str]:
        name = self.curie(term)
        return [
            f"### {name}",
            "",
            f"{self.text(term, RDFS.label, 'zh')} · {self.text(term, RDFS.label, 'en')}",
            "",
            f"- IRI: <{term}>",
            *self.deprecation(term),
            f"- Definition: {self.text(term, SKOS.definition, 'en')}",
            f"- 定义：{self.text(term, SKOS.definition, 'zh')}",
        ]

    def deprecation(self, term: URIRef) -> list[str]:
        if self.graph.value(term, OWL.deprecated) != Literal(True):
            return []
        replaced = self.listing(self.graph.objects(term, DCTERMS.isReplacedBy))
        note = self.text(term, SKOS.note, "en") or f"replaced by {replaced}"
        return [f"- **Deprecated**: {note}"]

    def alignments(self, term: URIRef) -> list[str]:
        lines = []
        for predicate, relation in _MATCHES.items():
            targets = list(self.graph.objects(term, predicate))
            if targets:
                lines.append(f"- {relation.capitalize()}: {self.listing(targets)}")
        return lines

    def class_entry(self, term: URIRef) -> list[str]:
        graph = self.graph
        return [
            *self.heading(term),
            f"- Subclass of: {self.listing(graph.objects(term, RDFS.subClassOf))}",
            f"- Subclasses: {self.listing(graph.subjects(RDFS.subClassOf, term))}",
            *self.alignments(term),
            "",
        ]

    def property_entry(self, term: URIRef) -> list[str]:
        graph = self.graph
        characteristics = sorted(label for kind, label in _CHARACTERISTICS.items()
                                 if (term, RDF.type, kind) in graph)
        return [
            *self.heading(term),
            f"- Domain: {self.listing(graph.objects(term, RDFS.domain))}",
            f"- Range: {self.listing(graph.objects(term, RDFS.range))}",
            f"- Characteristics: {', '.join(characteristics) or '—'}",
            f"- Subproperty of: {self.listing(graph.objects(term, RDFS.subPropertyOf))}",
            f"- Subproperties: {self.listing(graph.subjects(RDFS.subPropertyOf, term))}",
            *self.alignments(term),
            "",
        ]

    def datatype_entry(self, term: URIRef) -> list[str]:
        restriction = self.graph.value(term, OWL.equivalentClass)
        base = self.graph.value(restriction, OWL.onDatatype) if restriction is not None else None
        return [*self.heading(term),
                f"- Restricts: {self.curie(base) if base is not None else '—'}", ""]

    def concept_table(self, scheme: URIRef) -> list[str]:
        graph = self.graph
        concepts = sorted(graph.subjects(SKOS.inScheme, scheme),
                          key=lambda c: (str(graph.value(c, SKOS.notation) or ""), str(c)))
        rows = [
            f"### {self.curie(scheme)}: {self.text(scheme, RDFS.label, 'zh')} · "
            f"{self.text(scheme, RDFS.label, 'en')}",
            "",
            self.text(scheme, SKOS.definition, "en"),
            "",
        ]
        if not concepts:
            return [*rows, "Its concepts are reference data loaded with the graph, not terms of "
                    "the ontology.", ""]
        rows += ["| concept | rank | zh | en | also written | definition |",
                 "| --- | --- | --- | --- | --- | --- |"]
        for concept in concepts:
            assert isinstance(concept, URIRef)
            rank = graph.value(concept, GT.rank)
            also = sorted(f"{value}" for value in graph.objects(concept, SKOS.altLabel))
            rows.append(
                f"| {self.curie(concept)} | {rank if rank is not None else '—'} | "
                f"{self.text(concept, SKOS.prefLabel, 'zh')} | "
                f"{self.text(concept, SKOS.prefLabel, 'en')} | {', '.join(also) or '—'} | "
                f"{self.text(concept, SKOS.definition, 'en')} |")
        return [*rows, ""]

    def alignment_table(self) -> list[str]:
        graph = self.graph
        rows = ["| govtrace term | relation | standard term |", "| --- | --- | --- |"]
        relations = {RDFS.subClassOf: "subclass of", RDFS.subPropertyOf: "subproperty of",
                     **_MATCHES}
        found = sorted(
            (self.curie(subject), label, self.curie(target))
            for predicate, label in relations.items()
            for subject, target in graph.subject_objects(predicate)
            if is_gt(subject) and isinstance(target, URIRef) and not is_gt(target)
        )
        return [*rows, *(f"| {s} | {label} | {t} |" for s, label, t in found), ""]


def render_markdown(graph: Graph | None = None) -> str:
    """The Markdown reference of the ontology (the bundled one unless a graph is given)."""
    graph = graph if graph is not None else load_ontology()
    renderer = _Renderer(graph)
    terms = terms_of(graph)
    ontology = URIRef(ONTOLOGY_IRI)
    version = graph.value(ontology, OWL.versionInfo)

    def of(kind: TermKind) -> list[URIRef]:
        return [term for term, found in terms.items() if found is kind]

    lines = [
        "# The govtrace ontology",
        "",
        "<!-- Generated from ontology/govtrace.ttl and ontology/guide.md by "
        "govtrace.ontology.docs; do not edit. -->",
        "",
        f"{renderer.text(ontology, RDFS.label, 'en')} · "
        f"{renderer.text(ontology, RDFS.label, 'zh')}",
        "",
        f"- Ontology IRI: <{ONTOLOGY_IRI}>, version {version}",
        f"- Namespace: `gt:` = <{GT}>",
        f"- {len(of(TermKind.CLASS))} classes, {len(of(TermKind.OBJECT_PROPERTY))} object "
        f"properties, {len(of(TermKind.DATATYPE_PROPERTY))} datatype properties, "
        f"{len(of(TermKind.DATATYPE))} datatype(s)",
        *(f"- Prior version: <{prior}>" for prior in graph.objects(ontology, OWL.priorVersion)),
        "",
        renderer.text(ontology, SKOS.definition, "en"),
        "",
        renderer.text(ontology, SKOS.definition, "zh"),
        "",
        guide_text().strip("\n"),
        "",
        "## Alignment with standard vocabularies",
        "",
        *renderer.alignment_table(),
        "## Controlled vocabularies",
        "",
        *(line for scheme in of(TermKind.CONCEPT_SCHEME)
          for line in renderer.concept_table(scheme)),
        "## Classes",
        "",
        *(line for term in of(TermKind.CLASS) for line in renderer.class_entry(term)),
        "## Object properties",
        "",
        *(line for term in of(TermKind.OBJECT_PROPERTY) for line in renderer.property_entry(term)),
        "## Datatype properties",
        "",
        *(line for term in of(TermKind.DATATYPE_PROPERTY)
          for line in renderer.property_entry(term)),
        "## Datatypes",
        "",
        *(line for term in of(TermKind.DATATYPE) for line in renderer.datatype_entry(term)),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"
