"""Page furniture: the parts of a scraped page that are not the document.

Patterns run on text that is already simplified and width-folded (``:`` not
``：``). Lines that carry facts about the document — 索引号, 发布机构, 文号,
成文日期, 日期, 来源 — are *kept*: the extractor reads them. What goes is
site chrome: greetings, breadcrumbs, counters, font-size and print
controls, carousel and login prompts, links to interpretations and
downloads, and Word bookmark markers left by document converters.
"""

from __future__ import annotations

import re

# Whole lines (the line break after them goes too).
FURNITURE_LINE = re.compile(
    r"^[ \t]*(?:"
    r"欢迎(?:来到|访问|光临|进入).{0,40}"
    r"|(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)[ \t]*[:>].*"
    r"|(?:政策)?解读[ \t]*:[ \t]*\S.*"
    r"|(?:附件)?下载[ \t]*:[ \t]*\S.*"
    r"|【?[ \t]*字[体号][ \t]*:.{0,20}"
    r"|轮播图.{0,20}"
    r"|[您你]?还?未登录.{0,30}|请先?登录.{0,30}"
    r"|是否.{0,4}确认.{0,4}跳转.{0,20}"
    r"|(?:打印本页|打印|关闭窗口|关闭|返回顶部|分享到|扫一扫.{0,20}|【打印】|【关闭】)"
    r"|(?:上一篇|下一篇|责任编辑)[ \t]*:.{0,60}"
    r")[ \t]*(?:\n|$)",
    re.MULTILINE,
)

# Pieces of a line; the rest of the line stays (日期:2021-08-10 来源:… stays, the counter goes).
# One pattern per leading word: each opens with a literal and scans fast.
_COUNTER = r"(?:次数|量|数)[ \t]*:[ \t]*\d*"
_EMPTY_FIELD = r"[ \t]*:(?=[ \t]*(?:\n|$|访问|浏览|阅读|点击))"
FURNITURE_FRAGMENTS = tuple(re.compile(pattern) for pattern in (
    r"\[bookmark:[^\]\n]{0,80}\]",
    *(word + _COUNTER for word in ("访问", "浏览", "阅读", "点击")),
    *(word + _EMPTY_FIELD for word in ("作者", "编辑")),
))

# Labels of the metadata lines on government pages; a blank next to one separates fields
# (发布机构 包头市…办公室 文号 包东政办发…), so it is not a stray blank inside a word.
METADATA_LABELS = (
    "索引号", "主题分类", "发布机构", "发文机关", "文号", "发文字号", "成文日期", "发布日期",
    "日期", "来源", "信息来源", "作者", "主题词", "体裁分类", "组配分类", "服务对象", "有效性",
    "公开方式", "公开范围", "标题", "名称",
)
LABEL_AFTER = re.compile(rf"(?:{'|'.join(METADATA_LABELS)})(?=[ \t]|:)")
LABEL_BEFORE = re.compile(rf"(?:^|[ \t])(?:{'|'.join(METADATA_LABELS)})$", re.MULTILINE)
