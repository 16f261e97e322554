"""Full-text search over tasks and report items, Chinese-aware.

Chinese has no spaces to split words on, so a query is matched by its character bigrams:
SPARQL fetches the tasks and report items containing any bigram (or, for a one-character
query, the character), and each is scored here by the share of the query's bigrams it
contains, with a bonus when it holds the whole query as a substring.
"""

from __future__ import annotations

from pydantic import BaseModel

from govtrace.graph.store import SparqlService
from govtrace.queries.models import Highlight, TaskRef
from govtrace.queries.querytext import QueryText, highlights
from govtrace.queries.refs import task_refs
from govtrace.queries.rows import Ids, literal_values, local_name, select

WHOLE_QUERY_BONUS = 1.0
MIN_SHARE = 0.5  # fewer than half the query's bigrams present is noise, not a match


class SearchHit(BaseModel):
    task: TaskRef
    kind: str
    score: float
    passage: str
    highlights: list[Highlight]


def bigrams(text: str) -> list[str]:
    compact = text.replace(" ", "")
    grams = [compact[i:i + 2] for i in range(len(compact) - 1)] or [compact]
    return list(dict.fromkeys(grams))


def search(service: SparqlService, ids: Ids, query: QueryText, limit: int) -> list[SearchHit]:
    grams = bigrams(query.text)
    rows = select(service, f"""SELECT DISTINCT ?node ?type ?title ?text WHERE {{
  {literal_values("gram", grams)}
  VALUES ?type {{ gt:Task gt:ReportItem }}
  ?node a ?type .
  OPTIONAL {{ ?node gt:title ?title }}
  OPTIONAL {{ ?node gt:text ?text }}
  FILTER(CONTAINS(COALESCE(?title, ""), ?gram) || CONTAINS(COALESCE(?text, ""), ?gram))
}}""")
    scored = []
    for row in rows:
        passage = "\n".join(part for part in (row.get("title"), row.get("text")) if part)
        share = sum(gram in passage for gram in grams) / len(grams)
        if share < MIN_SHARE:
            continue
        whole = query.text in passage
        scored.append((round(share + (WHOLE_QUERY_BONUS if whole else 0.0), 4), row, passage))
    scored.sort(key=lambda item: (-item[0], item[1]["node"]))
    scored = scored[:limit]
    refs = task_refs(service, ids, [row["node"] for _, row, _ in scored])
    return [SearchHit(task=refs[row["node"]], kind=local_name(row["type"]) or "", score=score,
                      passage=passage, highlights=highlights(passage, query.text, "query"))
            for score, row, passage in scored if row["node"] in refs]

