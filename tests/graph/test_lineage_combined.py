"""The combined scorer (issue 17): more evidence per candidate (words, anchors, structure),
weighed by a fitted logistic model into a calibrated probability; abstention by expected
precision; merges whenever each parent's probability clears the bar; which evidence
carried each link, in the RDF."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, SKOS

from govtrace.errors import LineageError
from govtrace.graph.lineage import CorpusIndex, LinkSet, link_corpus
from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.decide import choose
from govtrace.graph.lineage.evaluate import evaluate
from govtrace.graph.lineage.features import FEATURES, marks
from govtrace.graph.lineage.fitted import default_model_path, load_model
from govtrace.graph.lineage.gold import load_gold
from govtrace.graph.lineage.model import Contribution, Evidence, ItemRef, LinkKind, TaskLink
from govtrace.graph.lineage.rdf import contribution_property, link_statements
from govtrace.graph.lineage.seams import Candidates, PlanLimits, Ranking, Scored
from govtrace.graph.lineage.seeds import seed_records
from govtrace.graph.lineage.structure import align, placements
from govtrace.graph.lineage.words import words
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.divisions import Gazetteer
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.loading import load_ontology
from govtrace.ontology.namespaces import GT
from govtrace.settings import Settings
from tests.support.rankings import ProbableRanking, unit

COMBINED = ["exact-anchor", "combined", "tfidf"]


@pytest.fixture(scope="module")
def records() -> list[DocumentRecord]:
    return seed_records(Settings())


@pytest.fixture(scope="module")
def combined_links(records: list[DocumentRecord], gazetteer: Gazetteer) -> LinkSet:
    return link_corpus(records, gazetteer, settings=Settings(lineage_scorers=COMBINED))


def test_policy_terms_stay_one_word_issue_17() -> None:
    """The glossary's terms are jieba user words: 行政规范性文件 is not cut into pieces."""
    assert "行政规范性文件" in words("加强行政规范性文件制定监督管理")
    assert "的" not in words("政府的职能")


def test_a_countys_own_word_for_a_scheme_term_is_that_term_issue_17() -> None:
    """A heavy rewording says 红头文件 / 首违不罚 / 一把手出庭 where the scheme says
    行政规范性文件 / 免予处罚 / 负责人出庭应诉: the words of a synonym class count as one, so
    word similarity sees the shared concept (before, these shared no word at all)."""
    county = words("管住红头文件，首违不罚，被诉部门一把手上法庭")
    scheme = words("加强行政规范性文件制定监督管理，全面推行轻微违法行为依法免予处罚清单，"
                   "严格执行行政机关负责人出庭应诉制度")
    assert {"行政规范性文件", "免罚", "应诉", "主要负责人"} <= set(county)
    assert {"行政规范性文件", "免罚", "应诉"} <= set(county) & set(scheme)


def test_exact_marks_issue_17() -> None:
    text = "贯彻《优化营商环境条例》（国务院令第722号），办结率达到 95%。"
    assert marks(text) == {"《优化营商环境条例》", "第722号", "95%"}


def test_monotone_alignment_places_a_reworded_task_between_its_neighbours_issue_17() -> None:
    """Children 0 and 2 match parents 1 and 3 clearly; child 1 (reworded past recognition)
    matches nothing, yet its neighbours bracket parents 1–3, and a split (two children on
    one parent) keeps the alignment monotone."""
    similarity = [[0.0, 0.6, 0.0, 0.0, 0.1],
                  [0.05, 0.0, 0.1, 0.0, 0.1],
                  [0.0, 0.0, 0.0, 0.7, 0.0],
                  [0.0, 0.0, 0.0, 0.5, 0.0]]
    matched = align(similarity, 0.15)
    assert matched == [1, None, 3, 3]
    middle = placements(matched, 5)[1]
    assert (middle.low, middle.high) == (1, 3)
    assert middle.between(2) == pytest.approx(1 / 3)
    assert middle.between(4) == 0.0


def test_alignment_never_goes_back_issue_17() -> None:
    """A crossing pair is dropped rather than matched out of order."""
    matched = align([[0.0, 0.9], [0.8, 0.0]], 0.15)
    assert matched in ([1, None], [None, 0])


def test_a_task_merges_every_parent_that_clears_the_bar_issue_17() -> None:
    """Two parents above the bar are both linked, though the child's title (one topic,
    no 和) names only one; the probability is the confidence."""
    child = unit("c", "深化行政执法体制改革")
    a, b, c = unit("a", "甲"), unit("b", "乙"), unit("x", "丙")
    ranking = ProbableRanking([Scored(a, 0.97), Scored(b, 0.91), Scored(c, 0.2)], bar=0.8)
    chosen = choose(child, ranking, "logistic-combined")
    assert [x.parent.ref.key for x in chosen] == ["a", "b"]
    assert [x.confidence for x in chosen] == [0.97, 0.91]
    assert all(x.method == "logistic-combined:text+merge" for x in chosen)
    assert chosen[0].contributions == (Contribution("word_cosine", 0.3, 1.2),)
    assert choose(child, ProbableRanking([Scored(a, 0.7)], bar=0.8), "m") == []


def test_the_bundled_model_fits_these_features_issue_17() -> None:
    raw = json.loads(default_model_path().read_text(encoding="utf-8"))
    assert raw["features"] == list(FEATURES)
    assert {"date", "data", "C"} <= set(raw["fit"])
    assert {"method", "log_odds", "probability"} <= set(raw["calibration"])
    load_model(default_model_path())


def test_a_broken_model_file_is_a_coded_error_issue_17(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps({"features": ["char_score"], "weights": [1.0], "intercept": 0,
                               "fit": {}}), encoding="utf-8")
    with pytest.raises(LineageError) as caught:
        load_model(bad)
    assert caught.value.code == "GT-LINEAGE-004"
    assert "refit" in str(caught.value)


def test_seeds_stay_right_with_the_combined_scorer_issue_17(
        combined_links: LinkSet, records: list[DocumentRecord], gazetteer: Gazetteer) -> None:
    result = evaluate(combined_links, load_gold(), CorpusIndex(gazetteer, records))
    assert result.temporal_violations == []
    assert result.overall.abstention == 1.0
    assert result.overall.precision >= 0.97, result.overall.errors
    assert result.overall.recall >= 0.95, result.overall.errors


def test_combined_links_say_which_evidence_carried_them_issue_17(
        combined_links: LinkSet) -> None:
    made = [x for x in combined_links.task_links if x.method.startswith("logistic-combined")]
    assert made
    for link in made:
        assert link.contributions
        assert {c.feature for c in link.contributions} <= set(FEATURES)
        assert link.method.split(":")[1].split("+")[0] in ("text", "anchor", "structure")


def test_contributions_are_in_the_rdf_issue_17() -> None:
    link = TaskLink(ItemRef("child", "1"), ItemRef("parent", "2"), LinkKind.IMPLEMENTS, 0.9,
                    "logistic-combined:structure", 0.0,
                    contributions=(Contribution("between", 1.0, 2.5),
                                   Contribution("word_cosine", 0.1, -0.25)))
    graph = link_statements(LinkSet([link]), IriScheme()).graph()
    node = next(graph.subjects(RDF.type, GT.LineageLink))
    notation = {p: str(n) for p, n in load_ontology().subject_objects(SKOS.notation)}
    parts = {notation[p]: float(str(v)) for p, v in graph.predicate_objects(node)
             if p in notation}
    assert parts == {"between": 2.5, "word_cosine": -0.25}


def test_a_contribution_is_one_statement_on_the_link_issue_16() -> None:
    """A feature's contribution is its own property's value on the link (ontology 4.0.0),
    not a node of four statements; every feature the scorer has is declared."""
    link = TaskLink(ItemRef("child", "1"), ItemRef("parent", "2"), LinkKind.IMPLEMENTS, 0.9,
                    "logistic-combined:structure", 0.0,
                    contributions=(Contribution("titles_only", 1.0, 0.5),))
    graph = link_statements(LinkSet([link]), IriScheme()).graph()
    node = next(graph.subjects(RDF.type, GT.LineageLink))
    assert float(str(graph.value(node, GT.contributionTitlesOnly))) == 0.5
    assert not set(graph.objects(node, GT.hasContribution))
    ontology = load_ontology()
    for feature in FEATURES:
        assert (contribution_property(feature), SKOS.notation, Literal(feature)) in ontology


@dataclass(frozen=True)
class StubScorer:
    """A scorer giving a fixed ranking to every child."""

    ranking: Ranking
    method: str = "stub"
    report_limits: None = None

    def rank(self, child: Unit, candidates: Candidates) -> Ranking:
        return self.ranking


def test_a_calibrated_abstention_is_final_issue_17(records: list[DocumentRecord],
                                                    gazetteer: Gazetteer) -> None:
    """A task the combined scorer abstains on is not handed to TF-IDF after it: that would
    add exactly the links judged below the target precision."""
    from govtrace.graph.lineage.linker import _choices

    index = CorpusIndex(gazetteer, records)
    view = next(v for v in index.views if v.record.source.file_name.startswith("000_"))
    child, parent = view.units[0], unit("p", "任何")
    sure = PlanLimits(0.1, 1.0, 0.5, 1.0)

    @dataclass(frozen=True)
    class Certain:
        scored: tuple[Scored, ...] = (Scored(parent, 1.0),)
        limits: PlanLimits = sure

        def covers(self, parent: Unit, topic: str) -> bool:
            return False

        def evidence(self, parent: Unit) -> tuple[Evidence, ...]:
            return ()

    level = [Candidates(())]
    abstaining = StubScorer(ProbableRanking([Scored(parent, 0.3)], bar=0.8))
    linking = StubScorer(Certain())
    assert _choices(child, [linking], level)  # the stub links on its own
    assert _choices(child, [abstaining, linking], level) == []


def test_the_matrix_scores_are_the_tfidf_scorers_issue_17(records: list[DocumentRecord],
                                                           gazetteer: Gazetteer) -> None:
    """The combined scorer's char_score, computed for a whole document at once, is the
    TF-IDF scorer's score, against a level with bodies and one of bare titles."""
    from govtrace.graph.lineage.documents import document_links
    from govtrace.graph.lineage.linker import CANDIDATES
    from govtrace.graph.lineage.scorers.tfidf import ParentPool
    from govtrace.graph.lineage.similarity import LevelMatrices

    index = CorpusIndex(gazetteer, records)
    for prefix in ("000_", "004_"):
        view = next(v for v in index.views if v.record.source.file_name.startswith(prefix))
        level = CANDIDATES.levels(view, document_links(view, index), index)[0]
        parents = tuple(level.units)
        matrices, pool = LevelMatrices.of(parents), ParentPool(parents)
        scores = matrices.char_scores(view.units)
        for i, child in enumerate(view.units):
            expected = {s.parent.ref: s.score for s in pool.score(child)}
            assert [round(float(x), 12) for x in scores[i]] == [
                round(expected[p.ref], 12) for p in parents]
