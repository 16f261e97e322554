"""Extraction: a normalized document → its :class:`~govtrace.ingest.record.DocumentRecord`.

One pass over the structure (:mod:`.structure`), then per block the
extractors of citations, units, deadlines and quantities, each confined to
that block's characters, so the cost grows with the document's length only.
"""

from __future__ import annotations

from datetime import date

from govtrace.ingest.extract.citations import find_citations
from govtrace.ingest.extract.context import Context
from govtrace.ingest.extract.document import FrontMatter, read_front
from govtrace.ingest.extract.items import report_items, section_record, task_record
from govtrace.ingest.extract.structure import Outline, outline
from govtrace.ingest.extract.works import canonical_title
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.record import (
    Citation,
    DocType,
    DocumentRecord,
    Origin,
    ReportItem,
    SourceInfo,
    Task,
    TextFact,
)
from govtrace.ingest.source import SourceDocument
from govtrace.ontology.divisions import Gazetteer, get_gazetteer

__all__ = ["extract_record"]


def extract_record(source: SourceDocument, text: MappedText, *,
                   gazetteer: Gazetteer | None = None) -> DocumentRecord:
    """Extract the record of ``source`` from its normalized text ``text``.

    ``text`` must map into ``source.source_text`` (as ``normalize(source.content)`` does).
    Raises :class:`~govtrace.errors.IngestError` (GT-EXTRACT-…) when the
    document has no recognisable title or type; never returns a partial record.
    """
    ctx = Context(text, source.source_text)
    shape = outline(ctx.text)
    front = read_front(ctx, shape.body_start, source.metadata, gazetteer or get_gazetteer(),
                       source.path.name)
    canonical = canonical_title(front.title.value) if front.title else None
    is_report = front.kind.value is DocType.WORK_REPORT
    return DocumentRecord(
        source=_source_info(source), kind=front.kind, title=front.title,
        canonical_title=canonical, label=front.title.value if front.title else source.path.stem,
        notice=front.notice, issuers=front.issuers, document_numbers=front.numbers,
        written=front.written, published=front.published, covers=front.covers,
        jurisdiction=front.jurisdiction,
        publisher=_metadata_text(source, "publisher"),
        source_url=_metadata_text(source, "source_url"),
        citations=_document_citations(ctx, shape, front, canonical),
        sections=[section_record(ctx, block, i) for i, block in enumerate(shape.sections, 1)],
        tasks=[] if is_report else _tasks(ctx, shape, front),
        report_items=_report_items(ctx, shape) if is_report else [],
    )


def _source_info(source: SourceDocument) -> SourceInfo:
    return SourceInfo(doc_id=source.doc_id, file_name=source.path.name,
                      media_type=source.media_type, encoding=source.encoding,
                      sha256=source.sha256, size_bytes=source.size_bytes)


def _metadata_text(source: SourceDocument, name: str) -> TextFact | None:
    value = getattr(source.metadata, name, None) if source.metadata else None
    return TextFact(value=value, origin=Origin.METADATA) if value else None


def _document_citations(ctx: Context, shape: Outline, front: FrontMatter,
                        canonical: str | None) -> list[Citation]:
    """Citations of the preamble and the closing paragraph, minus the document itself."""
    own = {canonical} if canonical else set()
    if front.notice is not None:
        own.add(canonical_title(front.notice.carries))
    found = [*find_citations(ctx, front.preamble_start, shape.body_start),
             *find_citations(ctx, shape.body_end, shape.trailer_end)]
    return [c for c in found if c.work.canonical not in own]


def _base_date(front: FrontMatter) -> date | None:
    """The date year-relative deadlines (年内) count from: the year the plan covers."""
    anchor = front.written or front.published
    if front.covers is not None and front.covers.first == front.covers.last:
        if anchor is not None and anchor.value.year == front.covers.first:
            return anchor.value
        return date(front.covers.first, 12, 31)
    return anchor.value if anchor is not None else None


def _report_items(ctx: Context, shape: Outline) -> list[ReportItem]:
    return [item for block in shape.sections
            for item in report_items(ctx, block, str(block.number))]


def _tasks(ctx: Context, shape: Outline, front: FrontMatter) -> list[Task]:
    base = _base_date(front)
    tasks: list[Task] = []
    for section_ordinal, block in enumerate(shape.sections, 1):
        for child in block.children:
            tasks.append(task_record(ctx, child, len(tasks) + 1, section_ordinal, front.lineage,
                                     base))
    return tasks
