"""Document-level facts from the front matter: title, notice wrapper, type, 文号,
dates, issuers, jurisdiction; sidecar metadata fills what the text lacks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from govtrace.errors import DivisionError
from govtrace.ingest.extract import front as patterns
from govtrace.ingest.extract.agencies import agency
from govtrace.ingest.extract.context import Context, Piece
from govtrace.ingest.extract.structure import paragraphs
from govtrace.ingest.metadata import DocumentMetadata
from govtrace.ingest.record import (
    AgencyRef,
    DateFact,
    Division,
    DocType,
    DocumentNumber,
    KindFact,
    Notice,
    Origin,
    TextFact,
    YearsFact,
)
from govtrace.ontology.divisions import Division as GazetteerDivision
from govtrace.ontology.divisions import Gazetteer


@dataclass
class FrontMatter:
    title: TextFact | None
    title_piece: Piece | None
    kind: KindFact
    notice: Notice | None
    numbers: list[DocumentNumber]
    written: DateFact | None
    published: DateFact | None
    covers: YearsFact | None
    jurisdiction: Division | None
    lineage: list[GazetteerDivision]
    issuers: list[AgencyRef]
    preamble_start: int


def read_front(ctx: Context, front_end: int, metadata: DocumentMetadata | None,
               gazetteer: Gazetteer, file: str) -> FrontMatter:
    """Everything the front matter ``[0, front_end)`` says about the document."""
    title, piece = _title(ctx, front_end, metadata, file)
    kind = _doc_type(title, metadata, file)
    jurisdiction, lineage = _jurisdiction(ctx, piece, front_end, metadata, gazetteer)
    header = {patterns.HEADER_FIELDS[m.group("label")]: m
              for m in reversed(list(patterns.HEADER.finditer(ctx.text, 0, front_end)))}
    notice_end = piece.start if piece is not None else front_end
    notice = _notice(ctx, notice_end, header, lineage)
    written = _date_fact(ctx, header.get("written")) or (notice.written if notice else None)
    written = written or _metadata_date(metadata.written if metadata else None)
    published = _date_fact(ctx, header.get("published"))
    published = published or _metadata_date(metadata.published if metadata else None)
    issuers = list(notice.issuers) if notice else _issuers(ctx, front_end, lineage)
    if not issuers and metadata is not None:
        issuers = [agency(name, lineage, None, Origin.METADATA) for name in metadata.issuer]
    numbers = [] if notice else _numbers(ctx, 0, front_end)
    return FrontMatter(
        title, piece, kind, notice, numbers, written, published,
        _covers(ctx, piece, metadata), jurisdiction, lineage, issuers,
        piece.end if piece is not None else 0,
    )


def _title(ctx: Context, front_end: int, metadata: DocumentMetadata | None,
           file: str) -> tuple[TextFact | None, Piece | None]:
    best: Piece | None = None
    for start, end in paragraphs(ctx.text[:front_end]):
        line = ctx.piece(start, end)
        if (len(line.text) <= patterns.MAX_TITLE_LINE and "。" not in line.text
                and patterns.TITLE_ENDING.search(line.text)
                and not patterns.NOTICE_TITLE.search(line.text)):
            best = line
    if best is not None:
        return TextFact(value=best.text, origin=Origin.TEXT,
                        span=ctx.span(best.start, best.end)), best
    if metadata is not None and metadata.title:
        return TextFact(value=metadata.title, origin=Origin.METADATA), None
    return None, None


def _doc_type(title: TextFact | None, metadata: DocumentMetadata | None, file: str) -> KindFact:
    if title is not None:
        for pattern, doc_type in patterns.DOC_TYPES:
            if pattern.search(title.value):
                return KindFact(value=doc_type, origin=Origin.TEXT, span=title.span)
    if metadata is not None and metadata.doc_type is not None:
        return KindFact(value=patterns.METADATA_DOC_TYPES[metadata.doc_type],
                        origin=Origin.METADATA, basis="metadata.toml doc_type")
    return KindFact(value=DocType.OTHER, origin=Origin.INFERRED, confidence=0.2,
                    basis="nothing tells the kind")


def _jurisdiction(ctx: Context, piece: Piece | None, front_end: int,
                  metadata: DocumentMetadata | None,
                  gazetteer: Gazetteer) -> tuple[Division | None, list[GazetteerDivision]]:
    """The most specific division the title names (the front matter gives context)."""
    if piece is not None:
        mentions = [m for m in gazetteer.find_in_text(ctx.text[:front_end])
                    if m.division is not None and piece.start <= m.start < piece.end]
        if mentions:
            best = max(mentions, key=lambda m: m.division.level.rank if m.division else 0)
            found = best.division
            assert found is not None
            return (Division(adcode=found.adcode, name=found.name, level=found.level.value,
                             origin=Origin.TEXT, span=ctx.span(best.start, best.end)),
                    gazetteer.lineage(found))
    if metadata is not None and metadata.jurisdiction:
        try:
            found = gazetteer.resolve(metadata.jurisdiction)
        except DivisionError:
            return None, []
        return (Division(adcode=found.adcode, name=found.name, level=found.level.value,
                         origin=Origin.METADATA), gazetteer.lineage(found))
    return None, []


def _notice(ctx: Context, end: int, header: dict[str, re.Match[str]],
            lineage: list[GazetteerDivision]) -> Notice | None:
    m = patterns.NOTICE_TITLE.search(ctx.text, 0, end)
    if m is None:
        return None
    issuers = [agency(m.group("issuer"), lineage, ctx.span(m.start("issuer"), m.end("issuer")))]
    if "issuer" in header:
        h = header["issuer"]
        extra = agency(h.group("value"), lineage, ctx.span(h.start("value"), h.end("value")))
        issuers = _dedupe([extra, *issuers])
    signed = patterns.DATE_CN.search(ctx.text, m.end(), end)
    written = _date_fact(ctx, header.get("written")) or _cn_date(ctx, signed)
    numbers = patterns.DOCUMENT_NUMBER.finditer(ctx.text, 0, end)
    start = min([m.start(), *(n.start() for n in numbers)])
    title = ctx.piece(m.start(), m.end())
    return Notice(title=TextFact(value=title.text, origin=Origin.TEXT,
                                 span=ctx.span(title.start, title.end)),
                  carries=m.group("carried"), document_numbers=_numbers(ctx, 0, end),
                  issuers=issuers, written=written,
                  span=ctx.span(start, end))


def _dedupe(agencies: list[AgencyRef]) -> list[AgencyRef]:
    seen: dict[str, AgencyRef] = {}
    for a in agencies:
        seen.setdefault(a.name, a)
    return list(seen.values())


def _numbers(ctx: Context, start: int, end: int) -> list[DocumentNumber]:
    found: dict[str, DocumentNumber] = {}
    for m in patterns.DOCUMENT_NUMBER.finditer(ctx.text, start, end):
        canonical = f"{m.group('prefix')}〔{m.group('year')}〕{int(m.group('serial'))}号"
        found.setdefault(canonical, DocumentNumber(
            canonical=canonical, written=m.group(), prefix=m.group("prefix"),
            year=int(m.group("year")), serial=int(m.group("serial")), origin=Origin.TEXT,
            span=ctx.span(m.start(), m.end())))
    return list(found.values())


def _issuers(ctx: Context, end: int, lineage: list[GazetteerDivision]) -> list[AgencyRef]:
    for pattern in patterns.ISSUER_PATTERNS:
        m = pattern.search(ctx.text, 0, end)
        if m is not None:
            return _split_issuers(ctx, m.start("issuer"), m.end("issuer"), lineage)
    return []


def _split_issuers(ctx: Context, start: int, end: int,
                   lineage: list[GazetteerDivision]) -> list[AgencyRef]:
    """自治区党委和政府 → 自治区党委, 自治区政府: later parts inherit the first's place prefix."""
    text = ctx.text
    cuts = [start, *(m.end() for m in patterns.ISSUER_SPLIT.finditer(text, start, end)), end + 1]
    result: list[AgencyRef] = []
    prefix = ""
    for part_start, next_start in pairwise(cuts):
        name = text[part_start:next_start - 1]
        if not result:
            prefix = _place_prefix(name, lineage)
        elif not _place_prefix(name, lineage):
            name = prefix + name
        result.append(agency(name, lineage, ctx.span(part_start, next_start - 1)))
    return _dedupe(result)


def _place_prefix(name: str, lineage: list[GazetteerDivision]) -> str:
    from govtrace.ingest.extract.agencies import RELATIVE_PREFIXES

    for division in lineage:
        if name.startswith(division.name):
            return division.name
    return next((p for p, _ in RELATIVE_PREFIXES if name.startswith(p)), "")


def _date_fact(ctx: Context, m: re.Match[str] | None) -> DateFact | None:
    if m is None:
        return None
    value = m.group("value")
    for pattern in (patterns.DATE_CN, patterns.DATE_ISO):
        found = pattern.match(value)
        if found is not None:
            start = m.start("value")
            return _cn_date(ctx, found, offset=start)
    return None


def _cn_date(ctx: Context, m: re.Match[str] | None, offset: int = 0) -> DateFact | None:
    if m is None:
        return None
    value = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return DateFact(value=value, origin=Origin.TEXT,
                    span=ctx.span(offset + m.start(), offset + m.end()))


def _metadata_date(value: date | None) -> DateFact | None:
    return DateFact(value=value, origin=Origin.METADATA) if value is not None else None


def _covers(ctx: Context, piece: Piece | None,
            metadata: DocumentMetadata | None) -> YearsFact | None:
    if piece is not None:
        for pattern in (patterns.YEAR_RANGE, patterns.YEAR):
            m = pattern.search(ctx.text, piece.start, piece.end)
            if m is not None:
                first = int(m.group("first"))
                last = int(m.groupdict().get("last") or first)
                return YearsFact(first=first, last=last, origin=Origin.TEXT,
                                 span=ctx.span(m.start(), m.end()))
    if metadata is not None and metadata.covers_year is not None:
        year = metadata.covers_year
        return YearsFact(first=year, last=year, origin=Origin.METADATA)
    return None
