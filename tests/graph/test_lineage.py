"""Lineage on the real seed corpus: chains, abstentions, the temporal rule, evidence."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from govtrace.graph.lineage import CorpusIndex, LinkKind, LinkSet, link_corpus, relink
from govtrace.graph.lineage.evaluate import doc_id_of, evaluate
from govtrace.graph.lineage.gold import load_gold
from govtrace.graph.lineage.linker import link_documents
from govtrace.graph.lineage.phrases import shared_phrases, text_reuse
from govtrace.graph.lineage.rdf import link_statements
from govtrace.graph.lineage.seeds import demo_dir, seed_records
from govtrace.graph.lineage.titles import titles_match
from govtrace.ingest.normalize import normalize
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.divisions import Gazetteer
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT
from govtrace.settings import Settings


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="module")
def records(settings: Settings) -> list[DocumentRecord]:
    return seed_records(settings)


@pytest.fixture(scope="module")
def index(records: list[DocumentRecord], gazetteer: Gazetteer) -> CorpusIndex:
    return CorpusIndex(gazetteer, records)


@pytest.fixture(scope="module")
def links(records: list[DocumentRecord], gazetteer: Gazetteer, settings: Settings) -> LinkSet:
    return link_corpus(records, gazetteer, settings=settings)


def _parents(links: LinkSet, index: CorpusIndex, child: str, number: str) -> set[tuple[str, str]]:
    doc = doc_id_of(child, index)
    unit = next(u for u in index[doc].units if u.label == number)
    labels = {u.ref: (v.record.source.file_name[:3], u.label) for v in index.views
              for u in v.units}
    return {labels[x.parent] for x in links.task_links if x.child == unit.ref}


def test_chain_from_county_to_national(links: LinkSet, index: CorpusIndex) -> None:
    national = doc_id_of("national", index)[:3]
    assert _parents(links, index, "000", "5") == {("004", "6")}
    assert _parents(links, index, "004", "6") == {(national, "9")}


def test_scheme_mirrors_the_national_work_items(links: LinkSet, index: CorpusIndex) -> None:
    """The scheme implements items 四–三十五 one by one; the preamble items 一–三 have no
    task (the gaps the coverage view shows)."""
    national, scheme = doc_id_of("national", index), doc_id_of("004", index)
    implemented = {x.parent.key for x in links.task_links if x.kind is LinkKind.IMPLEMENTS
                   and x.child.doc_id == scheme and x.parent.doc_id == national}
    assert implemented == {str(n) for n in range(4, 36)}


def test_public_legal_services_abstain(links: LinkSet, index: CorpusIndex) -> None:
    assert _parents(links, index, "000", "21") == set()


def test_early_plan_is_only_aligned(links: LinkSet, index: CorpusIndex) -> None:
    doc = doc_id_of("003", index)
    kinds = {x.kind for x in links.task_links if x.child.doc_id == doc}
    assert kinds == {LinkKind.ALIGNED_WITH}
    assert ("004", "19") in _parents(links, index, "003", "22")


def test_a_title_naming_two_topics_gets_both_parents_from_tfidf(
        records: list[DocumentRecord], gazetteer: Gazetteer, index: CorpusIndex) -> None:
    """003 (二十二) 加强行政复议和应诉工作 merges 004's 复议 (十九) and 应诉 (二十): the TF-IDF
    scorer's title rule finds both; the combined scorer (the default) finds 十九 only, its
    model giving 二十 too low a probability (a known miss, in the closing note of issue 17)."""
    tfidf = link_corpus(records, gazetteer,
                        settings=Settings(lineage_scorers=["exact-anchor", "tfidf"]))
    assert _parents(tfidf, index, "003", "22") == {("004", "19"), ("004", "20")}


def test_report_item_reports_on_several_tasks(links: LinkSet, index: CorpusIndex) -> None:
    """001 (三)强化制约监督 gives a sentence each to 各类监督 (二十一), 行政复议 (十九) and
    出庭应诉 (二十); 002 section 六 one each to 复议 (十九) and 应诉 (二十)."""
    assert _parents(links, index, "001", "2.3") == {("004", "19"), ("004", "20"), ("004", "21")}
    # 17 (矛盾纠纷) is acceptable by the gold.
    assert ({("004", "19"), ("004", "20")} <= _parents(links, index, "002", "6")
            <= {("004", "17"), ("004", "19"), ("004", "20")})
    kinds = {x.kind for x in links.task_links if x.child.doc_id == doc_id_of("001", index)}
    assert kinds == {LinkKind.REPORTS_ON}


def test_report_outlook_section_abstains(links: LinkSet, index: CorpusIndex) -> None:
    assert _parents(links, index, "001", "3") == set()


def test_document_links(links: LinkSet, index: CorpusIndex) -> None:
    by_child: dict[str, set[str]] = {}
    for x in links.document_links:
        by_child.setdefault(x.child_doc, set()).add(x.parent_doc or x.parent_title)
    assert {doc_id_of("national", index), doc_id_of("004", index)} <= by_child[
        doc_id_of("000", index)]
    assert by_child[doc_id_of("003", index)] == {
        "内蒙古自治区2021年法治政府建设工作计划", "包头市2021年度法治政府建设工作计划"}
    assert by_child[doc_id_of("004", index)] == {doc_id_of("national", index)}


def _normalized(text: str) -> str:
    """The span's text normalized on its own; line breaks that normalizing the whole
    document joins (a title broken across lines) are dropped here too."""
    return "".join(normalize(MappedText.identity(text)).text.split())


def test_evidence_spans_hold_the_phrase(links: LinkSet, records: list[DocumentRecord]) -> None:
    texts = {r.source.doc_id: (Path(demo_dir()) / r.source.file_name).read_text(encoding="utf-8")
             for r in records if (Path(demo_dir()) / r.source.file_name).is_file()}
    checked = 0
    for link in links.task_links:
        for evidence in link.evidence:
            for span in (evidence.child_span, evidence.parent_span):
                text = texts.get(span.doc_id)
                if text is None:  # the national outline's spans index its TSV
                    continue
                assert text[span.start:span.end] == span.exact
                assert evidence.phrase in _normalized(span.exact), (span, evidence.phrase)
                checked += 1
    assert checked > 100


def test_deterministic_in_any_order(records: list[DocumentRecord], gazetteer: Gazetteer,
                                    settings: Settings, links: LinkSet) -> None:
    shuffled = list(records)
    random.Random(7).shuffle(shuffled)
    assert link_corpus(shuffled, gazetteer, settings=settings) == links
    assert link_corpus(records, gazetteer, settings=settings) == links


def test_relink_one_document_matches_full_linking(records: list[DocumentRecord],
                                                  gazetteer: Gazetteer, settings: Settings,
                                                  links: LinkSet) -> None:
    scheme = next(r for r in records if r.source.file_name.startswith("004_"))
    rest = [r for r in records if r is not scheme]
    index = CorpusIndex(gazetteer, rest)
    partial = link_documents(index, [v.doc_id for v in index.views], settings=settings)
    assert not any(x.parent.doc_id == scheme.source.doc_id for x in partial.task_links)
    assert relink(index, partial, scheme, settings=settings) == links
    removed = relink(index, links, scheme.source.doc_id, settings=settings)
    assert removed == partial


def test_temporal_rule_and_targets(links: LinkSet, index: CorpusIndex) -> None:
    result = evaluate(links, load_gold(), index)
    assert result.temporal_violations == []
    assert result.overall.abstention == 1.0
    assert result.overall.precision >= 0.97, result.overall.errors
    assert result.overall.recall >= 0.95, result.overall.errors


def test_graph_has_qualified_links(links: LinkSet) -> None:
    graph = link_statements(links, IriScheme()).graph()
    nodes = set(graph.subjects(RDF.type, GT.LineageLink))
    assert len(nodes) == len(links.task_links) + len(links.document_links)
    assert len(set(graph.objects(None, GT.hasEvidence))) > 0  # typed by the range (4.0.0)
    assert isomorphic(link_statements(links, IriScheme()).graph(), graph)


def test_graph_conforms_to_shapes(links: LinkSet, records: list[DocumentRecord]) -> None:
    """The links with the documents and divisions they join (the levels rule needs them)."""
    shapes = Path(__file__).parents[2] / "ontology" / "shapes.ttl"
    if not shapes.exists():
        pytest.skip("no SHACL shapes yet")
    from pyshacl import validate

    from govtrace.ingest.rdf import record_to_graph
    from govtrace.ontology.divisions import divisions_graph
    from govtrace.ontology.loading import load_ontology

    iris = IriScheme()
    graph = link_statements(links, iris).graph() + load_ontology() + divisions_graph(iris)
    for record in records:
        graph += record_to_graph(record, iris)
    conforms, _, text = validate(graph, shacl_graph=Graph().parse(shapes))
    assert conforms, text


@pytest.mark.parametrize(("cited", "title"), [
    ("法治政府建设实施纲要(2021-2025年)", "法治政府建设实施纲要（2021—2025年）"),
    ("《法治政府建设实施纲要（2021－2025年）》", "法治政府建设实施纲要（2021—2025年）"),
    ("内蒙古自治区贯彻〈法治政府建设实施纲要(2021—2025年)〉实施方案",
     "内蒙古自治区贯彻《法治政府建设实施纲要（2021—2025年）》实施方案"),
    ("贯彻《法治政府建设实施纲要（2021—2025年）》实施方案",
     "内蒙古自治区贯彻〈法治政府建设实施纲要（2021—2025年）〉实施方案"),
])
def test_titles_match_variants(cited: str, title: str) -> None:
    assert titles_match(cited, title)


def test_titles_do_not_match_on_generic_suffix() -> None:
    assert not titles_match("工作计划", "东河区2021年度法治政府建设工作计划")
    assert not titles_match("包头市2021年度法治政府建设工作计划",
                            "东河区2021年度法治政府建设工作计划")


def test_shared_phrases_start_and_end_on_words_issue_14() -> None:
    """A phrase shown as evidence began with the stop before it (。严格落实…): the match is
    trimmed to its words, and the text it covers of the child is unchanged."""
    child = "完善制度。严格落实行政规范性文件制定程序，严禁越权发文。"
    parent = "加强监督。严格落实行政规范性文件制定程序，注重审核。"
    matches = shared_phrases(child, parent, 4)
    phrases = [child[m.child_start:m.child_start + m.length] for m in matches]
    assert phrases == ["严格落实行政规范性文件制定程序"]
    assert all(parent[m.parent_start:m.parent_start + m.length] == p
               for m, p in zip(matches, phrases, strict=True))
    assert text_reuse(child, matches) == 15 / 25  # of 完善制度 严格落实… 严禁越权发文
