"""Canonical titles and kinds of cited works (《…》).

Canonical form (the key of a work's IRI, so that the same work cited in two
documents is one node):

* no outer 《》, no whitespace;
* nested titles in 〈〉 (written 〈〉, <>, ＜＞ or 《》 inside);
* full-width parentheses （）, and the dash of year ranges as "—"
  (2021－2025, 2021-2025 and 2021—2025 are one title);
* a national law written without the state's name gets it:
  行政复议法 → 中华人民共和国行政复议法 (a law title with no place name is
  national: only the NPC makes 法).

The kind (its legal rank) comes from :data:`KIND_RULES`, the first rule that matches
wins. It is decided by the work alone (its canonical title and order number, and the
issuer either names), never by the sentence citing it, so a rule cited by two
documents has one rank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govtrace.ingest.record import CitedWork, WorkKind

STATE = "中华人民共和国"
_PLACE = r"(?:内蒙古自治区|自治区|[\u4e00-\u9fff]{2,6}?(?:市|盟|旗|县|区))"

_NESTED = str.maketrans({"<": "〈", ">": "〉", "＜": "〈", "＞": "〉", "(": "（", ")": "）"})
_DASH = re.compile(r"(?<=\d)\s*[-－–—―~～]+\s*(?=\d)")
_BLANK = re.compile(r"\s+")
_INNER = re.compile(r"《([^《》]*)》")
_TRAILING_PAREN = re.compile(r"（[^（）]*）$")
_ORDER_ISSUER = re.compile(r"^(?P<issuer>.+?)令\s*第")


@dataclass(frozen=True)
class KindRule:
    """Classify titles matching ``pattern`` (on the canonical title) as ``kind``.

    ``issuer`` (optional) must match the issuer of the work's order number
    (内蒙古自治区人民政府令第262号 → 内蒙古自治区人民政府) for the rule to apply;
    ``name`` is recorded as ``rule``.
    """

    name: str
    pattern: re.Pattern[str]
    kind: WorkKind
    issuer: re.Pattern[str] | None = None


def _rule(name: str, pattern: str, kind: WorkKind, issuer: str | None = None) -> KindRule:
    return KindRule(name, re.compile(pattern), kind, re.compile(issuer) if issuer else None)


KNOWN_TITLES: dict[str, WorkKind] = {
    # State Council decree 310: an administrative regulation although titled 规定.
    "行政执法机关移送涉嫌犯罪案件的规定": WorkKind.ADMINISTRATIVE_REGULATION,
}
"""Titles whose kind their wording does not reveal."""

KIND_RULES: tuple[KindRule, ...] = (
    _rule("national_law", rf"^{STATE}[^〈〉]*法$", WorkKind.LAW),
    _rule("local_regulation", rf"^{_PLACE}[^〈〉]*条例$", WorkKind.LOCAL_REGULATION),
    _rule("administrative_regulation", r"^[^〈〉]*条例$", WorkKind.ADMINISTRATIVE_REGULATION),
    _rule("regional_rule", rf"^{_PLACE}(?:人民政府)?[^关]*(?:办法|规定|细则)$",
          WorkKind.GOVERNMENT_RULE),
    # An order number makes a 办法/规定 a rule: the State Council's an administrative
    # regulation, a government's or a ministry's a 规章.
    _rule("state_council_order", r"(?:办法|规定|细则)$", WorkKind.ADMINISTRATIVE_REGULATION,
          issuer=r"^国务院$"),
    _rule("rule_by_order", r"(?:办法|规定|细则)$", WorkKind.GOVERNMENT_RULE, issuer=r"."),
    _rule("departmental_document", r"(?:意见|通知|决定|通告|办法|规定|细则|规范|规范（试行）)$",
          WorkKind.NORMATIVE_DOCUMENT),
    _rule("policy_document", r"(?:纲要|规划|方案|计划|要点|报告)$", WorkKind.POLICY_DOCUMENT),
    _rule("other", r"", WorkKind.OTHER),
)


def canonical_title(title: str) -> str:
    """The canonical form of a title (with or without its outer 《》)."""
    text = _BLANK.sub("", title)
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1]
    text = _INNER.sub(r"〈\1〉", text).translate(_NESTED)
    text = _DASH.sub("—", text)
    if _is_unqualified_law(text):
        text = STATE + text
    return text


def _is_unqualified_law(text: str) -> bool:
    if not text.endswith("法") or text.endswith(("办法", "方法")) or text.startswith(STATE):
        return False
    if "〈" in text:
        return False
    return re.match(_PLACE, text) is None and not text.startswith(("关于", "中共"))


def classify(canonical: str, order_number: str | None = None) -> tuple[WorkKind, str]:
    """(kind, rule name) of a work: its canonical title and order number."""
    issuer = _order_issuer(order_number)
    known = KNOWN_TITLES.get(canonical)
    if known is not None:
        return known, "known_title"
    bare = _TRAILING_PAREN.sub("", canonical)
    for rule in KIND_RULES:
        if rule.issuer is not None and (issuer is None or not rule.issuer.search(issuer)):
            continue
        if rule.pattern.search(bare):
            return rule.kind, rule.name
    raise AssertionError("the last rule matches every title")


def _order_issuer(order_number: str | None) -> str | None:
    """Who issued a rule, read from its order number (…人民政府令第262号)."""
    found = _ORDER_ISSUER.match(order_number) if order_number else None
    return found.group("issuer") if found else None


def cited_work(written: str, *, issuer: str | None = None, order_number: str | None = None,
               full_title: str | None = None) -> CitedWork:
    """A :class:`CitedWork` from a title as written (outer brackets optional); a short
    title the document defined (以下简称《管理办法》) names the work of its ``full_title``.
    ``issuer`` (the one the citing sentence names) is recorded, not used to classify."""
    canonical = canonical_title(full_title or written)
    kind, rule = classify(canonical, order_number)
    title = written[1:-1] if written.startswith("《") and written.endswith("》") else written
    return CitedWork(title=_BLANK.sub("", title), canonical=canonical, kind=kind, rule=rule,
                     order_number=order_number, issuer=issuer)
