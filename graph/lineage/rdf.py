"""A link set as RDF: a gt:LineageLink node per link carrying confidence, method, text reuse
(and what it was computed on), evidence and (combined scorer) each feature's contribution
(one property per feature, gt:contributionCharScore …, ontology 4.0.0), so SPARQL can filter
on confidence and read why a link was made;
plus the direct shortcut triple (gt:implements …), which a gt:implements link gets only at
``implements_min_confidence`` or above. A piece of evidence carries its offsets itself
(gt:childStart/gt:childEnd, gt:parentStart/gt:parentEnd, ontology 3.0.0): they count into
the source file of the item the link joins on that side, and its span's quote holds those
characters, which are the phrase unless gt:phrase says otherwise (ontology 4.0.0)."""

from __future__ import annotations

from functools import cache

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, XSD

from govtrace.graph.lineage.model import (
    DocumentLink,
    ItemRef,
    LinkKind,
    LinkSet,
    SourceRange,
    TaskLink,
)
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT
from govtrace.ontology.ntriples import (
    Statements,
    Terms,
    decimal,
    integer,
    iri,
    literal,
    typed,
    zh,
)
from govtrace.settings import Settings

G = Terms(GT)
TYPE, LABEL = iri(RDF.type), iri(RDFS.label)
FALSE = typed("false", iri(XSD.boolean))
IMPLEMENTS_MIN_CONFIDENCE: float = Settings.model_fields["implements_min_confidence"].default


def link_statements(linkset: LinkSet, iris: IriScheme, *,
                    implements_min_confidence: float = IMPLEMENTS_MIN_CONFIDENCE
                    ) -> Statements:
    """Deterministic statements for ``linkset`` (IRIs depend only on what a link joins).
    A gt:implements link below ``implements_min_confidence`` (the setting) keeps its node
    but gets no shortcut edge."""
    out = Statements()
    for link in linkset.task_links:
        _task_link(out, link, iris, implements_min_confidence)
    for doc_link in linkset.document_links:
        _document_link(out, doc_link, iris)
    return out


@cache
def contribution_property(feature: str) -> URIRef:
    """The property a link states ``feature``'s contribution with: gt:contribution and the
    name in CamelCase (char_score: gt:contributionCharScore; its skos:notation is the name).
    An undeclared feature raises AttributeError: the ontology must name it first."""
    return GT["contribution" + "".join(word.capitalize() for word in feature.split("_"))]


def item_iri(ref: ItemRef, iris: IriScheme) -> URIRef:
    if ref.is_report_item:
        return iris.report_item(ref.doc_id, ref.key)
    return iris.task(ref.doc_id, int(ref.key))


def _decimal(value: float) -> str:
    return decimal(str(round(value, 3)))


def _task_link(out: Statements, link: TaskLink, iris: IriScheme,
               implements_min_confidence: float) -> None:
    child_iri, parent_iri = item_iri(link.child, iris), item_iri(link.parent, iris)
    child, parent = iri(child_iri), iri(parent_iri)
    prop = iri(GT[link.kind.value])
    if link.kind is not LinkKind.IMPLEMENTS or link.confidence >= implements_min_confidence:
        out.add(child, prop, parent)
    node = iri(iris.link(link.kind.value, str(child_iri), str(parent_iri)))
    _link_node(out, node, child, parent, prop, link.confidence, link.method)
    out.add(node, G.textReuse, _decimal(link.text_reuse))
    out.add(node, G.reuseBasis, literal(link.reuse_basis.value))
    if link.order_uncertain:
        out.add(node, G.orderCertain, FALSE)
    for number, evidence in enumerate(link.evidence):
        ev = iri(iris.link(link.kind.value, str(child_iri), str(parent_iri), "evidence",
                           str(number)))
        out.add(node, G.hasEvidence, ev)
        if evidence.phrase != evidence.child_span.exact:
            # Only a phrase the child's characters do not spell (normalized, or an anchor's
            # title): those characters are the child item's quote at the offsets below
            # (ontology 4.0.0), and repeating them was 45 statements a document at 1k.
            out.add(ev, G.phrase, zh(evidence.phrase))
        _offsets(out, ev, evidence.child_span, G.childStart, G.childEnd)
        _offsets(out, ev, evidence.parent_span, G.parentStart, G.parentEnd)
    for part in link.contributions:
        # One statement per feature on the link itself (ontology 4.0.0): a node per
        # contribution, with its type, name and value, took four.
        out.add(node, iri(contribution_property(part.feature)),
                decimal(f"{part.contribution:.4f}"))


def _link_node(out: Statements, node: str, child: str, parent: str, prop: str,
               confidence: float, method: str) -> None:
    out.add(node, TYPE, G.LineageLink)
    out.add(node, G.linkFrom, child)
    out.add(node, G.linkTo, parent)
    out.add(node, G.linkType, prop)
    out.add(node, G.confidence, _decimal(confidence))
    out.add(node, G.method, literal(method))


def _offsets(out: Statements, ev: str, span: SourceRange, start: str, end: str) -> None:
    # Offsets, not a span node: an evidence range lies inside the span of the item its link
    # joins (phrases.source_range maps it from that item's title or body), which names the
    # file and quotes the characters (at start - its start). A span node of its own with its
    # selector took 6 statements and 2 IRIs a side, 28% of a 1k store's statements
    # (bench/store_size_bench.py).
    out.add(ev, start, integer(span.start))
    out.add(ev, end, integer(span.end))


def _document_link(out: Statements, link: DocumentLink, iris: IriScheme) -> None:
    child_iri = iris.document(link.child_doc)
    if link.parent_doc is not None:
        parent_iri = iris.document(link.parent_doc)
    else:
        # A cited document the corpus lacks: the node ingest mints for the cited work,
        # typed as the policy document it is.
        parent_iri = iris.regulation(link.parent_title)
        out.add(iri(parent_iri), TYPE, G.PolicyDocument)
        out.add(iri(parent_iri), G.title, zh(link.parent_title))
        out.add(iri(parent_iri), LABEL, zh(link.parent_title))
    child, parent = iri(child_iri), iri(parent_iri)
    out.add(child, G.implementsDocument, parent)
    node = iri(iris.link("implementsDocument", str(child_iri), str(parent_iri)))
    _link_node(out, node, child, parent, G.implementsDocument, link.confidence, link.method)
