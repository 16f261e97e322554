"""The linking pipeline's seams (issue 15): any scorer feeds the decision, scorers are
chosen by a setting, and the exact-anchor scorer links a child naming its parent."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from govtrace.errors import ConfigError
from govtrace.graph.lineage import CorpusIndex, LinkSet, link_corpus
from govtrace.graph.lineage.corpus import DocView, Unit, view_of
from govtrace.graph.lineage.decide import choose
from govtrace.graph.lineage.documents import document_links
from govtrace.graph.lineage.evaluate import doc_id_of
from govtrace.graph.lineage.linker import CANDIDATES, links_among
from govtrace.graph.lineage.model import Evidence, ItemRef
from govtrace.graph.lineage.scorers import SCORERS, scorers_of
from govtrace.graph.lineage.scorers.anchors import AnchorScorer
from govtrace.graph.lineage.seams import Candidates, PlanLimits, Scored
from govtrace.graph.lineage.seeds import seed_records
from govtrace.ingest.record import DocumentRecord, Span
from govtrace.ontology.divisions import Gazetteer
from govtrace.settings import Settings
from tests.support.rankings import unit

CITATION = "《内蒙古自治区贯彻〈法治政府建设实施纲要（2021—2025年）〉实施方案》第（六）项"


@pytest.fixture(scope="module")
def records() -> list[DocumentRecord]:
    return seed_records(Settings())


@pytest.fixture(scope="module")
def index(records: list[DocumentRecord], gazetteer: Gazetteer) -> CorpusIndex:
    return CorpusIndex(gazetteer, records)


@dataclass(frozen=True)
class StubRanking:
    """A ranking from no scorer the decision knows: it must use only the interface."""

    scored: list[Scored]
    limits: PlanLimits
    covered: dict[str, set[str]]

    def covers(self, parent: Unit, topic: str) -> bool:
        return topic in self.covered.get(parent.ref.key, set())

    def evidence(self, parent: Unit) -> tuple[Evidence, ...]:
        return ()


def test_issue_15_decision_reads_any_scorers_ranking_and_limits() -> None:
    a, b, c = unit("a", "行政复议"), unit("b", "应诉工作"), unit("c", "其他")
    child = unit("child", "加强行政复议和应诉工作")
    scored = [Scored(a, 0.5), Scored(b, 0.4), Scored(c, 0.1)]
    limits = PlanLimits(floor=0.3, max_runner_up=0.5, merge_ratio=0.6, full_strength=1.0)
    ranking = StubRanking(scored, limits, {"a": {"行政复议"}, "b": {"应诉工作"}})
    merged = choose(child, ranking, "stub")
    assert [(x.parent.ref.key, x.method) for x in merged] == [("a", "stub+merge"),
                                                              ("b", "stub+merge")]
    assert merged[0].confidence == round(0.5 * 0.5 + 0.5 * (1 - 0.1 / 0.5), 3)
    stricter = StubRanking(scored, PlanLimits(0.6, 0.5, 0.6, 1.0), ranking.covered)
    assert choose(child, stricter, "stub") == []  # the scorer's floor, not a TF-IDF one
    unmerged = StubRanking(scored, limits, {"a": {"行政复议", "应诉工作"}})
    assert choose(child, unmerged, "stub") == []  # b (0.4) is too close a runner-up


def test_issue_15_scorers_come_from_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert [s.method for s in scorers_of(Settings())] == ["exact-anchor", "logistic-combined",
                                                         "char-ngram-tfidf"]
    assert set(Settings().lineage_scorers) <= set(SCORERS)
    monkeypatch.setenv("GOVTRACE_LINEAGE_SCORERS", '["tfidf"]')
    assert [s.method for s in scorers_of(Settings())] == ["char-ngram-tfidf"]
    with pytest.raises(ConfigError, match="nope"):
        scorers_of(Settings(lineage_scorers=["tfidf", "nope"]))


def test_issue_15_anchors_change_no_parent_on_the_seeds(records: list[DocumentRecord],
                                                        gazetteer: Gazetteer) -> None:
    """Anchors only make surer what TF-IDF finds on the seeds: the same parents."""
    def parents(links: LinkSet) -> set[tuple[ItemRef, ItemRef, str]]:
        return {(x.child, x.parent, x.kind.value) for x in links.task_links}

    both = link_corpus(records, gazetteer,
                       settings=Settings(lineage_scorers=["exact-anchor", "tfidf"]))
    tfidf = link_corpus(records, gazetteer, settings=Settings(lineage_scorers=["tfidf"]))
    assert parents(both) == parents(tfidf)
    anchored = [x for x in both.task_links if x.method == "exact-anchor"]
    # The seeds cite no item by number: every anchor is a shared title, inferred at 0.95.
    assert anchored and all(x.confidence == 0.95 for x in anchored)
    assert not any(x.child.is_report_item for x in anchored)  # reports are TF-IDF's


def _citing(view: DocView, label: str) -> DocView:
    """``view`` reduced to its item ``label`` with :data:`CITATION` appended to its body."""
    unit = next(u for u in view.units if u.label == label)
    assert unit.body_span is not None
    body = f"{unit.body}按照{CITATION}要求推进。"
    span = Span(start=unit.body_span.start, end=unit.body_span.start + len(body), exact=body)
    return DocView(view.record, (Unit(unit.ref, unit.label, unit.title, body, unit.title_span,
                                      span),))


def test_issue_15_a_cited_item_number_is_a_certain_link(index: CorpusIndex) -> None:
    """The banner's public legal services task (二十一) has no counterpart (TF-IDF
    abstains); citing the scheme's item (六) by number links it there for certain."""
    banner = _citing(index[doc_id_of("000", index)], "21")
    levels = CANDIDATES.levels(banner, document_links(banner, index), index)
    scheme = doc_id_of("004", index)
    assert links_among(banner, levels, index, Settings(lineage_scorers=["tfidf"])) == []
    (link,) = links_among(banner, levels, index, Settings())
    assert (link.parent, link.method, link.confidence) == (ItemRef(scheme, "6"),
                                                           "exact-anchor", 1.0)
    assert link.evidence[0].phrase == CITATION
    assert link.evidence[0].child_span.exact == CITATION
    assert link.evidence[0].parent_span.exact == "加强行政规范性文件制定监督管理"


def test_issue_15_two_anchored_candidates_are_a_tie(index: CorpusIndex) -> None:
    scheme = index[doc_id_of("004", index)]
    twin = view_of(scheme.record.model_copy(update={"source": scheme.record.source.model_copy(
        update={"doc_id": "twin"})}))
    child = unit("5", "加强行政规范性文件制定监督管理")
    scorer = AnchorScorer.of(Settings())
    alone = scorer.rank(child, Candidates((scheme,)))
    assert [s.parent.ref for s in alone.scored] == [ItemRef(scheme.doc_id, "6")]
    assert choose(child, alone, scorer.method)
    tied = scorer.rank(child, Candidates((scheme, twin)))
    assert len(tied.scored) == 2 and choose(child, tied, scorer.method) == []
