"""``govtrace ingest PATH… [--out DIR] [--format json|ttl]``: documents → records.

Writes one record per document (``DIR/<doc_id>.json`` or ``.ttl``; JSON Lines
on stdout without ``--out``), then a summary on stderr: documents read,
tasks found, and every failure with its code and reason. Exits 1 when any
file failed; the good ones are written all the same.

govtrace.cli loads this module at start-up (an entry point), so the heavy
imports (extraction, rdflib) happen inside the command.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govtrace.cli_context import settings_of
from govtrace.ingest.fact_tally import FactTally

if TYPE_CHECKING:
    from govtrace.ingest.batch import BatchResult
    from govtrace.ingest.record import DocumentRecord
    from govtrace.ontology.iris import IriScheme


class OutputFormat(StrEnum):
    """How each record is written."""

    JSON = "json"
    TTL = "ttl"


def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(
        help="Files (.txt, .html, .docx, .pdf, .doc, .wps) or directories (read recursively; "
             "a metadata.toml beside the files supplies facts the text lacks).")],
    out: Annotated[Path | None, typer.Option(
        "--out", help="Directory for one <doc_id>.json/.ttl per document; default: stdout.",
        file_okay=False)] = None,
    fmt: Annotated[OutputFormat, typer.Option(
        "--format", help="json: the versioned record; ttl: its RDF in Turtle.")
    ] = OutputFormat.JSON,
) -> None:
    """Read documents, extract their structure and write one record per document."""
    from govtrace.ingest.batch import ingest_paths
    from govtrace.ingest.extract import extract_record
    from govtrace.ingest.identity import identified
    from govtrace.ontology.iris import IriScheme

    settings = settings_of(ctx)
    result = ingest_paths(paths, settings=settings, extract=extract_record)
    iris = IriScheme(base=settings.base_iri)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    for record in result.records:
        if record.source.doc_id in seen:  # the same document twice (two formats): two files
            record = identified(record, disambiguated=True)
        seen.add(record.source.doc_id)
        rendered = _render(record, fmt, iris, pretty=out is not None)
        if out is None:
            typer.echo(rendered)
        else:
            (out / f"{record.source.doc_id}.{fmt.value}").write_text(rendered + "\n",
                                                                      encoding="utf-8")
    typer.echo(summary(result), err=True)
    if result.failures:
        raise typer.Exit(1)


def _render(record: DocumentRecord, fmt: OutputFormat, iris: IriScheme, *, pretty: bool) -> str:
    if fmt is OutputFormat.JSON:
        # one line per record on stdout (JSON Lines), indented in files
        return record.model_dump_json(indent=2 if pretty else None)
    from govtrace.ingest.rdf import record_to_graph

    turtle: str = record_to_graph(record, iris).serialize(format="turtle")
    return turtle


def summary(result: BatchResult[DocumentRecord]) -> str:
    """A plain-text table: one row per document and per failure, then the totals."""
    rows = [("file", "doc_id", "type", "tasks", "items", "result")]
    for item in result.ingested:
        record = item.record
        rows.append((item.source.path.name, record.source.doc_id, str(record.doc_type),
                     str(len(record.tasks)), str(len(record.report_items)), "ok"))
    for failure in result.failures:
        rows.append((failure.file.name, "-", "-", "-", "-", failure.code))
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths,
                                                                          strict=True)).rstrip()
             for row in rows]
    tasks = sum(len(item.record.tasks) for item in result.ingested)
    lines.append(f"{len(result.ingested)} documents ok, {tasks} tasks, "
                 f"{len(result.failures)} failed, {len(result.skipped)} skipped "
                 "(unsupported extension)")
    lines.extend(f"FAILED {failure.file}: {failure.message}" for failure in result.failures)
    lines.append(FactTally.of(result.records).render())
    return "\n".join(lines)


def _width(cell: str) -> int:
    """Columns a cell takes in a terminal: CJK characters are two wide."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in cell)
