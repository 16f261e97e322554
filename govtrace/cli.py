"""The ``govtrace`` command line.

Each part of govtrace contributes its own commands from a ``cli`` module of
its own (``govtrace.ontology.cli`` …); this module only assembles them, reads
the settings once and turns :class:`~govtrace.errors.GovtraceError` into a
message on stderr and a non-zero exit code. Heavy libraries (jionlp,
owlready2, pyoxigraph) are imported inside the commands, not here, so that
``govtrace --help`` answers at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govtrace import __version__
from govtrace.errors import GovtraceError
from govtrace.settings import Settings, get_settings

app = typer.Typer(
    name="govtrace",
    help="Trace Chinese law-based-government policy from the national outline down to counties.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def settings_of(ctx: typer.Context) -> Settings:
    """The settings the root command read, as every sub-command sees them."""
    settings = ctx.find_root().obj
    if not isinstance(settings, Settings):  # a command invoked without the root callback
        settings = get_settings()
    return settings


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


def _register() -> None:
    from govtrace.graph import cli as graph_cli
    from govtrace.graph import lineage_cli
    from govtrace.ingest import cli as ingest_cli
    from govtrace.ontology import cli as ontology_cli
    from govtrace.ontology import divisions_cli
    from govtrace.queries import cli as queries_cli

    app.add_typer(ontology_cli.app, name="ontology")
    app.command("eval")(lineage_cli.eval_command)
    app.command("divisions")(divisions_cli.divisions)
    app.command("ingest")(ingest_cli.ingest)
    app.command("build")(graph_cli.build)
    app.command("serve")(graph_cli.serve)
    app.command("export")(graph_cli.export)
    app.command("query")(queries_cli.query)


_register()


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="govtrace")
    except GovtraceError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise SystemExit(2) from None
