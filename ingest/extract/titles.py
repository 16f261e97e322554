"""Where a heading's title ends and its body begins.

Headings come in three layouts in the corpus:

* the title alone on its line, the body in the next paragraphs
  (004: ``(一)推进政府机构职能优化协同高效``);
* title and body on one line, the title closed by a full stop
  (000: ``（五）加强…监督管理。贯彻落实…``);
* the same without the full stop (003 item 5:
  ``5.营造公平竞争的法治环境全面清理规范性文件…``).

The rule, in order (the name of the step that decided is kept as ``title_rule``):

1. ``heading_line``: the whole line is short (≤ :data:`MAX_TITLE` characters)
   and has no full stop before its end → it is the title.
2. ``full_stop``: the first 。 comes within :data:`MAX_TITLE` characters → the
   title is what precedes it.
3. ``boundary_words``: otherwise look for the first position where the text
   before ends with a word titles typically end with (a noun such as 环境,
   机制, 体系) *and* the text after starts with a word bodies typically open
   with (an adverb or verb such as 全面, 建立, 深入). Titles are verb–object
   phrases ("营造 … 环境") and bodies start a new verb phrase ("全面清理 …"),
   so the seam between the object noun and the next verb is the boundary.
4. ``first_clause``: failing all, the text up to the first comma, capped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TITLE = 36
"""Longest title the rules accept; the corpus' longest is 24 characters."""

MIN_TITLE = 4

TITLE_ENDINGS: tuple[str, ...] = (
    "环境", "制度", "机制", "体系", "建设", "工作", "水平", "能力", "管理", "改革", "效能",
    "服务", "意识", "程序", "监督", "合力", "领导", "执法", "职能", "方式", "清单", "决策",
    "作用", "保障", "应对", "化解", "公开", "共享", "平台", "质效", "行为", "思维", "责任制",
)
BODY_OPENERS: tuple[str, ...] = (
    "全面", "深入", "加快", "持续", "严格", "建立", "健全", "完善", "推动", "推进", "加强",
    "坚持", "继续", "积极", "大力", "进一步", "认真", "落实", "依法", "开展", "实施", "贯彻",
    "强化", "规范", "优化", "组织", "提高", "提升", "着力", "切实", "按照", "围绕", "聚焦",
)

_STOP = "。"
_CLAUSE = re.compile(r"[，,；;]")
_ENDS = re.compile("(?:" + "|".join(map(re.escape, TITLE_ENDINGS)) + ")$")
_OPENS = re.compile("(?:" + "|".join(map(re.escape, BODY_OPENERS)) + ")")


@dataclass(frozen=True)
class TitleSplit:
    """Offsets relative to the heading text: title ``[0, title_end)``, body from ``body_start``.

    ``body_start`` is ``None`` when the line holds only the title.
    """

    title_end: int
    body_start: int | None
    rule: str


def split_title(line: str) -> TitleSplit:
    """Split a heading line (its number already removed) into title and body."""
    line = line.rstrip()
    stop = line.find(_STOP)
    if len(line) <= MAX_TITLE and stop in (-1, len(line) - 1):
        return TitleSplit(stop if stop != -1 else len(line), None, "heading_line")
    if 0 < stop <= MAX_TITLE:
        return TitleSplit(stop, _body_after(line, stop + 1), "full_stop")
    seam = _seam(line)
    if seam is not None:
        return TitleSplit(seam, seam, "boundary_words")
    comma = _CLAUSE.search(line, 0, MAX_TITLE)
    end = comma.start() if comma else min(MAX_TITLE, len(line))
    return TitleSplit(end, _body_after(line, end + (1 if comma else 0)), "first_clause")


def _body_after(line: str, start: int) -> int | None:
    return start if line[start:].strip() else None


def _seam(line: str) -> int | None:
    for end in range(MIN_TITLE, min(MAX_TITLE, len(line) - 2) + 1):
        if _ENDS.search(line, 0, end) and _OPENS.match(line, end):
            return end
    return None
