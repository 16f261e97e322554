"""What a report item's text says about the plan tasks it reports on: which sentences report
work done, and how close each of them (and the item as a whole) is to every plan task.

A report rewords its plan the way a county rewords its scheme, and more: the plan states an
intention (推进, 健全, 落实 …), the report what was *done* (已完成, 开展了, 办理行政复议案件
326件), so few character runs survive while the policy words do (行政复议, 权责清单). The
similarity is therefore the mean of the character n-gram TF-IDF score (the TF-IDF scorer's)
and the word TF-IDF cosine (jieba with the glossary's terms, :mod:`words`), both over the
candidate level's statistics, as the combined scorer computes them: on the paraphrase dev
reports the word cosine names the task of a reworded sentence where the n-grams score
0.02–0.03 for every task, and on the seeds' copied sentences the n-grams carry it.

Two kinds of text report on nothing done, whatever their words: an outlook section
(存在的问题和下一步打算, 2024年工作安排) and a sentence stating an intention (下一步，我们将…):
both echo the plan's wording most closely, because they speak as a plan does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.seams import Candidates
from govtrace.graph.lineage.words import total, words

if TYPE_CHECKING:
    from govtrace.graph.lineage.similarity import LevelMatrices, Matrix

_SENTENCE_END = re.compile(r"(?<=[。；！？;!?])")
MIN_SENTENCE_CHARS = 5
"""Shorter pieces (a stray 。 after a figure) carry no topic."""
_CLAUSE_END = re.compile(r"(?<=[，,])")
MIN_CLAUSE_CHARS = 4
"""A shorter clause (其中，) names no topic of its own; its words still count in its sentence."""
_PHRASE_END = re.compile(r"(?<=、)")
MIN_PHRASE_CHARS = 4
"""A shorter item of a list (药品、) is one noun of a topic, not a measure of its own."""
_OUTLOOK = re.compile(
    r"存在的?(?:主要)?(?:问题|不足|差距)|下一?步|今后|展望|工作(?:安排|打算|思路|计划)")
"""Titles of the closing section that looks ahead instead of reporting."""
_INTENTION = re.compile(r"^(?:下一?步|今后|接下来|明年)|我们将|将(?:继续|进一步|持续)")
"""Sentences that say what will be done, not what was."""
_SHORTCOMING = re.compile(
    r"(?:不够|不足|不强|不高|不平衡|不充分|偏少|偏弱|薄弱|滞后|差距"
    r"|(?:有待|还需|仍需|亟待|亟需).{0,3}(?:提高|提升|加强|增强|改进|完善|解决))[。；，,;]?$")
"""Sentences that end on what is still lacking (执法人员专业化水平不高): the problems a report
lists under 存在的问题, often as 一是…二是…, which the parser makes items of their own."""


_FIGURE = re.compile(
    r"\d+(?:\.\d+)?(?:%|％|件|项|次|个|人|份|场|家|条|起|批|名|部|支|期|万元|亿元|天)")
"""A count or a rate (58件, 100%, 632人): what a report says was done."""


def states_figure(text: str) -> bool:
    """Whether a piece of a report states a count or a rate (办理行政复议案件58件, 出庭应诉率
    100%): the outcome of the task whose object it counts."""
    return bool(_FIGURE.search(text))


def sentences(text: str) -> list[str]:
    """The sentences of a report item's body."""
    return [s.strip() for s in _SENTENCE_END.split(text) if len(s.strip()) >= MIN_SENTENCE_CHARS]


def looks_ahead(title: str) -> bool:
    """Whether a report item's title names an outlook section (存在的问题和下一步打算)."""
    return bool(_OUTLOOK.search(title))


def states_intention(sentence: str) -> bool:
    """Whether a sentence says what will be done (下一步，我们将继续…) or what is still
    lacking (承接下放事项的能力不足): neither reports work done."""
    return bool(_INTENTION.search(sentence) or _SHORTCOMING.search(sentence))


@dataclass(frozen=True)
class Sentence:
    """One reporting sentence: its scores against every parent, and its clauses'."""

    text: str
    scores: Matrix
    clauses: tuple[str, ...]
    """Its clauses (split at commas), only when it has more than one."""
    clause_scores: Matrix
    """One row per clause (none for a one-clause sentence)."""


@dataclass(frozen=True)
class ReportReading:
    """One report item against one level's plan tasks, sentence by sentence and clause by
    clause. Each clause is segmented once; a sentence's and the item's words are the sums of
    their clauses' (jieba cuts at punctuation anyway, so the sum is the same segmentation)."""

    item: Unit
    parents: tuple[Unit, ...]
    whole: Matrix
    """The item as a whole against each parent."""
    sentences: tuple[Sentence, ...]
    level: LevelMatrices
    bags: dict[str, Counter[str]]
    """The words of each clause, by its text."""
    pieces: Matrix
    """The scores of the item's finest pieces of text in reading order, a row each: each
    clause (a one-clause sentence is one clause), or the measures it lists when it lists
    several (:func:`phrases`)."""
    piece_words: tuple[Counter[str], ...]
    """The words of each piece, in the order of :attr:`pieces`."""

    def words_of(self, texts: Sequence[str]) -> Counter[str]:
        """The words of sentences or clauses of the item (each the sum of its clauses')."""
        return total(self.bags[c] for text in texts for c in _CLAUSE_END.split(text)
                     if c in self.bags)

    def joined(self, runs: Sequence[Sequence[str]]) -> Matrix:
        """The scores of each run of adjacent clauses read as one piece of text, a row each
        (all at once: a level's products cost the same for one probe or ten)."""
        probes = [_probe(self.item, "，".join(run)) for run in runs]
        return _scores(self.level, probes,
                       [total(self.bags[c] for c in run) for run in runs])


def clauses(sentence: str) -> list[str]:
    """A sentence's clauses: a report joins the work on two or three tasks into one sentence
    with commas (审核文件49件，公布决策事项5项，法律顾问出具意见61份。)."""
    return [c for c in _CLAUSE_END.split(sentence) if len(c.strip("，,")) >= MIN_CLAUSE_CHARS]


def phrases(clause: str) -> list[str]:
    """The measures a clause lists, when it lists two or more (行政调解、行政裁决、复议“四室
    分离”、…负责人出庭应诉): a summary gives each task a phrase. Read only where plan order
    expects their tasks (:mod:`report_order`): a phrase alone is too short to name a task
    (审批服务马上办、 points at every task on services)."""
    parts = [p for p in _PHRASE_END.split(clause) if len(p.strip("、，,")) >= MIN_PHRASE_CHARS]
    return parts if len(parts) > 1 else []


def topic_words(report_title: str, candidates: Candidates) -> frozenset[str]:
    """The words a report's title shares with the title of a plan it reports on (法治政府建设,
    the place, the year): what the whole report is about, so they name none of its tasks.
    A plan task that happens to repeat its document's topic (坚持党对法治政府建设的领导) would
    otherwise claim every clause that does (群众对法治政府建设的满意度达到92%)."""
    mine = words(report_title).keys()
    # One character (年) is part of too many other words to stand for the topic.
    return frozenset(w for doc in candidates.docs
                     for w in words(doc.title)
                     if w in mine and len(w) > 1)


def read_report_items(items: Sequence[tuple[Unit, list[str]]], candidates: Candidates,
                      topic: frozenset[str] = frozenset()) -> list[ReportReading | None]:
    """Each of a report's items and its reporting sentences scored against the level's
    items, or None when the level has no item to compare with. The words of an item as a
    whole leave out the report's ``topic`` words (:func:`topic_words`; its character n-grams
    keep them). Every piece of every item is scored at once: a level's products cost about
    the same for one item's pieces as for the whole report's, and each row's sums are its
    own, so the scores are those of one item at a time."""
    # Imported here, not above: the scorers (which features and similarity import) load
    # the linker's decision, and with it this module. The cache is the combined scorer's,
    # so a level's matrices are built once for the plans and the reports that link to it.
    from govtrace.graph.lineage.features import LEVELS

    if not items:
        return []
    level = LEVELS.get(candidates)
    if not level.parents:
        return [None] * len(items)
    layouts = [_Layout.of(item, said, topic) for item, said in items]
    scores = _scores(level, [p for layout in layouts for p in layout.probes],
                     [b for layout in layouts for b in layout.probe_bags])
    readings: list[ReportReading | None] = []
    at = 0
    for layout in layouts:
        readings.append(layout.reading(level, scores[at:at + len(layout.probes)]))
        at += len(layout.probes)
    return readings


@dataclass(frozen=True)
class _Layout:
    """The pieces of one report item to score, a probe each, before they are scored: the
    item as a whole, each sentence, each clause of a sentence of several, each measure a
    clause lists."""

    item: Unit
    said: list[str]
    several: list[list[str]]
    """Each sentence's clauses, when it has more than one."""
    clause_bags: dict[str, Counter[str]]
    probes: list[Unit]
    probe_bags: list[Counter[str]]
    """The words of each probe."""
    finest: list[int]
    """The probes of the item's finest pieces, in reading order."""

    @classmethod
    def of(cls, item: Unit, said: list[str], topic: frozenset[str]) -> _Layout:
        split = [_CLAUSE_END.split(s) for s in said]
        # Each list item is segmented once, and a clause's words are its items' (jieba cuts
        # at 、 as at every punctuation mark, so the sum is the clause's segmentation).
        listed = {p: words(p) for parts in split for c in parts for p in _PHRASE_END.split(c)}
        bags = {c: total(listed[p] for p in _PHRASE_END.split(c))
                for parts in split for c in parts}
        sentence_bags = [total(bags[c] for c in parts) for parts in split]
        several = [parts if len(parts := clauses(s)) > 1 else [] for s in said]
        pieces = [c for parts in several for c in parts]
        # The finest pieces, in reading order: a clause or sentence already probed (its row
        # below), or a measure it lists, probed after them.
        finest: list[int] = []
        measures: list[str] = []
        at = 1 + len(said)
        for k, parts in enumerate(several):
            for j, clause in enumerate(parts or [said[k]]):
                listing = phrases(clause)
                start = 1 + len(said) + len(pieces) + len(measures)
                finest += (range(start, start + len(listing)) if listing
                           else [at + j if parts else 1 + k])
                measures += listing
            at += len(parts)
        return cls(item, said, several, bags,
                   [item, *(_probe(item, t) for t in [*said, *pieces, *measures])],
                   [_without(total(sentence_bags, words(item.title)), topic),
                    *sentence_bags, *(bags[c] for c in pieces),
                    # A list spanning a dropped short clause (同时，充分利用…、) was not cut
                    # where listed was.
                    *(listed[p] if p in listed else words(p) for p in measures)],
                   finest)

    def reading(self, level: LevelMatrices, scores: Matrix) -> ReportReading:
        """The item's reading, given its probes' ``scores`` (a row each)."""
        rows, at = [], 1 + len(self.said)
        for k, parts in enumerate(self.several):
            rows.append(Sentence(self.said[k], scores[1 + k], tuple(parts),
                                 scores[at:at + len(parts)]))
            at += len(parts)
        return ReportReading(self.item, level.parents, scores[0], tuple(rows), level,
                             self.clause_bags, scores[self.finest],
                             tuple(self.probe_bags[k] for k in self.finest))


def _without(bag: Counter[str], topic: frozenset[str]) -> Counter[str]:
    """``bag`` (a sum, so a counter of its own) less the ``topic`` words."""
    for word in topic & bag.keys():
        del bag[word]
    return bag


def _probe(item: Unit, text: str) -> Unit:
    """A piece of ``item`` scored as an item of its own (title only)."""
    return Unit(item.ref, item.label, text, "", item.title_span, None)


def _scores(level: LevelMatrices, probes: Sequence[Unit], bags: Sequence[Counter[str]]
            ) -> Matrix:
    """The mean of the character n-gram score and the word TF-IDF cosine (over ``bags``,
    each probe's words) of each probe against every parent."""
    scores: Matrix = (0.5 * level.char_scores(probes)
                      + 0.5 * level.word_space.tfidf_products(bags, level.word_vectors))
    return scores


def best_two(scores: Matrix) -> tuple[int, float, float, int | None]:
    """The best column of a row, its score, the runner-up's score and column (0.0 and None
    for a row of one)."""
    # A stable sort: ties go to the task first in the plan, as in every ranking.
    order = np.argsort(-scores, kind="stable")
    first = int(order[0])
    if len(order) < 2:
        return first, float(scores[first]), 0.0, None
    return first, float(scores[first]), float(scores[order[1]]), int(order[1])
