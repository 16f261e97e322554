"""The server's index is read with the cyclic collector paused, then frozen, and what it
repeats is read once (issue 16, target 4: full collections over the growing heap were 1.5 s
of a 30k server's start, the documents' descriptions 0.3 s)."""

from __future__ import annotations

import gc
import pickle
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from govtrace.queries.long_lived import reading_long_lived
from govtrace.queries.models import DivisionRef, DocumentRef
from govtrace.queries.prebuilt import CorpusAnswers
from govtrace.queries.serving_index import (
    INDEX_PARTS,
    PART_TYPES,
    STAMP_FILE,
    index_dir,
    open_index,
)

SEEN: list[bool] = []  # whether the collector ran while each Probe was unpickled


class Probe:
    division = None  # (as a document: of no division)

    def __init__(self) -> None:
        self.state = "a state, without which unpickling sets none"

    def __setstate__(self, state: object) -> None:
        SEEN.append(gc.isenabled())


@pytest.fixture(autouse=True)
def collector() -> Iterator[None]:
    SEEN.clear()
    assert gc.isenabled()
    yield
    gc.unfreeze()  # what the tests froze goes back to the collector
    assert gc.isenabled()


def test_the_collector_is_paused_while_reading_and_what_was_read_frozen_issue_16() -> None:
    frozen = gc.get_freeze_count()
    with reading_long_lived():
        assert not gc.isenabled()
        value: list[list[int]] = [[] for _ in range(1000)]  # (tracked, unlike object())
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(value)


def test_the_collector_resumes_after_the_last_of_concurrent_readers_issue_16() -> None:
    first_in, second_done = threading.Event(), threading.Event()

    def second() -> None:
        first_in.wait()
        with reading_long_lived():
            pass
        second_done.set()

    other = threading.Thread(target=second)
    other.start()
    with reading_long_lived():
        first_in.set()
        second_done.wait()
        assert not gc.isenabled()  # the other reader is done, this one is not
    other.join()
    assert gc.isenabled()


def test_a_collector_switched_off_stays_off_issue_16() -> None:
    gc.disable()
    try:
        with reading_long_lived():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_each_index_part_is_read_with_the_collector_paused_issue_16(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for kind in PART_TYPES.values():  # plain pickles read as format 1: let every part be one
        monkeypatch.setattr(kind, "INDEX_FORMAT", 1, raising=False)
    store_dir = tmp_path / "store"
    index = index_dir(store_dir)
    index.mkdir()
    for name in INDEX_PARTS:
        (index / f"{name}.pickle").write_bytes(pickle.dumps(Probe()))
    (index / STAMP_FILE).write_text("the stamp")
    prebuilt = open_index(store_dir, "the stamp")
    for name in INDEX_PARTS:
        getattr(prebuilt, name).get()
    assert [False] * len(INDEX_PARTS) == SEEN
    assert gc.isenabled()


def test_the_corpus_answers_are_read_with_the_collector_paused_issue_16() -> None:
    corpus = pickle.loads(pickle.dumps(CorpusAnswers(
        coverage={}, coverage_years=[], regulations=[], documents=[Probe()])))  # type: ignore[list-item]
    assert len(corpus.documents) == 1
    assert SEEN == [False]
    assert gc.isenabled()


def test_the_documents_of_a_division_share_its_description_issue_16() -> None:
    def described(division: str) -> DivisionRef:  # a new description each time, as read
        return DivisionRef(iri=f"division/{division}", adcode=division, label=division)

    documents = [DocumentRef(iri=f"doc/{n}", id=str(n), division=described(code))
                 for n, code in enumerate(["110000", "110000", "150626"])]
    documents.append(DocumentRef(iri="doc/untitled", id="untitled"))
    read = pickle.loads(pickle.dumps(CorpusAnswers(
        coverage={}, coverage_years=[], regulations=[], documents=documents))).documents
    assert read == documents
    assert read[0].division is read[1].division  # read once: 3,000 at 30k, not 30,000
    assert read[0].division is not read[2].division
