"""Which regulations mandate what a query names, ranked, with the tasks that carry them out.

One SELECT fetches every citation made by a task whose title or text contains the query;
the ranking is done here, in Python, where it can be read and tuned:

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
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from govtrace.graph.store import SparqlService
from govtrace.queries.lineage_links import best_parents, chain_tasks, chains
from govtrace.queries.models import (
    Citation,
    Highlight,
    LineageStep,
    MandateEvidence,
    MandateResult,
    QueryInfo,
    Span,
    TaskRef,
)
from govtrace.queries.querytext import QueryText, fold, highlights
from govtrace.queries.refs import WORK_PATTERN, regulation_ref, task_refs
from govtrace.queries.rows import Ids, Row, iri_values, literal_values, local_name, select

KIND_WEIGHT = {"Mandate": 1.0, "Deliverable": 0.5, "Mention": 0.25}
MATCH_IN_TITLE, MATCH_IN_SENTENCE, MATCH_IN_TEXT = 1.0, 0.9, 0.5
SPREAD_WEIGHT = 0.25  # per extra document and per extra level
# Legal force, highest first (立法法's hierarchy); anything else ranks after these.
LEGAL_FORCE = ("Law", "AdministrativeRegulation", "LocalRegulation", "GovernmentRule",
               "NormativeDocument")
MAX_EVIDENCE = 10
_SENTENCE_END = re.compile(r"[。；;!?！？\n]")


@dataclass(frozen=True)
class Scope:
    """Optional restrictions on the documents whose tasks count."""

    level: str | None = None  # a gt: level name such as "County"
    division: str | None = None  # an IRI: the document's jurisdiction is it or within it
    year: int | None = None


def _scope_patterns(scope: Scope) -> str:
    parts = []
    if scope.level is not None:
        parts.append(f"{iri_values('flevel', [_gt(scope.level)])} "
                     "?doc gt:jurisdiction/gt:level ?flevel .")
    if scope.division is not None:
        parts.append(f"{iri_values('fscope', [scope.division])} "
                     "?doc gt:jurisdiction/gt:withinDivision* ?fscope .")
    if scope.year is not None:
        parts.append(f"{literal_values('fyear', [str(scope.year)])} "
                     "?doc gt:coversYear ?fy . FILTER(STR(?fy) = ?fyear)")
    return "\n  ".join(parts)


def _gt(name: str) -> str:
    return "https://w3id.org/govtrace/ontology#" + name


def _candidates(service: SparqlService, needle: str, scope: Scope) -> list[Row]:
    # The matching tasks are found first, in a sub-select: left to join citations and works
    # before the FILTER, Oxigraph takes ten times longer.
    rows = select(service, f"""SELECT DISTINCT * WHERE {{
  {{ SELECT DISTINCT ?task ?doc WHERE {{
      {literal_values("needle", [needle])}
      ?task a gt:Task ; gt:inDocument ?doc .
      {{ ?task gt:title ?about }} UNION {{ ?task gt:text ?about }}
      FILTER(CONTAINS(?about, ?needle))
      {_scope_patterns(scope)}
  }} }}
  ?task gt:hasCitation ?citation .
  ?citation gt:citedWork ?work ; gt:citationKind ?kind .
  OPTIONAL {{ ?task gt:title ?title }}
  OPTIONAL {{ ?task gt:text ?text }}
  OPTIONAL {{ ?citation gt:cue ?cue }}
  OPTIONAL {{ ?citation gt:span ?cs }}
  OPTIONAL {{ ?task gt:span ?ts }}
  OPTIONAL {{ ?doc gt:jurisdiction/gt:level ?docLevel }}
  {WORK_PATTERN}
}}""")
    return _with_spans(service, rows)


def _with_spans(service: SparqlService, rows: list[Row]) -> list[Row]:
    """Rows with their citation's and task's span offsets (and the cited characters).

    A separate query anchored on the span IRIs: as OPTIONALs of the query above, Oxigraph
    joins every span of the store first (three times slower)."""
    spans = {row[key] for row in rows for key in ("cs", "ts") if key in row}
    if not spans:
        return rows
    found = {row["span"]: row for row in select(service, f"""SELECT * WHERE {{
  {iri_values("span", sorted(spans))} ?span gt:charStart ?start ; gt:charEnd ?end .
  OPTIONAL {{ ?span gt:exact ?exact }} }}""")}
    for row in rows:
        cited, task = found.get(row.get("cs", "")), found.get(row.get("ts", ""))
        if cited is not None:
            row.update(cStart=cited["start"], cEnd=cited["end"], cExact=cited.get("exact"))
        if task is not None:
            row.update(tStart=task["start"], tEnd=task["end"])
    return rows


@dataclass
class _Scored:
    row: Row
    passage: str
    highlights: list[Highlight]
    match: float

    @property
    def weight(self) -> float:
        return KIND_WEIGHT.get(local_name(self.row["kind"]) or "", 0.0) * self.match


@dataclass
class _Work:
    rows: list[_Scored] = field(default_factory=list)


def _score_row(row: Row, needle: str) -> _Scored:
    title, text = row.get("title") or "", row.get("text") or ""
    passage = f"{title}\n{text}" if text else title
    cited = fold(row.get("cExact") or "") or f"《{row.get('workTitle') or ''}》"
    cited_at = highlights(passage, cited, "citation")[:1]
    query_at = highlights(passage, needle, "query")
    if needle in title:
        match = MATCH_IN_TITLE
    elif cited_at and any(_same_sentence(passage, cited_at[0].start, hit.start)
                          for hit in query_at):
        match = MATCH_IN_SENTENCE
    else:
        match = MATCH_IN_TEXT
    marks = sorted(query_at + cited_at, key=lambda h: (h.start, h.kind))
    return _Scored(row, passage, marks, match)


def _same_sentence(text: str, a: int, b: int) -> bool:
    low, high = min(a, b), max(a, b)
    return _SENTENCE_END.search(text, low, high) is None


def _regulation_score(work: _Work, needle: str) -> tuple[float, int, int]:
    per_task: dict[str, float] = {}
    for scored in work.rows:
        task = scored.row["task"]
        per_task[task] = max(per_task.get(task, 0.0), scored.weight)
    documents = len({scored.row["doc"] for scored in work.rows})
    levels = len({scored.row.get("docLevel", scored.row["doc"]) for scored in work.rows})
    spread = 1.0 + SPREAD_WEIGHT * (documents - 1) + SPREAD_WEIGHT * (levels - 1)
    row = work.rows[0].row
    title = row.get("workTitle") or row.get("workDocTitle") or ""
    bonus = (fuzz.partial_ratio(needle, title) / 100.0) ** 4 if title else 0.0
    return round(sum(per_task.values()) * spread + bonus, 4), documents, levels


def mandates(service: SparqlService, ids: Ids, query: QueryText, scope: Scope,
             limit: int) -> tuple[QueryInfo, list[MandateResult]]:
    """The regulations mandating tasks about ``query``, best first, at most ``limit``."""
    works: dict[str, _Work] = {}
    for row in _candidates(service, query.text, scope):
        works.setdefault(row["work"], _Work()).rows.append(_score_row(row, query.text))
    ranked = sorted(((_regulation_score(work, query.text), iri) for iri, work in works.items()),
                    key=lambda item: (-item[0][0], _legal_force(works[item[1]]), item[1]))[:limit]
    kept = [scored for _, iri in ranked for scored in _best_rows(works[iri])]
    tasks = [scored.row["task"] for scored in kept]
    parents = best_parents(service, tasks)  # one query for all tasks' chains, not N
    refs = task_refs(service, ids, [*tasks, *chain_tasks(parents)])
    lineage = chains(tasks, parents, refs)
    results = []
    for (score, documents, levels), iri in ranked:
        evidence = [_evidence(scored, refs, lineage) for scored in _best_rows(works[iri])]
        results.append(MandateResult(regulation=regulation_ref(works[iri].rows[0].row, ids),
                                     score=score, documents=documents, levels=levels,
                                     evidence=[e for e in evidence if e is not None]))
    info = QueryInfo(given=query.given, text=query.text, translated_from=query.translated_from,
                     label_en=query.label_en)
    return info, results


def _legal_force(work: _Work) -> int:
    kind = local_name(work.rows[0].row.get("workType")) or ""
    return LEGAL_FORCE.index(kind) if kind in LEGAL_FORCE else len(LEGAL_FORCE)


def _best_rows(work: _Work) -> list[_Scored]:
    """One row per task (its strongest citation of the work), strongest first."""
    best: dict[str, _Scored] = {}
    for scored in work.rows:
        kept = best.get(scored.row["task"])
        if kept is None or scored.weight > kept.weight:
            best[scored.row["task"]] = scored
    return sorted(best.values(), key=lambda s: (-s.weight, s.row["task"]))[:MAX_EVIDENCE]


def _evidence(scored: _Scored, refs: dict[str, TaskRef],
              lineage: dict[str, list[LineageStep]]) -> MandateEvidence | None:
    row = scored.row
    task = refs.get(row["task"])
    if task is None:
        return None
    span = (Span(start=row["cStart"], end=row["cEnd"], exact=row.get("cExact"))
            if "cStart" in row else None)
    task_span = Span(start=row["tStart"], end=row["tEnd"]) if "tStart" in row else None
    return MandateEvidence(
        task=task, citation=Citation(kind=local_name(row["kind"]) or "", cue=row.get("cue"),
                                     span=span),
        passage=scored.passage, highlights=scored.highlights, task_span=task_span,
        match=scored.match, lineage=lineage.get(row["task"], []))
