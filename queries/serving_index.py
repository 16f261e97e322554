"""The server's indexes, written by ``govtrace build`` beside the data and opened at start.

Read at start instead, the cited tasks took 66 s to the first ``/api/mandates`` answer at
30,000 documents and the search passages 42 s at 10,000; every ``/api/coverage`` question
took 12 s at 10,000. :func:`write_index` computes all of them
(:class:`~govtrace.queries.prebuilt.Prebuilt`) right after a build has put its store in
place, and :func:`open_index` opens them: each part (the cited tasks, the passages, the
corpus answers) is a file read on its first use, so a question waits only for its own.

How the build runs it without the graph part importing this one (data flows graph →
queries, ``tests/test_architecture.py``): :func:`write_index` is registered under the
``govtrace.indexes`` entry-point group in ``pyproject.toml``, which ``graph/build.py``
loads by name, as the core loads the parts' commands from ``govtrace.commands``.

Where: ``govtrace-index/`` inside the store's directory, so it moves with the store when a
build swaps its copy in, and is removed with it. RocksDB leaves alone what it did not
write there.

Never older than its store: the index carries the *stamp* of the store it was computed
from, the name and size of each of RocksDB's table files (``*.sst``: numbered, never
reused, never changed once written) and of each non-empty write-ahead log (``*.log``, where
a write lands before it reaches a table). Its other files (``MANIFEST-*``, ``OPTIONS-*``,
``LOG``) are rewritten by every opening for writing, which the server's snapshots do, and
hold no data. The index step opens the store for writing once before it stamps it, so that
RocksDB drops the logs a bulk load left behind whose writes are all in tables (it would do
it at the server's first snapshot, and the stamp would change under the index). The server
compares the stamps when it opens a snapshot; an index of another state is refused
(GT-QUERY-008, logged) and the server reads the indexes from the store in the background
as it did before there were any. A build that changes nothing writes the index again only
if it is missing or stale.

The format is :mod:`pickle`: the index is objects (strings, tuples, pydantic models) that
the server needs as objects, and unpickling them is several times faster than reading the
same from JSON and validating it again. It is read only from the store's own directory,
which the server trusts as much as the store itself.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import tempfile
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from govtrace.errors import QUERY_INDEX_STALE, Location, QueryError, StoreError
from govtrace.graph.store_factory import open_snapshot
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ontology.iris import IriScheme
from govtrace.queries.answers import Answers
from govtrace.queries.coverage import coverage_by_year
from govtrace.queries.entities import documents, regulations
from govtrace.queries.lazy import Lazy
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.prebuilt import CorpusAnswers, Prebuilt
from govtrace.queries.rows import Ids
from govtrace.settings import Settings

INDEX_DIR = "govtrace-index"
INDEX_PARTS = ("citing_tasks", "passages", "corpus")  # Prebuilt's fields, one file each
STAMP_FILE = "stamp"
FORMAT = 3  # raised when a part changes shape: an index of another format is stale
DATA_FILES = (".sst", ".log")  # the only files of the store holding its data

_log = logging.getLogger(__name__)


def index_dir(store_dir: Path) -> Path:
    return store_dir / INDEX_DIR


def store_stamp(store_dir: Path) -> str:
    """What tells this state of the store's data apart from any other (see the module's
    doc); an index computed from another state has another stamp."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for entry in sorted(os.scandir(store_dir), key=lambda e: e.name):
        if entry.name.endswith(DATA_FILES) and (size := entry.stat().st_size):
            digest.update(f"{entry.name} {size}\n".encode())
    return digest.hexdigest()


def _settle(settings: Settings) -> None:
    """Open the store for writing and close it: RocksDB then drops the logs whose writes
    are all in tables, as the server's first snapshot would (see the module's doc). Skipped
    when another process writes it (a server's update): the stamp then holds until it
    does."""
    try:
        EmbeddedStore.open(settings).close()
    except StoreError:
        _log.info("the store is open for writing elsewhere; stamped as it is")


def compute(answers: Answers) -> dict[str, object]:
    """Every index and whole-corpus answer of ``answers``' graph, by part."""
    ids = Ids(answers.scheme)
    by_year = coverage_by_year(answers.service, ids)
    return {"citing_tasks": answers.citing_tasks.get(), "passages": answers.passages.get(),
            "corpus": CorpusAnswers(
                coverage=by_year,
                coverage_years=sorted(year for year in by_year if year is not None),
                regulations=regulations(answers.service, ids),
                documents=documents(answers.service, ids))}


def write_index(settings: Settings) -> bool:
    """Compute the index of the embedded store ``settings`` name and write it into the
    store (the ``govtrace.indexes`` step of a build); False when there was nothing to do
    (a remote store, which others may change, or an index of this state already there)."""
    probe = open_snapshot(settings)  # None for a remote store, which others may change
    if probe is None:
        return False
    probe.close()  # before the store is opened for writing (_settle)
    store_dir = settings.resolved_store_dir
    _settle(settings)
    stamp = store_stamp(store_dir)
    if _stamp_written(store_dir) == stamp:
        return False
    snapshot = open_snapshot(settings)  # read-only
    assert snapshot is not None  # (embedded)
    try:
        parts = compute(Answers(OxigraphRows(snapshot), IriScheme(settings.base_iri)))
    finally:
        snapshot.close()
    # Written whole beside the old one, then swapped in: a reader sees one or the other.
    staging = Path(tempfile.mkdtemp(prefix=INDEX_DIR + ".", dir=store_dir.parent))
    try:
        for name, part in parts.items():
            with (staging / f"{name}.pickle").open("wb") as out:
                pickle.dump(part, out, protocol=pickle.HIGHEST_PROTOCOL)
        (staging / STAMP_FILE).write_text(stamp)
        old = index_dir(store_dir)
        if old.exists():
            shutil.rmtree(old)
        staging.rename(old)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return True


def _stamp_written(store_dir: Path) -> str | None:
    try:
        return (index_dir(store_dir) / STAMP_FILE).read_text()
    except OSError:
        return None


def open_index(store_dir: Path, stamp: str) -> Prebuilt:
    """The index written for the store state ``stamp``, each part read on its first use;
    GT-QUERY-008 when there is none or it was computed from another state."""
    where = index_dir(store_dir)
    files = {}
    try:
        for name in INDEX_PARTS:  # opened now: a build replacing the index cannot change them
            files[name] = (where / f"{name}.pickle").open("rb")
        written = _stamp_written(store_dir)  # read after: the stamp of the files opened
    except OSError:
        written = None
    if written != stamp:
        for file in files.values():
            file.close()
        raise QueryError(QUERY_INDEX_STALE, (
            "the store has no index" if written is None else
            "the index was computed from another state of the store"),
            location=Location(file=str(where)))
    return Prebuilt(stamp, citing_tasks=Lazy(partial(_load, files["citing_tasks"])),
                    passages=Lazy(partial(_load, files["passages"])),
                    corpus=Lazy(partial(_load, files["corpus"])))


def _load(file: BinaryIO) -> Any:
    with file:
        return pickle.load(file)  # the store's own file (the module's doc)


def try_open_index(store_dir: Path, stamp: str) -> Prebuilt | None:
    """:func:`open_index`, or None with the reason logged (the server then reads the
    indexes from the store)."""
    try:
        return open_index(store_dir, stamp)
    except QueryError as refused:
        _log.warning("%s", refused.message)
        return None
