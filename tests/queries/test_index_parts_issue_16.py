"""Issue 16 target 6 (build speed): the serving index's parts are computed side by side on
the build's workers, and an index of the store's very state keeps its parts but the stale
ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govtrace.errors import QUERY_INDEX_STALE, QueryError
from govtrace.queries import serving_index
from govtrace.queries.down_links import DownLinks
from govtrace.queries.index_parts import part_file
from govtrace.queries.serving_index import (
    INDEX_PARTS,
    LATER_PARTS,
    index_dir,
    open_index,
    store_stamp,
    write_index,
)
from govtrace.settings import Settings
from tests.support.demo import copy_without_index_part

PARTS = [*INDEX_PARTS, *LATER_PARTS]


def unindexed_copy(settings: Settings, root: Path, workers: int) -> Settings:
    """A copy of ``settings``' store with no index, built by ``workers`` processes."""
    shutil.copytree(settings.resolved_store_dir, root / "store")
    return Settings(data_dir=settings.data_dir, store_dir=root / "store", workers=workers)


def test_parts_computed_on_workers_are_those_one_process_computes_issue_16(
        demo_settings: Settings, tmp_path: Path) -> None:
    alone = unindexed_copy(demo_settings, tmp_path / "one", 1)
    shared = unindexed_copy(demo_settings, tmp_path / "two", 2)
    assert write_index(alone) and write_index(shared)
    for name in PARTS:
        assert (part_file(index_dir(alone.resolved_store_dir), name).read_bytes()
                == part_file(index_dir(shared.resolved_store_dir), name).read_bytes()), name
    plans = open_index(shared.resolved_store_dir, store_stamp(shared.resolved_store_dir)
                       ).plan_answers.get()
    assert plans is not None and len(plans) > 0


def test_an_index_of_this_state_rewrites_only_its_stale_parts_issue_16(
        demo_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A part missing, or of another format than this govtrace writes, is computed again;
    the others are kept as they are (the same files), not computed again."""
    settings = copy_without_index_part(demo_settings, tmp_path, "link_details")
    where = index_dir(settings.resolved_store_dir)
    before = {name: part_file(where, name).stat().st_ino for name in PARTS
              if name != "link_details"}
    monkeypatch.setattr(DownLinks, "INDEX_FORMAT", 99, raising=False)  # a new shape
    assert write_index(settings)
    after = {name: part_file(where, name).stat().st_ino for name in PARTS}
    assert {name for name in before if before[name] != after[name]} == {"down_links"}
    prebuilt = open_index(settings.resolved_store_dir, store_stamp(settings.resolved_store_dir))
    assert prebuilt.link_details.get() is not None and prebuilt.down_links.get() is not None
    assert not write_index(settings)  # nothing stale any more


def test_a_part_that_fails_leaves_the_index_as_it_was_issue_16(
        demo_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A part's failure in a worker process is the index step's error, raised in the build
    process, and no half-written index takes the old one's place."""
    copied = copy_without_index_part(demo_settings, tmp_path, "link_details")
    settings = Settings(data_dir=copied.data_dir, store_dir=copied.store_dir, workers=2)
    where = index_dir(settings.resolved_store_dir)
    files = sorted(path.name for path in where.iterdir())

    def fails(*_: object) -> None:
        raise QueryError(QUERY_INDEX_STALE, "a part that cannot be read")

    monkeypatch.setattr(serving_index, "read_link_details", fails)  # forked: theirs too
    with pytest.raises(QueryError, match="a part that cannot be read"):
        write_index(settings)
    assert sorted(path.name for path in where.iterdir()) == files
    assert not [path for path in where.parent.iterdir()
                if path.name.startswith(where.name + ".")]  # no staging directory left
