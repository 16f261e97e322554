"""Ingest many files: one unusable file never stops the others.

Each file goes through :func:`~govtrace.ingest.pipeline.ingest_file`, which
gives either a complete record or the file's :class:`IngestFailure`; so a
failure leaves nothing half-extracted behind, only an entry in
:attr:`BatchResult.failures`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Generic, TypeVar

from govtrace.errors import IngestError
from govtrace.ingest.failure import IngestFailure
from govtrace.ingest.metadata import SIDECAR_NAME, DocumentMetadata, load_sidecar, metadata_for
from govtrace.ingest.pipeline import Extract, Ingested, ingest_file
from govtrace.ingest.readers import is_supported
from govtrace.ingest.walk import walk
from govtrace.settings import Settings

R = TypeVar("R")


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
    extract: Extract[R],
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
    extract: Extract[R],
) -> Iterator[Ingested[R] | IngestFailure | _Skipped]:
    """Like :func:`ingest_paths`, yielding each file's outcome as soon as it is known."""
    for entry in expand(paths):
        if isinstance(entry, _Skipped):
            yield entry
            continue
        path, metadata = entry
        if isinstance(metadata, IngestFailure):
            yield metadata
        else:
            yield ingest_file(path, settings=settings, extract=extract, metadata=metadata)


def expand(
    paths: Iterable[Path],
) -> Iterator[_Skipped | tuple[Path, DocumentMetadata | IngestFailure | None]]:
    """Files to ingest with their sidecar metadata, or the failure that rules a file out
    before it is read (not a regular file or a link loop, a name not in UTF-8, a broken
    sidecar), and the files skipped for their extension; directories are walked in sorted
    order (:mod:`~govtrace.ingest.walk`).

    Two files of one name in two folders (附件1.pdf of two counties) are two documents: a
    file is never refused for its name. Which files are one document is decided on what
    their text identifies (:mod:`~govtrace.ingest.identity`), after they are read."""
    sidecars: dict[Path, dict[str, DocumentMetadata] | IngestFailure] = {}
    for given in paths:
        for found in walk(given):
            if isinstance(found, IngestFailure):
                yield found.file, found  # not a readable file: a pipe, a link loop …
            elif found != given and found.name == SIDECAR_NAME:
                continue
            elif found != given and not is_supported(found):
                yield _Skipped(found)
            else:
                yield found, _metadata_or_failure(found, sidecars)


def _metadata_or_failure(
    path: Path, sidecars: dict[Path, dict[str, DocumentMetadata] | IngestFailure],
) -> DocumentMetadata | IngestFailure | None:
    directory = path.parent
    if directory not in sidecars:
        sidecar = directory / SIDECAR_NAME
        try:
            sidecars[directory] = load_sidecar(sidecar) if sidecar.is_file() else {}
        except IngestError as exc:
            sidecars[directory] = IngestFailure.of(sidecar, exc)
    entries = sidecars[directory]
    if isinstance(entries, IngestFailure):
        # every file of the directory fails alike: its curated facts are unknown (the
        # location still names the sidecar)
        return replace(entries, file=path, message=f"{path.name} not ingested: "
                                                   f"{entries.message}")
    return metadata_for(path, entries)
