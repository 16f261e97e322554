"""Document-level facts from the front matter: title, notice wrapper, kind, 文号, dates,
issuers, jurisdiction, the years covered. A fact the text gives is read with its span;
one it lacks comes from the page's markup, the corpus sidecar, the source's address or
the file name, or is inferred from the body, and says so (:class:`~govtrace.ingest.record.
Provenance`). A readable file always yields its facts, known or unknown: nothing here fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path

from govtrace.errors import DivisionError
from govtrace.ingest.extract import dating, header, jurisdiction
from govtrace.ingest.extract import front as patterns
from govtrace.ingest.extract.agencies import RELATIVE_PREFIXES, agency
from govtrace.ingest.extract.context import Context
from govtrace.ingest.extract.header import Found
from govtrace.ingest.extract.kinds import kind_of_body, kind_of_title
from govtrace.ingest.html_meta import MetaValue
from govtrace.ingest.metadata import DocumentMetadata
from govtrace.ingest.record import (
    AgencyRef,
    DateFact,
    DocumentNumber,
    JurisdictionFact,
    KindFact,
    Notice,
    Origin,
    Span,
    TextFact,
    YearsFact,
)
from govtrace.ingest.source import SourceDocument
from govtrace.ontology.divisions import Division, Gazetteer
from govtrace.ontology.document_kinds import OTHER, DocumentKind


@dataclass
class FrontMatter:
    title: TextFact | None
    title_found: Found | None
    """The title's place in the normalized text, when it was read there."""
    kind: KindFact
    notice: Notice | None
    numbers: list[DocumentNumber]
    written: DateFact | None
    issued: DateFact | None
    dateline: dating.Dateline | None
    """A news dateline, kept even when no dated line of the page gave its year."""
    published: DateFact | None
    covers: YearsFact | None
    jurisdiction: JurisdictionFact | None
    lineage: list[Division]
    issuers: list[AgencyRef]
    preamble_start: int
    source_url: TextFact | None
    publisher: TextFact | None


def read_front(ctx: Context, front_end: int, source: SourceDocument,
               gazetteer: Gazetteer) -> FrontMatter:
    """Everything the front matter ``[0, front_end)`` (and what surrounds the text) says."""
    metadata = source.metadata
    text = ctx.text
    fields = header.header_fields(text, front_end)
    lines = header.front_lines(text, front_end)
    wrapper = header.notice_title(text, front_end, lines)
    title, found = _title(ctx, front_end, source, wrapper, lines)
    kind = _kind(ctx, title, found, metadata, front_end)
    url = _source_url(source)
    division, lineage = _jurisdiction(ctx, title, found, fields, wrapper, metadata, url,
                                      source.path, gazetteer)
    notice = _notice(ctx, wrapper, fields, lineage, found.start if found else front_end)
    dates = dating.read_dates(ctx, front_end, fields,
                              signed_after=wrapper[0].end if wrapper else 0)
    written = dates.written or (notice.written if notice else None)
    written = written or _metadata_date(metadata.written if metadata else None, "written")
    published = dates.published or _metadata_date(metadata.published if metadata else None,
                                                  "published")
    issuers = list(notice.issuers) if notice else _issuers(ctx, front_end, fields, lineage)
    if not issuers and metadata is not None:
        issuers = [agency(name, lineage, None, Origin.METADATA) for name in metadata.issuer]
    numbers = [] if notice else _numbers(ctx, 0, front_end)
    issued_on = next((f.value for f in (written, dates.issued, published) if f), None)
    covers = _covers(ctx, title, found, kind.value, metadata, front_end, issued_on)
    return FrontMatter(
        title=title, title_found=found, kind=kind, notice=notice, numbers=numbers,
        written=written, issued=dates.issued, dateline=dates.dateline, published=published,
        covers=covers,
        jurisdiction=division, lineage=lineage, issuers=issuers,
        preamble_start=found.end if found else (wrapper[0].end if wrapper else 0),
        source_url=url, publisher=_publisher(ctx, source, fields),
    )


# --- title -------------------------------------------------------------------------------------

def _title(ctx: Context, front_end: int, source: SourceDocument,
           wrapper: tuple[Found, Found, Found] | None,
           lines: list[Found]) -> tuple[TextFact | None, Found | None]:
    """The title: a title line of the text, else the title a covering notice or a news lead
    carries, else the sidecar's, the page's markup's, the file name's."""
    titles = header.title_lines(lines)
    found = titles[-1] if titles else None
    if found is None and wrapper is not None:
        found = wrapper[2]
    found = found or header.news_lead_title(ctx.text, front_end)
    if found is not None:
        return TextFact(value=found.value, origin=ctx.read_origin,
                        span=ctx.span(found.start, found.end), basis=found.rule or None,
                        confidence=ctx.read_confidence), found
    metadata = source.metadata
    if metadata is not None and metadata.title:
        return TextFact(value=metadata.title, origin=Origin.METADATA,
                        basis="metadata.toml title"), None
    meta = source.page_meta.title if source.page_meta else None
    if meta is not None:
        return _meta_fact(source, meta, f"html <{source.page_meta.title_source}>"
                          if source.page_meta else ""), None
    stem = source.path.stem
    if re.search(r"[\u4e00-\u9fff]", stem) and kind_of_title(stem) is not None:
        return TextFact(value=stem, origin=Origin.FILENAME, basis="file name",
                        confidence=0.7), None
    return None, None


def _meta_fact(source: SourceDocument, meta: MetaValue, basis: str) -> TextFact:
    return TextFact(value=meta.value, origin=Origin.HTML_META, basis=basis,
                    span=Span(start=meta.start, end=meta.end,
                              exact=source.source_text[meta.start:meta.end]))


# --- kind --------------------------------------------------------------------------------------

def _kind(ctx: Context, title: TextFact | None, found: Found | None,
          metadata: DocumentMetadata | None, front_end: int) -> KindFact:
    if title is not None:
        kind = kind_of_title(title.value)
        if kind is not None:
            return KindFact(value=kind, origin=title.origin, span=title.span,
                            basis=f"title ends with {_ending(title.value)}",
                            confidence=title.confidence)
    if metadata is not None and metadata.doc_type is not None:
        return KindFact(value=metadata.doc_type, origin=Origin.METADATA,
                        basis="metadata.toml doc_type")
    end = min(len(ctx.text), max(front_end, 0) + 1500)
    guess = kind_of_body(ctx.text, found.end if found else 0, end)
    if guess is not None:
        return KindFact(value=guess.kind, origin=Origin.INFERRED,
                        span=ctx.span(guess.start, guess.end), basis=f"body cue {guess.rule}",
                        confidence=guess.confidence)
    return KindFact(value=OTHER, origin=Origin.INFERRED, confidence=0.2,
                    basis="neither title nor body tells the kind")


def _ending(title: str) -> str:
    core = patterns.TITLE_PERIOD.sub("", title)
    return core[-4:] if len(core) >= 4 else core


# --- jurisdiction ------------------------------------------------------------------------------

def _jurisdiction(ctx: Context, title: TextFact | None, found: Found | None,
                  fields: dict[str, Found], wrapper: tuple[Found, Found, Found] | None,
                  metadata: DocumentMetadata | None, url: TextFact | None, path: Path,
                  gazetteer: Gazetteer) -> tuple[JurisdictionFact | None, list[Division]]:
    """The title's most specific division; else the sidecar's; else the issuer's; else the
    division the body, the level it speaks at and the site's address point to."""
    if title is not None:
        named = _most_specific(gazetteer, title.value)
        if named is not None:
            division, start, end = named
            span = (ctx.span(found.start + start, found.start + end) if found is not None
                    else None)
            return _division(gazetteer, division, title.origin, span,
                             f"named in the title ({title.origin.value})", title.confidence)
    if metadata is not None and metadata.jurisdiction:
        try:
            given = gazetteer.resolve(metadata.jurisdiction)
        except DivisionError:
            given = None
        if given is not None:
            return _division(gazetteer, given, Origin.METADATA, None,
                             "metadata.toml jurisdiction", 1.0)
    for issuer in _issuer_places(fields, wrapper):
        named = _most_specific(gazetteer, issuer.value)
        if named is not None:
            division, start, end = named
            return _division(gazetteer, division, ctx.read_origin,
                             ctx.span(issuer.start + start, issuer.start + end),
                             "named in the issuer", ctx.read_confidence)
    clues = jurisdiction.text_clues(gazetteer, ctx.text)
    if url is not None:
        clues += jurisdiction.url_clues(gazetteer, url.value)
    if re.search(r"[\u4e00-\u9fff]", path.stem):
        clues += [jurisdiction.DivisionClue(c.division, 4.0, None, None, "filename")
                  for c in jurisdiction.text_clues(gazetteer, path.stem)]
    inferred = jurisdiction.infer(gazetteer, clues, jurisdiction.level_spoken(ctx.text))
    if inferred is None:
        return None, []
    span = (ctx.span(inferred.start, inferred.end) if inferred.start is not None
            and inferred.end is not None else None)
    origin = Origin.URL if inferred.from_url else Origin.INFERRED
    return _division(gazetteer, inferred.division, origin, span, inferred.basis,
                     inferred.confidence)


def _most_specific(gazetteer: Gazetteer,
                   value: str) -> tuple[Division, int, int] | None:
    mentions = [m for m in gazetteer.find_in_text(value) if m.division is not None]
    if not mentions:
        return None
    best = max(mentions, key=lambda m: m.division.level.rank if m.division else 0)
    assert best.division is not None
    return best.division, best.start, best.end


def _issuer_places(fields: dict[str, Found],
                   wrapper: tuple[Found, Found, Found] | None) -> list[Found]:
    places = [wrapper[1]] if wrapper is not None else []
    return places + [fields[f] for f in ("issuer", "source") if f in fields]


def _division(gazetteer: Gazetteer, found: Division, origin: Origin, span: Span | None,
              basis: str, confidence: float) -> tuple[JurisdictionFact, list[Division]]:
    return (JurisdictionFact(adcode=found.adcode, name=found.name, level=found.level.value,
                     origin=origin, span=span, basis=basis, confidence=confidence),
            gazetteer.lineage(found))


def _source_url(source: SourceDocument) -> TextFact | None:
    if source.metadata is not None and source.metadata.source_url:
        return TextFact(value=source.metadata.source_url, origin=Origin.METADATA,
                        basis="metadata.toml source_url")
    meta = source.page_meta.url if source.page_meta else None
    return _meta_fact(source, meta, "html canonical link") if meta is not None else None


def _publisher(ctx: Context, source: SourceDocument, fields: dict[str, Found]) -> TextFact | None:
    if source.metadata is not None and source.metadata.publisher:
        return TextFact(value=source.metadata.publisher, origin=Origin.METADATA,
                        basis="metadata.toml publisher")
    found = fields.get("source")
    if found is not None:
        name = re.split(r"\s|\d{4}[-/.年]", found.value)[0]
        if name:
            return TextFact(value=name, origin=ctx.read_origin,
                            span=ctx.span(found.start, found.start + len(name)),
                            basis=f"header {found.rule}", confidence=ctx.read_confidence)
    meta = source.page_meta.source if source.page_meta else None
    return _meta_fact(source, meta, "html <meta> source") if meta is not None else None


# --- notice, numbers, issuers, dates, years ------------------------------------------------

def _notice(ctx: Context, wrapper: tuple[Found, Found, Found] | None, fields: dict[str, Found],
            lineage: list[Division], end: int) -> Notice | None:
    if wrapper is None:
        return None
    title, issuer, carried = wrapper
    issuers = [agency(issuer.value, lineage, ctx.span(issuer.start, issuer.end))]
    if "issuer" in fields:
        h = fields["issuer"]
        issuers = _dedupe([agency(h.value, lineage, ctx.span(h.start, h.end)), *issuers])
    end = max(end, title.end)
    signed = patterns.DATE_CN.search(ctx.text, title.end, end)
    written = dating.header_date(ctx, fields.get("written")) or _cn_date(ctx, signed)
    numbers = _numbers(ctx, 0, end)
    first_number = patterns.DOCUMENT_NUMBER.search(ctx.text, 0, end)
    start = min(title.start, first_number.start()) if first_number else title.start
    return Notice(title=TextFact(value=title.value, origin=ctx.read_origin,
                                 span=ctx.span(title.start, title.end),
                                 confidence=ctx.read_confidence),
                  carries=carried.value, document_numbers=numbers, issuers=issuers,
                  written=written, span=ctx.span(start, end))


def _dedupe(agencies: list[AgencyRef]) -> list[AgencyRef]:
    seen: dict[str, AgencyRef] = {}
    for a in agencies:
        seen.setdefault(a.name, a)
    return list(seen.values())


def _numbers(ctx: Context, start: int, end: int) -> list[DocumentNumber]:
    found: dict[str, DocumentNumber] = {}
    for m in patterns.DOCUMENT_NUMBER.finditer(ctx.text, start, end):
        if patterns.is_cited_number(ctx.text, m):
            continue
        canonical = f"{m.group('prefix')}〔{m.group('year')}〕{int(m.group('serial'))}号"
        found.setdefault(canonical, DocumentNumber(
            canonical=canonical, written=m.group(), prefix=m.group("prefix"),
            year=int(m.group("year")), serial=int(m.group("serial")), origin=ctx.read_origin,
            span=ctx.span(m.start(), m.end())))
    return list(found.values())


def _issuers(ctx: Context, end: int, fields: dict[str, Found],
             lineage: list[Division]) -> list[AgencyRef]:
    for pattern in patterns.ISSUER_PATTERNS:
        m = pattern.search(ctx.text, 0, end)
        if m is not None:
            return _split_issuers(ctx, m.start("issuer"), m.end("issuer"), lineage)
    if "issuer" in fields:
        h = fields["issuer"]
        return [agency(h.value, lineage, ctx.span(h.start, h.end))]
    return []


def _split_issuers(ctx: Context, start: int, end: int,
                   lineage: list[Division]) -> list[AgencyRef]:
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


def _place_prefix(name: str, lineage: list[Division]) -> str:
    for division in lineage:
        if name.startswith(division.name):
            return division.name
    return next((p for p, _ in RELATIVE_PREFIXES if name.startswith(p)), "")


def _cn_date(ctx: Context, m: re.Match[str] | None) -> DateFact | None:
    if m is None:
        return None
    parsed = dating.parse_date(m.group())
    if parsed is None:
        return None
    return dating.date_fact(ctx, parsed[0], m.start(), m.end(), "signature of the notice")


def _metadata_date(value: date | None, name: str) -> DateFact | None:
    if value is None:
        return None
    return DateFact(value=value, origin=Origin.METADATA, basis=f"metadata.toml {name}")


def _covers(ctx: Context, title: TextFact | None, found: Found | None, kind: DocumentKind,
            metadata: DocumentMetadata | None, front_end: int,
            issued_on: date | None) -> YearsFact | None:
    """The title's years (read in the text or beside it), else the sidecar's, else the
    year the body announces."""
    read = (dating.years_of_title(ctx, found) if found is not None
            else dating.years_of_title_read_elsewhere(title) if title is not None else None)
    if read is not None:
        return read
    if metadata is not None and metadata.covers_year is not None:
        year = metadata.covers_year
        return YearsFact(first=year, last=year, origin=Origin.METADATA,
                         basis="metadata.toml covers_year")
    return dating.years_inferred(ctx, kind, front_end, issued_on)
