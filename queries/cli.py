"""``govtrace query``: run a saved query against the store, or list the saved queries."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from govtrace.cli_context import StoreOption, settings_of

if TYPE_CHECKING:
    from govtrace.graph.results import QueryResult
    from govtrace.queries.library import SavedQuery
    from govtrace.queries.models import TaskRef
    from govtrace.queries.plan_report import PlanVsReport


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
    from govtrace.queries.library import (
        load_library,
        params_from_pairs,
        render,
        requested_page,
        saved_query,
    )

    if name is None:
        _print_list(list(load_library().values()))
        return
    pairs = [_split(item) for item in param or []]
    params = params_from_pairs(pairs)
    sparql = render(name, params)
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
    page = requested_page(saved_query(name), params)
    if page is not None and len(result.bindings()) == page.limit:
        # a full page: the reader must hear that the answer goes on (stderr keeps json/csv clean)
        following = " ".join(f"-p {k}={v}" for k, v in page.following().items())
        typer.echo(f"a page of {page.limit} rows; more may follow: {following}", err=True)


class AnswerFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def plan_vs_report_command(
    ctx: typer.Context,
    division: Annotated[str, typer.Argument(
        help="The division: its 6-digit code (150000) or its name (乌拉特中旗).")],
    year: Annotated[int, typer.Argument(help="The year the plan and the report cover.")],
    fmt: Annotated[AnswerFormat, typer.Option(
        "--format", help="table, or json (as GET /api/plan-vs-report answers).")
                   ] = AnswerFormat.TABLE,
    store: StoreOption = None,
) -> None:
    """A division's plan tasks for a year against its work report's items: the pairs, the
    tasks planned but not reported, the items reported but not planned."""
    from govtrace.graph.store_factory import open_store
    from govtrace.ontology.iris import IriScheme
    from govtrace.queries.answers import Answers

    settings = settings_of(ctx, store_dir=store)
    service = open_store(settings, read_only=True)
    try:
        answer = Answers(service, IriScheme(settings.base_iri)).plan_vs_report(division, year)
    finally:
        service.close()
    if fmt is AnswerFormat.JSON:
        typer.echo(answer.model_dump_json(indent=2))
    else:
        _print_plan_vs_report(answer)


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


def _print_plan_vs_report(answer: PlanVsReport) -> None:
    from rich.console import Console
    from rich.table import Table

    from govtrace.queries.plan_report import ReportItemRef

    def name(ref: TaskRef) -> str:
        # A report item's own number text repeats under each heading (一是 …): its path
        # (2.1) tells them apart.
        number = ref.path if isinstance(ref, ReportItemRef) else ref.number_text or ref.number
        return f"{number or ''} {ref.title or ''}".strip()

    console = Console()
    plans = "；".join(d.title or d.id for d in answer.plans)
    console.print(f"{answer.division.label} ({answer.division.adcode}) {answer.year}")
    console.print(f"plan: {plans}" + ("" if answer.plans_are_own else
                                      " (not the division's own: the plans its report reports on)"))
    console.print("report: " + "；".join(d.title or d.id for d in answer.reports))
    reported = Table("plan task", "report item", "confidence", title=(
        f"planned and reported: {len(answer.reported)} "
        f"({answer.share_reported:.0%} of the plan's tasks)"))
    for pair in answer.reported:
        for n, item in enumerate(pair.items):
            reported.add_row(name(pair.task) if n == 0 else "", name(item.item),
                             f"{item.confidence:.2f}" if item.confidence is not None else "")
    console.print(reported)
    console.print(f"planned, not reported: {len(answer.planned_not_reported)}")
    for task in answer.planned_not_reported:
        console.print(f"  {name(task)}")
    console.print(f"reported, not planned: {len(answer.reported_not_planned)}")
    for unplanned in answer.reported_not_planned:
        console.print(f"  {name(unplanned)}")
