"""A source document as read: its bytes' identity, its text and the readable content."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from govtrace.ingest.html_meta import PageMeta
from govtrace.ingest.metadata import DocumentMetadata
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.record import PageSpan

MEDIA_TXT = "text/plain"
MEDIA_HTML = "text/html"
MEDIA_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_PDF = "application/pdf"
MEDIA_DOC = "application/msword"
MEDIA_WPS = "application/wps-office.wps"  # shared-mime-info's name for Kingsoft WPS Writer
MEDIA_OFD = "application/ofd"

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def doc_id_for(path: Path) -> str:
    """An IRI-safe id from the file stem, naming a file before (or without) its record: the
    failures of files that never gave one. A record's own ``doc_id``, which its IRIs are
    minted from, comes from what identifies the document (:mod:`govtrace.ingest.identity`).

    A stem that is not plain ASCII (东河区工作计划.docx) keeps its ASCII part and
    gains a short hash of the full stem, so different names never collide. A name that is
    not UTF-8 (a GBK name from a Windows archive) is hashed as its bytes: ingest rejects
    such a file (GT-INGEST-013), and the build still needs its id to report it.
    """
    stem = path.stem
    slug = _UNSAFE.sub("-", stem).strip("-.")
    if slug == stem:
        return stem
    digest = hashlib.sha256(stem.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f"{slug}-{digest}" if slug else f"doc-{digest}"


@dataclass(frozen=True)
class LineBox:
    """One line of a paged document: its characters in the source text and where it is printed.

    ``bbox`` is ``(x0, top, x1, bottom)`` in PDF points (1/72 inch) from the page's top-left
    corner, as pdfplumber and most viewers measure; for an OCR'd page, the recognised line's
    box scaled back from pixels to points.
    """

    page: int
    start: int
    end: int
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True)
class ReadText:
    """What a format's reader gives: the source text, its readable content, how it was read."""

    source_text: str
    content: MappedText
    encoding: str | None = None
    pages: tuple[PageSpan, ...] = ()
    lines: tuple[LineBox, ...] = ()
    reader: str | None = None


@dataclass(frozen=True)
class SourceDocument:
    """One file as read; every span govtrace reports indexes :attr:`source_text`."""

    path: Path
    doc_id: str
    """The file's id (:func:`doc_id_for`); the record's is the document's identity."""
    media_type: str
    encoding: str | None
    """Encoding used to decode a text format (utf-8, utf-8-sig, gb18030, big5 …); None for docx."""
    sha256: str
    size_bytes: int
    source_text: str
    """Decoded .txt; raw decoded .html markup; docx paragraphs (and table cells) joined by "\\n"."""
    content: MappedText
    """The readable text, mapped into :attr:`source_text`."""
    metadata: DocumentMetadata | None = None
    pages: tuple[PageSpan, ...] = ()
    """Where each page of a PDF lies in :attr:`source_text` (empty for unpaged formats)."""
    lines: tuple[LineBox, ...] = ()
    """Printed lines of a PDF with their boxes, in source-text order (empty otherwise)."""
    reader: str | None = None
    """What extracted the text when a library or tool did (pypdfium2, rapidocr, antiword …)."""
    page_meta: PageMeta | None = None
    """What an HTML page says of its article outside it (<title>, <meta>, canonical link)."""
