"""What tells one state of an embedded store's data from another, without reading it: the
name and size of each of RocksDB's table files (``*.sst``: numbered, never reused, never
changed once written) and of each non-empty write-ahead log (``*.log``, where a write lands
before it reaches a table). Its other files (``MANIFEST-*``, ``OPTIONS-*``, ``LOG``) are
rewritten by every opening for writing and hold no data.

The server's index is stamped with it (:func:`govtrace.queries.serving_index.store_stamp`),
and a build hands its index step the state it started from, so that the step can tell
whether the index there was of that state and keep what the build did not change.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_FILES = (".sst", ".log")  # the only files of the store holding its data

DataFiles = tuple[tuple[str, int], ...]


def data_files(store_dir: Path) -> DataFiles:
    """The store's non-empty data files, by name, with their sizes."""
    return tuple(sorted((entry.name, size) for entry in os.scandir(store_dir)
                        if entry.name.endswith(DATA_FILES) and (size := entry.stat().st_size)))
