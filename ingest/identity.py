"""What identifies a document, and the id every IRI of it is minted from.

The id comes from facts the document states, so the same document read from .txt,
.html, .docx or PDF (under any file name) gets the same IRIs: its issuer and 文号
when it has one; else its canonical title with its date (成文, released or published)
or the years it covers, and its jurisdiction; the file name only when the text gives
no title, and then the basis says so. The date is the document's own (成文 or
released), never the date the text we read was published (a newspaper's reprint);
facts guessed from the file name or the page's address never count.

An id reads ``<adcode>-<year>-<kind>-<8 hex of the key>`` (``150600-2022-plan-1a2b3c4d``),
``x`` standing for what is unknown; the basis is written as ``gt:identityBasis``.
"""

from __future__ import annotations

from dataclasses import dataclass

from govtrace.ingest.record import DocumentNumber, DocumentRecord, Origin
from govtrace.ontology.iris import key_of

_READ = frozenset({Origin.TEXT, Origin.OCR, Origin.METADATA, Origin.HTML_META})
"""Facts read from the text or beside it (a sidecar, the page's markup), not guessed."""
_DATED = frozenset({Origin.TEXT, Origin.OCR, Origin.METADATA})
"""Dates that are the document's: a page's markup dates the page (a reprint), not it."""

DISAMBIGUATED = "+fileName"
"""Added to the basis of an id another file of the corpus already has (see
:func:`disambiguate`)."""


@dataclass(frozen=True)
class Identity:
    doc_id: str
    basis: str
    """How the id was derived: documentNumber, title+date, title+years, title, fileName."""
    key: str
    """What was hashed: the identifying facts, joined."""


def identify(record: DocumentRecord) -> Identity:
    """The identity of the document ``record`` was extracted from."""
    place = _place(record)
    number = _number(record)
    title = record.canonical_title if record.title and record.title.origin in _READ else None
    if number is not None:
        issuer = number.prefix or next((i.name for i in record.issuers), "")
        basis, key = "documentNumber", f"{issuer}|{number.canonical}"
    elif title is not None:
        when, basis = _when(record)
        key = f"{title}|{when}|{place or ''}"
    else:
        basis, key = "fileName", record.source.file_name
    year = _year(record) or (number.year if number else None)
    doc_id = (f"{place or 'x'}-{year or 'x'}-{record.doc_type.key}-"
              f"{key_of(f'{basis}|{key}', 8)}")
    return Identity(doc_id, basis, key)


def disambiguate(identity: Identity, file_name: str) -> Identity:
    """The id of a file whose identity another file of the corpus already has (its copy,
    or a document the facts read cannot tell apart): the id gains 8 hex of the file's
    name, and the basis says so."""
    return Identity(f"{identity.doc_id}-{key_of(file_name, 8)}",
                    identity.basis + DISAMBIGUATED, f"{identity.key}|{file_name}")


def _number(record: DocumentRecord) -> DocumentNumber | None:
    own = [n for n in record.document_numbers if n.origin in _READ]
    carried = [n for n in (record.notice.document_numbers if record.notice else [])
               if n.origin in _READ]
    return next(iter(own or carried), None)


def _place(record: DocumentRecord) -> str | None:
    fact = record.jurisdiction
    if fact is None or fact.origin in (Origin.FILENAME, Origin.URL):
        return None
    if fact.origin is Origin.INFERRED and "filename" in (fact.basis or ""):
        return None
    return fact.adcode


def _when(record: DocumentRecord) -> tuple[str, str]:
    """The document's date, else the years it covers, and the basis they make."""
    for fact in (record.written, record.issued):
        if fact is not None and fact.origin in _DATED:
            return fact.value.isoformat(), "title+date"
    covers = record.covers
    if covers is not None and _covers(record):
        return f"{covers.first}-{covers.last}", "title+years"
    return "", "title"


def _year(record: DocumentRecord) -> int | None:
    for fact in (record.written, record.issued):
        if fact is not None and fact.origin in _DATED:
            return fact.value.year
    return record.covers.first if record.covers is not None and _covers(record) else None


def _covers(record: DocumentRecord) -> bool:
    """Whether the years covered were told by the text (not by a title the file named)."""
    return record.covers is not None and record.covers.origin not in (Origin.FILENAME,
                                                                      Origin.URL)


def identified(record: DocumentRecord, *, disambiguated: bool = False) -> DocumentRecord:
    """``record`` with the doc_id of its document's identity and its basis; ``disambiguated``
    when another file of the corpus already has that id (and is not its copy)."""
    identity = identify(record)
    if disambiguated:
        identity = disambiguate(identity, record.source.file_name)
    source = record.source.model_copy(update={"doc_id": identity.doc_id,
                                              "identity_basis": identity.basis})
    return record.model_copy(update={"source": source})
