"""The one path from a file to its record: read, normalize, extract, identify.

The record's ``doc_id``, from which all its IRIs are minted, is given by extraction's last
step, from what identifies the document (:mod:`govtrace.ingest.identity`); the id
:func:`~govtrace.ingest.source.doc_id_for` makes of the file name only names the files
that never give a record (their failures).

``govtrace ingest`` (through :mod:`govtrace.ingest.batch`), the build's
extraction workers and the Python API (:func:`govtrace.ingest.read_and_extract`)
all go through :func:`extract_file`, so a file gives the same record, or fails
with the same code, whichever of them reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from govtrace.errors import GovtraceError
from govtrace.ingest.failure import IngestFailure
from govtrace.ingest.metadata import DocumentMetadata
from govtrace.ingest.normalize import normalize
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.readers import read_source
from govtrace.ingest.source import SourceDocument
from govtrace.settings import Settings

R = TypeVar("R")

Extract = Callable[[SourceDocument, MappedText], R]
"""What is made of a file read and normalized: its record
(:func:`~govtrace.ingest.extract.extract_record`), or what a caller needs of it (the build's
graph and fingerprint)."""


@dataclass(frozen=True)
class Ingested(Generic[R]):
    """A file ingested in full: its source and what ``extract`` made of it."""

    source: SourceDocument
    record: R


def extract_file(path: Path, *, settings: Settings, extract: Extract[R],
                 metadata: DocumentMetadata | None = None) -> Ingested[R]:
    """Read ``path`` (within ``settings``' size limit, with its curated ``metadata``),
    normalize its text and ``extract`` from it; raise the coded error that stops it."""
    source = read_source(path, settings=settings, metadata=metadata)
    return Ingested(source, extract(source, normalize(source.content)))


def ingest_file(path: Path, *, settings: Settings, extract: Extract[R],
                metadata: DocumentMetadata | None = None) -> Ingested[R] | IngestFailure:
    """:func:`extract_file`, its coded error returned as the file's failure. Since
    ``extract`` returns a whole record or raises, a failure leaves nothing half-made; any
    other exception is a bug in govtrace and is not swallowed."""
    try:
        return extract_file(path, settings=settings, extract=extract, metadata=metadata)
    except GovtraceError as exc:
        return IngestFailure.of(path, exc)
