"""What a build computes once for the server to open instead of reading it at start: the
in-memory indexes and the whole-corpus answers (:mod:`govtrace.queries.serving_index`
writes and opens it; :class:`govtrace.queries.answers.Answers` answers from it).

Each of these costs a pass over the store: the cited tasks 66 s to the first answer at
30,000 documents, the search passages 42 s at 10,000, the coverage table 12 s per question
at 10,000 (and one per year asked). None depends on a question, so a build that has just
written the store computes them while it is still in its page cache.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from govtrace.queries.cited_works import CitedWorks
from govtrace.queries.citing_tasks import CitingTasks
from govtrace.queries.coverage import Coverage
from govtrace.queries.down_links import DownLinks
from govtrace.queries.entities import RegulationSummary
from govtrace.queries.lazy import Lazy
from govtrace.queries.link_details import LinkDetails
from govtrace.queries.long_lived import reading_long_lived
from govtrace.queries.models import DivisionRef, DocumentRef
from govtrace.queries.plan_answers import PlanAnswers
from govtrace.queries.search import PassageIndex


class CorpusAnswers:
    """The answers about the whole corpus, which no parameter narrows before they are cut.

    Each is kept pickled and read on its first use, so that the first ``/api/regulations``
    answer does not wait for 30,000 documents' descriptions to be read, nor the first
    ``/api/documents`` for every year's coverage table (pydantic models unpickle at a few
    microseconds each: about a second for all of them at 30,000 documents)."""

    def __init__(self, *, coverage: dict[int | None, Coverage], coverage_years: list[int],
                 regulations: list[RegulationSummary], documents: list[DocumentRef]) -> None:
        self._pickled = {name: pickle.dumps(value, pickle.HIGHEST_PROTOCOL) for name, value in
                         (("coverage", coverage), ("coverage_years", coverage_years),
                          ("regulations", regulations),
                          ("documents", _sharing_divisions(documents)))}

    def __getstate__(self) -> dict[str, bytes]:
        return self._pickled  # never what was read

    def __setstate__(self, state: dict[str, bytes]) -> None:
        self._pickled = state

    @cached_property
    def coverage(self) -> dict[int | None, Coverage]:
        """The coverage table of all years (key None) and of each year plans cover."""
        value: dict[int | None, Coverage] = self._read("coverage")
        return value

    @cached_property
    def coverage_years(self) -> list[int]:
        value: list[int] = self._read("coverage_years")
        return value

    @cached_property
    def regulations(self) -> list[RegulationSummary]:
        value: list[RegulationSummary] = self._read("regulations")
        return value

    @cached_property
    def documents(self) -> list[DocumentRef]:
        value: list[DocumentRef] = self._read("documents")
        return value

    def _read(self, name: str) -> Any:
        with reading_long_lived():  # kept as long as the snapshot (its module's doc)
            return pickle.loads(self._pickled[name])  # our own bytes (serving_index's doc)


def _sharing_divisions(documents: list[DocumentRef]) -> list[DocumentRef]:
    """The documents, each division described once for all its documents: pickled, each
    description is then read once, not once per document (at 30,000 documents 3,000
    instead of 30,000, which halves the time the list takes to read: issue 16). Nothing
    changes a description once read; answers only render them."""
    shared: dict[str, DivisionRef] = {}
    return [document if document.division is None else document.model_copy(update={
        "division": shared.setdefault(document.division.iri, document.division)})
        for document in documents]


@dataclass(frozen=True)
class Prebuilt:
    """The indexes and answers of one state of a store (``stamp``:
    :func:`~govtrace.queries.serving_index.store_stamp`), each read from its own file on
    first use, so that a question waits only for what it reads."""

    stamp: str
    citing_tasks: Lazy[CitingTasks]
    passages: Lazy[PassageIndex]
    corpus: Lazy[CorpusAnswers]
    cited_works: Lazy[CitedWorks]
    """Each cited regulation's whole answer, by the work's IRI."""
    down_links: Lazy[DownLinks | None]
    """Each task's links down in listing order; None in an index written before there were
    any (lineage then asks the store)."""
    link_details: Lazy[LinkDetails | None]
    """Each link's details and each task's own description; None in an index written before
    there were any (lineage and task references then ask the store)."""
    plan_answers: Lazy[PlanAnswers | None]
    """Every plan-vs-report answer; None in an index written before there were any (they
    are then asked of the store)."""
