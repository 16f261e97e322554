"""Golden cases: a real excerpt of a seed beside the record expected from it.

Each folder under ``golden/`` holds ``input.txt`` (cut from a seed) and
``expected.json`` (the record). After an intended change of the extractor,
regenerate with ``GOVTRACE_UPDATE_GOLDEN=1 pytest tests/ingest/test_golden.py``
and review the diff before committing.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from govtrace.ingest.extract import extract_record
from govtrace.ingest.normalize import normalize
from govtrace.ingest.readers import read_source
from govtrace.settings import Settings

CASES = sorted(p for p in (Path(__file__).parent / "golden").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path) -> None:
    source = read_source(case / "input.txt", settings=Settings())
    got = extract_record(source, normalize(source.content)).to_json() + "\n"
    expected_path = case / "expected.json"
    if os.environ.get("GOVTRACE_UPDATE_GOLDEN"):
        expected_path.write_text(got, encoding="utf-8")
    expected = expected_path.read_text(encoding="utf-8")
    if got != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                            got.splitlines(keepends=True),
                                            "expected.json", "extracted", n=2))
        pytest.fail(f"{case.name}: record differs from expected.json\n{diff}")
    json.loads(got)
