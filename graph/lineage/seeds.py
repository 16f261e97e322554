"""The seed corpus as records: the five demo documents plus the national outline."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from govtrace.errors import LINEAGE_SEEDS_UNREADABLE, LineageError
from govtrace.ingest.record import DocumentRecord
from govtrace.settings import Settings


def demo_dir() -> Path:
    return Path(str(files("govtrace.data") / "demo"))


def seed_records(settings: Settings) -> list[DocumentRecord]:
    """Ingest the demo corpus (no store needed) and add the national outline's record."""
    from govtrace.ingest.batch import ingest_paths
    from govtrace.ingest.extract import extract_record
    from govtrace.ingest.outline import national_outline_record

    batch = ingest_paths([demo_dir()], settings=settings, extract=extract_record)
    if batch.failures:
        first = batch.failures[0]
        raise LineageError(LINEAGE_SEEDS_UNREADABLE,
                           f"the seed {first.file} did not ingest: {first.message}")
    return [*batch.records, national_outline_record()]
