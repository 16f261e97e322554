"""Export the whole store in one RDF format."""

from __future__ import annotations

from typing import BinaryIO

from govtrace.graph.store import ExportFormat, open_store
from govtrace.settings import Settings, StoreBackend


def export_store(settings: Settings, fmt: ExportFormat, sink: BinaryIO) -> None:
    """Write the store to ``sink``; an embedded store is opened read-only (safe while serving)."""
    store = open_store(settings, read_only=settings.store_backend is StoreBackend.EMBEDDED)
    try:
        for chunk in store.export(fmt):
            sink.write(chunk)
    finally:
        store.close()
