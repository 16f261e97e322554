"""The exact-anchor scorer: a child that names its parent outright is linked without weighing
words.

Two anchors count:

* a citation of a candidate document followed by an item number: 按照《…实施方案》
  第（六）项 names item 6 of that plan (the title matched as :mod:`titles` matches
  cited documents, the number read as headings are);
* the same item title: a child titled exactly as a candidate item
  (加强行政规范性文件制定监督管理 in the banner's plan and in the region's scheme)
  copies it.

A cited item scores 1 (confidence 1: the link is read from the text); an item whose title
the child bears scores 0.9 (confidence 0.95: a county may reuse a title for other work).
A level where two candidates are anchored is a tie and the scorer abstains, leaving the
child to the next scorer. It never
merges a second parent and does not read report items (a report item reports on
several tasks, so one named task is not the whole answer). Having no thresholds
to calibrate, it runs first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from govtrace.graph.lineage.corpus import DocView, Unit, own_titles
from govtrace.graph.lineage.model import Evidence, ItemRef
from govtrace.graph.lineage.phrases import evidence, shared_phrases, source_range
from govtrace.graph.lineage.seams import Candidates, PlanLimits, Scored
from govtrace.graph.lineage.titles import titles_match
from govtrace.ingest.extract.numerals import numeral_value
from govtrace.settings import Settings

METHOD = "exact-anchor"
MIN_TITLE = 6
"""Shortest item title that anchors by itself (a bare 总体要求 or 保障措施 does not)."""
CITED = 1.0
"""Score of an item the child cites by number: read from the text, so certain."""
SAME_TITLE = 0.9
"""Score of an item whose title the child bears: inferred (a county may reuse a title for
other content), so its link's confidence is 0.95, not 1 (:func:`decide.confidence`)."""
ANCHORED = PlanLimits(floor=SAME_TITLE, max_runner_up=0.5, merge_ratio=1.0, full_strength=1.0)
"""Only anchored candidates are scored, so any runner-up is a second anchor: a tie, on
which the decision abstains."""
_CITED_ITEM = re.compile(r"《(?P<title>[^《》]+)》第[（(]?(?P<number>[一二三四五六七八九十]+|\d+)"
                         r"[）)]?[项条]")


@dataclass(frozen=True)
class Anchor:
    """Characters ``[start, end)`` of the child's text name ``parent``."""

    parent: Unit
    start: int
    end: int
    cited: bool
    """By a citation of its number (else by bearing its title)."""


@dataclass(frozen=True)
class AnchorRanking:
    child: Unit
    anchors: dict[ItemRef, Anchor]
    """The first anchor naming each candidate."""
    scorer: AnchorScorer

    @property
    def scored(self) -> list[Scored]:
        return [Scored(anchor.parent, CITED if anchor.cited else SAME_TITLE)
                for anchor in sorted(self.anchors.values(),
                                     key=lambda a: (not a.cited, a.parent.ref))]

    @property
    def limits(self) -> PlanLimits:
        return ANCHORED

    def covers(self, parent: Unit, topic: str) -> bool:
        return False

    def evidence(self, parent: Unit) -> tuple[Evidence, ...]:
        """The anchor (the citation or the title, against the parent's title), then the
        longest other phrases the items share."""
        anchor, child = self.anchors[parent.ref], self.child
        named = Evidence(child.text[anchor.start:anchor.end],
                         source_range(child, anchor.start, anchor.end),
                         source_range(parent, 0, len(parent.title)))
        others = [m for m in shared_phrases(child.text, parent.text, self.scorer.min_phrase)
                  if m.child_start + m.length <= anchor.start or m.child_start >= anchor.end]
        limit = self.scorer.max_evidence
        return (named, *evidence(child, parent, others, limit - 1))[:limit]


@dataclass(frozen=True)
class AnchorScorer:
    min_phrase: int
    max_evidence: int

    @classmethod
    def of(cls, settings: Settings) -> AnchorScorer:
        return cls(settings.lineage_min_phrase, settings.lineage_max_evidence)

    @property
    def method(self) -> str:
        return METHOD

    @property
    def report_limits(self) -> None:
        return None

    def rank(self, child: Unit, candidates: Candidates) -> AnchorRanking:
        found: dict[ItemRef, Anchor] = {}
        for anchor in anchors(child, candidates.docs):
            found.setdefault(anchor.parent.ref, anchor)
        return AnchorRanking(child, found, self)


def anchors(child: Unit, docs: Sequence[DocView]) -> list[Anchor]:
    """Every item of ``docs`` that ``child`` names, its citations first."""
    found = [a for m in _CITED_ITEM.finditer(child.text) for doc in docs
             if (a := _cited(m, doc)) is not None]
    if len(child.title) >= MIN_TITLE:
        found += [Anchor(u, 0, len(child.title), cited=False) for doc in docs for u in doc.units
                  if u.title == child.title and not u.ref.is_report_item]
    return found


def _cited(match: re.Match[str], doc: DocView) -> Anchor | None:
    """The item of ``doc`` a citation names, when it cites ``doc`` and ``doc`` has exactly
    one item of that number."""
    if not any(titles_match(match["title"], t) for t in own_titles(doc.record)):
        return None
    try:
        label = str(numeral_value(match["number"]))
    except ValueError:  # 第一二项: not a number
        return None
    items = [u for u in doc.units if u.label == label and not u.ref.is_report_item]
    return Anchor(items[0], match.start(), match.end(), cited=True) if len(items) == 1 else None
