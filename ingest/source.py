"""A source document as read: its bytes' identity, its text and the readable content."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from govtrace.ingest.metadata import DocumentMetadata
from govtrace.ingest.offsets import MappedText

MEDIA_TXT = "text/plain"
MEDIA_HTML = "text/html"
MEDIA_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def doc_id_for(path: Path) -> str:
    """A stable, IRI-safe id from the file stem: the same stem in any format gives the same id.

    A stem that is not plain ASCII (东河区工作计划.docx) keeps its ASCII part and
    gains a short hash of the full stem, so different names never collide.
    """
    stem = path.stem
    slug = _UNSAFE.sub("-", stem).strip("-.")
    if slug == stem:
        return stem
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:12]
    return f"{slug}-{digest}" if slug else f"doc-{digest}"


@dataclass(frozen=True)
class SourceDocument:
    """One file as read; every span govtrace reports indexes :attr:`source_text`."""

    path: Path
    doc_id: str
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
