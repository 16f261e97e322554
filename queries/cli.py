"""``govtrace query``: run a saved query against the store, or list the saved queries."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from govtrace.cli_context import StoreOption, settings_of

if TYPE_CHECKING:
    from govtrace.graph.results import QueryResult
    from govtrace.queries.library import SavedQuery


class ResultFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


_MEDIA = {ResultFormat.JSON: "application/sparql-results+json", ResultFormat.CSV: "text/csv"}


def query(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(
        help="The saved query to run; none lists the saved queries.")] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", help="A parameter as name=value; repeat for several.")] = None,
    fmt: Annotated[ResultFormat, typer.Option(
        "--format", help="table, json (SPARQL results JSON) or csv.")] = ResultFormat.TABLE,
    store: StoreOption = None,
) -> None:
    """Run a saved query (docs/queries.md) with --param name=value, or list them."""
    from govtrace.graph.store_factory import open_store
    from govtrace.queries.library import load_library, params_from_pairs, render

    if name is None:
        _print_list(list(load_library().values()))
        return
    pairs = [_split(item) for item in param or []]
    sparql = render(name, params_from_pairs(pairs))
    settings = settings_of(ctx, store_dir=store)
    service = open_store(settings, read_only=True)
    try:
        result = service.query(sparql, timeout=settings.query_timeout)
    finally:
        service.close()
    if fmt is ResultFormat.TABLE:
        _print_table(result, settings.base_iri)
    else:
        typer.echo(result.serialize(_MEDIA[fmt]).decode("utf-8"), nl=False)


def _split(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not name.strip():
        raise typer.BadParameter(f"{item!r} is not name=value", param_hint="--param")
    return name.strip(), value


def _print_list(queries: list[SavedQuery]) -> None:
    for saved in queries:
        params = " ".join(f"--param {p.name}=…" if p.required else f"[--param {p.name}=…]"
                          for p in saved.params)
        typer.echo(f"{saved.name}: {saved.title}")
        typer.echo(f"    govtrace query {saved.name} {params}".rstrip())


def _print_table(result: QueryResult, base_iri: str) -> None:
    from rich.console import Console
    from rich.table import Column, Table

    # Full instance IRIs would fill a terminal; `id:` keeps the part that tells them apart.
    def cell(term: object) -> str:
        text = str(term)
        return "id:" + text[len(base_iri):] if text.startswith(base_iri) else text

    table = Table(*(Column(var, overflow="fold") for var in result.variables))
    for row in result.bindings():
        table.add_row(*(cell(row[var]) if var in row else "" for var in result.variables))
    Console().print(table)
    typer.echo(f"{len(table.rows)} rows" + (" (truncated)" if result.truncated else ""))
