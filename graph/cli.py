"""``govtrace build`` and ``govtrace export``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from govtrace.cli_context import StoreOption, settings_of


def build(
    ctx: typer.Context,
    corpus: Annotated[list[Path] | None, typer.Argument(
        help="Files or directories to ingest; none builds the bundled demo corpus.")] = None,
    store: StoreOption = None,
    wait: Annotated[bool | None, typer.Option(
        "--wait/--no-wait", help="Wait for another build of the same store to finish, or "
        "stop at once (GT-STORE-005) [env: GOVTRACE_BUILD_WAIT; default: wait].")] = None,
) -> None:
    """Build or update the graph (incremental: unchanged files are skipped by sha256)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from govtrace.graph.build import build as run_build
    from govtrace.graph.build import demo_corpus

    settings = settings_of(ctx, store_dir=store, build_wait=wait)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  transient=True) as progress:
        step = progress.add_task("reading", total=None)
        report = run_build(settings, corpus or [demo_corpus()],
                           progress=lambda what: progress.update(step, description=what))
    changes = report.changes
    typer.echo(f"store: {settings.resolved_store_dir}")
    typer.echo(f"documents: {report.documents} ({len(changes.added)} added, "
               f"{len(changes.replaced)} replaced, {len(changes.unchanged)} unchanged, "
               f"{len(changes.deleted)} deleted)")
    typer.echo(f"tasks: {report.tasks}  links: {report.links}  inferred: {report.inferred}  "
               f"triples: {report.triples}")
    typer.echo(f"copies: {len(report.copies)} (near-duplicates stored as gt:copyOf their "
               "canonical document, without tasks)")
    for copy in report.copies:
        typer.echo(f"  {copy.file} is a copy of {copy.canonical_file} "
                   f"(similarity {copy.similarity:.3f})")
    typer.echo(report.facts.render())
    for failure in report.failures:
        typer.echo(f"failed: {failure.file}: {failure.message}", err=True)
    if report.failures:
        raise typer.Exit(1)


def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="ttl, nt, nq or jsonld.")] = "nq",
    output: Annotated[Path | None, typer.Option(help="File to write; stdout if not given.")
                      ] = None,
    store: StoreOption = None,
) -> None:
    """Write the whole graph (nq and jsonld keep the named graphs)."""
    from govtrace.graph.export import export_store
    from govtrace.graph.store import ExportFormat

    try:
        chosen = ExportFormat(fmt)
    except ValueError:
        raise typer.BadParameter(f"{fmt!r} is not one of ttl, nt, nq, jsonld",
                                 param_hint="--format") from None
    settings = settings_of(ctx, store_dir=store)
    if output is None:
        export_store(settings, chosen, sys.stdout.buffer)
        return
    with output.open("wb") as sink:
        export_store(settings, chosen, sink)
