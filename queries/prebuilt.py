"""What a build computes once for the server to open instead of reading it at start: the
in-memory indexes and the whole-corpus answers (:mod:`govtrace.queries.serving_index`
writes and opens it; :class:`govtrace.queries.answers.Answers` answers from it).

Each of these costs a pass over the store: the cited tasks 66 s to the first answer at
30,000 documents, the search passages 42 s at 10,000, the coverage table 12 s per question
at 10,000 (and one per year asked). None depends on a question, so a build that has just
written the store computes them while it is still in its page cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from govtrace.queries.citing_tasks import CitingTasks
from govtrace.queries.coverage import Coverage
from govtrace.queries.entities import RegulationSummary
from govtrace.queries.lazy import Lazy
from govtrace.queries.models import DocumentRef
from govtrace.queries.search import PassageIndex


@dataclass(frozen=True)
class CorpusAnswers:
    """The answers about the whole corpus, which no parameter narrows before they are cut."""

    coverage: dict[int | None, Coverage]
    """The coverage table of all years (key None) and of each year plans cover."""
    coverage_years: list[int]
    regulations: list[RegulationSummary]
    documents: list[DocumentRef]


@dataclass(frozen=True)
class Prebuilt:
    """The indexes and answers of one state of a store (``stamp``:
    :func:`~govtrace.queries.serving_index.store_stamp`), each read from its own file on
    first use, so that a question waits only for what it reads."""

    stamp: str
    citing_tasks: Lazy[CitingTasks]
    passages: Lazy[PassageIndex]
    corpus: Lazy[CorpusAnswers]
