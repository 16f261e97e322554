"""Every command answers --help, and errors become a message and exit code 2."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from govtrace.cli import app
from govtrace.docgen import command_tree


def _command_paths() -> list[list[str]]:
    return [list(path) for path, _ in command_tree(typer.main.get_command(app), ())]


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p) or "govtrace")
def test_every_command_has_help(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_the_console_script_reports_its_version() -> None:
    result = subprocess.run([sys.executable, "-m", "govtrace", "--version"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.startswith("govtrace ")


def test_a_govtrace_error_is_a_message_and_exit_code_2() -> None:
    result = subprocess.run([sys.executable, "-m", "govtrace", "divisions", "不存在的地方"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "GT-DIV-001" in result.stderr
    assert "Traceback" not in result.stderr
