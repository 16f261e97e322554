"""Quantitative targets (plans) and reported figures (reports).

A quantity is a number with a unit from :data:`UNITS` (optionally scaled by
万/亿, written 1.5万件 → value 1.5, unit 万件), with a comparator read from
the words around it (:data:`BEFORE`, :data:`AFTER`) and, for figures, a change
direction (同比增长 → increase). In plans only numbers with an explicit
comparator are targets (出庭应诉率不低于90%); in reports every number with a
unit is a figure.

The measure is the phrase before the number within its clause, trimmed of
leading deadlines and filler (:data:`LEADING_FILLER`) and of the comparator
words; a bare change phrase (同比增长164%) measures the same thing as the
figure before it; an empty phrase falls back to the noun after the unit
(不少于60学时的业务知识和法律法规培训 → 业务知识和法律法规培训).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from govtrace.ingest.extract.context import Context
from govtrace.ingest.extract.deadlines import DEADLINE
from govtrace.ingest.record import Change, Comparator, Quantity

UNITS = ("个工作日", "工作日", "学时", "小时", "分钟", "人次", "件次", "场次", "轮次", "批次",
         "%", "％", "件", "项", "个", "人", "名", "户", "家", "支", "条", "场", "次", "份", "卷",
         "辆", "通", "所", "元", "期")
"""Units a number must carry to be a quantity (years, dates and 第…号 carry none of these)."""

BEFORE: dict[str, Comparator] = {
    "不低于": Comparator.GE, "不少于": Comparator.GE, "至少": Comparator.GE,
    "不高于": Comparator.LE, "不超过": Comparator.LE, "不多于": Comparator.LE,
    "超过": Comparator.GT, "高于": Comparator.GT, "低于": Comparator.LT, "少于": Comparator.LT,
    "达到": Comparator.EQ, "达": Comparator.EQ, "为": Comparator.EQ, "约": Comparator.APPROX,
    "保持在": Comparator.EQ,
}
AFTER: dict[str, Comparator] = {
    "以上": Comparator.GE, "以下": Comparator.LE, "以内": Comparator.LE, "余": Comparator.APPROX,
    "左右": Comparator.APPROX,
}
CHANGES: dict[str, Change] = {
    "同比增长": Change.INCREASE, "增长": Change.INCREASE, "提高": Change.INCREASE,
    "增加": Change.INCREASE, "同比下降": Change.DECREASE, "下降": Change.DECREASE,
    "同比减少": Change.DECREASE, "减少": Change.DECREASE, "压减": Change.DECREASE,
    "压缩至": Change.DECREASE, "缩减至": Change.DECREASE,
}
TARGET_COMPARATORS = frozenset(BEFORE) - {"为", "约"}
"""Words that make a plan's number a target; plain numbers in plans are not."""

MEASURE_VERBS = frozenset({"接受", "举办", "开展", "达到", "实现", "确保", "参考"})
"""Phrases that are only a verb: what is measured is the noun after the number."""

LEADING_FILLER = re.compile(r"^(?:其中|共|累计|已|均|全年|年内|全区|截至目前|并|且|要|将)+")
_TRAILING_LINK = re.compile(r"(?:为|达|达到|保持在|在|是|平均|由)+$")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# The search anchors on the digits (fast); the comparator before them is read separately.
QUANTITY = re.compile(
    r"(?<![\d.·])(?P<num>\d+(?:\.\d+)?)(?![\d.·])"
    rf"(?P<scale>[万亿])?(?P<approx>余)?(?P<unit>{_alternation(UNITS)})(?P<post>{_alternation(AFTER)})?"
)
_BEFORE = re.compile(rf"(?:{_alternation(BEFORE)})$")
_LONGEST_BEFORE = max(map(len, BEFORE))
_CLAUSE = re.compile(r"[，,。；;：:、（）()\n]")
_CHANGE = re.compile(rf"(?P<change>{_alternation(CHANGES)})$")


def find_quantities(ctx: Context, start: int, end: int, *, figures: bool) -> list[Quantity]:
    """Targets (``figures=False``) or figures (``figures=True``) in normalized ``[start, end)``."""
    text = ctx.text
    found: list[Quantity] = []
    previous_measure = ""
    previous_end = start
    for m in QUANTITY.finditer(text, start, end):
        cmp = _BEFORE.search(text, max(start, m.start() - _LONGEST_BEFORE), m.start())
        cmp_word = cmp.group() if cmp else None
        if not figures and cmp_word not in TARGET_COMPARATORS and not m.group("post"):
            continue
        comparator = _comparator(m, cmp_word)
        first = cmp.start() if cmp else m.start()
        phrase = _phrase_before(text, previous_end, first)
        after_previous = _phrase_start(text, start, first) < previous_end
        previous_end = m.end()
        change = None
        found_change = _CHANGE.search(phrase)
        if found_change is not None:
            change = CHANGES[found_change.group("change")]
            phrase = phrase[:found_change.start()]
        measure = _measure(text, (start, end), m, _clean(phrase),
                           previous_measure if change and not _clean(phrase) else "",
                           after_previous)
        previous_measure = measure
        unit = (m.group("scale") or "") + m.group("unit").replace("％", "%")
        found.append(Quantity(measure=measure, value=Decimal(m.group("num")), unit=unit,
                              comparator=comparator, change=change, text=text[first:m.end()],
                              span=ctx.span(first, m.end())))
    return found


def _measure(text: str, bounds: tuple[int, int], m: re.Match[str], phrase: str,
             previous: str, after_previous: bool) -> str:
    """The phrase before; a change's previous measure; the noun after; the clause before.

    After another quantity in the same clause (4项机制12条措施) the noun after
    the number names the thing counted better than the leftover before it.
    """
    floor, end = bounds
    if previous:
        return previous
    after = _noun_after(text, m.end(), end)
    if phrase and phrase not in MEASURE_VERBS and not (after_previous and after):
        return phrase
    if after:
        return after
    clause_start = _phrase_start(text, floor, m.start())
    return _clean(_phrase_before(text, floor, max(floor, clause_start - 1))) or phrase


def _comparator(m: re.Match[str], before: str | None) -> Comparator:
    if m.group("post"):
        return AFTER[m.group("post")]
    if m.group("approx"):
        return Comparator.APPROX
    if before:
        return BEFORE[before]
    return Comparator.EQ


def _phrase_start(text: str, floor: int, pos: int) -> int:
    cut = max(floor, pos - 40)
    for sep in _CLAUSE.finditer(text, cut, pos):
        cut = sep.end()
    return cut


def _phrase_before(text: str, floor: int, pos: int) -> str:
    return text[_phrase_start(text, floor, pos):pos].strip()


def _clean(phrase: str) -> str:
    phrase = DEADLINE.sub("", phrase)
    phrase = LEADING_FILLER.sub("", phrase)
    return _TRAILING_LINK.sub("", phrase).strip("“”‘’\"' ")


def _noun_after(text: str, pos: int, end: int) -> str:
    stop = _CLAUSE.search(text, pos, end)
    after = text[pos:stop.start() if stop else end]
    return after.removeprefix("的").strip("“”‘’\"' ")[:20]
