"""Every command answers --help, and errors become a message and exit code 2."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from govtrace.cli import COMMANDS_GROUP, app
from govtrace.docgen import DOCS_GROUP, command_tree, generated_docs
from govtrace.layers import PARTS, part_of

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


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


def _declared(group: str) -> dict[str, str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    declared: dict[str, str] = project["entry-points"][group]
    return declared


@pytest.mark.parametrize("group", [COMMANDS_GROUP, DOCS_GROUP])
def test_issue_15_the_installed_entry_points_are_those_pyproject_declares(group: str) -> None:
    # A stale install (entry points changed, `pip install -e .` not rerun) fails here.
    assert {e.name: e.value for e in entry_points(group=group)} == _declared(group)


def test_issue_15_the_parts_commands_are_listed_in_data_flow_order() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    names = list(group.list_commands(typer.Context(group)))
    assert sorted(names) == sorted(_declared(COMMANDS_GROUP))
    commands = [n for n in names if n not in group.commands or
                not isinstance(group.commands[n], typer.core.TyperGroup)]
    parts = [PARTS.index(str(part_of(_declared(COMMANDS_GROUP)[n].partition(":")[0])))
             for n in commands]
    assert parts == sorted(parts)
    assert _declared(COMMANDS_GROUP)["serve"].startswith("govtrace.api.")


def test_issue_15_the_parts_docs_are_generated_through_entry_points() -> None:
    assert set(_declared(DOCS_GROUP)) <= set(generated_docs())


def test_a_command_loads_no_other_commands_module_issue_16() -> None:
    # A fresh interpreter, as `govtrace serve`'s: every part's commands were imported before
    # the one run, half a second of a server's start.
    modules = sorted({value.partition(":")[0] for value in _declared(COMMANDS_GROUP).values()})
    code = ("import sys; sys.argv = ['govtrace', 'serve', '--help']\n"
            "from govtrace.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print('LOADED', *(m for m in {modules!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert "--processes" in result.stdout  # serve's own help
    assert result.stdout.rpartition("LOADED")[2].split() == ["govtrace.api.cli"]
