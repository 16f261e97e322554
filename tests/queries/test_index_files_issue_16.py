"""Issue 16 target 4: an index part's large arrays are mapped from its file, not read and
copied, and its large strings decoded from the mapping (queries/index_files.py); an index
written before, of plain pickles, still opens."""

from __future__ import annotations

import mmap
import pickle
from pathlib import Path

import numpy as np
import pytest

from govtrace.queries.index_files import ALIGN, BIG_TEXT, MAGIC, read_part, write_part
from govtrace.queries.serving_index import INDEX_PARTS, STAMP_FILE, index_dir, open_index
from govtrace.settings import Settings


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


def test_an_index_of_plain_pickles_still_opens_issue_16(tmp_path: Path) -> None:
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
