"""Plan order as evidence for a report item's weaker pieces of text.

A report walks its plan: an item on several tasks takes them in the plan's order, one
clause or sentence after another (盟委常委会两次听取法治政府建设汇报，旗县市区政府主要负责人
全部述法；上年度法治政府建设报告于3月底前公开… on 二十四, 二十六, 二十五). The pieces that
name a task with confidence fix where the item stands in the plan; a piece too weak to name
its task alone (盟委常委会两次听取法治政府建设汇报 scores 0.18 on 二十四 and 0.11 on 二十五:
a lone clause needs more) is taken when its best task lies just before or after a task named
with confidence (at most :attr:`OrderLimits.max_gap` places away in the plan, no named task
between them) *on the side the text puts it*: a task before a named one in a clause before
it, a task after in a clause after. A summary item gives each task a phrase and skips the
tasks it has nothing to say on (综合行政执法局局队合一运行 on 十二, then 资格复核 on 十四), so
the task need not be the named one's immediate neighbour. What the report's nearest items
before and after named with confidence counts as text before and after the item
(:class:`Context`): a report walks the plan from item to item too (a list on 八 and 九 after
an item on 七). The same weak clause out of order, or pointing at a task away from every named
one, is left alone: that is where a stock clause or a bare figure points by chance.

When no piece names a task with confidence, the plan rule decides on the whole item and
abstains on a tie; a tie between two plan neighbours, with no third close, is the item
reporting on the topic they share (应急预案 is both 十四's and 十五's), and names both.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from govtrace.graph.lineage.decide import confidence
from govtrace.graph.lineage.report_evidence import ReportReading, best_two
from govtrace.graph.lineage.words import total, words


@dataclass(frozen=True)
class OrderLimits:
    """When a clause names a task where the plan's order expects it. Chosen on the labelled
    reports, each held out in turn (``python bench/report_rule_bench.py --order-sweep``)."""

    min_confidence: float = 0.4
    """The clause's confidence (:func:`decide.confidence`) on the task: the order stands in
    for the rest (a clause standing alone needs ``report_min_confidence`` and
    :data:`reports.LONE_CLAUSE_MARGIN`, 0.7)."""
    neighbour_share: float = 0.65
    """The most a named plan neighbour may score in the clause, as a share of the clause's
    best: neighbouring tasks share their topic (科学立法 is both 四's and 五's), and a clause
    that scores them alike is about the neighbour as much as about its own best."""
    whole_share: float = 0.5
    """The least the item as a whole must score on the task, as a share of its best task's:
    an item on one task (most of a plan-copying report's) scores its neighbours far lower
    (0.06–0.22 of the best on the 1k synthetic reports), an item on several 0.5–1."""
    min_shared_words: int = 2
    """A clause sharing one word with the task (多部门联动 with 部门联动) names it by chance."""
    max_gap: int = 2
    """How far in the plan the task may lie from the named one it is placed beside: a summary
    item skips the tasks it has nothing to say on (十二, then 十四)."""


LIMITS = OrderLimits()

Found = dict[int, tuple[float, float]]
"""Parent column → (score, confidence) of the best piece of text that named it."""


@dataclass(frozen=True)
class Context:
    """The tasks the report's neighbouring items named with confidence: text before the
    item and text after it, as far as plan order goes."""

    before: frozenset[int] = frozenset()
    after: frozenset[int] = frozenset()



def placed_by_order(reading: ReportReading, named: Found, closest: set[int],
                    min_sentence: float, full_strength: float, context: Context) -> Found:
    """The tasks of ``closest`` not in ``named`` that a clause of the item names as its best
    (score at least ``min_sentence``) where the plan's order expects them (:data:`LIMITS`),
    beside the tasks the item or its neighbouring items (``context``) named, with that
    clause's score and confidence."""
    order = LIMITS
    whole_bar = order.whole_share * float(reading.whole.max())
    # Most items (every one on a single task) leave no task to place: the test stops here.
    open_tasks = {t for t in closest - named.keys() if reading.whole[t] >= whole_bar}
    if not open_tasks or not reading.sentences:
        return {}
    rows = reading.pieces
    bests = rows.argmax(axis=1)
    scores = rows[np.arange(len(rows)), bests]
    weak = [k for k, (task, score) in enumerate(zip(bests.tolist(), scores.tolist(), strict=True))
            if task in open_tasks and score >= min_sentence]
    if not weak:
        return {}
    words_of = _run_words(bests.tolist(), reading.piece_words)
    placed: Found = {}
    for position in weak:
        task, score = int(bests[position]), float(scores[position])
        neighbours = _nearest_named(reading, task, named.keys() | context.before | context.after,
                                    order.max_gap)
        # The task before a named one in a clause before it, the task after in one after.
        in_order = any(n in (context.after if n > task else context.before)
                       or any(bests[q] == n for q in (range(position + 1, len(rows)) if n > task
                                                      else range(position)))
                       for n in neighbours)
        if not in_order:
            continue
        _, _, runner_up, _ = best_two(rows[position])
        sure = confidence(score, runner_up, full_strength)
        if (sure >= order.min_confidence
                and all(rows[position][n] <= order.neighbour_share * score for n in neighbours)
                and len(words_of[position].keys() & words(reading.parents[task].text).keys())
                >= order.min_shared_words
                and (task not in placed or placed[task][0] < score)):
            placed[task] = (score, sure)
    return placed


def _run_words(bests: list[int], words_of: Sequence[Counter[str]]) -> list[Counter[str]]:
    """Each piece's words together with those of the adjacent pieces closest to the same
    task: a list gives one task two short items (行政调解、行政裁决), read together as the
    clause runs of :mod:`reports` are."""
    out: list[Counter[str]] = []
    for _, run in itertools.groupby(range(len(bests)), key=bests.__getitem__):
        at = list(run)
        out += [total(words_of[k] for k in at)] * len(at)
    return out


def _nearest_named(reading: ReportReading, task: int, named: set[int] | frozenset[int],
                   max_gap: int) -> list[int]:
    """The named tasks nearest ``task`` in the plan on each side, at most ``max_gap`` places
    away in the same plan."""
    out = []
    for side in (-1, 1):
        near = next((task + side * k for k in range(1, max_gap + 1)
                     if task + side * k in named), None)
        if near is not None and _same_document(reading, near, task):
            out.append(near)
    return out


def _same_document(reading: ReportReading, column: int, other: int) -> bool:
    return (0 <= column < len(reading.parents)
            and reading.parents[column].ref.doc_id == reading.parents[other].ref.doc_id)


def neighbour_tie(reading: ReportReading, max_runner_up: float) -> tuple[int, int] | None:
    """The item's two best tasks when they tie (the runner-up above ``max_runner_up`` of the
    best) as plan neighbours with no third close: an item on the topic two neighbouring
    tasks share (应急预案 is 十四's and 十五's) reports on both, not on neither."""
    order = np.argsort(-reading.whole, kind="stable")
    if len(order) < 2:
        return None
    best, second = int(order[0]), int(order[1])
    third = float(reading.whole[order[2]]) if len(order) > 2 else 0.0
    if (abs(best - second) == 1 and _same_document(reading, best, second)
            and third <= max_runner_up * float(reading.whole[best])):
        return best, second
    return None
