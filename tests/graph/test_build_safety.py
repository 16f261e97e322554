"""A store stays whole: builds of one store take turns, and a build that fails (the disk
full included) leaves the previous store exactly as it was (issue 13)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from govtrace.errors import STORE_BUILD_LOCKED, STORE_DISK_FULL, StoreError
from govtrace.graph.build import build, demo_corpus
from govtrace.graph.build_lock import build_lock
from govtrace.graph.build_staging import previous_dir, staging_dir
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.settings import Settings
from tests.support.demo import D000, D002, D004, seed_file

pytestmark = pytest.mark.slow
WUSHEN, REGION, REPORT = D000, D004, D002


def _corpus(root: Path, *doc_ids: str) -> Path:
    corpus = root / "corpus"
    corpus.mkdir(exist_ok=True)
    for doc_id in doc_ids:
        shutil.copy(demo_corpus() / seed_file(doc_id), corpus)
    return corpus


def _govtrace(store: Path, data: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "GOVTRACE_DATA_DIR": str(data)}
    return subprocess.Popen([sys.executable, "-m", "govtrace", "build", "--store", str(store),
                             *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _quads(store_dir: Path) -> set[ox.Quad]:
    store = ox.Store.read_only(str(store_dir))
    return set(store.quads_for_pattern(None, None, None, None))


def test_two_first_builds_at_once_leave_one_whole_store_issue_13(tmp_path: Path) -> None:
    """Two real `govtrace build` processes start on the same new store at once: both
    finish, and the store opens whole (before: one build's files overwrote the other's
    and the store did not open, RocksDB "Corruption")."""
    corpus = _corpus(tmp_path, WUSHEN)
    store = tmp_path / "store"
    builds = [_govtrace(store, tmp_path / f"data{i}", str(corpus)) for i in range(2)]
    outcomes = [(b.wait(timeout=300), b.stderr.read() if b.stderr else "") for b in builds]
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    quads = _quads(store)
    assert len(quads) > 1000
    assert not staging_dir(store).exists() and not previous_dir(store).exists()


def test_a_second_build_waits_or_stops_with_a_code_issue_13(tmp_path: Path) -> None:
    """While another process holds the build lock, `--no-wait` stops at once with
    GT-STORE-005 having written nothing, and a waiting build writes nothing until the
    lock is released, then builds."""
    corpus = _corpus(tmp_path, WUSHEN)
    store = tmp_path / "store"
    with build_lock(store, wait=False):
        refused = _govtrace(store, tmp_path / "data", "--no-wait", str(corpus))
        _, err = refused.communicate(timeout=120)
        assert refused.returncode == 2
        assert f"[{STORE_BUILD_LOCKED.code}]" in err and str(os.getpid()) in err
        waiting = _govtrace(store, tmp_path / "data", str(corpus))
        time.sleep(3)
        assert waiting.poll() is None
        assert not store.exists() and not staging_dir(store).exists()
    assert waiting.wait(timeout=300) == 0
    assert len(_quads(store)) > 1000


def test_no_wait_setting_raises_the_coded_error_issue_13(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store_dir=tmp_path / "store", build_wait=False)
    with build_lock(settings.resolved_store_dir, wait=False), \
            pytest.raises(StoreError) as raised:
        build(settings, [_corpus(tmp_path, WUSHEN)])
    assert raised.value.error is STORE_BUILD_LOCKED


def test_a_build_failing_mid_way_leaves_the_previous_store_issue_13(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills after the new documents are written, while the links are (injected
    at the store's write seam): the store afterwards is exactly the previous one, not the
    documents without their links and closures; the next build completes."""
    corpus = _corpus(tmp_path, WUSHEN)
    settings = Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store")
    build(settings, [corpus])
    before = _quads(settings.resolved_store_dir)
    _corpus(tmp_path, REGION, REPORT)
    update = EmbeddedStore.update

    def full_disk_at_links(store: EmbeddedStore, sparql: str, **kwargs: float | None) -> None:
        if "/graph/derived/" in sparql:
            raise OSError("IO error: No space left on device: While appending to file: "
                          f"{store.path}/000065.sst: No space left on device")
        update(store, sparql, **kwargs)

    monkeypatch.setattr(EmbeddedStore, "update", full_disk_at_links)
    with pytest.raises(StoreError) as raised:
        build(settings, [corpus])
    assert raised.value.error is STORE_DISK_FULL
    assert str(settings.resolved_store_dir.parent) in raised.value.message
    assert _quads(settings.resolved_store_dir) == before
    assert not staging_dir(settings.resolved_store_dir).exists()

    monkeypatch.undo()
    again = build(settings, [corpus])
    assert again.changes.added == tuple(sorted((REPORT, REGION))) and again.links > 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of its own (mounting needs root: CAP_SYS_ADMIN)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CAP_SYS_ADMIN); the injected "
                    "disk-full test above covers the same path")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200m", "tmpfs", str(mount)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs CAP_SYS_ADMIN): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_real_full_disk_leaves_the_previous_store_and_a_coded_error_issue_13(
    tmp_path: Path, small_disk: Path
) -> None:
    """A real full disk (a tmpfs shrunk to 40 kB above the store's size) met by an update
    through `govtrace build` (RocksDB already fails to open the store for writing): exit 2
    with GT-STORE-006 once, no traceback, the store as it was; with room again, the same
    build completes. The injected test above fails the build later, mid-way."""
    corpus = _corpus(tmp_path, WUSHEN)
    store = small_disk / "store"
    first = _govtrace(store, tmp_path / "data", str(corpus))
    assert first.wait(timeout=300) == 0
    before = _quads(store)
    used = shutil.disk_usage(small_disk).used
    subprocess.run(["mount", "-o", f"remount,size={used + 40_000}", str(small_disk)],
                   check=True)
    _corpus(tmp_path, REGION, REPORT)

    full = _govtrace(store, tmp_path / "data", str(corpus))
    _, err = full.communicate(timeout=300)
    assert full.returncode == 2, err
    assert err.count(STORE_DISK_FULL.code) == 1 and "Traceback" not in err
    assert str(small_disk) in err
    assert _quads(store) == before
    # the store, its lock and its index (beside it, as the first build left them)
    assert sorted(p.name for p in small_disk.iterdir()) == ["store", "store.index", "store.lock"]

    subprocess.run(["mount", "-o", "remount,size=200m", str(small_disk)], check=True)
    again = _govtrace(store, tmp_path / "data", str(corpus))
    assert again.wait(timeout=300) == 0
    assert len(_quads(store)) > len(before)
