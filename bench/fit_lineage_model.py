"""Fit the combined lineage scorer's model (govtrace/data/lineage-model.json) and report
its held-out accuracy and calibration.

    python bench/fit_lineage_model.py --synthetic /tmp/corpus-1k [--dev bench/paraphrase/dev]
        [--out govtrace/data/lineage-model.json] [--markdown /tmp/lineage-model.md]

Labelled (child task, candidate item) pairs come from the seeds' gold
(govtrace/data/gold/lineage-seeds.tsv), a synthetic corpus's truth.tsv
(bench/synthetic_corpus.py; ``--synthetic-children`` of its plan tasks, sampled) and
the hand-written paraphrase dev set (``--dev``: its corpus and gold.tsv, the seeds'
gold format plus a ``difficulty`` column; used only once it holds ``READY``). The
held-out test set (bench/paraphrase/test) is never read. Each child contributes
every candidate of the level its gold parent is in (the first level for a child that
must abstain), with the features of graph/lineage/features.py; a candidate the gold
calls merely acceptable is left out.

A logistic regression (scikit-learn, a dev dependency) is fit with cross-validation
grouped by child document (no document's tasks in both a training and a held-out fold):
the regularisation with the best held-out log-loss is kept. The out-of-fold log-odds
are calibrated by isotonic regression (weighted as the fit is; ``--min-step-pairs N``:
every step of the staircase pooled to N pairs or more; ``--calibration platt``: Platt
scaling instead, sampled at knots), stored as the map's knots beside the final weights (fit
on everything) and applied by graph/lineage/fitted.py. The reliability table compares the
maps held out (each fit on other folds than the pairs it calibrates): Platt scaling, plain
isotonic and isotonic with steps of 30 pairs or more, in ten bins (with the synthetic local
innovations' pairs in each), the Brier score and the expected calibration error (ECE), over
every pair and weighted as the fit weighs the sources. Merged tasks are also counted per
hand-labelled document.
Held-out figures are decided as the linker decides (an exact anchor and every other
candidate whose probability clears the bar of ``lineage_target_precision``, at most
three; without an anchor, every candidate clearing it), per source and difficulty,
beside the current TF-IDF decision on the same children.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from govtrace.graph.lineage.corpus import CorpusIndex, DocView, Unit
from govtrace.graph.lineage.decide import choose
from govtrace.graph.lineage.documents import document_links
from govtrace.graph.lineage.evaluate import PairScore, doc_id_of
from govtrace.graph.lineage.features import FEATURES, DocumentFeatures, document_features
from govtrace.graph.lineage.fitted import calibrate
from govtrace.graph.lineage.gold import GoldRow, load_gold
from govtrace.graph.lineage.linker import CANDIDATES
from govtrace.graph.lineage.model import LinkKind
from govtrace.graph.lineage.scorers.anchors import AnchorScorer
from govtrace.graph.lineage.scorers.combined import MAX_PARENTS
from govtrace.graph.lineage.scorers.tfidf import TfidfScorer
from govtrace.graph.lineage.seams import Candidates
from govtrace.graph.lineage.seeds import seed_records
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ingest.outline import national_outline_record
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.divisions import get_gazetteer
from govtrace.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
FOLDS = 5
BINS = 10
POOLED = 30
"""The least pairs on a step of the pooled isotonic map the reliability table always shows
beside the plain one (the middle bins held 2–26 pairs each under the plain map)."""


@dataclass
class Child:
    """One labelled child at the level its parent is in, with every candidate there."""

    source: str
    group: str
    name: str
    difficulty: str
    parents: list[str]
    features: list[tuple[float, ...]]
    labels: list[int | None]
    expected: frozenset[str]
    allowed: frozenset[str]
    anchored: frozenset[str]
    tfidf: frozenset[str]


class Labeller:
    """Features and the current linker's decision for children of one corpus."""

    def __init__(self, index: CorpusIndex, settings: Settings) -> None:
        self.index = index
        self.anchor = AnchorScorer.of(settings)
        self.tfidf = TfidfScorer.of(settings)
        self._levels: dict[str, list[Candidates]] = {}
        self._features: dict[tuple[str, int], DocumentFeatures] = {}

    def levels(self, view: DocView) -> list[Candidates]:
        if view.doc_id not in self._levels:
            self._levels[view.doc_id] = CANDIDATES.levels(view, document_links(view, self.index),
                                                          self.index)
        return self._levels[view.doc_id]

    def child(self, source: str, difficulty: str, view: DocView, unit: Unit, level_no: int,
              parent_doc: str | None, expected: frozenset[str], allowed: frozenset[str]
              ) -> Child:
        """``expected`` and ``allowed``: labels of items of ``parent_doc``."""
        level = self.levels(view)[level_no]
        key = (view.doc_id, level_no)
        if key not in self._features:
            self._features[key] = document_features(view.units, level)
        rows = self._features[key].rows(unit.ref)
        expected_ids = frozenset(f"{parent_doc}#{label}" for label in expected)
        allowed_ids = frozenset(f"{parent_doc}#{label}" for label in allowed) | expected_ids
        parents = [item_id(r.parent) for r in rows]
        labels = [1 if p in expected_ids else None if p in allowed_ids else 0 for p in parents]
        anchored = frozenset(item_id(c.parent) for c in choose(
            unit, self.anchor.rank(unit, level), self.anchor.method))
        tfidf = frozenset(item_id(c.parent) for c in choose(
            unit, self.tfidf.rank(unit, level), self.tfidf.method))
        return Child(source, view.doc_id, f"{view.doc_id}:{unit.label}", difficulty, parents,
                     [r.values for r in rows], labels, expected_ids, allowed_ids, anchored,
                     tfidf)


def item_id(unit: Unit) -> str:
    return f"{unit.ref.doc_id}#{unit.label}"


def level_of(labeller: Labeller, view: DocView, parent_doc: str | None) -> int | None:
    """The child's nearest candidate level when it holds ``parent_doc`` (None: a child that
    must abstain), else None: a gold row for a farther level (a county task → the national
    outline) is reached through the nearer one's links, not decided by the scorer."""
    levels = labeller.levels(view)
    if levels and (parent_doc is None or any(d.doc_id == parent_doc for d in levels[0].docs)):
        return 0
    return None


def gold_children(source: str, index: CorpusIndex, rows: list[GoldRow],
                  settings: Settings) -> list[Child]:
    labeller = Labeller(index, settings)
    out = []
    for row in rows:
        if row.kind is LinkKind.REPORTS_ON or (not row.expected and not row.must_abstain):
            continue
        view, parent_doc = index[doc_id_of(row.child, index)], doc_id_of(row.parent, index)
        unit = next((u for u in view.units if u.label == row.item
                     and not u.ref.is_report_item), None)
        number = level_of(labeller, view, parent_doc)
        if unit is None or number is None:
            continue
        out += [labeller.child(source, row.difficulty or "copied", view, unit, level,
                               parent_doc, row.expected, row.allowed)
                for level in levels_to_label(labeller, view, parent_doc, number)]
    return out


def levels_to_label(labeller: Labeller, view: DocView, parent_doc: str | None,
                    number: int) -> range:
    """The levels a child is labelled at: its parent's, or, for a child that must abstain,
    every level: the linker tries the next level when a task abstains at one, so a local
    innovation must be rejected by the scheme above and by the national outline's bare
    titles too (labelled at the first level only, it was linked at the outline)."""
    if parent_doc is not None:
        return range(number, number + 1)
    return range(number, len(labeller.levels(view)))


def seeds(settings: Settings) -> list[Child]:
    index = CorpusIndex(get_gazetteer(), seed_records(settings))
    return gold_children("seeds", index, load_gold(), settings)


def dev(folder: Path, settings: Settings) -> list[Child]:
    """The paraphrase dev set: every document file in the folder, beside the seeds (its
    gold names their regional scheme as parent), and its gold with difficulties."""
    paths = [p for p in sorted(folder.iterdir()) if p.name not in ("gold.tsv", "READY")]
    batch = ingest_paths(paths, settings=settings, extract=extract_record)
    records = list(batch.records)
    have = {r.source.doc_id for r in records}
    records += [r for r in seed_records(settings) if r.source.doc_id not in have]
    index = CorpusIndex(get_gazetteer(), records)
    return gold_children("dev", index, load_gold(folder / "gold.tsv"), settings)


def synthetic(folder: Path, records: list[DocumentRecord], sample: int,
              settings: Settings) -> list[Child]:
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic_truth import NATIONAL_DOC, ids_of, load_difficulties, load_truth

    truth = load_truth(folder / "truth.tsv", ids_of(records))
    difficulties = load_difficulties(folder / "truth.tsv", ids_of(records))
    index = CorpusIndex(get_gazetteer(), [*records, national_outline_record()])
    national = doc_id_of("national", index)
    labeller = Labeller(index, settings)
    plan_children = sorted(k for k in truth if k[0] in index and not index[k[0]].is_report)
    random.Random(7).shuffle(plan_children)
    out = []
    for doc_id, label in plan_children[:sample]:
        view, parents = index[doc_id], truth[(doc_id, label)]
        unit = next((u for u in view.units if u.label == label
                     and not u.ref.is_report_item), None)
        docs = {national if d == NATIONAL_DOC else d for d, _ in parents}
        if unit is None or len(docs) > 1:
            continue
        parent_doc = next(iter(docs), None)
        number = level_of(labeller, view, parent_doc)
        if number is None:
            continue
        expected = frozenset(item for _, item in parents)
        difficulty = difficulties.get((doc_id, label)) or ("local" if not parents else "copied")
        out += [labeller.child("synthetic", difficulty, view, unit, level, parent_doc,
                               expected, expected)
                for level in levels_to_label(labeller, view, parent_doc, number)]
    return out


# --- fitting ----------------------------------------------------------------------------------

@dataclass
class Pairs:
    """Every labelled pair: features, label, group (child document), weight, and where it
    comes from (child number, candidate number)."""

    x: np.ndarray
    y: np.ndarray
    groups: np.ndarray
    weights: np.ndarray
    where: list[tuple[int, int]]


def matrix(children: list[Child]) -> Pairs:
    """The pairs, weighted so that each source weighs as much as any other: a thousand
    copied synthetic tasks must not drown the few dozen hand-written rewordings."""
    xs, ys, groups, sources, where = [], [], [], [], []
    for c_no, child in enumerate(children):
        for p_no, (x, y) in enumerate(zip(child.features, child.labels, strict=True)):
            if y is None:
                continue
            xs.append(x)
            ys.append(y)
            groups.append(f"{child.source}/{child.group}")
            sources.append(child.source)
            where.append((c_no, p_no))
    count = Counter(sources)
    weights = [len(sources) / (len(count) * count[s]) for s in sources]
    return Pairs(np.array(xs), np.array(ys), np.array(groups), np.array(weights), where)


def model(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=2000)


def out_of_fold(pairs: Pairs, c: float) -> np.ndarray:
    """Held-out decision values (log-odds) of every pair."""
    x, y, w = pairs.x, pairs.y, pairs.weights
    z = np.zeros(len(y))
    for train, test in GroupKFold(FOLDS).split(x, y, pairs.groups):
        scaler = StandardScaler().fit(x[train])
        fitted = model(c).fit(scaler.transform(x[train]), y[train], sample_weight=w[train])
        z[test] = fitted.decision_function(scaler.transform(x[test]))
    return z


Calibrator = Callable[[np.ndarray, np.ndarray, np.ndarray], Callable[[np.ndarray], np.ndarray]]


Knots = tuple[list[float], list[float]]


def platt_params(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """Platt scaling's a and b: the probability is the sigmoid of a × log-odds + b."""
    fitted = LogisticRegression(C=1e6, max_iter=1000).fit(z.reshape(-1, 1), y, sample_weight=w)
    return float(fitted.coef_[0][0]), float(fitted.intercept_[0])


def platt(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """Platt scaling (what the model shipped with before the isotonic map): measured against
    the isotonic maps each fit."""
    a, b = platt_params(z, y, w)
    return lambda v: 1.0 / (1.0 + np.exp(-(a * v + b)))


PLATT_KNOTS = np.linspace(-30.0, 30.0, 1201)
"""Where a Platt map is sampled for the model file (graph/lineage/fitted.py interpolates
linearly between knots; at steps of 0.05 in log-odds the sigmoid is off by under 10⁻⁴)."""


def platt_knots(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> Knots:
    a, b = platt_params(z, y, w)
    if a <= 0:
        raise SystemExit(f"Platt scaling came out decreasing (a = {a}): not a calibration")
    return ([round(float(v), 6) for v in PLATT_KNOTS],
            [round(float(v), 6) for v in 1.0 / (1.0 + np.exp(-(a * PLATT_KNOTS + b)))])


def isotonic_knots(z: np.ndarray, y: np.ndarray, w: np.ndarray, min_pairs: int = 0) -> Knots:
    """The isotonic map's knots; with ``min_pairs``, every step of the staircase holds at
    least that many pairs (:func:`pooled_blocks`)."""
    fitted = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(
        z, y, sample_weight=w)
    if not min_pairs:
        return ([round(float(v), 6) for v in fitted.X_thresholds_],
                [round(float(v), 6) for v in fitted.y_thresholds_])
    order = np.argsort(z, kind="stable")
    xs: list[float] = []
    ps: list[float] = []
    for start, end, value in pooled_blocks(z[order], y[order], w[order],
                                           fitted.predict(z[order]), min_pairs):
        xs += [round(float(z[order][start]), 6), round(float(z[order][end - 1]), 6)]
        ps += [round(value, 6)] * 2
    return xs, ps


def pooled_blocks(z: np.ndarray, y: np.ndarray, w: np.ndarray, fitted: np.ndarray,
                  min_pairs: int) -> list[tuple[int, int, float]]:
    """The isotonic fit's steps (pairs sorted by ``z``; ``fitted`` its value per pair) as
    (start, end, value), each step of fewer than ``min_pairs`` pairs pooled with the
    neighbour closer in value, the smallest first. Pooling two adjacent steps of a monotone
    staircase gives their weighted mean, between the two, so the map stays monotone; a step
    of seven pairs at 0.82 (held out, right 4 times in 8) is a guess, not a frequency.
    Hand-written: scikit-learn's isotonic regression has no minimum step size."""
    cuts = [0, *(np.flatnonzero(np.diff(fitted)) + 1).tolist(), len(z)]
    blocks = [[a, b] for a, b in pairwise(cuts)]

    def value(block: list[int]) -> float:
        return float(np.average(y[block[0]:block[1]], weights=w[block[0]:block[1]]))

    while len(blocks) > 1:
        k = min(range(len(blocks)), key=lambda i: blocks[i][1] - blocks[i][0])
        if blocks[k][1] - blocks[k][0] >= min_pairs:
            break
        if k == 0 or (k < len(blocks) - 1 and abs(value(blocks[k + 1]) - value(blocks[k]))
                      < abs(value(blocks[k - 1]) - value(blocks[k]))):
            j = k + 1
        else:
            j = k - 1
        a, b = min(k, j), max(k, j)
        blocks[a:b + 1] = [[blocks[a][0], blocks[b][1]]]
    return [(a, b, value([a, b])) for a, b in blocks]


def isotonic(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """The isotonic map, as graph/lineage/fitted.py applies it."""
    knots = isotonic_knots(z, y, w)
    return lambda v: calibrate(v, knots)


def pooled(min_pairs: int) -> Calibrator:
    """The isotonic map with at least ``min_pairs`` pairs on each step."""
    def fit(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        knots = isotonic_knots(z, y, w, min_pairs)
        return lambda v: calibrate(v, knots)
    return fit


def calibrated_out_of_fold(z: np.ndarray, pairs: Pairs, fit: Calibrator) -> np.ndarray:
    """Probabilities whose calibration map was fit on other folds than their own."""
    p = np.zeros(len(z))
    for train, test in GroupKFold(FOLDS).split(z, pairs.y, pairs.groups):
        p[test] = fit(z[train], pairs.y[train], pairs.weights[train])(z[test])
    return p


def final_weights(pairs: Pairs, c: float) -> tuple[list[float], float]:
    """Weights on the raw features (the scaler folded in)."""
    scaler = StandardScaler().fit(pairs.x)
    fitted = model(c).fit(scaler.transform(pairs.x), pairs.y, sample_weight=pairs.weights)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    w = fitted.coef_[0] / scale
    w0 = fitted.intercept_[0] - float(np.sum(fitted.coef_[0] * scaler.mean_ / scale))
    return [round(float(v), 6) for v in w], round(float(w0), 6)


# --- deciding and reporting -------------------------------------------------------------------

def decided(child: Child, probs: dict[int, float], bar: float) -> frozenset[str]:
    """What the linker would link the child to: its anchor with every other candidate
    clearing the bar, else every candidate clearing it (at most MAX_PARENTS in all)."""
    ranked = [child.parents[p] for p, prob in sorted(probs.items(), key=lambda kv: -kv[1])
              if prob >= bar and child.parents[p] not in child.anchored]
    return child.anchored | frozenset(ranked[:MAX_PARENTS - len(child.anchored)])


def tally(score: PairScore, child: Child, got: frozenset[str]) -> None:
    """Count ``got`` for ``child`` the way :func:`evaluate.evaluate` counts links."""
    score.predicted += len(got)
    score.correct += len(got & child.allowed)
    score.expected += len(child.expected)
    score.found += len(got & child.expected)
    if not child.expected:
        score.abstentions += 1
        score.abstained += not got


def row(score: PairScore) -> str:
    p = f"{score.precision:.3f}" if score.predicted else "-"
    r = f"{score.recall:.3f}" if score.expected else "-"
    a = f"{score.abstained}/{score.abstentions}" if score.abstentions else "-"
    return f"{p} | {r} | {a}"


def bins(p: np.ndarray) -> list[np.ndarray]:
    """The pairs of each tenth of the probability scale (1.0 in the last)."""
    return [(p >= k / BINS) & ((p < (k + 1) / BINS) if k < BINS - 1 else (p <= 1.0))
            for k in range(BINS)]


def brier_and_ece(p: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """The Brier score and the expected calibration error (|mean confidence − observed
    precision| of each bin, weighted by the bin's share of the pairs)."""
    ece = sum(float(w[m].sum()) * abs(float(np.average(p[m], weights=w[m]))
                                      - float(np.average(y[m], weights=w[m])))
              for m in bins(p) if m.any()) / float(w.sum())
    return float(np.average((p - y) ** 2, weights=w)), ece


def reliability(maps: dict[str, np.ndarray], shipped: str, pairs: Pairs,
                local: np.ndarray) -> list[str]:
    """Each calibration map (``maps``: its held-out probabilities by name; ``shipped`` the
    one the model file gets) per bin: the pairs, how many of them are a synthetic local
    innovation's (``local``: what should sit near 0, not in the middle), the mean confidence
    and the observed precision, over every pair and weighted as the fit weighs the sources
    (the population the map is fit for; the unweighted one is mostly synthetic pairs)."""
    y, ones = pairs.y, np.ones(len(pairs.y))
    columns = ("pairs", "synthetic local", "mean confidence", "observed precision",
               "weighted: mean", "observed")
    lines = ["| confidence bin | " + " | ".join(f"{map_}: {c}" if not k else c
                                               for map_ in maps
                                               for k, c in enumerate(columns)) + " |",
             "| --- |" + " --- |" * len(maps) * len(columns)]
    cells: list[list[str]] = [[] for _ in range(BINS)]
    for p in maps.values():
        for k, m in enumerate(bins(p)):
            if not m.any():
                cells[k] += ["0", "0", "-", "-", "-", "-"]
                continue
            w = pairs.weights[m]
            cells[k] += [str(int(m.sum())), str(int(local[m].sum())), f"{p[m].mean():.3f}",
                         f"{y[m].mean():.3f}", f"{np.average(p[m], weights=w):.3f}",
                         f"{np.average(y[m], weights=w):.3f}"]
    lines += [f"| {k / BINS:.1f}–{(k + 1) / BINS:.1f} | " + " | ".join(c) + " |"
              for k, c in enumerate(cells)]
    lines += ["", "| map | Brier | ECE | Brier, weighted | ECE, weighted |",
              "| --- | --- | --- | --- | --- |"]
    for name, p in maps.items():
        scores = (*brier_and_ece(p, y, ones), *brier_and_ece(p, y, pairs.weights))
        label = f"{name} ({'shipped' if name == shipped else 'not shipped'})"
        lines.append(f"| {label} | " + " | ".join(f"{v:.5f}" for v in scores) + " |")
    return lines


T = TypeVar("T")


def cached(folder: Path | None, name: str, make: Callable[[], list[T]]) -> list[T]:
    if folder is None:
        return make()
    path = folder / f"{name}.pickle"
    if path.exists():
        with path.open("rb") as handle:
            loaded: list[T] = pickle.load(handle)
            return loaded
    children = make()
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(children, handle)
    return children


TARGETS = (0.5, 0.8, 0.9, 0.95, 0.98)


def held_out_table(children: list[Child], by_child: dict[int, dict[int, float]],
                   bar: float) -> list[str]:
    lines = ["| source | difficulty | children | precision | recall | abstained | "
             "TF-IDF precision | recall | abstained |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    tallies: defaultdict[tuple[str, str], tuple[PairScore, PairScore]] = defaultdict(
        lambda: (PairScore(), PairScore()))
    counts: Counter[tuple[str, str]] = Counter()
    for c_no, child in enumerate(children):
        ours, theirs = tallies[(child.source, child.difficulty)]
        tally(ours, child, decided(child, by_child[c_no], bar))
        tally(theirs, child, child.anchored or child.tfidf)
        counts[(child.source, child.difficulty)] += 1
    for key in sorted(tallies):
        ours, theirs = tallies[key]
        lines.append(f"| {key[0]} | {key[1]} | {counts[key]} | {row(ours)} | {row(theirs)} |")
    return lines


def merges_by_document(children: list[Child], by_child: dict[int, dict[int, float]],
                       bar: float) -> list[str]:
    """Per document with merged tasks (two or more gold parents), decided as the linker
    decides: how many merged tasks got every parent, and their parents found and wrong.
    Synthetic documents are left out: a few merges each, they are the difficulty's row."""
    tallies: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for c_no, child in enumerate(children):
        if len(child.expected) < 2 or child.source == "synthetic":
            continue
        got = decided(child, by_child[c_no], bar)
        tally = tallies[f"{child.source} {child.group}"]
        tally[0] += 1
        tally[1] += child.expected <= got
        tally[2] += len(got & child.expected)
        tally[3] += len(child.expected)
        tally[4] += len(got - child.allowed)
    lines = ["| document | merged tasks | all parents found | parents found | wrong parents |",
             "| --- | --- | --- | --- | --- |"]
    lines += [f"| {name} | {t[0]} | {t[1]} | {t[2]}/{t[3]} | {t[4]} |"
              for name, t in sorted(tallies.items())]
    return lines


def by_target(children: list[Child], by_child: dict[int, dict[int, float]]) -> list[str]:
    """Recall (abstentions for local innovations) per difficulty at each target."""
    keys = sorted({(c.source, c.difficulty) for c in children})
    lines = ["| target | " + " | ".join(f"{s} {d}" for s, d in keys) + " |",
             "| --- |" + " --- |" * len(keys)]
    for target in TARGETS:
        tallies = {key: PairScore() for key in keys}
        for c_no, child in enumerate(children):
            tally(tallies[(child.source, child.difficulty)], child,
                  decided(child, by_child[c_no], target))
        lines.append(f"| {target} | " + " | ".join(row(t).replace(" | ", " / ")
                                                    for t in tallies.values()) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=Path, help="a synthetic corpus folder (truth.tsv)")
    parser.add_argument("--synthetic-children", type=int, default=1500)
    parser.add_argument("--synthetic-command", default="bench/synthetic_corpus.py --size 1000 "
                        "--seed 7", help="how the synthetic corpus was made (provenance)")
    parser.add_argument("--dev", type=Path, default=ROOT / "bench" / "paraphrase" / "dev")
    parser.add_argument("--out", type=Path, default=ROOT / "govtrace" / "data" /
                        "lineage-model.json")
    parser.add_argument("--markdown", type=Path, help="write the report's tables here too")
    parser.add_argument("--dump", type=Path, help="write each held-out child's best three")
    parser.add_argument("--c", type=float, choices=C_GRID, help="this regularisation instead of "
                        "the grid's best held-out log-loss (when two tie at its precision)")
    parser.add_argument("--calibration", choices=("isotonic", "platt"), default="isotonic",
                        help="the map the model file gets (both are measured held out)")
    parser.add_argument("--min-step-pairs", type=int, default=0, help="ship the isotonic map "
                        "with at least this many pairs on each step (0: plain isotonic)")
    parser.add_argument("--cache", type=Path, help="keep the labelled children here between "
                        "runs (delete it after changing the features)")
    args = parser.parse_args()
    settings = Settings()
    if "test" in args.dev.parts:
        parser.error("the held-out test set is not for fitting")
    children = cached(args.cache, "seeds", lambda: seeds(settings))
    data = {"seeds": "govtrace/data/gold/lineage-seeds.tsv"}
    if args.synthetic:
        records = cached(args.cache, "synthetic-records", lambda: list(ingest_paths(
            [args.synthetic], settings=settings, extract=extract_record).records))
        children += cached(args.cache, "synthetic", lambda: synthetic(
            args.synthetic, records, args.synthetic_children, settings))
        data["synthetic"] = (f"{args.synthetic_children} plan tasks of a corpus written by "
                             f"{args.synthetic_command}, truth.tsv")
    if (args.dev / "READY").exists():
        children += cached(args.cache, "dev", lambda: dev(args.dev, settings))
        data["dev"] = "bench/paraphrase/dev (gold.tsv)"
    else:
        print(f"no paraphrase dev set yet ({args.dev / 'READY'} missing): fitting without it")
    pairs = matrix(children)
    losses = {}
    for c in C_GRID:
        z = out_of_fold(pairs, c)
        losses[c] = log_loss(pairs.y, 1.0 / (1.0 + np.exp(-z)), sample_weight=pairs.weights)
    best_c = args.c or min(losses, key=losses.__getitem__)
    z = out_of_fold(pairs, best_c)
    platt_p = calibrated_out_of_fold(z, pairs, platt)
    local = np.array([children[c_no].source == "synthetic" and children[c_no].difficulty
                      == "local" for c_no, _ in pairs.where])
    step = args.min_step_pairs
    maps = {"Platt": platt_p, "isotonic": calibrated_out_of_fold(z, pairs, isotonic),
            f"isotonic, steps of ≥ {POOLED} pairs": calibrated_out_of_fold(z, pairs,
                                                                          pooled(POOLED))}
    if args.calibration == "platt":
        shipped, knots = "Platt", platt_knots(z, pairs.y, pairs.weights)
    else:
        shipped = f"isotonic, steps of ≥ {step} pairs" if step else "isotonic"
        knots = isotonic_knots(z, pairs.y, pairs.weights, step)
    if shipped not in maps:
        maps[shipped] = calibrated_out_of_fold(z, pairs, pooled(step))
    p = maps[shipped]
    weights, intercept = final_weights(pairs, best_c)
    brier, ece = brier_and_ece(p, pairs.y, pairs.weights)
    by_child: defaultdict[int, dict[int, float]] = defaultdict(dict)
    for (c_no, p_no), prob in zip(pairs.where, p, strict=True):
        by_child[c_no][p_no] = float(prob)
    target = settings.lineage_target_precision
    sources = Counter(c.source for c in children)
    report = [f"Fit {date.today().isoformat()}: {len(children)} labelled children "
              f"({', '.join(f'{k} {v}' for k, v in sorted(sources.items()))}), "
              f"{len(pairs.y)} pairs ({int(pairs.y.sum())} parents), each source weighing "
              f"the same; {FOLDS}-fold cross-validation grouped by child document; C = "
              f"{best_c} (held-out log-loss "
              + ", ".join(f"{c}: {v:.4f}" for c, v in losses.items()) + ").",
              "", f"Held out, decided as the linker decides at lineage_target_precision "
              f"{target} (an exact anchor and every other candidate with probability ≥ {target}, "
              f"at most {MAX_PARENTS}), beside the TF-IDF decision on the same children:", "",
              *held_out_table(children, by_child, target),
              "", "Merged tasks per hand-labelled document, held out, decided the same way:", "",
              *merges_by_document(children, by_child, target),
              "", "Held out, precision / recall / abstained per target precision:", "",
              *by_target(children, by_child),
              "", "Reliability of the calibrated probability (held-out pairs, every candidate "
              "of each child's level; each map fit on other folds than the pairs it "
              "calibrates):", "", *reliability(maps, shipped, pairs, local)]
    text = "\n".join(report)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for c_no, child in enumerate(children):
                best = sorted(by_child[c_no].items(), key=lambda kv: -kv[1])[:3]
                out.write(f"{child.source}\t{child.difficulty}\t{child.name}\t"
                          f"{'+'.join(sorted(child.expected)) or '-'}\t"
                          + " ".join(f"{child.parents[k]}={v:.3f}" for k, v in best) + "\n")
    args.out.write_text(json.dumps({
        "features": list(FEATURES),
        "weights": weights,
        "intercept": intercept,
        "calibration": {"method": ("Platt scaling of held-out log-odds, sampled at knots"
                                   if args.calibration == "platt" else
                                   "isotonic regression on held-out log-odds"
                                   + (f", each step at least {step} pairs" if step else "")),
                        "log_odds": knots[0], "probability": knots[1],
                        "fit": {"weighting": "each source the same",
                                "held_out_brier": round(brier, 6),
                                "held_out_ece": round(ece, 6)}},
        "fit": {"date": date.today().isoformat(), "script": "bench/fit_lineage_model.py",
                "data": data, "children": dict(sources), "pairs": len(pairs.y),
                "parents": int(pairs.y.sum()), "weighting": "each source the same",
                "folds": FOLDS, "grouped_by": "child document", "C": best_c,
                "C_from": "--c" if args.c else "the best held-out log-loss",
                "held_out_log_loss": round(losses[best_c], 5)},
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"model written to {args.out}")


if __name__ == "__main__":
    main()
