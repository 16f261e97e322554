"""Full-text search over tasks and report items, Chinese-aware.

Chinese has no spaces to split words on, so a query is matched by its character bigrams:
the tasks and report items containing any bigram (or, for a one-character query, the
character) are scored by the share of the query's bigrams they contain, with a bonus when
they hold the whole query as a substring.

Over a store snapshot the passages are searched in memory (:class:`PassageIndex`, read
once per snapshot like the cited tasks of :mod:`govtrace.queries.citing_tasks`): as one
SPARQL ``FILTER(CONTAINS(…))`` per question the search read every task of the store and
took seconds at 1,000 documents. A remote store, which others may change, is asked each
time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel

from govtrace.graph.store import SparqlService
from govtrace.queries.models import Highlight, TaskRef
from govtrace.queries.querytext import QueryText, highlights
from govtrace.queries.refs import task_refs
from govtrace.queries.rows import Ids, Row, literal_values, local_name, select
from govtrace.queries.text_index import JoinedText

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


@dataclass(frozen=True)
class Passage:
    node: str
    kind: str  # the local name of its class: Task or ReportItem
    text: str  # title and text, one line each


class PassageIndex:
    """Every task and report item of a graph, for bigram search."""

    def __init__(self, passages: Iterable[Passage]) -> None:
        self.passages = sorted(passages, key=lambda passage: passage.node)
        self._text = JoinedText([passage.text for passage in self.passages])

    def matching(self, grams: list[str]) -> list[tuple[Passage, int]]:
        """Each passage holding any of ``grams``, with how many of them it holds."""
        counts = Counter(i for gram in grams for i in self._text.containing(gram))
        return [(self.passages[i], n) for i, n in sorted(counts.items())]


def read_passages(service: SparqlService) -> PassageIndex:
    return PassageIndex(_passage(row)
                        for row in select(service, _PASSAGES.format(values="", filter="")))


_PASSAGES = """SELECT DISTINCT ?node ?type ?title ?text WHERE {{
  {values}
  VALUES ?type {{ gt:Task gt:ReportItem }}
  ?node a ?type .
  OPTIONAL {{ ?node gt:title ?title }}
  OPTIONAL {{ ?node gt:text ?text }}
  {filter}
}}"""


def _passage(row: Row) -> Passage:
    text = "\n".join(part for part in (row.get("title"), row.get("text")) if part)
    return Passage(row["node"], local_name(row["type"]) or "", text)


def _matching_in_store(service: SparqlService, grams: list[str]) -> list[tuple[Passage, int]]:
    rows = select(service, _PASSAGES.format(
        values=literal_values("gram", grams),
        filter='FILTER(CONTAINS(COALESCE(?title, ""), ?gram) '
               '|| CONTAINS(COALESCE(?text, ""), ?gram))'))
    passages = {row["node"]: _passage(row) for row in rows}
    return [(p, sum(gram in p.text for gram in grams)) for p in passages.values()]


def search(service: SparqlService, ids: Ids, query: QueryText, limit: int,
           index: PassageIndex | None = None) -> list[SearchHit]:
    """The best ``limit`` passages for ``query``; from ``index`` when given, else the store."""
    grams = bigrams(query.text)
    found = index.matching(grams) if index is not None else _matching_in_store(service, grams)
    scored = []
    for passage, count in found:
        share = count / len(grams)
        if share < MIN_SHARE:
            continue
        whole = query.text in passage.text
        scored.append((round(share + (WHOLE_QUERY_BONUS if whole else 0.0), 4), passage))
    scored.sort(key=lambda item: (-item[0], item[1].node))
    scored = scored[:limit]
    refs = task_refs(service, ids, [passage.node for _, passage in scored])
    return [SearchHit(task=refs[passage.node], kind=passage.kind, score=score,
                      passage=passage.text,
                      highlights=highlights(passage.text, query.text, "query"))
            for score, passage in scored if passage.node in refs]
