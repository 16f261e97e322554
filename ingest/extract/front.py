"""Patterns of a document's front matter (before its first section), as data.

Kept apart from the code that applies them (:mod:`.document`) so that a new
layout of page header or notice usually needs a new table row, not new code.
"""

from __future__ import annotations

import re

from govtrace.ingest.record import DocType

HEADER_FIELDS: dict[str, str] = {
    "发布机构": "issuer",
    "文号": "number",
    "成文日期": "written",
    "发布日期": "published",
    "日期": "published",
}
"""Labels of a government web page's metadata block → the fact they give."""

HEADER = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<label>"
    + "|".join(sorted(HEADER_FIELDS, key=len, reverse=True))
    + r")[ \t]*[:：]?[ \t]*(?P<value>[^ \t\n]+)"
)

DOCUMENT_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,8}[发字函])[ \t]*[〔\[［(（][ \t]*(?P<year>\d{4})[ \t]*"
    r"[〕\]］)）][ \t]*(?P<serial>\d{1,4})[ \t]*号"
)
"""A 文号 in any of its bracket variants: 乌司发〔2024〕43号, 包东政办发(2021)48号, …[2021]…"""

NOTICE_TITLE = re.compile(
    r"(?P<issuer>[^\s《》,，。:：]{2,40}?)关于印发《(?P<carried>[^《》]{2,120})》的通知"
)

ISSUER_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?P<issuer>[^\s《》,，。]{2,30}?)关于[^\n]*(?:报告|意见|决定)$", re.M),
    re.compile(r"(?P<issuer>[^\s《》,，。:：]{2,20}?)印发了《"),
)
"""Issuers named in a report's title (X关于…的报告) or a news lead (X印发了《…》)."""

ISSUER_SPLIT = re.compile(r"[和、及与]")

DATE_CN = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
DATE_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")

TITLE_ENDING = re.compile(r"(?:纲要|方案|计划|规划|报告|要点|意见)(?:\([^()]*\))?$")
MAX_TITLE_LINE = 80

DOC_TYPES: tuple[tuple[re.Pattern[str], DocType], ...] = (
    (re.compile(r"纲要(?:\([^()]*\))?$"), DocType.OUTLINE),
    (re.compile(r"方案$"), DocType.IMPLEMENTATION_SCHEME),
    (re.compile(r"(?:计划|要点|规划)(?:\([^()]*\))?$"), DocType.WORK_PLAN),
    (re.compile(r"报告$"), DocType.WORK_REPORT),
    (re.compile(r"通知$"), DocType.NOTICE),
)
"""Title ending → document type, first match wins."""

METADATA_DOC_TYPES: dict[str, DocType] = {
    "Outline": DocType.OUTLINE,
    "ImplementationScheme": DocType.IMPLEMENTATION_SCHEME,
    "WorkPlan": DocType.WORK_PLAN,
    "WorkReport": DocType.WORK_REPORT,
    "Notice": DocType.NOTICE,
}

YEAR_RANGE = re.compile(r"(?P<first>\d{4})[—-](?P<last>\d{4})年")
YEAR = re.compile(r"(?P<first>\d{4})年度?")
