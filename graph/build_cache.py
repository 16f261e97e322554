"""Where a build keeps what it remembers between builds, and how it reads and writes it.

Each cache is a pickle (our own file, written by this code) in ``data_dir/cache``,
keyed by the store's location and govtrace's version, so a new extractor never
reuses what an older one computed; a killed build leaves the previous file whole.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

from govtrace.graph.store_factory import store_location
from govtrace.settings import Settings


def cache_path(settings: Settings, name: str) -> Path:
    """The file of cache ``name`` for the store ``settings`` points at."""
    from importlib.metadata import version

    key = hashlib.sha256(f"{store_location(settings)}|{version('govtrace')}".encode()
                         ).hexdigest()[:16]
    return settings.data_dir / "cache" / f"{name}-{key}.pickle"


def load(path: Path) -> Any:
    """The cached object, or None when there is none yet."""
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return pickle.load(handle)


def save(path: Path, value: object) -> None:
    """Write ``value`` beside the old file, then replace it in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)
