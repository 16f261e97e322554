"""The cited tasks' citations as columns: what ``/api/mandates`` weighs a query against.

:mod:`govtrace.queries.mandates` weighs each citation of every task holding the query by
its kind and by where the task names the query (in its title, in the citation's sentence,
elsewhere), keeps each task's strongest citation of each work and sums them per work.
Done row by row in Python that was most of the endpoint's CPU at 30,000 documents (issue
16: 10 ms a question on average, 85 ms for 市, whose 10,000 tasks hold 14,000 citations),
so the rows are held here as numpy columns, made with the index of cited tasks (by the
build, which stores them in its file: a server maps them, issue 16 start-up), and a
question is a few array operations over the query's occurrences in the joined passages
(:meth:`govtrace.queries.text_index.JoinedText.occurrences`).

Offsets are global: a row's sentence bounds and a task's title end are offsets into the
joined string, so one sorted array of occurrences answers every row at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from govtrace.queries.refs import REGULATION_RANKS

KIND_WEIGHT = {"Mandate": 1.0, "Deliverable": 0.5, "Mention": 0.25}
MATCH_IN_TITLE, MATCH_IN_SENTENCE, MATCH_IN_TEXT = 1.0, 0.9, 0.5

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class TableTask:
    """What the table needs of one cited task (:class:`~govtrace.queries.citing_tasks.CitingTask`
    and where its passage starts in the joined string)."""

    start: int
    doc: str
    title: str
    rows: tuple[dict[str, object], ...]


@dataclass(frozen=True)
class Weighed:
    """A question's weighing: for each (work, task) pair holding the query, in the order
    the tasks are listed (IRI order), its strongest citation's row and weight."""

    pair_work: Ints  # the work, a position in CitationTable.works
    pair_task: Ints  # the task, a position in the index of cited tasks
    pair_row: Ints  # the row of its strongest citation, a position in the task's rows
    pair_weight: Floats
    pair_match: Floats


@dataclass(frozen=True)
class WorkTotals:
    """Per work of a :class:`Weighed` (positions in ``works``): the sum of its pairs'
    weights, in pair order, and in how many documents and levels its tasks lie."""

    works: Ints
    weights: Floats
    documents: Ints
    levels: Ints


@dataclass(frozen=True)
class CitationTable:
    """Every citation row of the cited tasks as columns, tasks in the index's order."""

    task_start: Ints  # where each task's passage starts in the joined string
    title_end: Ints  # where its title ends
    task_rows: Ints  # where its rows start in the row columns (and, last, their number)
    task_doc: Ints  # its document (a position in docs)
    task_level: Ints  # its document's level, or its document where that has none
    docs: tuple[str, ...]
    row_task: Ints  # the task of each row (rows task after task, in each task's order)
    row_kind_weight: Floats
    row_cited: npt.NDArray[np.bool_]  # the passage shows the citation
    row_low: Ints  # the citation's sentence, as global offsets (inclusive)
    row_high: Ints
    row_pair: Ints  # its (work, task) pair, numbered in row order
    pair_work: Ints
    works: tuple[str, ...]  # IRIs
    work_title: tuple[str, ...]  # what the query is fuzzily matched against
    work_force: tuple[int, ...]  # its place in 立法法's hierarchy (法律 first)

    @classmethod
    def of(cls, tasks: Iterable[TableTask]) -> CitationTable:
        docs: dict[str, int] = {}
        levels: dict[str, int] = {}
        works: dict[str, int] = {}
        work_rows: list[dict[str, object]] = []
        pairs: dict[tuple[int, int], int] = {}
        task_start: list[int] = []
        title_end: list[int] = []
        task_rows: list[int] = []
        task_doc: list[int] = []
        task_level: list[int] = []
        row_task: list[int] = []
        kind_weight: list[float] = []
        cited: list[bool] = []
        low: list[int] = []
        high: list[int] = []
        row_pair: list[int] = []
        pair_work: list[int] = []
        for position, task in enumerate(tasks):
            task_start.append(task.start)
            title_end.append(task.start + len(task.title))
            task_rows.append(len(kind_weight))
            task_doc.append(docs.setdefault(task.doc, len(docs)))
            level = str(task.rows[0].get("docLevel") or task.doc)
            task_level.append(levels.setdefault(level, len(levels)))
            for row in task.rows:
                work = works.setdefault(str(row["work"]), len(works))
                if work == len(work_rows):
                    work_rows.append(row)
                pair = pairs.setdefault((work, position), len(pairs))
                if pair == len(pair_work):
                    pair_work.append(work)
                row_pair.append(pair)
                row_task.append(position)
                kind_weight.append(KIND_WEIGHT.get(str(row["kindName"]), 0.0))
                cited.append(int(row["citedAt"]) >= 0)  # type: ignore[call-overload]
                bounds: tuple[int, int] = row["sentence"]  # type: ignore[assignment]
                low.append(task.start + bounds[0])
                high.append(task.start + bounds[1])
        task_rows.append(len(kind_weight))
        return cls(
            task_start=_ints(task_start), title_end=_ints(title_end),
            task_rows=_ints(task_rows), task_doc=_ints(task_doc),
            task_level=_ints(task_level), docs=tuple(docs), row_task=_ints(row_task),
            row_kind_weight=np.array(kind_weight, np.float64),
            row_cited=np.array(cited, np.bool_), row_low=_ints(low), row_high=_ints(high),
            row_pair=_ints(row_pair), pair_work=_ints(pair_work), works=tuple(works),
            work_title=tuple(str(row.get("workTitle") or row.get("workDocTitle") or "")
                             for row in work_rows),
            work_force=tuple(_legal_force(row.get("workRank")) for row in work_rows))

    def weigh(self, occurrences: Ints, length: int, tasks: Ints) -> Weighed:
        """Each citation of ``tasks`` weighed by its kind and by where its task holds the
        query (``occurrences`` of ``length`` characters), and each (work, task) pair's
        strongest citation: the first of the highest weight, in row order."""
        if not len(tasks) or not len(occurrences):
            empty = np.zeros(0, np.int64)
            return Weighed(empty, empty, empty, np.zeros(0), np.zeros(0))
        # In the title when the task's first occurrence ends within it (the title leads
        # the passage; the leftmost occurrence is the first non-overlapping one).
        first = occurrences[np.searchsorted(occurrences, self.task_start[tasks])]
        in_title = np.zeros(len(self.task_start), np.bool_)
        in_title[tasks] = first + length <= self.title_end[tasks]
        chosen = np.zeros(len(self.task_start), np.bool_)
        chosen[tasks] = True
        row_task = self.row_task
        rows = np.flatnonzero(chosen[row_task])
        # In the citation's sentence: an occurrence starts within its bounds.
        at = np.searchsorted(occurrences, self.row_low[rows])
        next_start = occurrences[np.minimum(at, len(occurrences) - 1)]
        in_sentence = ((at < len(occurrences)) & (next_start <= self.row_high[rows])
                       & self.row_cited[rows])
        match = np.where(in_title[row_task[rows]], MATCH_IN_TITLE,
                         np.where(in_sentence, MATCH_IN_SENTENCE, MATCH_IN_TEXT))
        weight = self.row_kind_weight[rows] * match
        pairs, inverse = np.unique(self.row_pair[rows], return_inverse=True)
        strongest = np.full(len(pairs), -np.inf)
        np.maximum.at(strongest, inverse, weight)
        is_best = weight == strongest[inverse]
        _, first_best = np.unique(inverse[is_best], return_index=True)
        best_rows = rows[is_best][first_best]
        best_tasks = row_task[best_rows]
        return Weighed(pair_work=self.pair_work[pairs], pair_task=best_tasks,
                       pair_row=best_rows - self.task_rows[best_tasks],
                       pair_weight=strongest, pair_match=match[is_best][first_best])

    def totals(self, weighed: Weighed) -> WorkTotals:
        # (Counted, not np.unique: numpy 2's hashing unique took a millisecond for 市's
        # 13,000 pairs at 30,000 documents, issue 16.)
        works = np.flatnonzero(np.bincount(weighed.pair_work, minlength=len(self.works)))
        # Summed in pair order (each work's tasks in IRI order), as the scores always were.
        weights = np.bincount(weighed.pair_work, weights=weighed.pair_weight,
                              minlength=len(self.works)).astype(np.float64, copy=False)
        return WorkTotals(works=works, weights=weights[works],
                          documents=self._distinct(weighed, self.task_doc)[works],
                          levels=self._distinct(weighed, self.task_level)[works])

    def _distinct(self, weighed: Weighed, of_task: Ints) -> Ints:
        """Per work, how many distinct values of ``of_task`` its pairs' tasks have."""
        values = of_task[weighed.pair_task]
        span = int(values.max(initial=0)) + 1  # each (work, value) as one integer
        keys = np.sort(weighed.pair_work * span + values)
        distinct = keys[np.flatnonzero(np.diff(keys, prepend=-1))]  # (sorted: no hashing)
        return np.bincount(distinct // span, minlength=len(self.works))


def _ints(values: list[int]) -> Ints:
    return np.array(values, np.int64)


def _legal_force(rank: object) -> int:
    """A work's place in 立法法's hierarchy (法律 first); anything else ranks after."""
    return REGULATION_RANKS.index(rank) if rank in REGULATION_RANKS else len(REGULATION_RANKS)
