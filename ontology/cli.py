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
) -> None:
    """Parse the ontology, check labels/definitions, reason, and validate the example graph."""
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
