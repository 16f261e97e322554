"""Every ``/api/plan-vs-report`` answer there is, computed by the build's index step
(:mod:`govtrace.queries.serving_index`) and read by the server instead of the store.

Asked of the store, an answer reads the division's reports and plans, the report's items
and their links, the plans' tasks and every task's description: 6 ms of CPU a request at
30,000 documents, two thirds of it in Oxigraph. Only a division's work report for a year
has an answer (any other question is a 404 that says which years there are), and none
depends on anything else, so the index holds every one, computed by the same function the
server calls (:meth:`govtrace.queries.answers.Answers.plan_vs_report`, so the two cannot
disagree); a question the index has no answer for is asked of the store as before.

Each answer is kept as its JSON text, compressed (zlib: the tasks' descriptions repeat
their documents', and at 1,000 documents the 484 answers were 10.8 MB of JSON, 2.6 MB
compressed), in one array (:class:`~govtrace.queries.index_files.PackedBytes`, mapped
rather than read), and parsed when asked for (about 50 µs to decompress a 20 KB answer).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable

from govtrace.errors import GovtraceError
from govtrace.queries.index_files import PackedBytes


class PlanAnswers:
    """The answers by (division's code, year)."""

    def __init__(self, answers: dict[tuple[str, int], bytes]) -> None:
        self._at = {question: at for at, question in enumerate(answers)}
        self._packed = PackedBytes(zlib.compress(text) for text in answers.values())

    def __len__(self) -> int:
        return len(self._at)

    def json(self, adcode: str, year: int) -> bytes | None:
        """The answer as its JSON, what ``model_dump_json`` gave of it: served as it is,
        with no model built (``/api/plan-vs-report``: 1 ms of CPU a request to validate and
        serialize again, issue 16)."""
        at = self._at.get((adcode, year))
        return None if at is None else zlib.decompress(self._packed[at])


def read_plan_answers(questions: Iterable[tuple[str, int]],
                      answer: Callable[[str, int], bytes]) -> PlanAnswers:
    """``answer`` to each of ``questions`` (a division's code, a year: the
    :class:`~govtrace.queries.plan_report.PlanVsReport` as its JSON,
    :meth:`govtrace.queries.answers.Answers.plan_vs_report_json`), but those it refuses
    (a report with no plan to hold it against: a 404 the server gives again from the
    store). As JSON, not models: the build's workers send their answers to the process
    writing the part, where unpickling the models and rendering them was a third of its
    CPU in the index step (issue 16)."""
    answers: dict[tuple[str, int], bytes] = {}
    for adcode, year in questions:
        try:
            answers[adcode, year] = answer(adcode, year)
        except GovtraceError:
            continue
    return PlanAnswers(answers)
