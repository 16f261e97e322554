"""``govtrace ontology …`` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govtrace.cli_context import settings_of
from govtrace.errors import OntologyError
from govtrace.ontology.reasoning import Reasoner

app = typer.Typer(help="The govtrace OWL ontology and its SHACL shapes.", no_args_is_help=True)


@app.command("check")
def check(
    ctx: typer.Context,
    ontology: Annotated[
        Path | None,
        typer.Option("--ontology", dir_okay=False, exists=True,
                     help="Check this Turtle file instead of the bundled ontology."),
    ] = None,
    shapes: Annotated[
        Path | None,
        typer.Option("--shapes", dir_okay=False, exists=True,
                     help="Use this SHACL file instead of the bundled shapes."),
    ] = None,
    reasoner: Annotated[
        Reasoner, typer.Option("--reasoner", help="OWL reasoner to run (needs Java).")
    ] = Reasoner.HERMIT,
    data: Annotated[
        str | None,
        typer.Option("--data", metavar="FILE|-",
                     help="Check this built graph instead (N-Quads, TriG, Turtle or N-Triples "
                     "by its extension; - reads N-Quads from stdin): `govtrace export --store "
                     "DIR | govtrace ontology check --data -`."),
    ] = None,
) -> None:
    """Parse the ontology, check labels/definitions, reason, and validate the example graph;
    with --data, audit domains/ranges, validate and reason over a built graph instead."""
    if data is not None:
        _check_data(ctx, data, ontology, shapes, reasoner)
        return
    from govtrace.ontology.check import check_ontology
    from govtrace.ontology.terms import TermKind

    try:
        report = check_ontology(ontology, shapes_path=shapes, reasoner=reasoner,
                                java=settings_of(ctx).java)
    except OntologyError as exc:
        # Reported here, not only by govtrace.cli.main, so the sub-app prints the same
        # message wherever it is mounted (and under typer's test runner).
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(code=2) from None
    typer.echo(f"ontology   {report.ontology} ({report.triples} triples)")
    typer.echo(f"terms      {report.count(TermKind.CLASS)} classes, "
               f"{report.count(TermKind.OBJECT_PROPERTY)} object properties, "
               f"{report.count(TermKind.DATATYPE_PROPERTY)} datatype properties, "
               f"{report.count(TermKind.INDIVIDUAL)} individuals; all labelled zh/en and defined")
    typer.echo(f"reasoner   {report.reasoner.value}: consistent, no unsatisfiable class "
               f"({report.reasoner_seconds:.1f} s)")
    typer.echo(f"shapes     {report.shapes}: example graph ({report.example_triples} triples) "
               "conforms (SHACL ok)")


def _check_data(ctx: typer.Context, data: str, ontology: Path | None, shapes: Path | None,
                reasoner: Reasoner) -> None:
    from govtrace.ontology.data_check import check_data, read_data
    from govtrace.ontology.loading import load_ontology, load_shapes

    try:
        report = check_data(read_data(data), source="stdin" if data == "-" else data,
                            ontology=load_ontology(ontology), shapes=load_shapes(shapes),
                            reasoner=reasoner, java=settings_of(ctx).java)
        error = report.error()
    except OntologyError as exc:
        error = exc
    if error is not None:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(code=2)
    typer.echo(report.render())
