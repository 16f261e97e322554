"""Issue 16 target 2, /api/mandates: a page gathers evidence for its own regulations only,
and a query's occurrences in the cited passages are found from the positions of its
character pairs, not by scanning every passage (the same occurrences, the same answers)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.queries.answers import Answers
from govtrace.queries.citing_tasks import CitingTasks
from govtrace.queries.glossary import glossary
from govtrace.queries.querytext import understand
from govtrace.queries.text_index import JoinedText, PairPositions

QUERIES = ("行政", "法治", "市", "规定", "重大行政决策", "administrative reconsideration")


def answers_over(demo_embedded: EmbeddedStore, tasks: CitingTasks) -> Answers:
    answers = Answers(demo_embedded)
    object.__setattr__(answers, "citing_tasks", type("Fixed", (), {"get": lambda _: tasks})())
    return answers


def test_a_page_is_the_rankings_slice_issue_16(demo_embedded: EmbeddedStore,
                                               citing_tasks: CitingTasks) -> None:
    answers = answers_over(demo_embedded, citing_tasks)
    for query in QUERIES:
        whole = answers.mandates(query, limit=100).results
        assert len(whole) >= 2, query
        for offset, limit in ((0, 1), (1, 2), (len(whole) - 1, 5), (len(whole), 3)):
            page, more = answers.mandates_page(query, offset=offset, limit=limit)
            assert page.results == whole[offset:offset + limit], (query, offset, limit)
            assert more == (offset + limit < len(whole)), (query, offset, limit)


def test_evidence_is_gathered_for_the_page_only_issue_16(
        demo_embedded: EmbeddedStore, citing_tasks: CitingTasks,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: the route asked for every regulation up to one past the page and gathered
    the evidence of each; the page of the second regulation alone reads only its tasks."""
    answers = answers_over(demo_embedded, citing_tasks)
    whole = answers.mandates("行政", limit=3).results
    positions = {task.iri: at for at, task in enumerate(citing_tasks.tasks)}
    read: list[int] = []
    unpickle = citing_tasks.task
    monkeypatch.setattr(citing_tasks, "task", lambda index: read.append(index) or unpickle(index))
    page, more = answers.mandates_page("行政", offset=1, limit=1)
    assert more and page.results == whole[1:2]
    # (Since the sixth round a page reads one task per regulation, to describe it; the
    # evidence items come rendered from the index.)
    assert read and set(read) <= {positions[e.task.iri] for e in whole[1].evidence}


def test_pair_positions_find_what_a_scan_finds_issue_16(citing_tasks: CitingTasks) -> None:
    text: JoinedText = citing_tasks._text
    pairs = PairPositions(text.text)
    spread = random.Random(16)
    needles = {understand(term).text for entry in glossary().terms
               for term in (entry.zh, entry.en)}
    for _ in range(300):  # substrings of the passages, so most occur
        passage = text[spread.randrange(len(text))]
        if len(passage) >= 2:
            start = spread.randrange(len(passage) - 1)
            needles.add(passage[start:start + spread.randint(2, 6)])
    needles |= {"的的", "的的的", "阿巴阿", "no such words", "行政\n"[:2]}
    for needle in sorted(needle for needle in needles if len(needle) >= 2 and "\n" not in needle):
        assert np.array_equal(pairs.occurrences(needle), text.occurrences(needle)), needle
    overlapping = JoinedText(["的的的的的", "阿巴阿巴阿", "x"])
    for needle in ("的的", "的的的", "阿巴阿", "巴阿"):
        assert np.array_equal(PairPositions(overlapping.text).occurrences(needle),
                              overlapping.occurrences(needle)), needle
