"""The bilingual glossary of the domain (govtrace/data/glossary.tsv: English ↔ Chinese).

English questions are answered over Chinese documents by translating their terms here: an
exact (case- and space-insensitive) English term first, else the closest term by rapidfuzz
when it is close enough to be a misspelling ("administrative reconsideraton"). Chinese terms
get their English label back for responses (``label_en``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rapidfuzz import fuzz, process

# A misspelt term scores ~95 against its intended term; unrelated terms of this domain share
# words ("administrative …") and score below ~80, so 88 separates the two.
FUZZY_CUTOFF = 88.0
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Term:
    en: str
    zh: str


def _key(english: str) -> str:
    return _SPACES.sub(" ", english).strip().casefold()


class Glossary:
    """Look-ups both ways over the bundled term list."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self._by_en = {_key(term.en): term for term in terms}
        self._by_zh = {term.zh: term for term in terms}

    def to_chinese(self, english: str) -> Term | None:
        """The term an English phrase names, exactly or as a near-miss spelling."""
        key = _key(english)
        if key in self._by_en:
            return self._by_en[key]
        best = process.extractOne(key, list(self._by_en), scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_CUTOFF)
        return self._by_en[best[0]] if best is not None else None

    def english(self, chinese: str) -> str | None:
        """The English label of a Chinese term, if the glossary has it."""
        term = self._by_zh.get(chinese)
        return term.en if term is not None else None


@cache
def glossary() -> Glossary:
    """The glossary bundled with govtrace."""
    text = files("govtrace.data").joinpath("glossary.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    return Glossary([Term(row["en"].strip(), row["zh"].strip()) for row in rows])
