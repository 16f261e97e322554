"""The bundled glossary: every English term resolves to its Chinese; queries are understood."""

from __future__ import annotations

import re

import pytest

from govtrace.errors import QueryError
from govtrace.queries.glossary import Term, glossary
from govtrace.queries.querytext import understand

HAN = re.compile(r"^[\u3400-\u9fff+、]+$")
TERMS = glossary().terms


def test_the_glossary_is_large_enough() -> None:
    assert len(TERMS) >= 150
    assert len({t.en.casefold() for t in TERMS}) == len(TERMS)
    assert len({t.zh for t in TERMS}) == len(TERMS)


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.en)
def test_every_english_term_resolves_to_its_chinese(term: Term) -> None:
    assert term.en.strip() and term.zh.strip()
    assert HAN.match(term.zh), term.zh
    found = glossary().to_chinese(term.en.upper())
    assert found == term
    assert understand(term.en).text == term.zh
    assert glossary().english(term.zh) == term.en


@pytest.mark.parametrize(("given", "expected"), [
    ("administrative reconsideraton", "行政复议"),  # a letter dropped
    ("  Major  Administrative Decisions ", "重大行政决策"),
    ("busines environment", "营商环境"),
])
def test_near_misses_and_spacing_resolve(given: str, expected: str) -> None:
    assert understand(given).text == expected


@pytest.mark.parametrize(("given", "expected"), [
    ("行政複議", "行政复议"),          # traditional → simplified (OpenCC t2s)
    ("規範性文件", "规范性文件"),
    ("行政规范性文件（２６２号）", "行政规范性文件(262号)"),  # full-width → NFKC
])
def test_chinese_queries_are_normalized_like_stored_text(given: str, expected: str) -> None:
    assert understand(given).text == expected


def test_other_latin_text_is_matched_as_written_and_blank_is_refused() -> None:
    other = understand("１２３４５ hotline")
    assert (other.text, other.translated_from) == ("12345 hotline", None)
    with pytest.raises(QueryError) as caught:
        understand("\u3000 ")
    assert caught.value.code == "GT-QUERY-007"
