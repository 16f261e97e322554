"""Export the whole store in one RDF format."""

from __future__ import annotations

from typing import BinaryIO

from govtrace.graph.store import ExportFormat
from govtrace.graph.store_factory import open_store
from govtrace.settings import Settings


def export_store(settings: Settings, fmt: ExportFormat, sink: BinaryIO) -> None:
    """Write the store to ``sink``; an embedded store is opened read-only (safe while serving)."""
    store = open_store(settings, read_only=True)
    try:
        for chunk in store.export(fmt):
            sink.write(chunk)
    finally:
        store.close()
