"""Which regulations mandate what a query names, ranked, with the tasks that carry them out.

The tasks whose title or text contains the query are found in the in-memory index of cited
tasks (:mod:`govtrace.queries.citing_tasks`, read once per store snapshot), each with its
citations; SPARQL is asked only about their documents when a scope is given, and for the
lineage and descriptions of the tasks kept as evidence. The ranking is done here, in
Python, where it can be read and tuned:

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

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from govtrace.graph.store import SparqlService
from govtrace.ontology.namespaces import GT
from govtrace.queries.citing_tasks import CitingTask, CitingTasks
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
from govtrace.queries.refs import REGULATION_RANKS, covers_year, regulation_ref
from govtrace.queries.rows import (
    Ids,
    Row,
    iri_values,
    local_name,
    select,
    values_chunks,
)

KIND_WEIGHT = {"Mandate": 1.0, "Deliverable": 0.5, "Mention": 0.25}
MATCH_IN_TITLE, MATCH_IN_SENTENCE, MATCH_IN_TEXT = 1.0, 0.9, 0.5
SPREAD_WEIGHT = 0.25  # per extra document and per extra level
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


def _candidates(service: SparqlService, index: CitingTasks, needle: str,
                scope: Scope) -> list[CitingTask]:
    """The cited tasks whose title or text contains ``needle``, within ``scope``."""
    tasks = index.containing(needle)
    patterns = _scope_patterns(scope)
    if not patterns or not tasks:
        return tasks
    # Only the documents of the matching tasks are asked about, so the scope costs a
    # look-up per document, not a pass over the store.
    kept: set[str] = set()
    for docs in values_chunks(sorted({task.doc for task in tasks})):
        kept.update(row["doc"] for row in select(service, f"""SELECT DISTINCT ?doc WHERE {{
  {iri_values("doc", docs)}
  {patterns}
}}"""))
    return [task for task in tasks if task.doc in kept]


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


@dataclass(slots=True)
class _Work:
    """What the matching tasks say of one work, gathered as they are scored."""

    description: Row  # a row of the work: its titles and type
    best: dict[str, _Scored] = field(default_factory=dict)  # each task's strongest citation
    documents: set[str] = field(default_factory=set)
    levels: set[str] = field(default_factory=set)

    def add(self, row: Row, passage: str, match: float, weight: float) -> None:
        task = row["task"]
        kept = self.best.get(task)
        if kept is None or weight > kept.weight:  # a _Scored only for the strongest
            self.best[task] = _Scored(row, passage, match, weight)
        self.documents.add(row["doc"])
        self.levels.add(row.get("docLevel") or row["doc"])


def _score(works: dict[str, _Work], task: CitingTask, needle: str,
           pattern: re.Pattern[str]) -> None:
    """Add each citation of ``task`` to its work, weighed by its kind and by where the task
    names the query (``pattern``: the escaped query). The hottest loop of a broad query
    (thousands of tasks at 10,000 documents), so it builds as few objects as it can."""
    in_title = needle in task.title
    # The query's non-overlapping occurrences (those querytext.highlights marks), once per
    # task; a citation is in the same sentence as one when it starts within the sentence's
    # bounds (citing_tasks.sentence_around: no sentence end between the two).
    hits = [] if in_title else [m.start() for m in pattern.finditer(task.passage)]
    for row in task.rows:
        if in_title:
            match = MATCH_IN_TITLE
        elif row["citedAt"] >= 0 and _any_within(hits, *row["sentence"]):
            match = MATCH_IN_SENTENCE
        else:
            match = MATCH_IN_TEXT
        work = works.get(row["work"])
        if work is None:
            work = works[row["work"]] = _Work(row)
        work.add(row, task.passage, match, KIND_WEIGHT.get(row["kindName"], 0.0) * match)


def _any_within(sorted_offsets: list[int], low: int, high: int) -> bool:
    at = bisect_left(sorted_offsets, low)
    return at < len(sorted_offsets) and sorted_offsets[at] <= high


def _regulation_score(work: _Work, needle: str) -> tuple[float, int, int]:
    documents, levels = len(work.documents), len(work.levels)
    spread = 1.0 + SPREAD_WEIGHT * (documents - 1) + SPREAD_WEIGHT * (levels - 1)
    title = work.description.get("workTitle") or work.description.get("workDocTitle") or ""
    bonus = (fuzz.partial_ratio(needle, title) / 100.0) ** 4 if title else 0.0
    weights = sum(scored.weight for scored in work.best.values())
    return round(weights * spread + bonus, 4), documents, levels


def mandates(service: SparqlService, index: CitingTasks, ids: Ids, query: QueryText,
             scope: Scope, limit: int) -> tuple[QueryInfo, list[MandateResult]]:
    """The regulations mandating tasks about ``query``, best first, at most ``limit``;
    ``index`` holds the cited tasks of the graph ``service`` answers over, and their
    descriptions and lineage."""
    works: dict[str, _Work] = {}
    pattern = re.compile(re.escape(query.text))
    for task in _candidates(service, index, query.text, scope):
        _score(works, task, query.text, pattern)
    ranked = sorted(((_regulation_score(work, query.text), iri) for iri, work in works.items()),
                    key=lambda item: (-item[0][0], _legal_force(works[item[1]]), item[1]))[:limit]
    kept = {iri: _best_rows(works[iri]) for _, iri in ranked}
    tasks = [scored.row["task"] for rows in kept.values() for scored in rows]
    refs = index.refs_for(tasks)
    lineage = chains(tasks, index.parents, refs)
    results = []
    for (score, documents, levels), iri in ranked:
        evidence = [_evidence(scored, query.text, refs, lineage) for scored in kept[iri]]
        results.append(MandateResult(regulation=regulation_ref(works[iri].description, ids),
                                     score=score, documents=documents, levels=levels,
                                     evidence=[e for e in evidence if e is not None]))
    info = QueryInfo(given=query.given, text=query.text, translated_from=query.translated_from,
                     label_en=query.label_en)
    return info, results


def _legal_force(work: _Work) -> int:
    """The work's place in 立法法's hierarchy (法律 first); anything else ranks after."""
    rank = work.description.get("workRank")
    return REGULATION_RANKS.index(rank) if rank in REGULATION_RANKS else len(REGULATION_RANKS)


def _best_rows(work: _Work) -> list[_Scored]:
    """One row per task (its strongest citation of the work), strongest first."""
    return sorted(work.best.values(), key=lambda s: (-s.weight, s.row["task"]))[:MAX_EVIDENCE]


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
