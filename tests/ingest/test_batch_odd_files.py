"""Odd entries in a corpus get a coded error each and the batch goes on (issue 13): a file
name that is not UTF-8 (before: UnicodeEncodeError ended the build), a named pipe (before:
ingest and build hung on it), a symbolic link loop (before: skipped without a word); and
each failure's code is printed once (before: ``[GT-INGEST-004] [GT-INGEST-004] …``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govtrace.graph.build import build
from govtrace.ingest.batch import ingest_paths
from govtrace.settings import Settings
from tests.support.demo import D003

SEED = "003_accc9ad9ab75ee78"
GBK_NAME = os.fsdecode("东河区工作计划".encode("gbk") + b".txt")
EXPECTED = {"GT-INGEST-013": GBK_NAME, "GT-INGEST-014": "pipe.txt",
            "GT-INGEST-015": "self.txt", "GT-INGEST-007": "gone.txt"}


@pytest.fixture
def odd_corpus(tmp_path: Path, seed_paths: dict[str, Path]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seed_paths[SEED[:3]], corpus)
    (corpus / GBK_NAME).write_bytes(seed_paths["000"].read_bytes())
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "self.txt").symlink_to("self.txt")
    (corpus / "gone.txt").symlink_to("nowhere.txt")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up").symlink_to("..")
    return corpus


def _govtrace(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    # a subprocess with a deadline: the old code waited on the pipe for ever
    return subprocess.run([sys.executable, "-m", "govtrace", *args], capture_output=True,
                          text=True, timeout=240, check=False,
                          env={**os.environ, "GOVTRACE_DATA_DIR": str(data)})


def test_odd_entries_fail_with_their_codes_and_the_batch_goes_on_issue_13(
    odd_corpus: Path,
) -> None:
    result = ingest_paths([odd_corpus, odd_corpus / "pipe.txt"], settings=Settings(),
                          extract=lambda source, text: source.doc_id)
    assert result.records == [SEED]
    codes = [(failure.code, failure.file.name) for failure in result.failures]
    assert sorted(codes) == sorted([*EXPECTED.items(), ("GT-INGEST-014", "pipe.txt"),
                                    ("GT-INGEST-015", "up")])
    loop = next(f for f in result.failures if f.file.name == "up")
    assert "a folder it is in" in loop.message and str(odd_corpus) in loop.message
    bad_name = next(f for f in result.failures if f.code == "GT-INGEST-013")
    assert "东河区工作计划" in bad_name.message  # the name as the archiver meant it


def test_ingest_reports_each_code_once_issue_13(odd_corpus: Path, tmp_path: Path) -> None:
    done = _govtrace("ingest", str(odd_corpus), "--out", str(tmp_path / "out"), data=tmp_path)
    assert done.returncode == 1
    assert (tmp_path / "out" / f"{D003}.json").is_file()
    for code in EXPECTED:
        assert f"[{code}] [{code}]" not in done.stderr
        assert f"[{code}]" in done.stderr


@pytest.mark.slow
def test_build_stores_the_good_files_and_reports_each_odd_one_once_issue_13(
    odd_corpus: Path, tmp_path: Path
) -> None:
    done = _govtrace("build", "--store", str(tmp_path / "store"), str(odd_corpus),
                     data=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "documents: 1 (1 added" in done.stdout
    failed = [line for line in done.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 5
    for line in failed:
        code = line.split("[", 1)[1].split("]", 1)[0]
        assert line.count(code) == 1, line
    report = build(Settings(data_dir=tmp_path, store_dir=tmp_path / "store"), [odd_corpus])
    assert {f.code for f in report.failures} == set(EXPECTED)
