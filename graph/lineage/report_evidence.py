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
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.seams import Candidates
from govtrace.graph.lineage.words import words

if TYPE_CHECKING:
    from govtrace.graph.lineage.similarity import Matrix

_SENTENCE_END = re.compile(r"(?<=[。；！？;!?])")
MIN_SENTENCE_CHARS = 5
"""Shorter pieces (a stray 。 after a figure) carry no topic."""
_OUTLOOK = re.compile(
    r"存在的?(?:主要)?(?:问题|不足|差距)|下一?步|今后|展望|工作(?:安排|打算|思路|计划)")
"""Titles of the closing section that looks ahead instead of reporting."""
_INTENTION = re.compile(r"^(?:下一?步|今后|接下来|明年)|我们将|将(?:继续|进一步|持续)")
"""Sentences that say what will be done, not what was."""


def sentences(text: str) -> list[str]:
    """The sentences of a report item's body."""
    return [s.strip() for s in _SENTENCE_END.split(text) if len(s.strip()) >= MIN_SENTENCE_CHARS]


def looks_ahead(title: str) -> bool:
    """Whether a report item's title names an outlook section (存在的问题和下一步打算)."""
    return bool(_OUTLOOK.search(title))


def states_intention(sentence: str) -> bool:
    """Whether a sentence says what will be done (下一步，我们将继续…)."""
    return bool(_INTENTION.search(sentence))


@dataclass(frozen=True)
class ReportSimilarities:
    """One report item against one level's plan tasks."""

    parents: tuple[Unit, ...]
    whole: Matrix
    """The item as a whole against each parent."""
    by_sentence: Matrix
    """One row per reporting sentence (in order), one column per parent."""


def report_similarities(item: Unit, said: list[str],
                        candidates: Candidates) -> ReportSimilarities | None:
    """The similarities of ``item`` and of its sentences ``said`` to the level's items, or
    None when the level has no item to compare with."""
    # Imported here, not above: the scorers (which features and similarity import) load
    # the linker's decision, and with it this module. The cache is the combined scorer's,
    # so a level's matrices are built once for the plans and the reports that link to it.
    from govtrace.graph.lineage.features import LEVELS

    level = LEVELS.get(candidates)
    if not level.parents:
        return None
    probes = [item, *(Unit(item.ref, item.label, s, "", item.title_span, None) for s in said)]
    # Segmenting is most of the cost, so each sentence is segmented once: the item's words
    # are its title's and its reporting sentences' (what it says it did).
    bags = [words(s) for s in said]
    space = level.word_space
    vectors = [space.idf.vector(sum(bags, Counter(words(item.title)))),
               *(space.idf.vector(bag) for bag in bags)]
    scores: Matrix = (0.5 * level.char_scores(probes)
                      + 0.5 * space.products(vectors, level.word_vectors))
    return ReportSimilarities(level.parents, scores[0], scores[1:])


def best_two(scores: Matrix) -> tuple[int, float, float]:
    """The best column of a row, its score and the runner-up's score."""
    # A stable sort: ties go to the task first in the plan, as in every ranking.
    order = np.argsort(-scores, kind="stable")
    first = int(order[0])
    return first, float(scores[first]), float(scores[order[1]]) if len(order) > 1 else 0.0
