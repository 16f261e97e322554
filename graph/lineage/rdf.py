"""A link set as RDF: the direct triples (gt:implements …) plus a gt:LineageLink node per
link carrying confidence, method, text reuse and evidence, so SPARQL can filter on
confidence and read why a link was made."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from govtrace.graph.lineage.model import DocumentLink, ItemRef, LinkSet, SourceRange, TaskLink
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT


def links_to_graph(linkset: LinkSet, iris: IriScheme) -> Graph:
    """Deterministic triples for ``linkset`` (IRIs depend only on what a link joins)."""
    graph = Graph()
    graph.bind("gt", GT)
    for link in linkset.task_links:
        _task_link(graph, link, iris)
    for doc_link in linkset.document_links:
        _document_link(graph, doc_link, iris)
    return graph


def item_iri(ref: ItemRef, iris: IriScheme) -> URIRef:
    if ref.is_report_item:
        return iris.report_item(ref.doc_id, ref.key)
    return iris.task(ref.doc_id, int(ref.key))


def _decimal(value: float) -> Literal:
    return Literal(Decimal(str(round(value, 3))), datatype=XSD.decimal)


def _task_link(graph: Graph, link: TaskLink, iris: IriScheme) -> None:
    child, parent = item_iri(link.child, iris), item_iri(link.parent, iris)
    prop = GT[link.kind.value]
    graph.add((child, prop, parent))
    node = iris.link(link.kind.value, str(child), str(parent))
    _link_node(graph, node, child, parent, prop, link.confidence, link.method)
    graph.add((node, GT.textReuse, _decimal(link.text_reuse)))
    for number, evidence in enumerate(link.evidence):
        ev = iris.link(link.kind.value, str(child), str(parent), "evidence", str(number))
        graph.add((node, GT.hasEvidence, ev))
        graph.add((ev, RDF.type, GT.Evidence))
        graph.add((ev, GT.phrase, Literal(evidence.phrase)))
        graph.add((ev, GT.childSpan, _span(graph, evidence.child_span, iris)))
        graph.add((ev, GT.parentSpan, _span(graph, evidence.parent_span, iris)))


def _link_node(graph: Graph, node: URIRef, child: URIRef, parent: URIRef, prop: URIRef,
               confidence: float, method: str) -> None:
    graph.add((node, RDF.type, GT.LineageLink))
    graph.add((node, GT.linkFrom, child))
    graph.add((node, GT.linkTo, parent))
    graph.add((node, GT.linkType, prop))
    graph.add((node, GT.confidence, _decimal(confidence)))
    graph.add((node, GT.method, Literal(method)))


def _span(graph: Graph, span: SourceRange, iris: IriScheme) -> URIRef:
    node = iris.span(span.doc_id, span.start, span.end)
    graph.add((node, RDF.type, GT.SourceSpan))
    graph.add((node, GT.charStart, Literal(span.start, datatype=XSD.integer)))
    graph.add((node, GT.charEnd, Literal(span.end, datatype=XSD.integer)))
    graph.add((node, GT.exact, Literal(span.exact)))
    return node


def _document_link(graph: Graph, link: DocumentLink, iris: IriScheme) -> None:
    child = iris.document(link.child_doc)
    if link.parent_doc is not None:
        parent = iris.document(link.parent_doc)
    else:
        # A cited document the corpus lacks: the node ingest mints for the cited work,
        # typed as the policy document it is.
        parent = iris.regulation(link.parent_title)
        graph.add((parent, RDF.type, GT.PolicyDocument))
        graph.add((parent, GT.title, Literal(link.parent_title)))
    graph.add((child, GT.implementsDocument, parent))
    node = iris.link("implementsDocument", str(child), str(parent))
    _link_node(graph, node, child, parent, GT.implementsDocument, link.confidence, link.method)
