"""Read one source file (.txt, .html/.htm, .docx, .pdf, .doc/.wps) into a :class:`SourceDocument`.

Every way a file can be unusable ends in a coded :class:`IngestError`
naming the file, before anything is extracted from it.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from govtrace.errors import (
    INGEST_EMPTY,
    INGEST_TOO_LARGE,
    INGEST_TRUNCATED,
    INGEST_UNREADABLE,
    INGEST_UNSUPPORTED,
    IngestError,
    Location,
)
from govtrace.ingest.encoding import decode_text
from govtrace.ingest.html_article import article_text
from govtrace.ingest.html_meta import page_meta
from govtrace.ingest.metadata import DocumentMetadata
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.readers_ofd import read_ofd
from govtrace.ingest.readers_pdf import read_pdf
from govtrace.ingest.readers_word import read_doc
from govtrace.ingest.source import (
    MEDIA_DOC,
    MEDIA_DOCX,
    MEDIA_HTML,
    MEDIA_OFD,
    MEDIA_PDF,
    MEDIA_TXT,
    MEDIA_WPS,
    ReadText,
    SourceDocument,
    doc_id_for,
)
from govtrace.settings import Settings

_Reader = Callable[[bytes, Path], ReadText]


def _read_txt(data: bytes, path: Path) -> ReadText:
    decoded = decode_text(data, path)
    return ReadText(decoded.text, MappedText.identity(decoded.text), decoded.encoding)


def _read_html(data: bytes, path: Path) -> ReadText:
    # A <meta charset> can lie (pages re-saved as UTF-8 keep their gb2312 tag), so the
    # bytes decide, as for .txt.
    decoded = decode_text(data, path)
    return ReadText(decoded.text, article_text(decoded.text), decoded.encoding)


def _read_docx(data: bytes, path: Path) -> ReadText:
    paragraphs = list(_docx_paragraphs(data, path))
    text = "\n".join(paragraphs)
    return ReadText(text, MappedText.identity(text))


def _docx_paragraphs(data: bytes, path: Path) -> Iterator[str]:
    """Paragraph texts in document order, table cells included (merged cells once)."""
    import io

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
    # lxml's XMLSyntaxError is a SyntaxError: a damaged part of the package
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, SyntaxError, EOFError) as exc:
        raise IngestError(INGEST_TRUNCATED, f"not a readable Word document ({exc})",
                          location=Location(file=str(path))) from exc

    def walk(items: Iterator[object]) -> Iterator[str]:
        for item in items:
            if isinstance(item, Table):
                # a merged cell appears once per grid position; the set keeps its element
                # alive, so identity comparison is sound (an id() could be reused)
                seen: set[object] = set()
                for row in item.rows:
                    for cell in row.cells:
                        if cell._tc not in seen:
                            seen.add(cell._tc)
                            yield from walk(cell.iter_inner_content())
            else:
                yield item.text  # type: ignore[attr-defined]

    yield from walk(document.iter_inner_content())


READERS: dict[str, tuple[str, _Reader]] = {
    ".txt": (MEDIA_TXT, _read_txt),
    ".text": (MEDIA_TXT, _read_txt),
    ".html": (MEDIA_HTML, _read_html),
    ".htm": (MEDIA_HTML, _read_html),
    ".docx": (MEDIA_DOCX, _read_docx),
    ".pdf": (MEDIA_PDF, read_pdf),
    ".doc": (MEDIA_DOC, read_doc),
    ".wps": (MEDIA_WPS, read_doc),  # WPS Writer's .wps is a Word 97 compound file
    ".ofd": (MEDIA_OFD, read_ofd),  # refused with a coded error: no reader (readers_ofd)
}


def is_supported(path: Path) -> bool:
    """Whether ``path``'s extension names a format govtrace reads."""
    return path.suffix.lower() in READERS


def read_source(
    path: Path, *, settings: Settings, metadata: DocumentMetadata | None = None
) -> SourceDocument:
    """Read, check and decode one file; raise a coded :class:`IngestError` when it is unusable."""
    where = Location(file=str(path))
    entry = READERS.get(path.suffix.lower())
    if entry is None:
        raise IngestError(INGEST_UNSUPPORTED, f"unknown extension {path.suffix or '(none)'!r}",
                          location=where)
    media_type, reader = entry
    data = _read_bytes(path, settings.max_file_bytes)
    if not data:
        raise IngestError(INGEST_EMPTY, "the file is empty (0 bytes)", location=where)
    read = reader(data, path)
    source_text, content = read.source_text, read.content
    if not content.text.strip():
        raise IngestError(INGEST_EMPTY, "the file holds no readable text", location=where)
    return SourceDocument(
        path=path,
        doc_id=doc_id_for(path),
        media_type=media_type,
        encoding=read.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        source_text=source_text,
        content=content,
        metadata=metadata,
        pages=read.pages,
        lines=read.lines,
        reader=read.reader,
        page_meta=page_meta(source_text) if media_type == MEDIA_HTML else None,
    )


def _read_bytes(path: Path, limit: int) -> bytes:
    where = Location(file=str(path))
    try:
        size = path.stat().st_size
        if size > limit:
            raise IngestError(INGEST_TOO_LARGE, f"{size} bytes, more than the limit of {limit}",
                              location=where)
        with path.open("rb") as handle:
            # what stat() saw, then what the file may have grown by since, up to the limit:
            # one read of limit + 1 bytes allocated a buffer of the limit for every file
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limit + 1 - len(data))
    except OSError as exc:
        raise IngestError(INGEST_UNREADABLE, f"cannot read the file: {exc.strerror or exc}",
                          location=where) from exc
    if len(data) > limit:
        raise IngestError(INGEST_TOO_LARGE, f"more than the limit of {limit} bytes",
                          location=where)
    return data
