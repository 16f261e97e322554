"""Which regulations mandate what a query names, ranked, with the tasks that carry them out.

The tasks whose title or text contains the query are found in the in-memory index of cited
tasks (:mod:`govtrace.queries.citing_tasks`, read once per store snapshot), each with its
citations; SPARQL is asked only about their documents when a scope is given, and for the
lineage and descriptions of the tasks kept as evidence. The ranking is done here, over
the citations as columns (:mod:`govtrace.queries.citation_table`, which weighs them),
where it can be read and tuned:

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
from rapidfuzz import fuzz

from govtrace.graph.store import SparqlService
from govtrace.ontology.namespaces import GT
from govtrace.queries.citation_table import CitationTable, Ints, Weighed, WorkTotals
from govtrace.queries.citing_tasks import CitingTasks
from govtrace.queries.lineage_links import chains
from govtrace.queries.models import (
    CitationRef,
    Highlight,
    LineageStep,
    MandateEvidence,
    MandateResult,
    QueryInfo,
    SpanRef,
    TaskRef,
)
from govtrace.queries.querytext import QueryText, highlights
from govtrace.queries.refs import covers_year, regulation_ref
from govtrace.queries.rows import (
    Ids,
    Row,
    iri_values,
    local_name,
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


@dataclass(slots=True)
class _Scored:
    row: Row
    passage: str
    match: float
    weight: float

    def highlights(self, needle: str) -> list[Highlight]:
        """The query and the citation marked in the passage (only evidence shows them)."""
        marks = (highlights(self.passage, needle, "query")
                 + highlights(self.passage, self.row["cited"], "citation")[:1])
        return sorted(marks, key=lambda h: (h.start, h.kind))


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
    """A page of the ranking: the query understood, the regulations ranked from the page's
    offset on with their evidence, and whether any ranks after them."""

    query: QueryInfo
    results: list[MandateResult]
    more: bool


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
    kept = {work: _best_rows(index, weighed, work) for _, work in ranked}
    tasks_kept = [scored.row["task"] for rows in kept.values() for scored in rows]
    refs = index.refs_for(tasks_kept)
    lineage = chains(tasks_kept, index.parents, refs)
    results = []
    for (score, documents, levels), work in ranked:
        evidence = [_evidence(scored, query.text, refs, lineage) for scored in kept[work]]
        results.append(MandateResult(regulation=regulation_ref(kept[work][0].row, ids),
                                     score=score, documents=documents, levels=levels,
                                     evidence=[e for e in evidence if e is not None]))
    info = QueryInfo(given=query.given, text=query.text, translated_from=query.translated_from,
                     label_en=query.label_en)
    return Ranking(info, results, more)


def _best_rows(index: CitingTasks, weighed: Weighed, work: int) -> list[_Scored]:
    """One row per task (its strongest citation of the work), strongest first, then by
    task IRI (the index's order)."""
    pairs = np.flatnonzero(weighed.pair_work == work)
    order = sorted(pairs.tolist(), key=lambda pair: (-weighed.pair_weight[pair],
                                                      weighed.pair_task[pair]))
    scored = []
    for pair in order[:MAX_EVIDENCE]:
        task = index.task(int(weighed.pair_task[pair]))
        scored.append(_Scored(task.rows[int(weighed.pair_row[pair])], task.passage,
                              float(weighed.pair_match[pair]), float(weighed.pair_weight[pair])))
    return scored


def _evidence(scored: _Scored, needle: str, refs: dict[str, TaskRef],
              lineage: dict[str, list[LineageStep]]) -> MandateEvidence | None:
    row = scored.row
    task = refs.get(row["task"])
    if task is None:
        return None
    span = (SpanRef(start=row["cStart"], end=row["cEnd"], exact=row.get("cExact"))
            if "cStart" in row else None)
    task_span = SpanRef(start=row["tStart"], end=row["tEnd"]) if "tStart" in row else None
    return MandateEvidence(
        task=task, citation=CitationRef(kind=local_name(row["kind"]) or "", cue=row.get("cue"),
                                        span=span),
        passage=scored.passage, highlights=scored.highlights(needle), task_span=task_span,
        match=scored.match, lineage=lineage.get(row["task"], []))
