"""Issue 16, target 6 (a 30k build in 15 minutes): a first build counts its store and pickles
its record cache while Oxigraph compacts the store on the other core, and the cache still
becomes visible only once the store it describes is in place; the tail runs with the records
frozen out of the garbage collector's walks."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import govtrace.graph.build as build_module
import govtrace.graph.build_staging as build_staging
from govtrace.graph import build_cache
from govtrace.graph.build import RecordCache, build
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.settings import Settings


class _Compacting:
    """The store's pyoxigraph handle, whose ``optimize`` records when it ran and waits (a
    bounded time) for the record cache to be pickled: run one after the other, as before,
    the cache is not there yet when it returns."""

    def __init__(self, db: ox.Store, events: list[str], written: threading.Event) -> None:
        self._db, self._events, self._written = db, events, written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    def optimize(self) -> None:
        self._events.append("compaction starts")
        beside = self._written.wait(timeout=60)
        self._db.optimize()
        self._events.append("compaction ends" if beside else "compaction ends alone")


def test_the_record_cache_is_pickled_beside_the_compaction_issue_16(
        tmp_path: Path, demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store", workers=1)
    events: list[str] = []
    written = threading.Event()
    handle = EmbeddedStore.oxigraph
    monkeypatch.setattr(EmbeddedStore, "oxigraph", property(
        lambda store: _Compacting(handle.fget(store), events, written)))  # type: ignore[attr-defined]
    write_aside, put_in_place = build_cache.write_aside, build_cache.put_in_place
    swap_in = build_staging._swap_in
    cache_file = RecordCache(settings).path

    def writing(path: Path, *args: Any) -> Path:
        if path != cache_file:  # another cache (the duplicates' fingerprints)
            return write_aside(path, *args)
        events.append("cache pickled")
        try:
            return write_aside(path, *args)
        finally:
            written.set()

    def placing(written_file: Path, path: Path) -> None:
        if path == cache_file:
            events.append("cache in place")
        put_in_place(written_file, path)

    def swapping(staging: Path, store_dir: Path) -> None:
        assert not cache_file.exists()  # a cache is never newer than the store in place
        events.append("store in place")
        swap_in(staging, store_dir)

    monkeypatch.setattr(build_cache, "write_aside", writing)
    monkeypatch.setattr(build_cache, "put_in_place", placing)
    monkeypatch.setattr(build_staging, "_swap_in", swapping)
    # the records, never garbage in the tail, are out of the collector's reach there
    frozen: dict[str, int] = {}

    def noting(name: str) -> Any:
        run = getattr(build_module, name)

        def step(*args: Any, **kwargs: Any) -> Any:
            frozen[name] = gc.get_freeze_count()
            return run(*args, **kwargs)
        return step

    for name in ("materialize", "_count"):
        monkeypatch.setattr(build_module, name, noting(name))
    report = build(settings, [demo_dir])
    assert frozen["materialize"] > 0 and frozen["_count"] > 0
    # the pickling and the compaction's start race: they run at once
    assert sorted(events[:2]) == ["cache pickled", "compaction starts"]
    assert events[2:] == ["compaction ends", "store in place", "cache in place"]
    assert set(RecordCache.load(settings).records) == set(RecordCache.load(settings).files.values())
    assert report.documents == 5 and report.tasks > 0
    store = EmbeddedStore.open(settings, read_only=True)
    try:
        assert report.triples == store.triple_count()
    finally:
        store.close()


def test_a_first_build_failing_at_the_swap_leaves_no_record_cache_issue_16(
        tmp_path: Path, demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache pickled beside the compaction is never put in place when the store never
    takes its place, and is removed (at 30,000 documents some 440 MB, on a disk that may be
    full): the next build reads nothing stale and reads every file again."""
    settings = Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store", workers=1)

    def failing(staging: Path, store_dir: Path) -> None:
        raise OSError("the rename failed")

    monkeypatch.setattr(build_staging, "_swap_in", failing)
    with pytest.raises(OSError):
        build(settings, [demo_dir])
    assert not RecordCache(settings).path.exists()
    assert not RecordCache(settings).path.with_suffix(".partial").exists()
    assert not RecordCache.load(settings).records
    monkeypatch.undo()
    again = build(settings, [demo_dir])
    assert len(again.changes.added) == 5
    assert RecordCache(settings).path.exists()
