"""Every build of an embedded store writes a copy and swaps it in whole, or leaves the store
as it was.

A first build fills an empty ``<store>.building``; an update fills a RocksDB checkpoint
of the store there (``Store.backup``: hard links to the store's immutable files, so it
costs milliseconds and little disk until the update writes). A build that fails (the disk
full, a store fault, a bug) or is killed leaves the store untouched and its copy is
removed. When the copy is complete it takes the store's place by two renames; a build
killed between them leaves the previous store as ``<store>.previous``, which the next
build (holding the build lock) puts back.
"""

from __future__ import annotations

import errno
import os
import shutil
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from govtrace.errors import STORE_DISK_FULL, GovtraceError, Location, StoreError
from govtrace.graph.store_oxigraph import EmbeddedStore, is_disk_full
from govtrace.settings import Settings

R = TypeVar("R")


def staging_dir(store_dir: Path) -> Path:
    return store_dir.with_name(store_dir.name + ".building")


def previous_dir(store_dir: Path) -> Path:
    return store_dir.with_name(store_dir.name + ".previous")


def recover(store_dir: Path) -> None:
    """Undo what a killed build left: its copy, and a swap it did not finish. Call it
    holding the build lock."""
    previous = previous_dir(store_dir)
    if previous.exists():
        if store_dir.exists():
            shutil.rmtree(previous)  # the new store was in place: only the old one's removal
        else:
            previous.rename(store_dir)  # killed between the renames: the old store is whole
    shutil.rmtree(staging_dir(store_dir), ignore_errors=True)


def build_staged(settings: Settings, store_dir: Path,
                 fill: Callable[[EmbeddedStore], R]) -> R:
    """Run ``fill`` on a copy of the store at ``store_dir`` (an empty store when there is
    none yet) and swap the copy in when ``fill`` returns; on any error, drop the copy and
    leave the store as it was. Call it holding the build lock."""
    staging = staging_dir(store_dir)
    staging.parent.mkdir(parents=True, exist_ok=True)
    size = _size(store_dir)
    store: EmbeddedStore | None = None
    try:
        if store_dir.exists():
            _checkpoint(settings, store_dir, staging)
        store = EmbeddedStore.open(settings, path=staging)
        result = fill(store)
        store.close()  # flushed here, so a full disk fails the build, not the next open
    except BaseException as exc:
        # The failed copy's handle goes before its directory: the traceback's frames would
        # keep it open (and RocksDB writing into a deleted directory) until it is dropped.
        traceback.clear_frames(exc.__traceback__)
        store = None
        written = _size(staging)
        shutil.rmtree(staging, ignore_errors=True)
        if _ran_out_of_space(exc):
            raise _disk_full(store_dir, size, written) from exc
        raise
    del store
    _swap_in(staging, store_dir)
    return result


def _checkpoint(settings: Settings, store_dir: Path, staging: Path) -> None:
    # Opened for writing (not read-only) so that, as before staging, a SPARQL Update through
    # a running server cannot write the store meanwhile and be lost in the swap.
    live = EmbeddedStore.open(settings, path=store_dir)
    live.oxigraph.backup(str(staging))
    del live


def _swap_in(staging: Path, store_dir: Path) -> None:
    previous = previous_dir(store_dir)
    if store_dir.exists():
        store_dir.rename(previous)
    staging.rename(store_dir)
    shutil.rmtree(previous, ignore_errors=True)


def _ran_out_of_space(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, GovtraceError) and seen.error is STORE_DISK_FULL:
            return True
        if isinstance(seen, OSError) and (seen.errno == errno.ENOSPC or is_disk_full(seen)):
            return True
        seen = seen.__cause__
    return False


def _disk_full(store_dir: Path, size: int, written: int) -> StoreError:
    where = store_dir.parent
    free = shutil.disk_usage(where).free
    state = (f"the store {store_dir} is as it was before it" if size else
             f"no store was made at {store_dir}")
    return StoreError(
        STORE_DISK_FULL,
        f"the disk holding {where} ran out of space during the build, when its working "
        f"copy of the store had reached {_mb(written)}; {state} ({_mb(free)} free now)",
        location=Location(file=str(where)),
        hint=f"Free more than {_mb(max(written, size))} on the disk of {where} (a build "
             "writes a working copy of the store, which its new documents and compaction "
             "grow to about the store's size), then run the build again.")


def _size(directory: Path) -> int:
    if not directory.is_dir():
        return 0
    return sum(entry.stat().st_size for entry in os.scandir(directory) if entry.is_file())


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"
