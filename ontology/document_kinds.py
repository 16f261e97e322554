"""The kinds of policy document govtrace tells apart, each described once.

A kind is the key records store (``work_plan``), the gt: class the graph types
the document with, the words its titles end with and the formulas its body
uses, the structure its body has, and what follows from being of that kind
(a plan that later plans implement, a report dated after the year it looks
back on). Ingest reads titles and bodies with these entries, the graph and the
queries type and select documents by them; adding a kind is a new entry here
and its class in ``govtrace.ttl``, and no other module lists kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rdflib import URIRef

from govtrace.ontology.namespaces import GT


class Structure(StrEnum):
    """What the numbered blocks of a kind's body are."""

    TASKS = "tasks"
    """Work assigned (一、… (一)…): a plan's tasks, what lineage links to the plan above."""
    REPORT_ITEMS = "report_items"
    """Work done: a report's items, which report on the tasks of a plan."""


@dataclass(frozen=True)
class BodyCue:
    """A formula of the body that betrays the kind, how sure it makes us (as measured on the
    development set) and the name recorded as the basis."""

    pattern: re.Pattern[str]
    confidence: float
    name: str


def _ending(*words: str) -> re.Pattern[str]:
    return re.compile(f"(?:{'|'.join(words)})$")


@dataclass(frozen=True, eq=False)
class DocumentKind:
    """One kind of document. Entries are singletons (compared by identity), and a pickled
    kind comes back as the registry's entry."""

    key: str
    """What records store (``DocumentRecord.kind.value``); never changes once used."""
    class_name: str
    """Local name of the kind's gt: class."""
    zh: str
    en: str
    title_cue: re.Pattern[str] | None
    """What a title of the kind ends with, its bracketed period aside."""
    title_priority: int
    """Order in which titles are tried against the cues: the first match wins, so a
    narrower ending (工作方案, 督察反馈…整改方案) goes before a wider one (方案)."""
    body_cues: tuple[BodyCue, ...] = ()
    structure: Structure = Structure.TASKS
    is_plan: bool = False
    """Carries higher plans down (lineage looks for a document's parents among plans)."""
    heads_lineage: bool = False
    """The national programme all plans descend from: its tasks have no parent."""
    covers_one_year: bool = False
    """Is about one year, which its body announces when its title does not (现将2023年度…
    报告如下); a missing year is worth reporting."""
    dated_by_release: bool = False
    """Has no period of its own: it is about the year it was issued."""
    looks_back: bool = False
    """Reports on the years it covers, so it was issued after the last of them began."""
    one_year_kind: str | None = None
    """The key of the kind a title of this kind names when it is about one year
    (乌审旗2024年…方案 is a year's work: a plan)."""
    class_tells_kind: bool = True
    """Whether a resource of the class is a document of this kind: False when the class is
    broader, so that entailment gives it to other kinds' documents or to cited works too."""

    @property
    def iri(self) -> URIRef:
        return GT[self.class_name]

    @property
    def curie(self) -> str:
        return f"gt:{self.class_name}"

    @property
    def sidecar_name(self) -> str:
        """How the corpus sidecar (metadata.toml ``doc_type``) names it: the key in CamelCase."""
        return "".join(word.capitalize() for word in self.key.split("_"))

    def __str__(self) -> str:
        return self.key

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return kind_by_key, (self.key,)


OUTLINE = DocumentKind(
    key="outline", class_name="Outline", zh="纲要", en="outline",
    title_cue=_ending("纲要"), title_priority=20,
    body_cues=(BodyCue(re.compile(r"制定本纲要"), 0.85, "制定本纲要"),),
    is_plan=True, heads_lineage=True)
IMPLEMENTATION_SCHEME = DocumentKind(
    key="implementation_scheme", class_name="ImplementationScheme", zh="实施方案",
    en="implementation scheme",
    title_cue=_ending("方案", "实施意见", "意见", "规划"), title_priority=40,
    body_cues=(
        BodyCue(re.compile(r"(?:制定|特制定|制订)(?:本|如下)?(?:实施|工作)?方案"), 0.8,
                "制定本方案"),
        BodyCue(re.compile(r"(?:提出|现提出)(?:如下|以下)(?:实施)?意见"), 0.75, "提出如下意见"),
    ),
    is_plan=True, one_year_kind="work_plan")
WORK_PLAN = DocumentKind(
    key="work_plan", class_name="WorkPlan", zh="工作计划", en="work plan",
    title_cue=_ending("工作计划", "计划", "工作要点", "要点", "工作安排", "安排", "任务清单",
                      "工作方案"),
    title_priority=30,
    body_cues=(
        BodyCue(re.compile(r"(?:工作安排|工作要点|工作计划|安排|要点)如下|现就(?:做好)?[^。]{0,30}?"
                           r"(?:工作)?(?:安排|部署)如下"), 0.8, "…安排如下"),
        BodyCue(re.compile(r"(?:责任单位|牵头单位|完成时限|配合单位)[:：]"), 0.6, "责任单位："),
    ),
    is_plan=True, covers_one_year=True)
WORK_REPORT = DocumentKind(
    key="work_report", class_name="WorkReport", zh="工作报告", en="work report",
    title_cue=_ending("报告", "总结"), title_priority=50,
    body_cues=(
        BodyCue(re.compile(r"现将[^。]{0,60}?(?:情况|工作)?(?:专题)?报告如下"), 0.9,
                "现将…报告如下"),
        BodyCue(re.compile(r"(?:报告如下|特此报告)"), 0.8, "报告如下"),
        BodyCue(re.compile(r"(?:一年来|过去一年|取得(?:了)?(?:新|明显|显著|积极|阶段性)?(?:的)?成效|"
                           r"主要举措和成效|主要成效)"), 0.6, "取得成效"),
    ),
    structure=Structure.REPORT_ITEMS, covers_one_year=True, looks_back=True)
INSPECTION_FEEDBACK = DocumentKind(
    key="inspection_feedback", class_name="InspectionFeedback", zh="督察反馈",
    en="inspection feedback",
    title_cue=re.compile(r"督[察查][^，。]{0,20}?反馈[^，。]{0,20}?整改(?:工作)?(?:实施)?方案$"),
    title_priority=25,
    body_cues=(
        BodyCue(re.compile(r"督[察查][^。]{0,30}?反馈[^。]{0,60}?(?:制定|特制定|制订)本?"
                           r"(?:整改)?(?:工作)?方案"), 0.85, "督察反馈…制定本方案"),
    ),
)
REGULATION = DocumentKind(
    # A regulation read from the corpus is typed like any policy document: its legal rank
    # (gt:legalRank, from its title) says what kind of norm it is, not a class.
    key="regulation", class_name="PolicyDocument", zh="规范", en="regulation",
    title_cue=_ending("办法", "规定", "条例", "细则", "规则", "决定", "制度"), title_priority=60,
    class_tells_kind=False)
INTERPRETATION = DocumentKind(
    key="interpretation", class_name="Interpretation", zh="解读", en="interpretation",
    title_cue=_ending("解读", "答记者问", "问答"), title_priority=10)
NOTICE = DocumentKind(
    key="notice", class_name="Notice", zh="通知", en="notice",
    title_cue=_ending("通知", "通报", "公告", "通告", "函"), title_priority=70,
    body_cues=(BodyCue(re.compile(r"(?:通知如下|特此通知|现印发给你们|印发给你们)"), 0.6,
                       "通知如下"),),
    dated_by_release=True)
OTHER = DocumentKind(
    key="other", class_name="PolicyDocument", zh="文件", en="policy document",
    title_cue=None, title_priority=100, dated_by_release=True, class_tells_kind=False)

KINDS: tuple[DocumentKind, ...] = (OUTLINE, IMPLEMENTATION_SCHEME, WORK_PLAN, WORK_REPORT,
                                   INSPECTION_FEEDBACK, REGULATION, INTERPRETATION, NOTICE,
                                   OTHER)
"""Every kind, in the order documentation and schemas list them."""

_BY_KEY = {kind.key: kind for kind in KINDS}
_BY_SIDECAR_NAME = {kind.sidecar_name: kind for kind in KINDS}

TITLE_CUES: tuple[tuple[re.Pattern[str], DocumentKind], ...] = tuple(
    (kind.title_cue, kind) for kind in sorted(KINDS, key=lambda k: k.title_priority)
    if kind.title_cue is not None)
"""Title endings → kind, in the order they are tried."""

BODY_CUES: tuple[tuple[BodyCue, DocumentKind], ...] = tuple(sorted(
    ((cue, kind) for kind in KINDS for cue in kind.body_cues),
    key=lambda pair: (-pair[0].confidence, pair[1].structure is not Structure.REPORT_ITEMS)))
"""Body formulas → kind, surest first; among equally sure ones a report's comes first (a
report says what it did about the scheme it made: 制定本方案…报告如下)."""


def kind_by_key(key: str) -> DocumentKind:
    """The kind a record's key names; KeyError for an unknown key."""
    return _BY_KEY[key]


def kind_by_sidecar_name(name: str) -> DocumentKind:
    """The kind a metadata sidecar's ``doc_type`` names (WorkPlan); KeyError when unknown."""
    return _BY_SIDECAR_NAME[name]


def one_year_reading(kind: DocumentKind) -> DocumentKind:
    """The kind a title of ``kind`` names when it is about one year."""
    return kind_by_key(kind.one_year_kind) if kind.one_year_kind else kind
