"""The serving index's parts computed side by side on the build's worker processes.

Each part of the index (:mod:`govtrace.queries.serving_index`) is a pass over the store
(the plan-vs-report answers also read the link table once it is written, below), and the
store is closed and final when a build's index step runs. Computed one after another in
the build process, they were the longest serial stretch of a build: at 30,000 documents
the link table alone took 320 s of CPU and the plan-vs-report answers 289 s, each on one
core (issue 16: build speed). Here each part is a job for a pool of
``settings.build_workers`` forked processes, each reading the store through its own
read-only snapshot, biggest part first, and each part is written to its file by the
process that computed it (a part of hundreds of megabytes is not pickled back through a
pipe).

The plan-vs-report answers, one per (division, year), are the one part cut finer: their
questions are answered in slices by whichever process is free, and the build process
assembles the part with :func:`~govtrace.queries.plan_answers.read_plan_answers` itself,
fed the answers in question order as the slices come back, so the part holds what the
function alone would have computed, and the build process holds a slice's answers at a
time, not all of them.

Every job answers through a service that knows the corpus's documents
(:class:`~govtrace.queries.indexed_rows.IndexedRows`), described once by the build process
(:attr:`IndexWork.documents`): a plan-vs-report answer described its reports, plans and
tasks' documents from the store, each description repeated in the union default graph by
every document naming it, which was two fifths of the answers' CPU (issue 16), and the
cited tasks describe their documents the same way. Once the link table is written (by the
job that computes it, or kept from the index there was), the plan-vs-report jobs describe
the tasks and report items and the items' links from it, as the server's answers do,
rather than from the store: two fifths of their CPU at 10,000 documents, the same answers;
and they send each answer as its JSON, which the build process used to render. A part's
file is written under another name and renamed, so that a job never reads a part half
written.

With ``build_workers == 1`` the same jobs run in the calling process, in the same order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from govtrace.errors import GovtraceError
from govtrace.graph.store_factory import open_snapshot
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ontology.iris import IriScheme
from govtrace.queries.answers import Answers
from govtrace.queries.index_files import read_part, write_part
from govtrace.queries.indexed_rows import IndexedRows
from govtrace.queries.lazy import Lazy
from govtrace.queries.link_details import LinkDetails
from govtrace.queries.plan_answers import read_plan_answers
from govtrace.queries.prebuilt import CorpusAnswers
from govtrace.settings import Settings

PartReader = Callable[[Answers], object]
"""How a part is read from the store (what ``Answers`` over a snapshot gives)."""
PlanQuestion = tuple[str, int]
"""A plan-vs-report question: a division's code, a year."""
PLAN_PART = "plan_answers"
LINK_PART = "link_details"
PLAN_SLICE = 32
"""Plan-vs-report questions a job answers: about a second of CPU at 30,000 documents, so
that the slices balance the processes' loads to within a second."""


@dataclass(frozen=True)
class IndexWork:
    """What an index step computes: ``readers``, the parts read whole, biggest first; and
    the plan-vs-report ``questions``, when that part is to be computed too."""

    settings: Settings
    readers: Mapping[str, PartReader]
    questions: Sequence[PlanQuestion] | None
    folder: Path
    """Where each part's file is written (``<name>.pickle``)."""
    documents: CorpusAnswers
    """The corpus's documents (:func:`~govtrace.queries.entities.documents`; nothing else),
    which the jobs' answers know instead of asking the store (the module's doc)."""


def part_file(folder: Path, name: str) -> Path:
    return folder / f"{name}.pickle"


def write_parts(work: IndexWork) -> None:
    """Compute every part of ``work`` and write it into ``work.folder``."""
    if work.settings.build_workers == 1:
        snapshot = open_snapshot(work.settings)
        try:
            answers = _answers_over(snapshot, work)
            for name, reader in work.readers.items():
                _write(work.folder, name, reader(answers))
            if work.questions is not None:
                answers = _answers_over(snapshot, work, _link_table(work.folder))
                _write(work.folder, PLAN_PART,
                       read_plan_answers(work.questions, answers.plan_vs_report_json))
        finally:
            if snapshot is not None:
                snapshot.close()
        return
    global _WORK
    _WORK = work  # read by the forked processes, never pickled
    try:
        _write_in_parallel(work)
    finally:
        _WORK = None


def _answers_over(snapshot: EmbeddedStore | None, work: IndexWork,
                  table: LinkDetails | None = None) -> Answers:
    if snapshot is None:  # the caller checked that the store is an embedded one
        raise RuntimeError("the serving index is computed from an embedded store only")
    known = work.documents
    return Answers(IndexedRows(snapshot, Lazy(lambda: known), Lazy(lambda: table)),
                   IriScheme(work.settings.base_iri))


def _write(folder: Path, name: str, part: object) -> None:
    written = part_file(folder, name)
    partial = written.with_name(written.name + ".partial")
    with partial.open("wb") as out:
        write_part(out, part)
    partial.replace(written)  # whole or not there (the module's doc)


def _link_table(folder: Path) -> LinkDetails | None:
    """The link table in ``folder``, None while it is not written yet."""
    try:
        with part_file(folder, LINK_PART).open("rb") as file:
            table = read_part(file)  # our own file (serving_index's doc), mapped
    except FileNotFoundError:
        return None
    return table if isinstance(table, LinkDetails) else None


_WORK: IndexWork | None = None
"""The work of the index step running; set in the build process before the fork."""
_SNAPSHOT: EmbeddedStore | None = None
"""A worker's own read-only snapshot, open as long as the worker lives."""
_ANSWERS: Answers | None = None
"""A worker's answers, over its snapshot: the parts' jobs'."""
_TABLED: Answers | None = None
"""The worker's answers that describe tasks from the link table, once a plan-vs-report job
found it written (:func:`_plan_answers`); the parts' jobs keep their own."""


def _start_worker() -> None:
    global _SNAPSHOT, _ANSWERS
    assert _WORK is not None
    _SNAPSHOT = open_snapshot(_WORK.settings)
    _ANSWERS = _answers_over(_SNAPSHOT, _WORK)


def _part_job(name: str) -> str:
    assert _WORK is not None and _ANSWERS is not None
    _write(_WORK.folder, name, _WORK.readers[name](_ANSWERS))
    return name


Answered = list[bytes | GovtraceError]


def _plan_job(questions: list[PlanQuestion]) -> Answered:
    """Each question's answer, or the coded error it was refused with (a report with no
    plan to hold it against), which :func:`read_plan_answers` leaves out."""
    answers = _plan_answers()
    out: Answered = []
    for adcode, year in questions:
        try:
            out.append(answers.plan_vs_report_json(adcode, year))
        except GovtraceError as refused:
            out.append(refused)
    return out


def _plan_answers() -> Answers:
    """The worker's answers, describing tasks and report items from the link table from
    the first job that finds it written on (the module's doc)."""
    global _TABLED
    assert _WORK is not None and _ANSWERS is not None
    if _TABLED is None and (table := _link_table(_WORK.folder)) is not None:
        _TABLED = _answers_over(_SNAPSHOT, _WORK, table)
    return _TABLED if _TABLED is not None else _ANSWERS


def _write_in_parallel(work: IndexWork) -> None:
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(work.settings.build_workers, mp_context=context,
                             initializer=_start_worker) as pool:
        # The pool hands jobs out in the order they are submitted: the whole parts, biggest
        # first, then the plan's slices, small enough to even out the processes' ends.
        parts = [pool.submit(_part_job, name) for name in work.readers]
        questions = list(work.questions or ())
        slices = deque((questions[at:at + PLAN_SLICE],
                        pool.submit(_plan_job, questions[at:at + PLAN_SLICE]))
                       for at in range(0, len(questions), PLAN_SLICE))
        try:
            if work.questions is not None:
                _write(work.folder, PLAN_PART,
                       read_plan_answers(work.questions, _InOrder(slices)))
            for part in parts:
                part.result()  # a part's failure fails the index step
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


class _InOrder:
    """The answer to each plan question as :func:`read_plan_answers` asks them, in the
    order they were sliced in, waiting for a slice's job when it reaches its first
    question."""

    def __init__(self, slices: deque[tuple[list[PlanQuestion], Future[Answered]]]) -> None:
        self._slices = slices
        self._ready: dict[PlanQuestion, bytes | GovtraceError] = {}

    def __call__(self, adcode: str, year: int) -> bytes:
        while (adcode, year) not in self._ready:
            questions, future = self._slices.popleft()
            self._ready.update(zip(questions, future.result(), strict=True))
        answer = self._ready.pop((adcode, year))
        if isinstance(answer, GovtraceError):
            raise answer
        return answer
