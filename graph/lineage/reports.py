"""Choosing the plan tasks a report item reports on (gt:reportsOn).

A plan task has one parent, so the plan rule abstains when the runner-up is
close. A report item is different: it sums up a year's work on a topic and
typically gives a sentence or two to each of several plan tasks (强化制约监督:
one sentence on 人大/政协/审计监督, one on 行政复议 cases, one on 出庭应诉),
so its candidates *are* close and abstaining would lose them all. The item is
therefore read sentence by sentence:

1. the item as a whole must reach ``report_min_score`` against its best task,
   else it reports on nothing (a 存在的问题和下一步打算 section);
2. each sentence that clearly points at one task (score at least
   ``report_min_sentence``, runner-up at most ``report_sentence_runner_up`` of
   it) names that task as a parent; the best-scored ``report_max_parents``
   are kept;
3. an item none of whose sentences is that clear (short enumerations of
   figures) falls back to the plan rule on the whole item, which must then
   score as much as a reporting sentence (``report_min_sentence``).

Calibration on the seeds (001, 002 against 004): sentences that report on a
task score 0.107–0.39 against it; sentences that name no single task either
stay below 0.10 or have a second task within 0.84–0.94 of the first
(涉企行政执法专项监督: 12 vs 23; 完善制度机制: 30 vs 29), which the runner-up
share of 0.8 drops. The outlook section's 下一步 sentence reaches 0.127
(→ 推进机制), so the item gate matters: it keeps the plan floor (0.09),
which that section as a whole (0.083) stays under. Whole items without a
clear sentence that report on a task score 0.112–0.28 against it, those
matching a stray task (基层应急能力建设 → 依法行政能力建设) 0.093–0.097,
hence the fallback's higher floor. Sentences
are scored against the same document-local TF-IDF as whole items, so the
method carries over to other report/plan pairs unchanged.

The rule is the scorers' common decision for report items, as :mod:`decide`
is for plan items: any scorer that gives :class:`ReportLimits` (the TF-IDF
scorer's are the ``lineage_report_*`` settings, calibrated as above) ranks the
item and each of its sentences; a scorer without them does not link report
items. It is not a scorer of its own because it scores nothing: it reads
one scorer's rankings of the sentences.
"""

from __future__ import annotations

import re
from dataclasses import replace

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.decide import SENTENCES, Choice, choose, confidence
from govtrace.graph.lineage.seams import Candidates, ReportLimits, Scorer

_SENTENCE_END = re.compile(r"(?<=[。；！？;!?])")
MIN_SENTENCE_CHARS = 5
"""Shorter pieces (a stray 。 after a figure) carry no topic."""


def sentences(text: str) -> list[str]:
    """The sentences of a report item's body."""
    return [s.strip() for s in _SENTENCE_END.split(text) if len(s.strip()) >= MIN_SENTENCE_CHARS]


def choose_reported(child: Unit, scorer: Scorer, candidates: Candidates,
                    limits: ReportLimits) -> list[Choice]:
    """The plan tasks ``child`` reports on, best first; empty to abstain."""
    whole = scorer.rank(child, candidates)
    ranked = whole.scored
    if not ranked or ranked[0].score < limits.min_score:
        return []
    found: dict[str, Choice] = {}
    for sentence in sentences(child.body):
        probe = Unit(child.ref, child.label, sentence, "", child.title_span, None)
        scored = scorer.rank(probe, candidates).scored
        if not scored:
            continue
        best, runner_up = scored[0], scored[1].score if len(scored) > 1 else 0.0
        if best.score < limits.min_sentence or runner_up > limits.sentence_runner_up * best.score:
            continue
        key = best.parent.ref.key
        if key not in found or found[key].score < best.score:
            found[key] = Choice(best.parent, best.score,
                                confidence(best.score, runner_up, limits.full_strength),
                                scorer.method + SENTENCES, ())
    if not found:
        if ranked[0].score < limits.min_sentence:
            return []
        return choose(child, whole, scorer.method)
    kept = sorted(found.values(), key=lambda c: -c.score)[:limits.max_parents]
    # The evidence is the whole item's: a sentence only picked the task.
    return [replace(c, evidence=whole.evidence(c.parent)) for c in kept]
