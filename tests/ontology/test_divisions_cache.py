"""The divisions read from jionlp are kept in the user's cache, stamped, and read again when
the stamp is not this code's (issue 16, target 4: a server's start read them each time)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from govtrace.ontology import divisions_cache
from govtrace.ontology.divisions_cache import cache_file, cached_gazetteer_data, stamp
from govtrace.ontology.divisions_source import GazetteerData, load_gazetteer_data


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def _never_read_from_jionlp(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> GazetteerData:
        raise AssertionError("read from jionlp although the cache holds the divisions")

    monkeypatch.setattr(divisions_cache, "load_gazetteer_data", refuse)


def test_the_divisions_are_read_from_the_cache_once_written_issue_16(
        cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = cached_gazetteer_data()
    assert cache_file() == cache_home / "govtrace" / "gazetteer.pickle"
    assert cache_file().is_file()
    _never_read_from_jionlp(monkeypatch)
    assert cached_gazetteer_data() == first == load_gazetteer_data()


def test_a_stale_cache_is_refused_and_rebuilt_issue_16(cache_home: Path) -> None:
    cache_file().parent.mkdir(parents=True)
    stale = GazetteerData(divisions=(), skipped=())  # what an older reader might have left
    cache_file().write_bytes(pickle.dumps(("the stamp of other code", stale)))
    data = cached_gazetteer_data()
    assert len(data.divisions) > 3000
    written_stamp, written = pickle.loads(cache_file().read_bytes())
    assert (written_stamp, written) == (stamp(), data)


def test_the_stamp_changes_with_the_code_that_reads_the_divisions_issue_16(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    changed = tmp_path / "divisions_source.py"
    changed.write_text(Path(str(divisions_cache.divisions_source.__file__)).read_text(
        encoding="utf-8") + "\n# a change\n", encoding="utf-8")
    before = stamp()
    monkeypatch.setattr(divisions_cache.divisions_source, "__file__", str(changed))
    assert stamp() != before


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps("a string")])
def test_an_unreadable_cache_is_read_again_issue_16(cache_home: Path, content: bytes) -> None:
    cache_file().parent.mkdir(parents=True)
    cache_file().write_bytes(content)
    assert cached_gazetteer_data() == load_gazetteer_data()
    assert pickle.loads(cache_file().read_bytes())[0] == stamp()


def test_an_unwritable_cache_still_gives_the_divisions_issue_16(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # no directory can be made below it
    assert cached_gazetteer_data() == load_gazetteer_data()
    assert list(tmp_path.iterdir()) == [blocker]


def test_a_cached_gazetteer_imports_neither_jionlp_nor_pypinyin_issue_16(
        cache_home: Path) -> None:
    cached_gazetteer_data()  # written
    # A fresh interpreter, as a server's: looking divisions up by code or name needs
    # neither (jionlp's matcher is for scanning text, pypinyin's for reading the tables).
    code = ("import sys; from govtrace.ontology.divisions import get_gazetteer; "
            "g = get_gazetteer(); g.resolve('110000'); g.resolve('乌审旗'); "
            "print(*(m for m in ('jionlp', 'pypinyin') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "XDG_CACHE_HOME": str(cache_home)})
    assert loaded.stdout.split() == []
