"""The bundled example graph (``examples/wushen-lineage.ttl``), excerpted from a real build.

The example is what ``govtrace ontology check`` validates the shapes on and what the
reference shows a reader, so it must be the graph a build makes, not a hand-made
imitation: :func:`excerpt_lineage` cuts one county task out of a built graph together with
everything needed to read it (its document, its division and the divisions above it, its
source span with the span's file and selectors, the works it cites, its lineage links up
to the national outline with one piece of evidence each, whose offsets point into the
spans of the link's two ends, and the same for every task on the way up).
``bench/ontology_example.py`` builds the demo corpus and writes the file; a test checks
that it is still what a build gives.

Only what the writer states is kept: the asserted graphs hold no standard-vocabulary copies
of gt: statements since ontology 4.0.0 (the build materialises govtrace's own terms only),
and the derived graphs' gt:implementsTransitively copies of gt:implements are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from govtrace.ontology.namespaces import GT, OA, PREFIXES

INSTANCE_BASE = "https://w3id.org/govtrace/id/"
"""Instances live here; any other IRI (a class, a level, a rank) is vocabulary."""

HEADER = """\
# The example govtrace graph: one county task and its lineage up to the national outline,
# excerpted from the demo build by bench/ontology_example.py (do not edit by hand; run
# `python bench/ontology_example.py` after a change to what the build writes).
# `govtrace ontology check` validates it against shapes.ttl.

"""


@dataclass
class _Excerpt:
    source: Graph
    nodes: set[URIRef] = field(default_factory=set)

    def add(self, nodes: Iterable[Node]) -> list[URIRef]:
        added = [node for node in nodes if isinstance(node, URIRef)]
        self.nodes.update(added)
        return added

    def objects(self, subject: Node, predicate: URIRef) -> list[URIRef]:
        return sorted(o for o in self.source.objects(subject, predicate)
                      if isinstance(o, URIRef))

    def with_spans(self, node: URIRef) -> None:
        """The node, its spans, and each span's selectors and source file."""
        self.add([node])
        for span in self.add(self.objects(node, GT.span)):
            self.add(self.objects(span, OA.hasSelector))
            self.add(self.objects(span, OA.hasSource))

    def task(self, task: URIRef) -> None:
        """A task with its spans, its document (and the document's file and division)."""
        self.with_spans(task)
        for document in self.add(self.objects(task, GT.inDocument)):
            self.add(self.objects(document, GT.sourceFile))
            for division in self.add(self.objects(document, GT.jurisdiction)):
                # the whole chain up to the nation, so "within" questions have an answer
                self.add(self.objects(division, GT.withinDivision))

    def link_up(self, task: URIRef) -> URIRef | None:
        """The surest gt:implements link from ``task`` with one piece of evidence; its parent."""
        links = [link for link in self.source.subjects(GT.linkFrom, task)
                 if (link, GT.linkType, GT.implements) in self.source
                 and isinstance(link, URIRef)]
        if not links:
            return None
        link = max(links, key=lambda found: (_number(self.source.value(found, GT.confidence)),
                                             str(found)))
        self.add([link])
        # evidence carries its offsets: they resolve into the spans of the link's two ends,
        # which the excerpt holds
        self.add(self.objects(link, GT.hasEvidence)[:1])
        parent = self.source.value(link, GT.linkTo)
        return parent if isinstance(parent, URIRef) else None


def _number(value: Node | None) -> float:
    return float(value) if isinstance(value, Literal) else 0.0


def excerpt_lineage(graph: Graph, task: URIRef) -> Graph:
    """``task`` and its lineage chain, cut out of a built graph (asserted statements only)."""
    excerpt = _Excerpt(graph)
    excerpt.task(task)
    for citation in excerpt.add(excerpt.objects(task, GT.hasCitation)):
        excerpt.with_spans(citation)
        excerpt.add(excerpt.objects(citation, GT.citedWork))
    excerpt.add(excerpt.objects(task, GT.leadUnit))
    step: URIRef | None = task
    seen: set[URIRef] = set()
    while step is not None and step not in seen:
        seen.add(step)
        excerpt.task(step)
        step = excerpt.link_up(step)
    out = Graph()
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace)
    for triple in _kept(graph, excerpt.nodes):
        if triple[1] != GT.implementsTransitively:
            out.add(triple)
    return out


def _kept(graph: Graph, nodes: set[URIRef]) -> Iterator[tuple[Node, Node, Node]]:
    """The nodes' statements whose object is a literal, vocabulary or another kept node."""
    for subject in sorted(nodes):
        for predicate, obj in graph.predicate_objects(subject):
            if isinstance(obj, Literal) or obj in nodes or (
                    isinstance(obj, URIRef) and not obj.startswith(INSTANCE_BASE)):
                yield subject, predicate, obj


def render_example(graph: Graph) -> str:
    """The example as Turtle under its header (rdflib sorts subjects and predicates)."""
    return HEADER + graph.serialize(format="turtle")
