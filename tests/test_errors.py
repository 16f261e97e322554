"""Coded errors say what, where and what to do."""

from __future__ import annotations

import pickle
import re
from concurrent.futures import ProcessPoolExecutor

import pytest

from govtrace.errors import (
    CODES,
    DIVISION_NOT_FOUND,
    INGEST_UNREADABLE,
    STORE_DISK_FULL,
    DivisionError,
    IngestError,
    Location,
    StoreError,
)


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


def test_a_coded_error_crosses_a_process_boundary_whole_issue_16() -> None:
    """A build or query worker's error reaches the parent with its code, location and hint:
    pickled as a plain exception it could not be rebuilt, and the pool broke instead."""
    error = StoreError(STORE_DISK_FULL, "no space left", location=Location(file="a.txt", line=3),
                       hint="Free some disk.")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is StoreError
    assert again.error is STORE_DISK_FULL
    assert (again.detail, again.location, again.hint) == (error.detail, error.location, error.hint)
    assert str(again) == str(error)


def test_a_coded_error_raised_in_a_worker_process_is_reported_not_a_broken_pool_issue_16() -> None:
    with ProcessPoolExecutor(1) as pool, pytest.raises(IngestError) as raised:
        pool.submit(_raise_ingest_error).result()
    assert raised.value.error is INGEST_UNREADABLE


def _raise_ingest_error() -> None:
    raise IngestError(INGEST_UNREADABLE, "broken file")
