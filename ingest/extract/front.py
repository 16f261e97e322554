"""Patterns of a document's front matter (before its first section), as data.

Kept apart from the code that applies them (:mod:`.document` and the inference
modules beside it) so that a new layout of page header or notice usually needs a new
table row, not new code. The kinds of document, with their title and body cues, are
:mod:`govtrace.ontology.document_kinds`.
"""

from __future__ import annotations

import re

_SP = r"[ \t\u3000]*"


def _spaced(label: str) -> str:
    """A label as sites print it, maybe with spaces between its characters (索 引 号)."""
    return _SP.join(map(re.escape, label))


HEADER_FIELDS: dict[str, str] = {
    "发布机构": "issuer",
    "制发机构": "issuer",
    "发文机关": "issuer",
    "文号": "number",
    "发文字号": "number",
    "成文日期": "written",
    "发文日期": "written",
    "发布日期": "published",
    "发布时间": "published",
    "公开日期": "published",
    "更新时间": "published",
    "日期": "published",
    "来源": "source",
    "文章来源": "source",
    "信息来源": "source",
    "标题": "title",
}
"""Labels of a government web page's metadata block (政府信息公开) → the fact they give."""

HEADER = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<label>"
    + "|".join(_spaced(k) for k in sorted(HEADER_FIELDS, key=len, reverse=True))
    + r")[ \t\u3000]*[:：|]?[ \t\u3000|]*(?P<value>[^\t\n|]+?)(?=[ \t\u3000]*(?:[|\n]|$)|"
    r"[ \t\u3000]+[\u4e00-\u9fff ]{2,6}[:：])"
)
"""One ``label: value`` of a header block; a value ends at a pipe, a line end or the next
label (来源:静海区人民政府办公室 发布时间:2024-03-28 09:18)."""

DOCUMENT_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,8}[发字函办])[ \t]*[〔\[［(（][ \t]*(?P<year>\d{4})[ \t]*"
    r"[〕\]］)）][ \t]*(?P<serial>\d{1,4})[ \t]*号"
)
"""A 文号 in any of its bracket variants: 乌司发〔2024〕43号, 包东政办发(2021)48号, …[2021]…"""

_CITED_NUMBER_BEFORE = re.compile(r"》[ \t]*[（(][ \t]*$")


def is_cited_number(text: str, m: re.Match[str]) -> bool:
    """Whether a 文号 match is a cited document's, written right after its title
    (《…》(厅字〔2019〕28号)), not the document's own."""
    return _CITED_NUMBER_BEFORE.search(text, max(0, m.start() - 6), m.start()) is not None

NOTICE_TITLE = re.compile(
    r"(?P<issuer>[^\s《》,，。:：]{2,40}?)关于印发《(?P<carried>[^《》]{2,120})》的通知"
)
NOTICE_TITLE_BARE = re.compile(
    r"(?P<issuer>[^\s《》,，。:：]{2,40}?)关于印发(?P<carried>[^\s《》,，。:：]{4,80}?)的通知"
)
"""A covering notice whose carried title has no 《》 (西平县人民政府办公室关于印发西平县2020
年度法治政府建设工作安排的通知), matched on the notice's lines joined."""

ISSUER_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?P<issuer>[^\s《》,，。]{2,30}?)关于[^\n]*(?:报告|意见|决定)$", re.M),
    re.compile(r"(?P<issuer>[^\s《》,，。:：]{2,20}?)印发了《"),
)
"""Issuers named in a report's title (X关于…的报告) or a news lead (X印发了《…》)."""

ISSUER_SPLIT = re.compile(r"[和、及与]")

DATE_CN = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
DATE_ISO = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
CLOCK = re.compile(r"^[ \t\u3000]*(?:星期|周)[一二三四五六日天]|^[ \t\u3000]*农历")
"""What follows the date of a page's clock ('2019年12月3日星期二'): furniture, not a fact."""
CLOCK_BEFORE = re.compile(r"(?:今天是|今日|当前时间)[:：]?[ \t\u3000]*$")

DATELINE = re.compile(
    r"(?:本报|新华社|人民网|中新社|央视网|[\u4e00-\u9fff]{2,6}(?:日报|晚报|网))"
    r"(?:[\u4e00-\u9fff]{2,6})?讯?[ \t\u3000]*(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:电|讯)"
)
"""A news dateline: 本报9月11日讯, 新华社北京12月7日电 (the year is left to the context)."""

YEAR_RANGE = re.compile(r"(?P<first>(?:19|20)\d{2})[—–\-－~～至到]{0,2}(?P<last>(?:19|20)\d{2})年")
YEAR = re.compile(r"(?P<first>(?:19|20)\d{2})年度?")

TITLE_PERIOD = re.compile(r"[(（][^()（）]*[)）]$")
"""A trailing (2021—2025年) or (试行), ignored when telling the kind."""

MAX_TITLE_LINE = 80
MAX_TITLE_LINES = 4
"""A title printed over several short lines (呼和浩特市人民政府 / 关于全面推进…加快建设 /
法治政府的实施意见) is read as one."""
TITLE_LINE_BREAKERS = re.compile(r"[。，,：:；;！？!?|]|^\d{4}年\d{1,2}月\d{1,2}日$|号$")
"""A line with one of these is no piece of a title (sentence, header field, date, 文号)."""

NEWS_LEAD_TITLE = re.compile(
    r"《(?P<title>[^《》\n]{4,120})》[，,]?(?:全文如下|主要内容如下|全文|内容如下)"
)
"""A reprint names the document it carries: 《成都市…实施方案(2021-2025年)》主要内容如下。"""
