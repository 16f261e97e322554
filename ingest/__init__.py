"""govtrace.ingest: read documents, normalize them, extract their records.

``read_and_extract(path, settings)`` is the one-call path from a file to its
:class:`~govtrace.ingest.record.DocumentRecord`, the same path
(:mod:`govtrace.ingest.pipeline`) that ``govtrace ingest`` and the build take
(imports are deferred so that importing the package stays cheap).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govtrace.ingest.metadata import DocumentMetadata
    from govtrace.ingest.record import DocumentRecord
    from govtrace.settings import Settings

__all__ = ["read_and_extract"]


def read_and_extract(path: Path, settings: Settings,
                     metadata: DocumentMetadata | None = None) -> DocumentRecord:
    """Read ``path``, normalize its text and extract its record (coded IngestError on failure)."""
    from govtrace.ingest.extract import extract_record
    from govtrace.ingest.pipeline import extract_file

    return extract_file(path, settings=settings, extract=extract_record,
                        metadata=metadata).record
