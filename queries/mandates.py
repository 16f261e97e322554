"""Which regulations mandate what a query names, ranked, with the tasks that carry them out.

The tasks whose title or text contains the query are found in the in-memory index of cited
tasks (:mod:`govtrace.queries.citing_tasks`, read once per store snapshot), each with its
citations; SPARQL is asked only about their documents when a scope is given. The tasks
kept as evidence are shown as the index rendered them, with their lineage and descriptions
(:mod:`govtrace.queries.evidence_items`), and the answer is JSON from the start
(:class:`Ranking`). The ranking is done here, over the citations as columns
(:mod:`govtrace.queries.citation_table`, which weighs them), where it can be read and tuned:

* a citation counts by its kind — a mandate (贯彻落实《…》) weighs more than a deliverable,
  a deliverable more than a mere mention;
* by how closely the task is about the query — in its title, in the same sentence as the
  citation, or only somewhere in its text;
* tasks in more documents and at more administrative levels multiply a regulation's weight;
* a regulation whose own title names the query gains a bonus (rapidfuzz partial ratio);
* equal scores are broken by legal force (a law before the local measures implementing it),
  the order a legal scholar reads them in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic_core import to_json
from rapidfuzz import fuzz

from govtrace.graph.store import SparqlService
from govtrace.ontology.namespaces import GT
from govtrace.queries.citation_table import CitationTable, Ints, Weighed, WorkTotals
from govtrace.queries.citing_tasks import CitingTasks
from govtrace.queries.models import MandateResult, MandatesAnswer, QueryInfo
from govtrace.queries.querytext import QueryText
from govtrace.queries.refs import covers_year, regulation_ref
from govtrace.queries.rows import (
    Ids,
    iri_values,
    select,
    values_chunks,
)

SPREAD_WEIGHT = 0.25  # per extra document and per extra level
BONUS_MARGIN = 0.001  # above a score's rounding (4 places): see _ranked
MAX_EVIDENCE = 10


@dataclass(frozen=True)
class Scope:
    """Optional restrictions on the documents whose tasks count."""

    level: str | None = None  # a gt: level name such as "County"
    division: str | None = None  # an IRI: the document's jurisdiction is it or within it
    year: int | None = None


def _scope_patterns(scope: Scope) -> str:
    parts = []
    if scope.level is not None:
        parts.append(f"{iri_values('flevel', [str(GT) + scope.level])} "
                     "?doc gt:jurisdiction/gt:level ?flevel .")
    if scope.division is not None:
        parts.append(f"{iri_values('fscope', [scope.division])} "
                     "?doc gt:jurisdiction/gt:withinDivision* ?fscope .")
    if scope.year is not None:
        parts.append(covers_year("doc", scope.year))
    return "\n  ".join(parts)


def _in_scope(service: SparqlService, table: CitationTable, tasks: Ints, scope: Scope) -> Ints:
    """The ``tasks`` (positions in ``table``) whose document lies within ``scope``."""
    patterns = _scope_patterns(scope)
    if not patterns or not len(tasks):
        return tasks
    # Only the documents of the matching tasks are asked about, so the scope costs a
    # look-up per document, not a pass over the store.
    docs = np.unique(table.task_doc[tasks])
    kept: set[str] = set()
    for chunk in values_chunks(sorted(table.docs[doc] for doc in docs)):
        kept.update(row["doc"] for row in select(service, f"""SELECT DISTINCT ?doc WHERE {{
  {iri_values("doc", chunk)}
  {patterns}
}}"""))
    inside = np.array([doc in kept for doc in table.docs], np.bool_)
    return tasks[inside[table.task_doc[tasks]]]


def _ranked(table: CitationTable, totals: WorkTotals, needle: str, limit: int
            ) -> list[tuple[tuple[float, int, int], int]]:
    """The best ``limit`` works of ``totals``: (score, documents, levels) and position, by
    score, then legal force, then IRI. A work's title bonus is at most 1, so it is matched
    only for works that could still make the page (a margin keeps rounding out of it)."""
    spread = (1.0 + SPREAD_WEIGHT * (totals.documents - 1)
              + SPREAD_WEIGHT * (totals.levels - 1))
    base = totals.weights * spread
    best: list[tuple[tuple[float, int, str], tuple[float, int, int], int]] = []
    for at in np.argsort(-base, kind="stable").tolist():
        if len(best) >= limit and base[at] + 1.0 + BONUS_MARGIN < -best[limit - 1][0][0]:
            break  # (its key holds the limit-th best score, negated)
        work = int(totals.works[at])
        title = table.work_title[work]
        bonus = (fuzz.partial_ratio(needle, title) / 100.0) ** 4 if title else 0.0
        score = round(float(base[at]) + bonus, 4)
        best.append(((-score, table.work_force[work], table.works[work]),
                     (score, int(totals.documents[at]), int(totals.levels[at])), work))
        best.sort()
    return [(scored, work) for _, scored, work in best[:limit]]


@dataclass(frozen=True)
class Ranking:
    """A page of the ranking: the answer (the query understood, the regulations ranked from
    the page's offset on with their evidence) as its JSON, and whether any ranks after them.

    Rendered to JSON directly, not built as models: a page shows about forty evidence items,
    each with its task, passage, highlights and lineage chain, and building their few hundred
    pydantic models and serializing them was most of the answer's CPU at 30,000 documents
    (issue 16). The bytes are what ``MandatesAnswer.model_dump_json`` gives of the same
    answer (tests/queries/test_mandates_json_issue_16.py)."""

    json: bytes
    more: bool

    @property
    def answer(self) -> MandatesAnswer:
        return MandatesAnswer.model_validate_json(self.json)

    @property
    def results(self) -> list[MandateResult]:
        return self.answer.results


def mandates(service: SparqlService, index: CitingTasks, ids: Ids, query: QueryText,
             scope: Scope, limit: int, offset: int = 0) -> Ranking:
    """The regulations mandating tasks about ``query``, best first, at most ``limit`` from
    the ``offset``-th on; ``index`` holds the cited tasks of the graph ``service`` answers
    over, and their descriptions and lineage. Evidence is gathered for the page only: the
    works before it and the one after it (is there a next page?) are only ranked."""
    table = index.table.get()
    occurrences, holding = index.holding(query.text)
    tasks = _in_scope(service, table, holding, scope)
    weighed = table.weigh(occurrences, len(query.text), tasks)
    ranked = (_ranked(table, table.totals(weighed), query.text, offset + limit + 1)
              if limit > 0 else [])
    more, ranked = len(ranked) > offset + limit, ranked[offset:offset + limit]
    pages = [_best_pairs(weighed, work) for _, work in ranked]
    shown = _evidence(index, table, weighed, occurrences, len(query.text),
                      np.array([pair for pairs in pages for pair in pairs], np.int64))
    results = []
    for ((score, documents, levels), _), pairs in zip(ranked, pages, strict=True):
        # The work described from its first task's row (all rows of a work describe it).
        task = index.task(int(weighed.pair_task[pairs[0]]))
        work = regulation_ref(task.rows[int(weighed.pair_row[pairs[0]])], ids)
        items = b",".join(item for pair in pairs if (item := shown.get(pair)) is not None)
        results.append(_RESULT % (work.model_dump_json().encode(), to_json(score), documents,
                                  levels, items))
    info = QueryInfo(given=query.given, text=query.text, translated_from=query.translated_from,
                     label_en=query.label_en)
    return Ranking(_ANSWER % (info.model_dump_json().encode(), b",".join(results)), more)


_ANSWER = b'{"query":%s,"results":[%s]}'
_RESULT = b'{"regulation":%s,"score":%s,"documents":%d,"levels":%d,"evidence":[%s]}'


def _best_pairs(weighed: Weighed, work: int) -> list[int]:
    """The work's (work, task) pairs to show, one per task (its strongest citation of the
    work), strongest first, then by task (IRI order)."""
    pairs = np.flatnonzero(weighed.pair_work == work)
    order = np.lexsort((weighed.pair_task[pairs], -weighed.pair_weight[pairs]))
    return [int(pair) for pair in pairs[order[:MAX_EVIDENCE]]]


def _evidence(index: CitingTasks, table: CitationTable, weighed: Weighed, occurrences: Ints,
              length: int, pairs: Ints) -> dict[int, bytes]:
    """The page's evidence items as JSON, by pair: what the index rendered of each task and
    citation (:mod:`govtrace.queries.evidence_items`) around the question's own highlights
    and match; none for a task the index does not describe. The query is highlighted where
    its occurrences in the joined passages fall (the same non-overlapping ones a scan of the
    passage alone finds, as no query holds the separator), the citation where the passage
    shows it first. Each lookup is made for the whole page at once: per item, numpy's
    overhead was most of the answer's CPU (issue 16)."""
    items = index.evidence.get()
    tasks = weighed.pair_task[pairs]
    kept = items.described(tasks)
    pairs, tasks = pairs[kept], tasks[kept]
    rows = table.task_rows[tasks] + weighed.pair_row[pairs]
    starts = table.task_start[tasks].tolist()
    ends = [index.passage_end(task) for task in tasks.tolist()]
    bounds = np.searchsorted(occurrences, starts + ends).tolist()
    highlights = []
    for start, low, high, (cited_at, cited_length) in zip(
            starts, bounds[:len(starts)], bounds[len(starts):], items.cited(rows), strict=True):
        marks = [(at - start, "query", length) for at in occurrences[low:high].tolist()]
        if cited_at >= 0:
            marks.append((cited_at, "citation", cited_length))
        highlights.append(to_json([{"start": at, "end": at + size, "kind": kind}
                                   for at, kind, size in sorted(marks)]))
    matches = [to_json(match) for match in weighed.pair_match[pairs].tolist()]
    return dict(zip(pairs.tolist(), items.items(tasks, rows, highlights, matches), strict=True))
