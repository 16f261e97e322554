"""A first run that says what it does: `govtrace build` reports its progress with counts,
`govtrace serve` says where to go, the settings' docs show every default (issue 14)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from govtrace.api.cli import start_urls
from govtrace.docgen import render_settings


def test_serve_names_the_home_page_the_editor_and_the_docs_issue_14() -> None:
    assert start_urls("0.0.0.0", 8000) == [
        ("home page", "http://127.0.0.1:8000/"),
        ("SPARQL editor", "http://127.0.0.1:8000/sparql"),
        ("API docs", "http://127.0.0.1:8000/docs")]
    assert start_urls("::1", 8080)[0][1] == "http://[::1]:8080/"
    assert start_urls("example.org", 80)[2][1] == "http://example.org:80/docs"


@pytest.mark.slow
def test_build_reports_counted_progress_as_plain_lines_off_a_terminal_issue_14(
        tmp_path: Path) -> None:
    """Before: nothing at all until the summary (a spinner only, and only on a terminal)."""
    env = {**os.environ, "GOVTRACE_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "govtrace", "build", "--store",
                           str(tmp_path / "store")], capture_output=True, text=True, env=env,
                          check=True, timeout=600)
    lines = done.stderr.splitlines()
    assert [line for line in lines if line.startswith("reading")] == [
        f"reading {n}/5" for n in range(6)]
    assert lines.index("reading 5/5") < lines.index("linking 5/5") < lines.index("inference")
    assert "documents: 5 (5 added" in done.stdout  # the summary stays on stdout
    assert "\x1b[" not in done.stderr  # no terminal control codes in a log


def test_the_settings_docs_show_the_data_dirs_default_issue_14() -> None:
    row = next(line for line in render_settings().splitlines() if "`data_dir`" in line)
    assert "| `~/.local/share/govtrace` |" in row and "see meaning" not in row
