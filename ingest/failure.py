"""One document that could not be taken in, and why: what ``govtrace ingest`` and
``govtrace build`` report for a file they read, extract or store no part of.

A value, not an exception: it crosses from the build's worker processes (so it
pickles), and a batch collects it and goes on with the next file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govtrace.errors import GovtraceError, Location


@dataclass(frozen=True)
class IngestFailure:
    """The coded error that stopped one file, kept as the error had it."""

    file: Path
    code: str
    """The ``GT-…`` code (``docs/errors.md``)."""
    message: str
    """The whole message: what was wrong, where, and the hint."""
    hint: str
    location: Location | None = None
    """Where the problem is, which may be another file (a broken ``metadata.toml``)."""

    @classmethod
    def of(cls, file: Path, error: GovtraceError) -> IngestFailure:
        return cls(file, error.code, error.message, error.hint, error.location)
