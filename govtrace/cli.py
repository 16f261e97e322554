"""The ``govtrace`` command line.

Each part of govtrace contributes its own commands from a ``cli`` module of its own
(``govtrace.ontology.cli`` …), declared as entry points of the group ``govtrace.commands``
in ``pyproject.toml``. This module only loads them, reads the settings once and turns
:class:`~govtrace.errors.GovtraceError` into a message on stderr and a non-zero exit code;
naming no part keeps the core below every part (tests/test_architecture.py). Installers
keep no order of entry points, so the commands are listed in the order data flows through
their parts (:data:`govtrace.layers.PARTS`), then by name. A command's module is loaded
when the command is run or described, not before: ``govtrace serve`` used to import every
part's commands first, half a second of a server's start (issue 16); ``--help`` still
lists them all. Heavy libraries (jionlp, owlready2, pyoxigraph) are imported inside the
commands, so that ``govtrace --help`` answers at once.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from govtrace import __version__
from govtrace.errors import GovtraceError
from govtrace.layers import PARTS, part_of
from govtrace.settings import get_settings

COMMANDS_GROUP = "govtrace.commands"
"""Entry-point group of the commands: name = command name, value = a command function or
a :class:`typer.Typer` of sub-commands."""


class _OnUse(MutableMapping[str, Any]):
    """A group's commands by name, each loaded from its entry point when first asked for."""

    def __init__(self, entries: list[EntryPoint], added: MutableMapping[str, Any]) -> None:
        self._entries = {entry.name: entry for entry in entries}
        self._loaded = dict(added)

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            self._loaded[name] = _command(self._entries[name])  # KeyError when unknown
        return self._loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._entries.pop(name, None)
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._entries, *self._loaded]))

    def __len__(self) -> int:
        return len(self._entries.keys() | self._loaded.keys())


def _command(entry: EntryPoint) -> Any:
    """The Click command of an entry point: its Typer's group, or its function's command."""
    loaded = entry.load()
    if isinstance(loaded, typer.Typer):
        group = typer.main.get_group(loaded)
        group.name = entry.name
        return group
    single = typer.Typer(add_completion=False)
    single.command(entry.name)(loaded)
    return typer.main.get_command(single)  # (one command and no callback: the command)


class _PartsCommands(TyperGroup):
    """The root group: the parts' commands, in listing order, each loaded on use."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        entries = sorted(entry_points(group=COMMANDS_GROUP), key=_listing_order)
        self.commands = _OnUse(entries, self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names alone: TyperGroup's reads every command


app = typer.Typer(
    name="govtrace",
    cls=_PartsCommands,
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


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="govtrace")
    except GovtraceError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise SystemExit(2) from None
