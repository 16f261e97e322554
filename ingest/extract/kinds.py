"""What kind of document a text is: from its title when it has one, else from how it speaks.

Titles name their kind in their last word (…实施方案, …工作要点, …情况报告), which
:data:`.front.KINDS` maps. A text with no title still says what it is in a
formula every drafter uses: a report announces itself (现将…情况报告如下), a
scheme its making (制定本方案), a plan its arrangement (现就做好…工作安排如下), a
notice its issuing (现印发给你们, 通知如下). A report that never says so still reads
like one: it opens on the year it looks back on (2023年，全区各级人民政府坚持…)
and counts results (取得…成效), while a plan assigns work to units and deadlines.
Each cue has the confidence it earned on the development set; the best wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govtrace.ingest.extract import front as patterns
from govtrace.ingest.record import DocType


@dataclass(frozen=True)
class KindCue:
    pattern: re.Pattern[str]
    kind: DocType
    confidence: float
    name: str


BODY_CUES: tuple[KindCue, ...] = (
    KindCue(re.compile(r"现将[^。]{0,60}?(?:情况|工作)?(?:专题)?报告如下"), DocType.WORK_REPORT,
            0.9, "现将…报告如下"),
    KindCue(re.compile(r"(?:报告如下|特此报告)"), DocType.WORK_REPORT, 0.8, "报告如下"),
    KindCue(re.compile(r"制定本纲要"), DocType.OUTLINE, 0.85, "制定本纲要"),
    KindCue(re.compile(r"(?:制定|特制定|制订)(?:本|如下)?(?:实施|工作)?方案"),
            DocType.IMPLEMENTATION_SCHEME, 0.8, "制定本方案"),
    KindCue(re.compile(r"(?:提出|现提出)(?:如下|以下)(?:实施)?意见"), DocType.IMPLEMENTATION_SCHEME,
            0.75, "提出如下意见"),
    KindCue(re.compile(r"(?:工作安排|工作要点|工作计划|安排|要点)如下|现就(?:做好)?[^。]{0,30}?"
                       r"(?:工作)?(?:安排|部署)如下"), DocType.WORK_PLAN, 0.8, "…安排如下"),
    KindCue(re.compile(r"(?:一年来|过去一年|取得(?:了)?(?:新|明显|显著|积极|阶段性)?(?:的)?成效|"
                       r"主要举措和成效|主要成效)"), DocType.WORK_REPORT, 0.6, "取得成效"),
    KindCue(re.compile(r"(?:责任单位|牵头单位|完成时限|配合单位)[:：]"), DocType.WORK_PLAN, 0.6,
            "责任单位："),
    KindCue(re.compile(r"(?:通知如下|特此通知|现印发给你们|印发给你们)"), DocType.NOTICE, 0.6,
            "通知如下"),
)
"""Formulas of the body → the kind they betray, how sure that is, and the name recorded."""

REPORT_OPENING = re.compile(
    r"^[ \t\u3000]*(?:(?:19|20)\d{2}年(?:度|以来)?|今年以来|一年来)[，,][^。]{0,80}?"
    r"(?:坚持|认真|深入|全面|紧紧|始终|聚焦|扎实|在[^。]{0,40}?下)", re.M)
"""A body that opens by looking back on a year in the past tense of a report."""
_FUTURE = re.compile(r"(?:要|将|应|需)(?:坚持|认真|深入|全面|紧紧|始终|聚焦|扎实|在)")


@dataclass(frozen=True)
class KindGuess:
    kind: DocType
    confidence: float
    rule: str
    start: int
    end: int


def kind_of_title(title: str) -> DocType | None:
    """The kind a title names, its bracketed period aside; None when it names none."""
    core = patterns.TITLE_PERIOD.sub("", title.strip())
    for pattern, kind in patterns.KINDS:
        if pattern.search(core):
            if kind is DocType.IMPLEMENTATION_SCHEME and _annual(core):
                return DocType.WORK_PLAN  # 乌审旗2024年…方案: one year's work, a plan
            return kind
    return None


def _annual(title: str) -> bool:
    return patterns.YEAR.search(title) is not None and patterns.YEAR_RANGE.search(title) is None


def kind_of_body(text: str, start: int, end: int) -> KindGuess | None:
    """The kind the body's formulas betray in ``text[start:end]``, best guess first."""
    best: KindGuess | None = None
    for cue in BODY_CUES:
        m = cue.pattern.search(text, start, end)
        if m is not None and (best is None or cue.confidence > best.confidence):
            best = KindGuess(cue.kind, cue.confidence, cue.name, m.start(), m.end())
    opening = REPORT_OPENING.search(text, start, min(end, start + 400))
    if opening is not None and _FUTURE.search(opening.group()):
        opening = None  # 2024年，全旗法治政府建设工作要坚持…: a plan looking ahead
    if opening is not None and (best is None or best.confidence < 0.7):
        plan_cue = best is not None and best.kind is DocType.WORK_PLAN
        if not plan_cue:
            best = KindGuess(DocType.WORK_REPORT, 0.7, "opens on the year it looks back on",
                             opening.start(), opening.end())
    return best
