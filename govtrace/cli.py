"""The ``govtrace`` command line.

Each part of govtrace contributes its own commands from a ``cli`` module of its own
(``govtrace.ontology.cli`` …), declared as entry points of the group ``govtrace.commands``
in ``pyproject.toml``. This module only loads them, reads the settings once and turns
:class:`~govtrace.errors.GovtraceError` into a message on stderr and a non-zero exit code;
naming no part keeps the core below every part (tests/test_architecture.py). Installers
keep no order of entry points, so the commands are listed in the order data flows through
their parts (:data:`govtrace.layers.PARTS`), then by name. Heavy libraries (jionlp,
owlready2, pyoxigraph) are imported inside the commands, so that ``govtrace --help``
answers at once.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Annotated

import typer

from govtrace import __version__
from govtrace.errors import GovtraceError
from govtrace.layers import PARTS, part_of
from govtrace.settings import get_settings

COMMANDS_GROUP = "govtrace.commands"
"""Entry-point group of the commands: name = command name, value = a command function or
a :class:`typer.Typer` of sub-commands."""

app = typer.Typer(
    name="govtrace",
    help="Trace Chinese law-based-government policy from the national outline down to counties.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"govtrace {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Directory for govtrace's data (env: GOVTRACE_DATA_DIR)."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Settings come from GOVTRACE_* environment variables; flags override them."""
    ctx.obj = get_settings().with_overrides(data_dir=data_dir)


def _listing_order(entry: EntryPoint) -> tuple[int, str]:
    part = part_of(entry.module)
    return (PARTS.index(part) if part is not None else len(PARTS), entry.name)


def _register() -> None:
    for entry in sorted(entry_points(group=COMMANDS_GROUP), key=_listing_order):
        command = entry.load()
        if isinstance(command, typer.Typer):
            app.add_typer(command, name=entry.name)
        else:
            app.command(entry.name)(command)


_register()


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="govtrace")
    except GovtraceError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise SystemExit(2) from None
