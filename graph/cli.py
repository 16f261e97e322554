"""``govtrace build`` and ``govtrace export``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govtrace.cli_context import StoreOption, settings_of

if TYPE_CHECKING:
    from govtrace.graph.build import BuildStep, Progress


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
    from govtrace.graph.build import build as run_build
    from govtrace.graph.build import demo_corpus

    settings = settings_of(ctx, store_dir=store, build_wait=wait)
    with build_progress() as progress:
        report = run_build(settings, corpus or [demo_corpus()], progress=progress)
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


@contextmanager
def build_progress() -> Iterator[Progress]:
    """How a build shows its steps on stderr: on a terminal a bar per counted stage (reading
    the documents, then linking them) and a spinner for the others; elsewhere (a log, CI)
    plain lines, a counted stage's at every tenth of it."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.progress import Progress as Bars

    console = Console(stderr=True)
    if not console.is_terminal:
        def line(step: BuildStep) -> None:
            every = max(1, (step.total or 0) // 10)
            if step.done is None or step.done == step.total or step.done % every == 0:
                typer.echo(str(step), err=True)

        yield line
        return
    with Bars(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
              MofNCompleteColumn(), TimeElapsedColumn(), console=console,
              transient=True) as bars:
        def show(step: BuildStep) -> None:
            if not bars.tasks or bars.tasks[-1].description != step.stage:
                bars.add_task(step.stage, total=step.total)  # the stages done stay above
            bars.update(bars.tasks[-1].id, total=step.total, completed=step.done or 0)

        yield show


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
