"""What a user's query text means in the graph's own (normalized, simplified Chinese) text.

The store holds text the way ingest normalized it: full-width forms folded (NFKC-like) and
traditional characters converted to simplified. A query is brought to the same form —
NFKC, OpenCC ``t2s``, blanks collapsed — and, when it is written in English, translated
through the glossary.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from govtrace.errors import QUERY_NOT_UNDERSTOOD, QueryError
from govtrace.queries.glossary import glossary
from govtrace.queries.models import Highlight

if TYPE_CHECKING:
    from opencc import OpenCC

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_BLANKS = re.compile(r"\s+")


@dataclass(frozen=True)
class QueryText:
    """A query as given, the Chinese text it is matched with, and how it got there."""

    given: str
    text: str
    translated_from: str | None = None  # the English glossary term, when translated
    label_en: str | None = None


@cache
def _t2s() -> OpenCC:
    from opencc import OpenCC

    return OpenCC("t2s")


def fold(text: str) -> str:
    """NFKC, traditional → simplified, blanks collapsed: the form stored text is in."""
    folded = _BLANKS.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return str(_t2s().convert(folded)) if _HAN.search(folded) else folded


def understand(query: str) -> QueryText:
    """The query's Chinese text (English glossary terms translated); blank is GT-QUERY-007."""
    text = fold(query)
    if not text:
        raise QueryError(QUERY_NOT_UNDERSTOOD, "the parameter 'q' is empty; give a word or "
                         "phrase such as 行政复议 or 'administrative reconsideration'")
    if _HAN.search(text) or not _LATIN.search(text):
        return QueryText(query, text, label_en=glossary().english(text))
    term = glossary().to_chinese(text)
    if term is None:
        # Not a domain term: matched as written (documents do hold Latin text: "12345" hotline,
        # "PPP"), and the answer says it was not translated.
        return QueryText(query, text)
    return QueryText(query, term.zh, translated_from=term.en, label_en=term.en)

def highlights(text: str, needle: str, kind: str) -> list[Highlight]:
    """Every (non-overlapping) occurrence of ``needle`` in ``text`` as a highlight."""
    found, start = [], text.find(needle) if needle else -1
    while start >= 0:
        found.append(Highlight(start=start, end=start + len(needle), kind=kind))
        start = text.find(needle, start + len(needle))
    return found
