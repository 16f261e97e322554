"""What kind of document a text is: from its title when it has one, else from how it speaks.

Titles name their kind in their last word (…实施方案, …工作要点, …情况报告), which
the registry of kinds (:mod:`govtrace.ontology.document_kinds`) maps. A text with no
title still says what it is in a formula every drafter uses: a report announces itself
(现将…情况报告如下), a scheme its making (制定本方案), a plan its arrangement
(现就做好…工作安排如下), a notice its issuing (现印发给你们, 通知如下). A report
that never says so still reads like one: it opens on the year it looks back on
(2023年，全区各级人民政府坚持…) and counts results (取得…成效), while a plan assigns work
to units and deadlines.
Each kind's cues have the confidence they earned on the development set; the best wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govtrace.ingest.extract import front as patterns
from govtrace.ontology.document_kinds import (
    BODY_CUES,
    TITLE_CUES,
    WORK_REPORT,
    DocumentKind,
    one_year_reading,
)

REPORT_OPENING = re.compile(
    r"^[ \t\u3000]*(?:(?:19|20)\d{2}年(?:度|以来)?|今年以来|一年来)[，,][^。]{0,80}?"
    r"(?:坚持|认真|深入|全面|紧紧|始终|聚焦|扎实|在[^。]{0,40}?下)", re.M)
"""A body that opens by looking back on a year in the past tense of a report."""
_FUTURE = re.compile(r"(?:要|将|应|需)(?:坚持|认真|深入|全面|紧紧|始终|聚焦|扎实|在)")


@dataclass(frozen=True)
class KindGuess:
    kind: DocumentKind
    confidence: float
    rule: str
    start: int
    end: int


def kind_of_title(title: str) -> DocumentKind | None:
    """The kind a title names, its bracketed period aside; None when it names none."""
    core = patterns.TITLE_PERIOD.sub("", title.strip())
    for pattern, kind in TITLE_CUES:
        if pattern.search(core):
            return one_year_reading(kind) if _annual(core) else kind
    return None


def _annual(title: str) -> bool:
    return patterns.YEAR.search(title) is not None and patterns.YEAR_RANGE.search(title) is None


def kind_of_body(text: str, start: int, end: int) -> KindGuess | None:
    """The kind the body's formulas betray in ``text[start:end]``, best guess first."""
    best: KindGuess | None = None
    for cue, kind in BODY_CUES:
        m = cue.pattern.search(text, start, end)
        if m is not None and (best is None or cue.confidence > best.confidence):
            best = KindGuess(kind, cue.confidence, cue.name, m.start(), m.end())
    opening = REPORT_OPENING.search(text, start, min(end, start + 400))
    if opening is not None and _FUTURE.search(opening.group()):
        opening = None  # 2024年，全旗法治政府建设工作要坚持…: a plan looking ahead
    if opening is not None and (best is None or best.confidence < 0.7):
        plan_cue = best is not None and best.kind.is_plan
        if not plan_cue:
            best = KindGuess(WORK_REPORT, 0.7, "opens on the year it looks back on",
                             opening.start(), opening.end())
    return best
