"""Lineage links as RDF (ontology 3.0.0): the shortcut edge only above the confidence bar,
evidence with its offsets, text reuse with its basis."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from govtrace.graph.lineage import CorpusIndex, LinkSet, link_corpus
from govtrace.graph.lineage.model import (
    DocumentLink,
    Evidence,
    ItemRef,
    LinkKind,
    ReuseBasis,
    SourceRange,
    TaskLink,
)
from govtrace.graph.lineage.phrases import shared_phrases, text_reuse
from govtrace.graph.lineage.rdf import link_statements
from govtrace.graph.lineage.seeds import seed_records
from govtrace.ingest.outline import DOC_ID as OUTLINE
from govtrace.ontology.divisions import Gazetteer
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT, OA
from govtrace.settings import Settings

IRIS = IriScheme()
CHILD, PARENT = ItemRef("child", "1"), ItemRef("parent", "2")


def _link(confidence: float, kind: LinkKind = LinkKind.IMPLEMENTS, **more: object) -> TaskLink:
    return TaskLink(CHILD, PARENT, kind, confidence, "tfidf", 0.2, **more)  # type: ignore[arg-type]


def _graph(*links: TaskLink, bar: float | None = None) -> Graph:
    if bar is None:
        return link_statements(LinkSet(list(links)), IRIS).graph()
    return link_statements(LinkSet(list(links)), IRIS, implements_min_confidence=bar).graph()


def test_low_confidence_link_keeps_its_node_but_no_shortcut_issue_18() -> None:
    child, parent = IRIS.task("child", 1), IRIS.task("parent", 2)
    low = _graph(_link(0.346))  # 行政复议 paired with 行政应诉 on the demo build
    assert (child, GT.implements, parent) not in low
    node = next(low.subjects(RDF.type, GT.LineageLink))
    assert low.value(node, GT.confidence) == Literal("0.346", datatype=XSD.decimal)
    assert (node, GT.linkType, GT.implements) in low
    assert (node, GT.linkFrom, child) in low and (node, GT.linkTo, parent) in low
    assert (child, GT.implements, parent) in _graph(_link(0.5))
    assert (child, GT.implements, parent) in _graph(_link(0.346), bar=0.3)
    # the bar is gt:implements's: alignment and report links keep their edges
    assert (child, GT.alignedWith, parent) in _graph(_link(0.2, LinkKind.ALIGNED_WITH))


def test_the_bar_is_a_setting_issue_18() -> None:
    assert Settings().implements_min_confidence == 0.5
    assert Settings(implements_min_confidence=0.8).implements_min_confidence == 0.8
    with pytest.raises(ValueError, match="less than or equal to 1"):
        Settings(implements_min_confidence=1.5)


def test_evidence_carries_its_offsets_without_span_nodes_issue_16() -> None:
    """Ontology 3.0.0: a piece of evidence states its child and parent ranges itself; the
    file and the characters are those of the span of the item the link joins on that side.
    A span node per side (type, file, selector, its type and two offsets: 6 statements and
    2 IRIs) was 28% of a 1k store's statements."""
    evidence = Evidence("行政执法", SourceRange("child", 10, 14, "行政执法"),
                        SourceRange("parent", 40, 44, "行政執法"))
    graph = _graph(_link(0.9, evidence=(evidence,)))
    [ev] = graph.objects(None, GT.hasEvidence)
    offsets = {prop: graph.value(ev, prop).toPython()  # type: ignore[union-attr]
               for prop in (GT.childStart, GT.childEnd, GT.parentStart, GT.parentEnd)}
    assert offsets == {GT.childStart: 10, GT.childEnd: 14, GT.parentStart: 40, GT.parentEnd: 44}
    assert all(graph.value(ev, prop).datatype == XSD.integer  # type: ignore[union-attr]
               for prop in offsets)
    assert not set(graph.objects(ev, GT.childSpan)) | set(graph.objects(ev, GT.parentSpan))
    assert not set(graph.subjects(RDF.type, GT.SourceSpan))
    assert not set(graph.subject_objects(OA.hasSelector))
    # a link with one piece of evidence: the link's 8 statements, the evidence's 5 (4.0.0)
    assert len(graph) == 1 + 8 + 5


def test_evidence_states_only_a_phrase_its_characters_do_not_spell_issue_16() -> None:
    """Ontology 4.0.0: the evidence's type is gt:hasEvidence's range, and its phrase is the
    child's characters at its offsets (the child item's quote) unless they spell another
    (a normalized phrase, an anchor's title): only then is gt:phrase stated."""
    same = Evidence("行政执法", SourceRange("child", 10, 14, "行政执法"),
                    SourceRange("parent", 40, 44, "行政執法"))
    other = Evidence("行政规范性文件", SourceRange("child", 20, 28, "行政规范性 文件"),
                     SourceRange("parent", 50, 57, "行政规范性文件"))
    graph = _graph(_link(0.9, evidence=(same, other)))
    stated = {graph.value(ev, GT.childStart).toPython(): graph.value(ev, GT.phrase)  # type: ignore[union-attr]
              for ev in graph.objects(None, GT.hasEvidence)}
    assert stated == {10: None, 20: Literal("行政规范性文件", lang="zh")}
    assert not set(graph.subjects(RDF.type, GT.Evidence))


def test_placeholder_parent_title_is_zh_issue_18() -> None:
    link = DocumentLink("child", None, "法治中国建设规划（2020—2025年）", "法治中国建设规划",
                        "cited-title", 0.9)
    graph = link_statements(LinkSet([], [link]), IRIS).graph()
    parent = IRIS.regulation("法治中国建设规划（2020—2025年）")
    assert graph.value(parent, GT.title) == Literal("法治中国建设规划（2020—2025年）", lang="zh")
    assert graph.value(parent, RDFS.label) == Literal("法治中国建设规划（2020—2025年）", lang="zh")


@pytest.fixture(scope="module")
def seed_links(gazetteer: Gazetteer) -> tuple[LinkSet, CorpusIndex]:
    records = seed_records(Settings())
    return link_corpus(records, gazetteer, settings=Settings()), CorpusIndex(gazetteer, records)


def test_reuse_into_the_outline_is_on_titles_issue_18(
        seed_links: tuple[LinkSet, CorpusIndex]) -> None:
    """The outline's items are titles only: reuse into them compares titles, reuse into a
    scheme's tasks compares title and text, and each link says which."""
    links, index = seed_links
    units = {u.ref: u for v in index.views for u in v.units}
    into_outline = [x for x in links.task_links if x.parent.doc_id == OUTLINE]
    into_text = [x for x in links.task_links if units[x.parent].body]
    assert into_outline and into_text
    phrase = Settings().lineage_min_phrase
    for link in into_outline:
        child, parent = units[link.child], units[link.parent]
        assert link.reuse_basis is ReuseBasis.TITLE
        assert link.text_reuse == text_reuse(
            child.title, shared_phrases(child.title, parent.title, phrase))
    assert all(x.reuse_basis is ReuseBasis.TEXT for x in into_text)
    graph = link_statements(links, IRIS).graph()
    bases = {str(graph.value(n, GT.reuseBasis)) for n in graph.subjects(RDF.type, GT.LineageLink)
             if graph.value(n, GT.textReuse) is not None}
    assert bases == {"title", "text"}


def test_shortcuts_of_the_seed_links_follow_the_bar_issue_18(
        seed_links: tuple[LinkSet, CorpusIndex]) -> None:
    links, _ = seed_links
    graph = link_statements(links, IRIS).graph()
    bar = Settings().implements_min_confidence
    for link in links.task_links:
        if link.kind is not LinkKind.IMPLEMENTS:
            continue
        child = URIRef(IRIS.task(link.child.doc_id, int(link.child.key)))
        parent = URIRef(IRIS.task(link.parent.doc_id, int(link.parent.key)))
        assert ((child, GT.implements, parent) in graph) is (link.confidence >= bar), link
    assert len(set(graph.subjects(RDF.type, GT.LineageLink))) == len(links.task_links) + len(
        links.document_links)


def test_the_build_writes_shortcuts_by_the_setting_issue_18(
        seed_links: tuple[LinkSet, CorpusIndex]) -> None:
    """The build's linking workers pass ``implements_min_confidence`` on."""
    from govtrace.graph.build_workers import link_chunk, set_index

    links, index = seed_links
    implements = [x for x in links.task_links if x.kind is LinkKind.IMPLEMENTS]
    doc_id = implements[0].child.doc_id
    confidences = [x.confidence for x in implements if x.child.doc_id == doc_id]
    bar = min(confidences) + 0.0005  # the least confident link falls below it
    set_index(index)
    try:
        [(_, ntriples, _)] = link_chunk([doc_id], Settings(implements_min_confidence=bar))
    finally:
        set_index(None)
    shortcuts = [line for line in ntriples.splitlines()
                 if line.split(" ", 2)[1] == f"<{GT.implements}>"]
    assert len(shortcuts) == sum(c >= bar for c in confidences) < len(confidences)
    assert ntriples.count(f"> <{RDF.type}> <{GT.LineageLink}> .") >= len(confidences)
