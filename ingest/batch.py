"""Ingest many files: one unusable file never stops the others.

Each file is read, normalized and handed to an ``extract`` callable that
either returns a complete record or raises a coded
:class:`~govtrace.errors.GovtraceError`; so a failure leaves nothing
half-extracted behind, only an entry in :attr:`BatchResult.failures`.
Anything else raised is a bug in govtrace and is not swallowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from govtrace.errors import INGEST_DUPLICATE, GovtraceError, IngestError, Location
from govtrace.ingest.metadata import SIDECAR_NAME, DocumentMetadata, load_sidecar, metadata_for
from govtrace.ingest.normalize import normalize
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.readers import is_supported, read_source
from govtrace.ingest.source import SourceDocument, doc_id_for
from govtrace.settings import Settings

R = TypeVar("R")


@dataclass(frozen=True)
class IngestFailure:
    """A file that could not be ingested, and why."""

    file: Path
    code: str
    message: str


@dataclass(frozen=True)
class Ingested(Generic[R]):
    """A file ingested in full: its source and the record extracted from it."""

    source: SourceDocument
    record: R


@dataclass
class BatchResult(Generic[R]):
    """Everything one batch produced."""

    ingested: list[Ingested[R]] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    """Files met while walking a directory whose extension govtrace does not read."""

    @property
    def records(self) -> list[R]:
        return [item.record for item in self.ingested]

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class _Skipped:
    path: Path


def ingest_paths(
    paths: Iterable[Path],
    *,
    settings: Settings,
    extract: Callable[[SourceDocument, MappedText], R],
) -> BatchResult[R]:
    """Ingest files, directories (recursively, in sorted order) or a mix of both."""
    result: BatchResult[R] = BatchResult()
    for item in iter_ingest(paths, settings=settings, extract=extract):
        if isinstance(item, Ingested):
            result.ingested.append(item)
        elif isinstance(item, IngestFailure):
            result.failures.append(item)
        else:
            result.skipped.append(item.path)
    return result


def iter_ingest(
    paths: Iterable[Path],
    *,
    settings: Settings,
    extract: Callable[[SourceDocument, MappedText], R],
) -> Iterator[Ingested[R] | IngestFailure | _Skipped]:
    """Like :func:`ingest_paths`, yielding each file's outcome as soon as it is known."""
    seen: dict[str, Path] = {}
    for entry in expand(paths):
        if isinstance(entry, _Skipped):
            yield entry
            continue
        path, metadata = entry
        if isinstance(metadata, IngestFailure):
            yield metadata
            continue
        try:
            claim_id(path, seen)
            source = read_source(path, settings=settings, metadata=metadata)
            yield Ingested(source, extract(source, normalize(source.content)))
        except GovtraceError as exc:
            yield IngestFailure(path, exc.code, exc.message)


def claim_id(path: Path, seen: dict[str, Path]) -> None:
    """Record ``path``'s document id in ``seen``; a second file with the same id fails."""
    doc_id = doc_id_for(path)
    if doc_id in seen:
        raise IngestError(INGEST_DUPLICATE, f"document id {doc_id!r} was already given by "
                          f"{seen[doc_id]}", location=Location(file=str(path)))
    seen[doc_id] = path


def expand(
    paths: Iterable[Path],
) -> Iterator[_Skipped | tuple[Path, DocumentMetadata | IngestFailure | None]]:
    """Files to ingest with their sidecar metadata (or the sidecar's failure), and the
    files skipped for their extension; directories are walked in sorted order."""
    sidecars: dict[Path, dict[str, DocumentMetadata] | IngestFailure] = {}
    for given in paths:
        if given.is_dir():
            for path in sorted(p for p in given.rglob("*") if p.is_file()):
                if path.name.startswith(".") or path.name == SIDECAR_NAME:
                    continue
                if not is_supported(path):
                    yield _Skipped(path)
                    continue
                yield path, _metadata(path, sidecars)
        else:
            yield given, _metadata(given, sidecars)


def _metadata(
    path: Path, sidecars: dict[Path, dict[str, DocumentMetadata] | IngestFailure]
) -> DocumentMetadata | IngestFailure | None:
    directory = path.parent
    if directory not in sidecars:
        sidecar = directory / SIDECAR_NAME
        try:
            sidecars[directory] = load_sidecar(sidecar) if sidecar.is_file() else {}
        except IngestError as exc:
            sidecars[directory] = IngestFailure(sidecar, exc.code, exc.message)
    entries = sidecars[directory]
    if isinstance(entries, IngestFailure):
        # every file of the directory fails alike: its curated facts are unknown
        return IngestFailure(path, entries.code, f"{path.name} not ingested: {entries.message}")
    return metadata_for(path, entries)
