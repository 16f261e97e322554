"""Coded errors say what, where and what to do."""

from __future__ import annotations

import re

from govtrace.errors import CODES, DIVISION_NOT_FOUND, DivisionError, Location


def test_codes_are_well_formed_and_advise_something() -> None:
    for code, entry in CODES.items():
        assert re.fullmatch(r"GT-[A-Z]+-\d{3}", code), code
        assert entry.code == code
        assert 400 <= entry.status <= 599
        assert entry.title and entry.hint.endswith((".", ")")), code


def test_location_counts_lines_and_columns_from_one() -> None:
    text = "第一行\n第二行的字"
    location = Location.in_text(text, text.index("的"), file="a.txt")
    assert (location.line, location.column, location.offset) == (2, 4, 7)
    assert str(location) == "a.txt, line 2, column 4, character 7"


def test_message_carries_code_location_and_hint() -> None:
    error = DivisionError(DIVISION_NOT_FOUND, "No division named 'x'",
                          location=Location(file="a.txt", line=3))
    assert error.message.startswith("[GT-DIV-001] No division named 'x' (a.txt, line 3).")
    assert DIVISION_NOT_FOUND.hint in error.message
    assert error.status == 404
