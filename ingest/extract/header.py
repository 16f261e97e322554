"""Reading a document's header the way a person does: the page's metadata block, the
covering notice, the title (on one line, over several, or only in a news lead).

Every finding keeps its offsets in the normalized text, so the caller can turn it
into a span of the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govtrace.ingest.extract import front as patterns
from govtrace.ingest.extract.kinds import kind_of_title
from govtrace.ingest.extract.structure import paragraphs
from govtrace.ontology.divisions import get_gazetteer


@dataclass(frozen=True)
class Found:
    """A stretch ``[start, end)`` of the normalized text and what it says."""

    value: str
    start: int
    end: int
    rule: str = ""


def header_fields(text: str, end: int) -> dict[str, Found]:
    """The labelled fields of the front matter (first occurrence of each fact)."""
    fields: dict[str, Found] = {}
    for m in patterns.HEADER.finditer(text, 0, end):
        label = re.sub(r"[ \t\u3000]", "", m.group("label"))
        fact = patterns.HEADER_FIELDS[label]
        value = m.group("value").strip()
        if value and fact not in fields:
            fields[fact] = Found(value, m.start("value"), m.start("value") + len(value), label)
    return fields


def front_lines(text: str, end: int) -> list[Found]:
    """The non-blank lines of the front matter ``[0, end)``, trimmed."""
    return [Found(text[s:e].strip(), s + (len(text[s:e]) - len(text[s:e].lstrip())),
                  s + len(text[s:e].rstrip()))
            for s, e in paragraphs(text[:end]) if text[s:e].strip()]


def _title_piece(line: Found) -> bool:
    value = line.value
    return (2 <= len(value) <= patterns.MAX_TITLE_LINE
            and patterns.TITLE_LINE_BREAKERS.search(value) is None
            and re.search(r"[\u4e00-\u9fff]", value) is not None)


def _is_title(value: str) -> bool:
    return (len(value) <= patterns.MAX_TITLE_LINE and kind_of_title(value) is not None
            and patterns.NOTICE_TITLE.search(value) is None
            and patterns.NOTICE_TITLE_BARE.search(value) is None)


def title_lines(lines: list[Found]) -> list[Found]:
    """Candidate titles among the front matter's ``lines``, in document order: a line that
    ends with a kind's word, joined with the short lines above it that continue it."""
    found: list[Found] = []
    for index, line in enumerate(lines):
        if not _title_piece(line) or not _is_title(line.value):
            continue
        first = index
        while (index - first + 1 < patterns.MAX_TITLE_LINES and first > 0
               and _continues(lines[first - 1], lines[first])):
            first -= 1
        value = "".join(x.value for x in lines[first:index + 1])
        found.append(Found(value, lines[first].start, line.end,
                           "title_line" if first == index else "title_lines_joined"))
    return found


_AGENCY_END = re.compile(r"(?:政府|办公室|办公厅|委员会|局|厅|部|院|办|党委|市委|县委|区委|旗委|"
                         r"盟委|州委|委)$")


def _continues(above: Found, below: Found) -> bool:
    """Whether ``above`` is the first part of a title broken before ``below``."""
    if not _title_piece(above) or kind_of_title(above.value) is not None:
        return False
    if len(above.value) > 30:
        return False
    if below.value.startswith("关于"):
        return _AGENCY_END.search(above.value) is not None  # the issuer on its own line
    # a break inside a phrase: the line above cannot end a title, the one below cannot
    # start one (法治政府的实施意见 continues …加快建设)
    return not _starts_title(below.value) and not above.value.endswith(("的通知",))


def _starts_title(value: str) -> bool:
    mentions = get_gazetteer().find_in_text(value[:12])
    return bool(mentions and mentions[0].start == 0) or value.startswith(("关于", "中共"))


def notice_title(text: str, end: int,
                 lines: list[Found]) -> tuple[Found, Found, Found] | None:
    """(notice title, its issuer, the carried document's title) of a covering notice."""
    m = patterns.NOTICE_TITLE.search(text, 0, end)
    if m is not None:
        return (Found(m.group(), m.start(), m.end(), "notice"),
                Found(m.group("issuer"), m.start("issuer"), m.end("issuer")),
                Found(re.sub(r"\s+", "", m.group("carried")), m.start("carried"),
                      m.end("carried")))
    return _bare_notice_title(lines)


def _bare_notice_title(lines: list[Found]) -> tuple[Found, Found, Found] | None:
    """A notice whose carried title has no 《》, maybe printed over several lines."""
    for index in range(len(lines)):
        for size in range(1, patterns.MAX_TITLE_LINES + 1):
            group = lines[index:index + size]
            if len(group) < size or not _title_piece(group[-1]):
                break
            joined = "".join(x.value for x in group)
            m = patterns.NOTICE_TITLE_BARE.fullmatch(joined)
            if m is not None:
                return (Found(joined, group[0].start, group[-1].end, "notice_lines"),
                        _located(group, m.start("issuer"), m.end("issuer"), m.group("issuer")),
                        _located(group, m.start("carried"), m.end("carried"),
                                 m.group("carried")))
    return None


def _located(group: list[Found], start: int, end: int, value: str) -> Found:
    """Offsets in the text of ``[start, end)`` of the lines of ``group`` joined."""
    position = 0
    first = last = group[0].start
    for line in group:
        length = len(line.value)
        if position <= start < position + length:
            first = line.start + start - position
        if position < end <= position + length:
            last = line.start + end - position
        position += length
    return Found(value, first, last)


def news_lead_title(text: str, end: int) -> Found | None:
    """The title a reprint names as the document it carries (《…》全文如下)."""
    m = patterns.NEWS_LEAD_TITLE.search(text, 0, end)
    if m is None:
        return None
    return Found(m.group("title"), m.start("title"), m.end("title"), "news_lead")
