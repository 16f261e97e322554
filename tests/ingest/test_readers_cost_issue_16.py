"""Issue 16, target 6 (reading's CPU): reading a file allocates what the file holds, not
the size limit; the binary sniff counts control bytes as before."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from govtrace.errors import IngestError
from govtrace.ingest.readers import _read_bytes, read_source
from govtrace.settings import Settings


def test_a_small_file_is_read_without_a_buffer_of_the_limit_issue_16(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("推进依法行政。\n" * 100, encoding="utf-8")
    tracemalloc.start()
    try:
        data = _read_bytes(path, 200 * 1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data == path.read_bytes()
    assert peak < 1024 * 1024  # one read of limit + 1 bytes peaked at the limit, 200 MB


def test_a_file_read_to_its_end_or_one_byte_past_the_limit_issue_16(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(b"x" * 1000)
    assert _read_bytes(path, 1000) == b"x" * 1000
    assert _read_bytes(path, 5000) == b"x" * 1000
    with pytest.raises(IngestError) as caught:
        _read_bytes(path, 999)
    assert caught.value.error.code == "GT-INGEST-004"


def test_control_bytes_are_counted_in_the_refusal_issue_16(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x01\x02\x1c\x0e\x19" * 10 + b"text \t\n\r\x1b" * 20)
    with pytest.raises(IngestError) as caught:
        read_source(path, settings=Settings())
    assert caught.value.error.code == "GT-INGEST-003"
    assert "50 control bytes in the first 230 bytes" in caught.value.message
