"""Confidence that means what it says (issue 17): the combined scorer's probability is its
log-odds passed through a calibration map fitted on held-out folds (isotonic regression,
stored in the model file), and a task an exact anchor links still merges the other parents
the calibrated model puts above the bar."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bench.fit_lineage_model import isotonic_knots, platt_knots, platt_params, pooled_blocks
from govtrace.errors import LineageError
from govtrace.graph.lineage import CorpusIndex, link_corpus
from govtrace.graph.lineage.decide import MERGE, Choice, with_probable_partners
from govtrace.graph.lineage.evaluate import doc_id_of
from govtrace.graph.lineage.features import FEATURES
from govtrace.graph.lineage.fitted import calibrate, default_model_path, load_model
from govtrace.graph.lineage.seams import Scored
from govtrace.graph.lineage.seeds import demo_dir, seed_records
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.divisions import Gazetteer
from govtrace.settings import Settings
from tests.support.rankings import ProbableRanking, unit


def _model_file(folder: Path, log_odds: list[float], probability: list[float]) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "model.json"
    path.write_text(json.dumps({
        "features": list(FEATURES), "weights": [0.0] * len(FEATURES), "intercept": 0.0,
        "calibration": {"method": "isotonic", "log_odds": log_odds,
                        "probability": probability},
        "fit": {}}), encoding="utf-8")
    return path


def test_the_probability_is_the_calibration_map_of_the_log_odds_issue_17(
        tmp_path: Path) -> None:
    """A log-odds of 0 is not 0.5 when held-out data say otherwise: the map (linear between
    its knots, constant beyond them) gives the probability; order among candidates the map
    ties is the model's own."""
    model = load_model(_model_file(tmp_path, [-2.0, 0.0, 0.5, 3.0], [0.0, 0.2, 0.8, 1.0]))
    z = np.array([-5.0, -1.0, 0.0, 0.25, 0.5, 10.0])
    assert np.round(calibrate(z, model.knots), 4).tolist() == [0.0, 0.1, 0.2, 0.5, 0.8, 1.0]
    flat = load_model(_model_file(tmp_path / "flat", [-1.0, 1.0], [0.3, 0.3]))
    low, high = calibrate(np.array([-0.5, 0.5]), flat.knots)
    assert low < high
    assert round(float(high), 3) == 0.3


def test_the_bundled_model_carries_its_held_out_calibration_issue_17() -> None:
    raw = json.loads(default_model_path().read_text(encoding="utf-8"))
    calibration = raw["calibration"]
    assert calibration["method"].startswith("isotonic")
    assert {"held_out_brier", "held_out_ece"} <= set(calibration["fit"])
    assert calibration["log_odds"] == sorted(calibration["log_odds"])
    assert calibration["probability"] == sorted(calibration["probability"])


@pytest.mark.parametrize(("log_odds", "probability"), [
    ([0.0], [0.5]),
    ([1.0, 0.0], [0.2, 0.8]),
    ([0.0, 1.0], [0.8, 0.2]),
    ([0.0, 1.0], [0.2, 1.5]),
])
def test_a_broken_calibration_is_a_coded_error_issue_17(
        tmp_path: Path, log_odds: list[float], probability: list[float]) -> None:
    with pytest.raises(LineageError) as caught:
        load_model(_model_file(tmp_path, log_odds, probability))
    assert caught.value.code == "GT-LINEAGE-004"
    assert "calibration" in str(caught.value)


def test_an_anchored_task_takes_the_other_parents_above_the_bar_issue_17() -> None:
    a, b, c, d = (unit(k, k) for k in "abcd")
    anchored = [Choice(a, 1.0, 0.95, "exact-anchor", ())]
    ranking = ProbableRanking([Scored(a, 0.99), Scored(b, 0.9), Scored(c, 0.85), Scored(d, 0.5)])
    merged = with_probable_partners(anchored, ranking)
    assert [x.parent.ref.key for x in merged] == ["a", "b", "c"]
    assert [x.method for x in merged] == ["exact-anchor" + MERGE,
                                          "logistic-combined:text" + MERGE,
                                          "logistic-combined:text" + MERGE]
    assert [x.confidence for x in merged] == [0.95, 0.9, 0.85]
    alone = ProbableRanking([Scored(a, 0.99), Scored(b, 0.79)])
    assert with_probable_partners(anchored, alone) == anchored


@pytest.fixture(scope="module")
def merged_plan(tmp_path_factory: pytest.TempPathFactory) -> list[DocumentRecord]:
    """A banner plan whose task 2 bears the title of scheme task (七) and carries the bodies
    of (七) and (八): one title, two parents."""
    scheme = (demo_dir() / "004_c5645c69c3d939d1.txt").read_text(encoding="utf-8")

    def body(title: str, after: str) -> str:
        start = scheme.index(title) + len(title)
        return scheme[start:scheme.index(after, start)].strip()

    seven = body("(七)强化依法决策意识", "(八)")
    eight = body("(八)严格落实重大行政决策程序", "(九)")
    six = body("(六)加强行政规范性文件制定监督管理", "三、")
    text = ("准格尔旗2023年法治政府建设工作要点\n\n"
            "为贯彻落实《内蒙古自治区贯彻〈法治政府建设实施纲要（2021—2025年）〉实施方案》，"
            "结合我旗实际，制定本要点。\n\n"
            "一、健全依法行政制度\n\n"
            f"（一）加强行政规范性文件制定监督管理。{six}\n\n"
            f"（二）强化依法决策意识。{seven}{eight}\n\n")
    folder = tmp_path_factory.mktemp("merged")
    (folder / "plan.txt").write_text(text, encoding="utf-8")
    (folder / "metadata.toml").write_text(
        'schema = 1\n\n[files."plan"]\ndoc_type = "WorkPlan"\njurisdiction = "150622"\n'
        "covers_year = 2023\npublished = 2023-03-01\n", encoding="utf-8")
    batch = ingest_paths([folder], settings=Settings(), extract=extract_record)
    assert not batch.failures, batch.failures
    return [*seed_records(Settings()), *batch.records]


def test_a_task_titled_after_one_parent_still_merges_the_other_issue_17(
        merged_plan: list[DocumentRecord], gazetteer: Gazetteer) -> None:
    """Before: the exact anchor (the task bears (七)'s title) decided alone and never looked
    for (八), whose whole body the task carries."""
    index = CorpusIndex(gazetteer, merged_plan)
    links = link_corpus(merged_plan, gazetteer, settings=Settings())
    plan, scheme = merged_plan[-1].source.doc_id, doc_id_of("004", index)
    parents = {x.parent.key: x for x in links.task_links
               if x.child.doc_id == plan and x.child.key == "2" and x.parent.doc_id == scheme}
    assert set(parents) == {"7", "8"}
    assert parents["7"].method == "exact-anchor" + MERGE
    assert parents["8"].method.startswith("logistic-combined")
    assert parents["8"].method.endswith(MERGE)
    assert parents["8"].confidence >= Settings().lineage_target_precision


def test_pooled_isotonic_map_puts_enough_pairs_on_every_step_issue_17() -> None:
    """The plain isotonic map leaves steps of a few pairs in the middle of the scale (held
    out, 0.8–0.9 held 8 pairs); ``--min-step-pairs`` pools each small step with its closer
    neighbour, and the map stays monotone."""
    rng = np.random.default_rng(7)
    z = np.sort(rng.normal(0.0, 3.0, 400))
    y = (rng.random(400) < 1.0 / (1.0 + np.exp(-z))).astype(float)
    w = np.ones(400)
    plain = isotonic_knots(z, y, w)
    fitted = np.interp(z, plain[0], plain[1])
    blocks = pooled_blocks(z, y, w, fitted, 30)
    assert min(end - start for start, end, _ in blocks) >= 30
    assert [v for *_, v in blocks] == sorted(v for *_, v in blocks)
    assert len(blocks) < len(set(plain[1]))
    x, p = isotonic_knots(z, y, w, 30)
    assert x == sorted(x) and p == sorted(p)
    assert calibrate(np.array([x[0] - 1.0]), (x, p))[0] == pytest.approx(p[0], abs=1e-5)


def test_a_platt_map_ships_as_knots_the_runtime_reads_issue_17() -> None:
    """``--calibration platt`` writes the sigmoid sampled as knots, so graph/lineage/fitted.py
    applies it unchanged (linear between knots)."""
    rng = np.random.default_rng(3)
    z = rng.normal(0.0, 3.0, 2000)
    y = (rng.random(2000) < 1.0 / (1.0 + np.exp(-(0.8 * z - 0.5)))).astype(float)
    w = np.ones(2000)
    a, b = platt_params(z, y, w)
    knots = platt_knots(z, y, w)
    probe = np.linspace(-8.0, 8.0, 33)
    assert calibrate(probe, knots) == pytest.approx(1.0 / (1.0 + np.exp(-(a * probe + b))),
                                                    abs=1e-3)
