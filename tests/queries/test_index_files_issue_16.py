"""Issue 16 target 4: an index part's large arrays are mapped from its file, not read and
copied, and its large strings decoded from the mapping (queries/index_files.py); an index
written before, of plain pickles, still opens."""

from __future__ import annotations

import mmap
import pickle
from pathlib import Path

import numpy as np
import pytest

from govtrace.errors import QUERY_INDEX_STALE, QueryError
from govtrace.queries.citing_tasks import CitingTasks
from govtrace.queries.index_files import (
    ALIGN,
    BIG_TEXT,
    MAGIC,
    part_format,
    read_part,
    write_part,
)
from govtrace.queries.link_details import LinkDetails
from govtrace.queries.serving_index import (
    INDEX_PARTS,
    STAMP_FILE,
    index_dir,
    open_index,
    stale_parts,
    store_stamp,
    write_index,
)
from govtrace.settings import Settings
from tests.support.demo import copy_without_index_part


def round_trip(value: object, path: Path) -> object:
    with path.open("wb") as out:
        write_part(out, value)
    with path.open("rb") as file:
        return read_part(file)


def test_a_parts_arrays_are_views_of_the_mapped_file_issue_16(tmp_path: Path) -> None:
    runs = np.arange(100_000, dtype=np.int32)
    starts = np.arange(7, dtype=np.int64) * 3
    read = round_trip({"runs": runs, "starts": starts, "name": "part"}, tmp_path / "part")
    assert isinstance(read, dict) and read["name"] == "part"
    for name, array in (("runs", runs), ("starts", starts)):
        assert np.array_equal(read[name], array) and read[name].dtype == array.dtype
        # not a copy: a read-only view of the file's pages, aligned for numpy
        assert not read[name].flags.writeable and not read[name].flags.owndata
        base = read[name].base
        while isinstance(base, np.ndarray):
            base = base.base
        assert isinstance(base, memoryview) and isinstance(base.obj, mmap.mmap)
        assert read[name].__array_interface__["data"][0] % ALIGN == 0
    assert (tmp_path / "part").read_bytes().startswith(MAGIC)


@pytest.mark.parametrize("text", [
    "行政规范性文件\n\n" * (BIG_TEXT // 8),  # Chinese: UTF-16
    "abc é\n" * (BIG_TEXT // 5),  # Latin-1
    "😀 a \ud800 lone surrogate " * (BIG_TEXT // 20),  # beyond the BMP, and unpaired
])
def test_a_parts_big_strings_come_back_equal_and_shared_issue_16(
        text: str, tmp_path: Path) -> None:
    small = "不到一兆字的文本"
    read = round_trip((text, [text], small), tmp_path / "part")
    assert isinstance(read, tuple)
    assert read[0] == text and read[1][0] is read[0] and read[2] == small
    # written once, out of band: the file holds no UTF-8 copy of it inside the pickle
    assert (tmp_path / "part").stat().st_size < 2 * 4 * len(text)


def test_an_index_of_plain_pickles_still_opens_issue_16(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # Plain pickles are parts of format 1; the cited tasks' is 2 since they hold their
    # table (such an index is now stale), so this reads them as of the format they were.
    monkeypatch.setattr(CitingTasks, "INDEX_FORMAT", 1)
    store_dir = tmp_path / "store"
    index_dir(store_dir).mkdir(parents=True)
    for name in INDEX_PARTS:
        (index_dir(store_dir) / f"{name}.pickle").write_bytes(pickle.dumps({"part": name}))
    (index_dir(store_dir) / STAMP_FILE).write_text("the stamp")
    prebuilt = open_index(store_dir, "the stamp")
    assert [getattr(prebuilt, name).get() for name in INDEX_PARTS] == [
        {"part": name} for name in INDEX_PARTS]


def test_the_build_writes_each_part_mapped_issue_16(demo_settings: Settings) -> None:
    where = index_dir(demo_settings.resolved_store_dir)
    for name in INDEX_PARTS:
        assert (where / f"{name}.pickle").read_bytes().startswith(MAGIC), name


class NewerPart:
    """A part of a format this govtrace does not know (a newer one's)."""

    INDEX_FORMAT = 7


def write_over(path: Path, value: object) -> None:
    with path.open("wb") as out:
        write_part(out, value)


def format_of(path: Path) -> int:
    with path.open("rb") as file:
        return part_format(file)


def test_a_part_of_another_format_is_refused_not_unpickled_issue_16(
        demo_settings: Settings, tmp_path: Path) -> None:
    """Each part carries its format: one this govtrace does not read is never unpickled (an
    older govtrace failed on a newer link table at the first lineage answer). A later part
    is then missing (its answers ask the store) until a build writes it again, alone of the
    same state; any other makes the index stale (GT-QUERY-008)."""
    settings = copy_without_index_part(demo_settings, tmp_path, "link_details")
    store_dir = settings.resolved_store_dir
    where = index_dir(store_dir)
    write_over(where / "link_details.pickle", {"of format": 1})  # (a dict has no format)
    assert format_of(where / "link_details.pickle") == 1
    assert stale_parts(store_dir) == ["link_details"]
    assert open_index(store_dir, store_stamp(store_dir)).link_details.get() is None
    assert write_index(settings)
    assert stale_parts(store_dir) == []
    assert isinstance(open_index(store_dir, store_stamp(store_dir)).link_details.get(),
                      LinkDetails)
    assert format_of(where / "link_details.pickle") == LinkDetails.INDEX_FORMAT
    write_over(where / "citing_tasks.pickle", NewerPart())
    assert stale_parts(store_dir) == ["citing_tasks"]
    with pytest.raises(QueryError) as refused:
        open_index(store_dir, store_stamp(store_dir))
    assert refused.value.error is QUERY_INDEX_STALE and "citing_tasks" in refused.value.message
