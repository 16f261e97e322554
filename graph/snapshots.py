"""The server's consistent views of an embedded store: RocksDB checkpoints beside it.

A read-only Oxigraph handle opened on the store directory sees whatever is on disk at the
moment it opens, and opening one while another process writes the directory is undefined
behaviour (pyoxigraph's ``Store.read_only``). So the server's readers (the query workers
and the JSON API) never open the store itself: they open a *snapshot*, a checkpoint of it
(``Store.backup``: hard links to RocksDB's immutable files, a few milliseconds and a few
kilobytes) that nobody writes. Every reader asks for the current snapshot, so all answer
from the same data however often workers are replaced; a new snapshot is published after
each SPARQL Update and when a build has replaced the store (see :class:`StoreVersion`), and
the old one is deleted once its last reader is done with it.

The checkpoints live in ``<store>.snapshots/<pid>-…/<generation>``, one folder per server
process, removed when it stops; a folder left by a killed server is removed by the next
one that starts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


def snapshots_dir(store_dir: Path) -> Path:
    return store_dir.with_name(store_dir.name + ".snapshots")


@dataclass(frozen=True)
class Snapshot:
    path: Path
    generation: int


@dataclass(frozen=True)
class StoreVersion:
    """What tells one store directory apart from the one a build swaps in for it.

    A build writes a copy of the store and renames it into place
    (:mod:`govtrace.graph.build_staging`), so a finished build shows as a new inode; the
    change time also moves on any write in place."""

    inode: int
    changed_ns: int

    @classmethod
    def of(cls, store_dir: Path) -> StoreVersion | None:
        try:
            stat = store_dir.stat()
        except FileNotFoundError:  # between a build's two renames
            return None
        return cls(stat.st_ino, stat.st_ctime_ns)


class Snapshots:
    """The current snapshot, and how many readers use each one."""

    def __init__(self, store_dir: Path) -> None:
        root = snapshots_dir(store_dir)
        root.mkdir(parents=True, exist_ok=True)
        _remove_orphans(root)
        self._dir = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))
        self._lock = threading.Lock()
        self._current: Snapshot | None = None
        self._users: Counter[Snapshot] = Counter()
        self._generation = 0

    def next_path(self) -> Path:
        """Where the next checkpoint goes (it must not exist yet)."""
        return self._dir / str(self._generation + 1)

    def publish(self, path: Path) -> Snapshot:
        """Make the checkpoint at ``path`` the one new readers get."""
        with self._lock:
            self._generation += 1
            old, self._current = self._current, Snapshot(path, self._generation)
            if old is not None and not self._users[old]:
                _remove(old)
            return self._current

    @property
    def current(self) -> Snapshot:
        assert self._current is not None, "no snapshot published yet"
        return self._current

    def retain(self) -> Snapshot:
        """The current snapshot, kept on disk until :meth:`release`."""
        with self._lock:
            snapshot = self.current
            self._users[snapshot] += 1
            return snapshot

    def release(self, snapshot: Snapshot) -> None:
        with self._lock:
            self._users[snapshot] -= 1
            if not self._users[snapshot]:
                del self._users[snapshot]
                if snapshot != self._current:
                    _remove(snapshot)

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)


def _remove(snapshot: Snapshot) -> None:
    shutil.rmtree(snapshot.path, ignore_errors=True)


def _remove_orphans(root: Path) -> None:
    for folder in root.iterdir():
        pid = folder.name.partition("-")[0]
        if pid.isascii() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
