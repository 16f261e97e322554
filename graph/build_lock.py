"""One build at a time per embedded store: an advisory lock on ``<store>.lock`` beside it.

Taken before a build writes anything (its staging copy included) and held until the new
store is in place, so two builds of the same store never write the same directory. The
lock file is never deleted: removing it while another process waits on it would let a
third lock a new file of the same name. ``fcntl.flock`` by hand (a few lines of the
standard library) rather than a lock package, because the message a waiting build prints
names the holder's process id, which the lock file holds.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from govtrace.errors import STORE_BUILD_LOCKED, Location, StoreError


def lock_path(store_dir: Path) -> Path:
    return store_dir.with_name(store_dir.name + ".lock")


@contextmanager
def build_lock(store_dir: Path, *, wait: bool,
               on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the build lock of ``store_dir``; wait for another build to finish (telling
    ``on_wait``), or with ``wait`` False raise ``GT-STORE-005`` at once."""
    path = lock_path(store_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            if not wait:
                raise StoreError(
                    STORE_BUILD_LOCKED,
                    f"another build (process {holder}) is writing the store {store_dir}",
                    location=Location(file=str(path))) from None
            if on_wait is not None:
                on_wait(f"waiting for the build of {store_dir} by process {holder} to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
