"""Choosing the plan tasks a report item reports on (gt:reportsOn).

A plan task has one parent, so the plan rule abstains when the runner-up is
close. A report item is different: it sums up a year's work on a topic and
typically gives a sentence or two to each of several plan tasks (强化制约监督:
one sentence on 人大/政协/审计监督, one on 行政复议 cases, one on 出庭应诉),
so its candidates *are* close and abstaining would lose them all. The item is
therefore read sentence by sentence, each scored by its character and word
similarity to every task (:mod:`report_evidence`):

1. an outlook section (存在的问题和下一步打算) reports on nothing, nor do the
   items inside it (一是…二是…, all title), nor does a sentence saying what will
   be done (下一步，我们将…) or what is still lacking (承接下放事项的能力不足: the
   problems a report lists as 一是…二是…, which the parser makes items of their
   own, all title); an item whose sentences all do reports on nothing;
2. the item as a whole must reach ``report_min_score`` against its best task,
   read without the report's *topic* (:func:`report_evidence.topic_words`: the words
   the report's title shares with its plan's, 法治政府建设); an item under it reports
   only on what its *figures* name (a list of outcomes, 行政复议案件办结率100%，…出庭
   应诉率100%，…, is spread over as many tasks as it has figures, so it scores each
   low as a whole; :func:`report_evidence.states_figure`);
3. each sentence whose best task it names with confidence (score at least
   ``report_min_sentence`` and confidence at least ``report_min_confidence``:
   half strength, the score against ``full_strength``, half distinctness,
   1 − runner-up / best, as :func:`decide.confidence` computes it) names that
   task as a parent; so does each run of adjacent *clauses* of a sentence
   closest to one task, read together (a report joins the work on two or three
   tasks into one sentence with commas: 审核文件49件，公布决策事项5项，法律顾问
   出具意见61份。), a run of one clause with :data:`LONE_CLAUSE_MARGIN` more
   confidence; each is one of the ``report_max_parents`` tasks the item as a whole
   is closest to, and the best-scored ``report_max_parents`` are kept (a summary
   item gives four tasks a phrase each), or one a sentence when the item has more
   sentences (a paragraph summing up six tasks a sentence each). Once pieces name
   :data:`SEVERAL_NAMED` tasks, the item sums up several, and the others may name
   any task one of its pieces scores best (a task close to the item as a whole that
   no piece scores best, 执法监督 beside 执法监督平台, would take a place a piece
   needs: 食品抽检). A piece names nothing when it shares
   nothing with its task but the report's topic (群众对法治政府建设的满意度), nor does
   a lone clause whose runner-up, at least :data:`AMBIGUOUS_SHARE` of its best, is
   a task another piece of the item names (上年度报告按时公开: 政务公开's 按时公开
   scores it best, but the item names 报告公开 anyway);
4. a weaker clause, or a measure a clause lists (行政调解、行政裁决、复议“四室分离”、
   …: :func:`report_evidence.phrases`), names its best task where the plan's order
   expects it (:mod:`report_order`): next to a task named with confidence, by the
   item or by the report's nearest items before and after it, on the side the plan
   puts it (盟委常委会两次听取法治政府建设汇报 before the sentences naming 二十五 and
   二十六 names 二十四), method ``+plan-order``. The report is therefore read
   whole (:func:`choose_reported`);
5. an item none of whose sentences is that clear (short enumerations of
   figures) falls back to the plan rule on the whole item (the scorer's floor
   and runner-up share), except that a tie between two plan neighbours names
   both (:func:`report_order.neighbour_tie`).

Calibration (``python bench/report_rule_bench.py --sweep``): a strong
sentence may have a close runner-up (a sentence on 听取汇报 and 述法 at 0.19
names 二十四 with 二十六 at 0.18), a weak one must stand alone (“法治乌兰牧骑”
演出210场 at 0.09 against 0.02), which a confidence floor weighs and a fixed
runner-up share does not. With the floors (sentence 0.04, so full strength
0.16; confidence 0.6) a sentence of full strength may have a runner-up at 0.8
of it, as the TF-IDF rule allowed; one at half strength at 0.3. Every labelled
report (the seeds' 001 and 002 against 004, the paraphrase dev reports d04–d06,
d09–d11) keeps precision ≥ 0.97, with recall 0.889–1.000 per report; the clause
runs raised d11 (every section one comma-joined sentence) from 0.31 to 0.90 and
changed no other report. Four tasks an item (``--parents-sweep``, chosen with each report
held out) raised the summary reports d13–d15 (an item on four tasks from two plan sections,
a phrase each) and cost the seeds nothing; five let a fifth-closest task in (the seeds' 001).
Lower confidence floors raise dev recall a little but cost precision on
reports that copy their plan's stock sentences (建立工作台账，实行月调度, shared
by several tasks): on the 1k synthetic corpus's reports, precision 0.870 at
0.5, 0.962 at 0.6, 0.985 at 0.65 (where the seeds' 002 loses a link); lower
sentence floors cost the seeds' 002 first (precision 0.85 at 0.03 / 0.45).

The rule is the scorers' common decision for report items, as :mod:`decide`
is for plan items: a scorer that gives :class:`ReportLimits` (the TF-IDF
scorer's are the ``lineage_report_*`` settings) takes part, and its ranking of
the whole item gives the plan rule's limits and the evidence of each link; a
scorer without them does not link report items.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.decide import SENTENCES, Choice, confidence
from govtrace.graph.lineage.report_evidence import (
    ReportReading,
    Sentence,
    best_two,
    looks_ahead,
    read_report_items,
    sentences,
    states_figure,
    states_intention,
    topic_words,
)
from govtrace.graph.lineage.report_order import Context, Found, neighbour_tie, placed_by_order
from govtrace.graph.lineage.seams import Candidates, ReportLimits, Scorer
from govtrace.graph.lineage.words import words

if TYPE_CHECKING:
    # Not at run time: the scorers (which similarity imports) load this module.
    from govtrace.graph.lineage.similarity import Matrix

METHOD = "char-word-tfidf"
"""The method of a report link: the mean of character n-gram and word TF-IDF similarity
(suffixed ``+sentences`` when one of the item's sentences or clauses named the task,
``+plan-order`` when a clause named it where the plan's order expected it)."""
PLAN_ORDER = "+plan-order"
"""The method suffix of a task named only because the plan's order put it there
(:mod:`report_order`)."""
TOPIC_RUN = 3
"""The shortest run of characters a piece of text must share with the task it names, besides
the report's topic words, when the two share no word."""
AMBIGUOUS_SHARE = 0.5
"""A lone clause whose runner-up, a task the item names with another piece, scores at least
this share of its best names nothing: it may be about the named task."""
SEVERAL_NAMED = 2
"""An item whose pieces name this many tasks with confidence sums up several: its other pieces
may then name any task one of its pieces scores best, not only the tasks the item as a whole
is closest to (:func:`_closest`)."""
LONE_CLAUSE_MARGIN = 0.1
"""How much surer than a sentence a lone clause must be to name a task by itself: a clause
is short, and a stock one (全部整改到位) or a bare figure can point anywhere; two adjacent
clauses on one task are read together, as a sentence."""


def choose_reported(items: Sequence[Unit], scorer: Scorer, candidates: Candidates,
                    limits: ReportLimits, title: str = "") -> list[list[Choice]]:
    """The plan tasks each of a report's ``items`` (in reading order) reports on, best
    first; empty to abstain.

    The report is read whole because a report walks its plan: the tasks an item's
    neighbours name with confidence tell where a weak clause of the item stands
    (:class:`report_order.Context`), and an item under an outlook section (存在的问题:
    一是…二是…, each an item of its own) looks ahead whatever its own title says."""
    ahead = _under_outlook(items)
    topic = topic_words(title, candidates)
    said = [None if k in ahead else _reporting(item) for k, item in enumerate(items)]
    read_in_turn = iter(read_report_items(
        [(item, s) for item, s in zip(items, said, strict=True) if s is not None],
        candidates, topic))
    readings = [None if s is None else _named(next(read_in_turn), limits, topic)
                for s in said]
    named = [frozenset(r[1]) if r is not None else frozenset() for r in readings]
    # The neighbouring items that named something: the headings between them report nothing.
    reporting = [k for k, tasks in enumerate(named) if tasks]
    chosen: list[list[Choice]] = []
    for k, (item, read) in enumerate(zip(items, readings, strict=True)):
        if read is None:
            chosen.append([])
            continue
        before = max((j for j in reporting if j < k), default=None)
        after = min((j for j in reporting if j > k), default=None)
        context = Context(named[before] if before is not None else frozenset(),
                          named[after] if after is not None else frozenset())
        chosen.append(_chosen(item, *read, scorer, candidates, limits, context))
    return chosen


def _under_outlook(items: Sequence[Unit]) -> set[int]:
    """The items inside a section whose title looks ahead (存在的问题 → 一是…二是…)."""
    ahead = {item.label for item in items if looks_ahead(item.title)}
    return {k for k, item in enumerate(items)
            if any(item.label.startswith(label + ".") for label in ahead)}


def _reporting(child: Unit) -> list[str] | None:
    """The item's sentences that report work done; None when it reports none (an outlook,
    or nothing but intentions and shortcomings)."""
    if looks_ahead(child.title):
        return None
    # An item the parser cut from a list (一是…；二是…) may be all title.
    every = sentences(child.body or child.title)
    said = [s for s in every if not states_intention(s)]
    return None if every and not said else said


def _named(reading: ReportReading | None, limits: ReportLimits, topic: frozenset[str]
           ) -> tuple[ReportReading, Found, set[int]] | None:
    """The item's reading, the tasks its sentences and clause runs name with confidence, and
    the tasks the item as a whole is closest to; None when it reports no work done."""
    if reading is None:
        return None
    diluted = reading.whole.max() < limits.min_score
    # A sentence names one of the tasks the item as a whole is closest to: a stock sentence
    # several tasks share (建立工作台账，实行月调度) or a bare figure (全年完成督查检查154次)
    # can point anywhere else.
    pieces = [(sentence.scores, [sentence.text], limits.min_confidence)
              for sentence in reading.sentences]
    pieces += [(scores, run, bar) for scores, bar, run in _clause_runs(reading, limits)]
    rows = [scores for scores, _, _ in pieces]
    room = _room(reading, limits.max_parents)
    closest = _closest(reading, rows, room, pointed_only=False)
    if diluted:
        pieces = [piece for piece in pieces if states_figure("".join(piece[1]))]
    namings = [_naming(scores, run, reading, topic, limits, bar, closest)
               for scores, run, bar in pieces]
    named = {n.task for n in namings if n is not None}
    if len(named) >= SEVERAL_NAMED:
        # A task close to the item as a whole that none of its pieces scores best (十九's
        # 执法监督 in an item on 七, 十, 二十三) takes a place a piece's task needs (八's
        # 食品抽检). Only here: an item on one task keeps the closest filter whole, since
        # a stock sentence of it may score a task far from the item best.
        wider = _closest(reading, rows, room, pointed_only=True)
        namings += [_naming(scores, run, reading, topic, limits, bar, wider)
                    for (scores, run, bar), n in zip(pieces, list(namings), strict=True)
                    if n is None]
        named = {n.task for n in namings if n is not None}
    found: Found = {}
    for n in namings:
        # A lone clause closest to one task and nearly as close to another the item names
        # anyway (上年度报告按时公开: 政务公开 0.17, the named 报告公开 0.10) may be about that one.
        if (n is None or (n.lone and n.second in named)
                or (n.task in found and found[n.task][0] >= n.score)):
            continue
        found[n.task] = (n.score, n.sure)
    # An item under the floor as a whole reports on nothing (禁毒工作: its words are no
    # task's), unless it is a list of outcomes (行政复议案件办结率100%，…出庭应诉率100%，…):
    # spread over as many tasks as it has figures, it scores each of them low as a whole, and
    # each figure counts one task's object.
    if diluted and not found:
        return None
    return reading, found, closest


def _room(reading: ReportReading, max_parents: int) -> int:
    """The most tasks an item names: ``max_parents`` (a summary item gives four tasks a phrase
    each), or one a sentence when it has more (a paragraph summing up six tasks a sentence
    each); not one a clause, which let a fifth-closest task into the seeds' 001."""
    return max(max_parents, len(reading.sentences))


def _closest(reading: ReportReading, rows: Sequence[Matrix], room: int, pointed_only: bool
             ) -> set[int]:
    """The ``room`` tasks the item as a whole is closest to; with ``pointed_only``, among the
    tasks one of its pieces (``rows``, or a finest piece of the reading) scores best."""
    ranked = np.argsort(-reading.whole, kind="stable").tolist()
    if pointed_only:
        pointed = {int(row.argmax()) for row in (*rows, *reading.pieces)}
        ranked = [task for task in ranked if task in pointed]
    return set(ranked[:room])


def _chosen(child: Unit, reading: ReportReading, found: Found, closest: set[int],
            scorer: Scorer, candidates: Candidates, limits: ReportLimits,
            context: Context) -> list[Choice]:
    """The item's tasks: those named with confidence, then those plan order places; the
    plan rule on the whole item when no piece of it named one."""
    whole = scorer.rank(child, candidates)
    if not found:
        best, score, runner_up, _ = best_two(reading.whole)
        plan = whole.limits
        if score < plan.floor:
            return []
        if runner_up > plan.max_runner_up * score:
            tie = neighbour_tie(reading, plan.max_runner_up)
            if tie is None:
                return []
            return [Choice(reading.parents[j], float(reading.whole[j]),
                           confidence(float(reading.whole[j]), runner_up, plan.full_strength),
                           METHOD + PLAN_ORDER, whole.evidence(reading.parents[j]))
                    for j in tie]
        parent = reading.parents[best]
        return [Choice(parent, score, confidence(score, runner_up, plan.full_strength),
                       METHOD, whole.evidence(parent))]
    placed = placed_by_order(reading, found, closest, limits.min_sentence,
                             limits.full_strength, context)
    # The tasks named with confidence first; order only fills the places they leave.
    kept = [*_best_first(found), *_best_first(placed)][:_room(reading, limits.max_parents)]
    # The evidence is the whole item's: a sentence only picked the task.
    return [Choice(reading.parents[j], score, sure,
                   METHOD + (PLAN_ORDER if j in placed else SENTENCES),
                   whole.evidence(reading.parents[j]))
            for j, (score, sure) in kept]


def _best_first(found: Found) -> list[tuple[int, tuple[float, float]]]:
    return sorted(found.items(), key=lambda kv: -kv[1][0])


@dataclass(frozen=True)
class _Naming:
    """A task one piece of the item names with confidence."""

    task: int
    score: float
    sure: float
    lone: bool
    """Whether the piece is one clause read alone."""
    second: int | None
    """The piece's runner-up task, when it scores at least :data:`AMBIGUOUS_SHARE` of the
    best."""


def _naming(scores: Matrix, run: list[str], reading: ReportReading, topic: frozenset[str],
            limits: ReportLimits, bar: float, closest: set[int]) -> _Naming | None:
    """The task a piece of text (a sentence, or a run of its clauses) names with confidence
    ``bar``, if it names one: a piece that shares nothing with the task but the report's
    ``topic`` (群众对法治政府建设的满意度达到92% against 坚持党对法治政府建设的领导) names
    nothing."""
    best, score, runner_up, second = best_two(scores)
    sure = confidence(score, runner_up, limits.full_strength)
    if (best not in closest or score < limits.min_sentence or sure < bar
            or not _beyond_topic("".join(run), reading.words_of(run),
                                 reading.parents[best].text, topic)):
        return None
    close = second is not None and runner_up >= AMBIGUOUS_SHARE * score
    return _Naming(best, score, sure, bar > limits.min_confidence, second if close else None)


def _beyond_topic(text: str, said: Counter[str], task: str, topic: frozenset[str]) -> bool:
    """Whether a piece of text (``said``, its words) shares a word or a run of
    :data:`TOPIC_RUN` characters with the ``task`` other than the report's ``topic`` (jieba
    may cut the same words differently: 行政调解纠纷 is 行政 调解纠纷, 行政调解 调解)."""
    if said.keys() & words(task).keys() - topic:
        return True
    return bool(_runs_beyond(text, topic) & _runs_beyond(task, topic))


@lru_cache(maxsize=4096)
def _runs_beyond(text: str, topic: frozenset[str]) -> frozenset[str]:
    for word in topic:
        text = text.replace(word, "|")
    return frozenset(text[k:k + TOPIC_RUN] for k in range(len(text) - TOPIC_RUN + 1)
                     if text[k:k + TOPIC_RUN].isalnum())


def _clause_runs(reading: ReportReading, limits: ReportLimits
                 ) -> list[tuple[Matrix, float, list[str]]]:
    """A sentence that reports on two or three tasks joins them with commas (审核文件49件，
    公布决策事项5项，法律顾问出具意见61份): its adjacent clauses closest to the same task are
    read together, and each run is scored as a piece of its own; a run of one clause must
    clear a higher bar (:data:`LONE_CLAUSE_MARGIN`)."""
    out: list[tuple[Matrix, float, list[str]]] = []
    partial: list[list[str]] = []
    for sentence in reading.sentences:
        for run in _runs(sentence, limits.min_sentence):
            if len(run) == 1:
                out.append((sentence.clause_scores[run[0]],
                            limits.min_confidence + LONE_CLAUSE_MARGIN,
                            [sentence.clauses[run[0]]]))
            elif len(run) == len(sentence.clauses):
                # A run of every clause is the sentence, already scored.
                out.append((sentence.scores, limits.min_confidence, [sentence.text]))
            else:
                partial.append([sentence.clauses[k] for k in run])
    if partial:
        out += [(row, limits.min_confidence, run)
                for row, run in zip(reading.joined(partial), partial, strict=True)]
    return out


def _runs(sentence: Sentence, min_sentence: float) -> list[list[int]]:
    """The sentence's adjacent clauses closest to the same task (at least ``min_sentence``),
    by clause index."""
    runs: list[list[int]] = []
    last = -1
    if not sentence.clauses:
        return runs
    bests = sentence.clause_scores.argmax(axis=1)
    tops = sentence.clause_scores[np.arange(len(bests)), bests]
    for k, (best, top) in enumerate(zip(bests.tolist(), tops.tolist(), strict=True)):
        if top < min_sentence:
            last = -1
            continue
        if best == last:
            runs[-1].append(k)
        else:
            runs.append([k])
        last = best
    return runs
