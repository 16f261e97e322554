"""Issue 16, target 6 (peak RSS at most 4 GB at 30k): the slim records the build holds share
their pydantic fields sets, and stay the same records; the memory a build frees goes back to
the system before workers are forked."""

from __future__ import annotations

import ctypes
import pickle
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from govtrace.graph import build_cache
from govtrace.graph.build import CachedBuild, CacheSave, RecordCache, demo_corpus
from govtrace.graph.build_memory import give_back_free_memory, share_fields_sets
from govtrace.graph.build_workers import slim
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ingest.record import DocumentRecord
from govtrace.settings import Settings


def _models(model: BaseModel) -> Iterator[BaseModel]:
    yield model
    for value in model.__dict__.values():
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, BaseModel):
                yield from _models(item)


@pytest.fixture(scope="module")
def records() -> list[DocumentRecord]:
    ingested = ingest_paths([demo_corpus()], settings=Settings(), extract=extract_record)
    # as the build process gets them: slim, and unpickled from a worker
    return [pickle.loads(pickle.dumps(slim(r))) for r in ingested.records]


def test_records_share_one_fields_set_per_content_issue_16(
        records: list[DocumentRecord]) -> None:
    before = [pickle.dumps(r) for r in records]
    models = [m for r in records for m in _models(share_fields_sets(r))]
    sets = {id(m.__pydantic_fields_set__) for m in models}
    contents = {frozenset(m.__pydantic_fields_set__) for m in models}
    assert len(models) > 100
    assert len(sets) == len(contents)  # one object per content: unshared, one per model
    # the same records: equal, and pickled to the same fields
    assert [pickle.loads(b) for b in before] == records
    assert [pickle.loads(pickle.dumps(r)) for r in records] == records


def test_a_copy_of_a_shared_record_leaves_the_others_sets_alone_issue_16(
        records: list[DocumentRecord]) -> None:
    first, second = (share_fields_sets(r) for r in records[:2])
    seen = set(second.__pydantic_fields_set__)
    copied = first.model_copy(update={"canonical_title": "x"})
    assert copied.canonical_title == "x"
    assert second.__pydantic_fields_set__ == seen
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__


def _resident_mb() -> float:
    status = Path("/proc/self/status").read_text().splitlines()
    return int(next(line for line in status if line.startswith("VmRSS")).split()[1]) / 1024


@pytest.mark.skipif(not Path("/proc/self/status").is_file()
                    or getattr(ctypes.CDLL(None), "malloc_trim", None) is None,
                    reason="glibc's malloc_trim and /proc")
def test_freed_heap_pages_go_back_to_the_system_issue_16() -> None:
    blocks = [bytes(4000) for _ in range(50_000)]  # 200 MB of malloc's heap (below mmap's size)
    pinned = bytes(4000)  # above them: the heap's top stays in use, free() cannot shrink it
    del blocks
    before = _resident_mb()
    give_back_free_memory()
    assert before - _resident_mb() > 100
    assert len(pinned) == 4000


def test_the_record_cache_is_written_in_pieces_and_read_whole_issue_16(
        tmp_path: Path, records: list[DocumentRecord], monkeypatch: pytest.MonkeyPatch) -> None:
    """A pickler keeps every object it wrote until its dump ends: the records go in pieces of
    ``PIECE``, each its own pickle, after the rest of the cache."""
    monkeypatch.setattr(build_cache, "PIECE", 2)
    settings = Settings(data_dir=tmp_path)
    by_id = {r.source.doc_id: r for r in records}
    files = {f"{doc_id}.txt": doc_id for doc_id in by_id}
    CacheSave(RecordCache(settings), CachedBuild(by_id, files, {})).commit()
    pieces = list(build_cache.load_pieces(RecordCache(settings).path))
    assert len(pieces) == 1 + (len(by_id) + 1) // 2 and pieces[0].records == {}
    loaded = RecordCache.load(settings)
    assert loaded.records == by_id and loaded.files == files
    sets = {frozenset(m.__pydantic_fields_set__): id(m.__pydantic_fields_set__)
            for r in loaded.records.values() for m in _models(r)}
    assert all(id(m.__pydantic_fields_set__) == sets[frozenset(m.__pydantic_fields_set__)]
               for r in loaded.records.values() for m in _models(r))


def test_a_record_cache_written_whole_is_still_read_issue_16(
        tmp_path: Path, records: list[DocumentRecord]) -> None:
    settings = Settings(data_dir=tmp_path)
    by_id = {r.source.doc_id: r for r in records}
    build_cache.save(RecordCache(settings).path, CachedBuild(by_id, {}, {}))
    assert RecordCache.load(settings).records == by_id


def _model_classes(model: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    """Every model class a field of ``model`` can hold, however nested in its annotation."""
    def walk(annotation: object) -> None:
        if (isinstance(annotation, type) and issubclass(annotation, BaseModel)
                and annotation not in seen):
            seen.add(annotation)
            _model_classes(annotation, seen)
        for argument in typing.get_args(annotation):
            walk(argument)

    for info in model.model_fields.values():
        walk(info.annotation)


def test_every_model_a_record_can_hold_is_frozen_issue_16() -> None:
    """Sharing one fields set between instances is safe only while no instance can add to
    it: every model class a record holds must refuse assignment (``frozen``)."""
    seen: set[type[BaseModel]] = {DocumentRecord}
    _model_classes(DocumentRecord, seen)
    assert len(seen) > 10  # the walk reached the nested models (spans, facts, tasks…)
    assert [m.__name__ for m in seen if not m.model_config.get("frozen")] == []


def test_the_records_stay_frozen_through_the_duplicates_and_works_steps_issue_16(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading gives the records back to the collector when it ends and linking freezes them
    again; between the two, the duplicates and works steps each set off a full collection
    that walked every record (at 10,000 documents 1.2 and 1.4 s of one core)."""
    import gc

    import govtrace.graph.build as build_module

    frozen: dict[str, int] = {}

    def noting(name: str) -> typing.Any:
        run = getattr(build_module, name)

        def step(*args: typing.Any, **kwargs: typing.Any) -> typing.Any:
            frozen[name] = gc.get_freeze_count()
            return run(*args, **kwargs)
        return step

    for name in ("settle_copies", "settle_works"):
        monkeypatch.setattr(build_module, name, noting(name))
    gc.unfreeze()  # what an earlier test of the session froze
    settings = Settings(store_dir=tmp_path / "store", data_dir=tmp_path / "data", workers=1)
    build_module.build(settings, [demo_corpus()])
    assert frozen["settle_copies"] > 0 and frozen["settle_works"] > 0
