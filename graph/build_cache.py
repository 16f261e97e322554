"""Where a build keeps what it remembers between builds, and how it reads and writes it.

Each cache is a pickle (our own file, written by this code) in ``data_dir/cache``,
keyed by the store's location and govtrace's version, so a new extractor never
reuses what an older one computed; a killed build leaves the previous file whole.
A large cache is written as a head and pieces, each a pickle of its own (:func:`save`).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from govtrace.graph.store_factory import store_location
from govtrace.settings import Settings

PIECE = 1000
"""Records per piece of a cache saved in pieces."""


def cache_path(settings: Settings, name: str) -> Path:
    """The file of cache ``name`` for the store ``settings`` points at."""
    from importlib.metadata import version

    key = hashlib.sha256(f"{store_location(settings)}|{version('govtrace')}".encode()
                         ).hexdigest()[:16]
    return settings.data_dir / "cache" / f"{name}-{key}.pickle"


def load(path: Path) -> Any:
    """The cached object (the head of a cache saved in pieces), or None when there is none
    yet."""
    return next(load_pieces(path), None)


def load_pieces(path: Path) -> Iterator[Any]:
    """The cached head, then each piece saved after it (none when there is no file)."""
    if not path.is_file():
        return
    with path.open("rb") as handle:
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return


def save(path: Path, value: object, pieces: Iterable[object] = ()) -> None:
    """Write ``value`` and then each of ``pieces`` beside the old file, then replace it in
    one step (:func:`write_aside`, :func:`put_in_place`)."""
    put_in_place(write_aside(path, value, pieces), path)


def write_aside(path: Path, value: object, pieces: Iterable[object] = ()) -> Path:
    """Write ``value`` and then each of ``pieces`` into a file beside ``path``, which no load
    reads until :func:`put_in_place` renames it; returns that file. Each piece is a pickle of
    its own because a pickler keeps every object it has written (its memo, so that an object
    met twice is written once) to the end of a dump: the slim records of 10,000 documents
    pickled as one took 271 MB more at the build's end; pieces of :data:`PIECE` records hold
    a few megabytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        for piece in pieces:
            pickle.dump(piece, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return partial


def discard_aside(path: Path) -> None:
    """Remove what :func:`write_aside` left beside ``path`` and nothing put in place."""
    path.with_suffix(".partial").unlink(missing_ok=True)


def put_in_place(written: Path, path: Path) -> None:
    """The file :func:`write_aside` wrote becomes the cache ``path``, in one step."""
    written.replace(path)
