"""Plan order as evidence for a report item's weaker pieces of text.

A report walks its plan: an item on several tasks takes them in the plan's order, one
clause or sentence after another (盟委常委会两次听取法治政府建设汇报，旗县市区政府主要负责人
全部述法；上年度法治政府建设报告于3月底前公开… on 二十四, 二十六, 二十五). The pieces that
name a task with confidence fix where the item stands in the plan; a piece too weak to name
its task alone (盟委常委会两次听取法治政府建设汇报 scores 0.18 on 二十四 and 0.11 on 二十五:
a lone clause needs more) is taken when its best task is the plan's neighbour of a task named
with confidence *on the side the text puts it*: the task before a named one in a clause
before it, the task after in a clause after. The same weak clause out of order, or pointing
at a task away from every named one, is left alone: that is where a stock clause or a bare
figure points by chance.

When no piece names a task with confidence, the plan rule decides on the whole item and
abstains on a tie; a tie between two plan neighbours, with no third close, is the item
reporting on the topic they share (应急预案 is both 十四's and 十五's), and names both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from govtrace.graph.lineage.decide import confidence
from govtrace.graph.lineage.report_evidence import ReportReading, best_two
from govtrace.graph.lineage.words import words


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


LIMITS = OrderLimits()

Found = dict[int, tuple[float, float]]
"""Parent column → (score, confidence) of the best piece of text that named it."""


def placed_by_order(reading: ReportReading, named: Found, closest: set[int],
                    min_sentence: float, full_strength: float) -> Found:
    """The tasks of ``closest`` not in ``named`` that a clause of the item names as its best
    (score at least ``min_sentence``) where the plan's order expects them (:data:`LIMITS`),
    with that clause's score and confidence."""
    order = LIMITS
    whole_bar = order.whole_share * float(reading.whole.max())
    # Most items (every one on a single task) leave no task to place: the test stops here.
    open_tasks = {t for t in closest - named.keys() if reading.whole[t] >= whole_bar}
    if not open_tasks or not reading.sentences:
        return {}
    rows = reading.clause_rows()
    bests = rows.argmax(axis=1)
    scores = rows[np.arange(len(rows)), bests]
    weak = [k for k, (task, score) in enumerate(zip(bests.tolist(), scores.tolist(), strict=True))
            if task in open_tasks and score >= min_sentence]
    if not weak:
        return {}
    words_of = reading.clause_words()
    placed: Found = {}
    for position in weak:
        task, score = int(bests[position]), float(scores[position])
        neighbours = [n for n in (task - 1, task + 1)
                      if n in named and _same_document(reading, n, task)]
        # The task before a named one in a clause before it, the task after in one after.
        in_order = any(bests[q] == n for n in neighbours
                       for q in (range(position + 1, len(rows)) if n > task else range(position)))
        if not in_order:
            continue
        _, _, runner_up = best_two(rows[position])
        sure = confidence(score, runner_up, full_strength)
        if (sure >= order.min_confidence
                and all(rows[position][n] <= order.neighbour_share * score for n in neighbours)
                and len(words_of[position].keys() & words(reading.parents[task].text).keys())
                >= order.min_shared_words
                and (task not in placed or placed[task][0] < score)):
            placed[task] = (score, sure)
    return placed


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
