"""The tasks that cite a work, held in memory: what ``/api/mandates`` searches and ranks.

Which regulations mandate what a query names is found from the tasks whose title or text
contains the query. That is a substring test over every cited task of the store, which no
SPARQL index helps with: as one ``FILTER(CONTAINS(…))`` query joined to the citations and
works it took 50–200 s on a 1,000-document store. So the cited tasks are read once per
store snapshot, by a few SELECTs each joining little (the work descriptions per property
and ``DISTINCT``: in the union of a store's graphs a regulation's label and types recur in
every document citing it, and joined together they multiply into hundreds of thousands of
rows; lists of IRIs in ``VALUES`` blocks of
:data:`~govtrace.queries.rows.VALUES_CHUNK`), and each question is a scan of one string in
Python. At 10,000 documents the reading costs ~35 s of CPU (30–120 s on two shared cores)
and the index ~70 MB of Python objects.

Only tasks that cite something are kept — a task without a citation cannot mandate — which
is about an eighth of the tasks (7,598 of 57,276 at 10,000 documents). The scan is one
``re.finditer`` over their passages joined into one string (4.4M characters at 30,000
documents: 3–5 ms), which finds every occurrence :mod:`govtrace.queries.mandates` weighs; an
n-gram index of the cited passages to skip it took 9 s of CPU to build at 30,000 documents.

Each citation becomes a row holding the columns :mod:`govtrace.queries.mandates` ranks and
explains by (the task's passage, the citation's kind, cue and cited characters, the work's
titles and type, the document's level), so a question needs SPARQL only for what depends on
its answer: the scope filters and the lineage of the tasks kept.

The index describes the graph as it was when read: a
:class:`~govtrace.queries.lazy.Lazy` builds it on first use and keeps it, which is
right for a read-only handle (it sees one moment of the store);
:class:`govtrace.api.answer_service.AnswerService` opens a new handle, and so a new index,
after every update.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from govtrace.graph.store import SparqlService
from govtrace.queries.citation_table import CitationTable, TableTask
from govtrace.queries.evidence_items import EvidenceItems
from govtrace.queries.index_files import PackedBytes
from govtrace.queries.lazy import Lazy
from govtrace.queries.lineage_links import best_parents, chain_tasks
from govtrace.queries.models import TaskRef
from govtrace.queries.querytext import fold
from govtrace.queries.refs import describe_works, task_refs
from govtrace.queries.rows import Ids, Row, iri_values, local_name, select, values_chunks
from govtrace.queries.text_index import SEPARATOR, JoinedText, PairPositions

SENTENCE_ENDS = "。；;!?！？\n"


@dataclass(frozen=True)
class CitingTask:
    """A task with at least one citation: its passage and one row per citation."""

    iri: str
    doc: str
    title: str
    passage: str  # title and text, as mandates shows and highlights them
    # A row also holds "kindName" (the citation kind's local name), "cited" (what the
    # passage shows of the citation), "citedAt" (where; -1 if it does not) and "sentence".
    rows: tuple[Row, ...]


class CitingTasks:
    """The cited tasks of a graph, a substring search over their passages, and what the
    evidence shows of them: :attr:`evidence`, each task's and each citation's part of the
    items shown (every cited task and every task on their chains up described, each one's
    best parent: :func:`govtrace.queries.lineage_links.best_parents`), and the columns
    :attr:`table` weighs them by.

    A server opens the index from the build's file (:mod:`govtrace.queries.serving_index`)
    without building anything: the table and the evidence items were made by the build and
    are arrays mapped from the file (:mod:`govtrace.queries.index_files`), each task kept
    pickled in one array and read on its first use. Built at open, the table and the items
    took 0.8 s of CPU at 30,000 documents in every serving process before its first
    ``/api/mandates`` answer (issue 16: start-up). Read from the store instead (no index
    of its state, GT-QUERY-008), they are made on first use."""

    INDEX_FORMAT = 2  # 1: the table and the evidence items made at open, each task a bytes

    def __init__(self, tasks: Iterable[CitingTask], refs: dict[str, TaskRef],
                 parents: dict[str, tuple[str, float | None]]) -> None:
        ordered = sorted(tasks, key=lambda task: task.iri)
        self._text = JoinedText([task.passage for task in ordered])
        self._pairs = PairPositions(self._text.text)
        self._tasks = PackedBytes(pickle.dumps(task, pickle.HIGHEST_PROTOCOL)
                                  for task in ordered)
        self._read_tasks: dict[int, CitingTask] = {}
        self.table = Lazy(self._tabulate)
        described = {iri: ref.model_dump_json().encode() for iri, ref in refs.items()}
        self.evidence = Lazy(lambda: EvidenceItems(list(self._each_task()), described, parents))

    def __getstate__(self) -> tuple[object, ...]:
        # Never what was read; the table and the items made (by the build: not each server).
        return self._text, self._pairs, self._tasks, self.table.get(), self.evidence.get()

    def __setstate__(self, state: tuple[object, ...]) -> None:
        self._text, self._pairs, self._tasks, table, items = state  # type: ignore[assignment]
        self._read_tasks = {}
        self.table = Lazy(lambda: table)  # type: ignore[arg-type,return-value]
        self.evidence = Lazy(lambda: items)  # type: ignore[arg-type,return-value]

    def __len__(self) -> int:
        return len(self._tasks)

    @property
    def tasks(self) -> list[CitingTask]:
        """Every cited task, in IRI order."""
        return [self.task(index) for index in range(len(self._tasks))]

    def holding(self, needle: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Where ``needle`` occurs in the passages (offsets into the joined string
        :attr:`table` counts in: :meth:`govtrace.queries.text_index.JoinedText.occurrences`)
        and the tasks whose title or text contains it (positions, in IRI order)."""
        if not needle:
            occurrences = self._text.occurrences(needle)
        elif len(needle) >= 2:
            occurrences = self._pairs.occurrences(needle)
        else:  # one character: where its pairs start, and the text's last if it is one
            occurrences = self._pairs.starting(needle)
            if self._text.text.endswith(needle):
                occurrences = np.append(occurrences, len(self._text.text) - 1)
        return occurrences, self._text.passages_holding(occurrences, len(needle))

    def _tabulate(self) -> CitationTable:
        return CitationTable.of(
            TableTask(start, task.doc, task.title, task.rows)
            for start, task in zip(self._text.starts[:-1].tolist(), self._each_task(), strict=True))

    def _each_task(self) -> Iterator[CitingTask]:
        # Each unpickled for the table or the items only, not kept: most are never evidence.
        return (self._unpickled(index) for index in range(len(self)))

    def passage_end(self, index: int) -> int:
        """Where the passage of the task at ``index`` ends in the joined string."""
        return int(self._text.starts[index + 1]) - len(SEPARATOR)

    def task(self, index: int) -> CitingTask:
        """The task at ``index`` in IRI order (as :attr:`table` numbers them), unpickled
        on first use and kept."""
        task = self._read_tasks.get(index)
        if task is None:  # two threads may both read it: the same value either way
            task = self._read_tasks[index] = self._unpickled(index)
        return task

    def _unpickled(self, index: int) -> CitingTask:
        task: CitingTask = pickle.loads(self._tasks[index])
        return task


def read_citing_tasks(service: SparqlService, ids: Ids) -> CitingTasks:
    """Every task citing a work, with its citations, description and lineage."""
    citations = select(service, """SELECT ?task ?citation ?work ?kind ?cue ?cs WHERE {
  ?task gt:hasCitation ?citation .
  ?citation gt:citedWork ?work ; gt:citationKind ?kind .
  OPTIONAL { ?citation gt:cue ?cue }
  OPTIONAL { ?citation gt:span ?cs }
}""")
    tasks = _first_by(select(service, """SELECT DISTINCT ?task ?doc ?title ?text ?ts WHERE {
  { SELECT DISTINCT ?task WHERE { ?task gt:hasCitation [] } }
  ?task a gt:Task ; gt:inDocument ?doc .
  OPTIONAL { ?task gt:title ?title }
  OPTIONAL { ?task gt:text ?text }
  OPTIONAL { ?task gt:span ?ts }
}"""), "task")
    levels = _first_by(select(service, """SELECT DISTINCT ?doc ?docLevel WHERE {
  { SELECT DISTINCT ?doc WHERE { ?task gt:hasCitation [] ; gt:inDocument ?doc } }
  ?doc gt:jurisdiction/gt:level ?docLevel
}"""), "doc")
    spans = _spans(service, [row[key] for rows in (citations, tasks.values())
                             for row in rows for key in ("cs", "ts") if key in row])
    works = describe_works(service, {row["work"] for row in citations})
    by_task: dict[str, list[Row]] = {}
    for citation in citations:
        task = tasks.get(citation["task"])
        if task is None:
            continue  # a report item's citation: report items mandate nothing
        row = {**task, **citation, **works.get(citation["work"], {}),
               **_span_columns(spans, task.get("ts"), citation.get("cs"))}
        level = levels.get(task["doc"])
        if level is not None:
            row["docLevel"] = level["docLevel"]
        by_task.setdefault(task["task"], []).append(row)
    parents = best_parents(service, by_task)
    refs: dict[str, TaskRef] = {}
    for chunk in values_chunks(sorted({*by_task, *chain_tasks(parents)})):
        refs.update(task_refs(service, ids, chunk))
    return CitingTasks((_citing_task(rows) for rows in by_task.values()), refs, parents)


def _citing_task(rows: list[Row]) -> CitingTask:
    shown = passage(rows[0])
    for row in rows:
        # The cited characters as the passage holds them, else the work's title in 《》.
        row["cited"] = fold(row.get("cExact") or "") or f"《{row.get('workTitle') or ''}》"
        row["citedAt"] = shown.find(row["cited"])
        row["sentence"] = sentence_around(shown, row["citedAt"])
        row["kindName"] = local_name(row["kind"]) or ""
    return CitingTask(rows[0]["task"], rows[0]["doc"], rows[0].get("title") or "", shown,
                      tuple(rows))


def passage(row: Row) -> str:
    """A task's title and text, one per line (what mandates searches, shows and marks)."""
    title, text = row.get("title") or "", row.get("text") or ""
    return f"{title}\n{text}" if text else title


def sentence_around(text: str, at: int) -> tuple[int, int]:
    """The offsets ``b`` with no sentence end between ``at`` and ``b`` (``[low, high]``):
    from just after the sentence end before ``at`` to the first one at or after it."""
    before = max((text.rfind(mark, 0, at) for mark in SENTENCE_ENDS), default=-1)
    after = [found for mark in SENTENCE_ENDS if (found := text.find(mark, at)) >= 0]
    return before + 1, min(after, default=len(text))


def _first_by(rows: list[Row], key: str) -> dict[str, Row]:
    """One row per ``row[key]`` (a task with two titles is one task)."""
    first: dict[str, Row] = {}
    for row in rows:
        first.setdefault(row[key], row)
    return first


def _spans(service: SparqlService, iris: list[str]) -> dict[str, Row]:
    """Offsets (and cited characters) of spans, by span IRI."""
    found: dict[str, Row] = {}
    for chunk in values_chunks(sorted(set(iris))):
        found.update(_first_by(select(service, f"""SELECT DISTINCT * WHERE {{
  {iri_values("span", chunk)} ?span oa:hasSelector ?position .
  ?position oa:start ?start ; oa:end ?end .
  OPTIONAL {{ ?span oa:hasSelector/oa:exact ?exact }} }}"""), "span"))
    return found


def _span_columns(spans: dict[str, Row], task_span: str | None,
                  cited_span: str | None) -> Row:
    columns: Row = {}
    task = spans.get(task_span or "")
    if task is not None:
        columns.update(tStart=task["start"], tEnd=task["end"])
    cited = spans.get(cited_span or "")
    if cited is not None:
        columns.update(cStart=cited["start"], cEnd=cited["end"], cExact=cited.get("exact"))
    return columns
