"""Extraction: a normalized document → its :class:`~govtrace.ingest.record.DocumentRecord`.

One pass over the structure (:mod:`.structure`), then per block the
extractors of citations, units, deadlines and quantities, each confined to
that block's characters, so the cost grows with the document's length only.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from govtrace.ingest.extract.citations import find_citations
from govtrace.ingest.extract.context import Context
from govtrace.ingest.extract.dating import bounds, cited_in_force
from govtrace.ingest.extract.document import FrontMatter, read_front
from govtrace.ingest.extract.implements import implemented
from govtrace.ingest.extract.items import report_items, section_record, task_record
from govtrace.ingest.extract.structure import Outline, outline
from govtrace.ingest.extract.works import canonical_title
from govtrace.ingest.identity import identified
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.record import (
    Citation,
    DateBounds,
    DocumentRecord,
    Origin,
    ReportItem,
    SourceInfo,
    Task,
)
from govtrace.ingest.source import SourceDocument
from govtrace.ontology.divisions import Gazetteer, get_gazetteer
from govtrace.ontology.document_kinds import Structure

__all__ = ["extract_record"]


def extract_record(source: SourceDocument, text: MappedText, *,
                   gazetteer: Gazetteer | None = None,
                   disambiguated: bool = False) -> DocumentRecord:
    """Extract the record of ``source`` from its normalized text ``text``.

    ``text`` must map into ``source.source_text`` (as ``normalize(source.content)`` does).
    Raises :class:`~govtrace.errors.IngestError` (GT-EXTRACT-…) when the
    document has no recognisable title or type; never returns a partial record. The
    record's doc_id is its document's identity (:func:`~govtrace.ingest.identity.identified`;
    ``disambiguated`` when another file of the corpus already has that id).
    """
    ctx = _context(source, text)
    shape = outline(ctx.text)
    front = read_front(ctx, shape.body_start, source, gazetteer or get_gazetteer())
    canonical = canonical_title(front.title.value) if front.title else None
    is_report = front.kind.value.structure is Structure.REPORT_ITEMS
    citations = _document_citations(ctx, shape, front, canonical)
    tasks = [] if is_report else _tasks(ctx, shape, front)
    items = _report_items(ctx, shape) if is_report else []
    return identified(DocumentRecord(
        source=_source_info(source), kind=front.kind, title=front.title,
        canonical_title=canonical, label=_label(front, source),
        notice=front.notice, issuers=front.issuers, document_numbers=front.numbers,
        written=front.written, issued=front.issued, published=front.published,
        covers=front.covers, issued_bounds=_bounds(ctx, front, citations),
        jurisdiction=front.jurisdiction, publisher=front.publisher, source_url=front.source_url,
        citations=citations,
        implements=_implemented(ctx, shape, front, canonical, citations, tasks, items),
        sections=[section_record(ctx, block, i) for i, block in enumerate(shape.sections, 1)],
        tasks=tasks, report_items=items,
    ), disambiguated=disambiguated)


def _source_info(source: SourceDocument) -> SourceInfo:
    return SourceInfo(doc_id=source.doc_id, file_name=source.path.name,
                      media_type=source.media_type, encoding=source.encoding,
                      sha256=source.sha256, size_bytes=source.size_bytes,
                      pages=list(source.pages), reader=source.reader)


def _context(source: SourceDocument, text: MappedText) -> Context:
    """Facts read from OCR'd pages are ``ocr`` with the engine's mean confidence."""
    scanned = [p for p in source.pages if p.ocr]
    if not scanned:
        return Context(text, source.source_text)
    known = [p.ocr_confidence for p in scanned if p.ocr_confidence is not None]
    confidence = round(sum(known) / len(known), 3) if known else 0.5
    return Context(text, source.source_text, read_origin=Origin.OCR, read_confidence=confidence)


def _label(front: FrontMatter, source: SourceDocument) -> str:
    """The title; without one, what is known of the document, marked as untitled."""
    if front.title is not None:
        return front.title.value
    place = front.jurisdiction.name if front.jurisdiction else ""
    year = ""
    if front.covers is not None:
        year = (f"{front.covers.first}年" if front.covers.first == front.covers.last
                else f"{front.covers.first}—{front.covers.last}年")
    return f"{place}{year}{front.kind.value.zh}（无标题：{source.path.name}）"


def _bounds(ctx: Context, front: FrontMatter, citations: list[Citation]) -> DateBounds:
    exact = front.written.value if front.written else None
    in_force = cited_in_force(ctx.text, citations, known_dates())
    earliest = max((d for d, _ in in_force), default=None)
    if exact is None and front.issued is not None:
        exact = front.issued.value
    elif exact is None and earliest is not None and front.dateline is not None:
        after = front.dateline.on_or_after(earliest)
        if after is not None:
            in_force.append((after, f"its dateline falls on or after {earliest}"))
    return bounds(exact=exact, published=front.published.value if front.published else None,
                  own_numbers=[*front.numbers, *(front.notice.document_numbers
                                                 if front.notice else [])],
                  in_force=in_force, covered=front.covers, kind=front.kind.value)


@cache
def known_dates() -> dict[str, date]:
    """Documents whose date govtrace knows from its reference data, by canonical title."""
    from govtrace.ingest.outline import PUBLISHED, TITLE

    return {canonical_title(TITLE): PUBLISHED}


def _implemented(ctx: Context, shape: Outline, front: FrontMatter, canonical: str | None,
                 citations: list[Citation], tasks: list[Task],
                 items: list[ReportItem]) -> list[Citation]:
    own = {c for c in (canonical,) if c}
    if front.notice is not None:
        own.add(canonical_title(front.notice.carries))
    places = tuple(d.name for d in front.lineage[:1])
    body = [c for t in tasks for c in t.citations] + [c for r in items for c in r.citations]
    if not tasks and not items:
        body = find_citations(ctx, shape.body_start, len(ctx.text))
    return implemented(citations, body, own, places, ctx.text)


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
