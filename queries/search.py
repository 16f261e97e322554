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

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel

from govtrace.graph.store import SparqlService
from govtrace.queries.models import Highlight, TaskRef
from govtrace.queries.querytext import QueryText, highlights
from govtrace.queries.refs import task_refs
from govtrace.queries.rows import Ids, Row, literal_values, local_name, select
from govtrace.queries.text_index import GramIndex, JoinedText

WHOLE_QUERY_BONUS = 1.0
_CHUNK = 8
"""Candidates of the rarest bigram intersected at a time, per hit asked for: most candidates
of a query of several bigrams hold the whole query, so a page is mostly found in the
first chunk."""
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


KINDS = ("Task", "ReportItem")  # the classes of _PASSAGES' ?type


@dataclass(frozen=True)
class Passage:
    node: str
    kind: str  # the local name of its class: Task or ReportItem
    text: str  # title and text, one line each


class PassageIndex:
    """Every task and report item of a graph, for bigram search; by columns (their nodes,
    kinds and texts), so that a server opens a build's index of 400,000 passages fast
    (:mod:`govtrace.queries.text_index`)."""

    def __init__(self, passages: Iterable[Passage]) -> None:
        ordered = sorted(passages, key=lambda passage: passage.node)
        self._nodes = [passage.node for passage in ordered]
        self._kinds = bytes(KINDS.index(passage.kind) for passage in ordered)
        texts = [passage.text for passage in ordered]
        self._text = JoinedText(texts)
        self._grams = GramIndex(texts)

    def __len__(self) -> int:
        return len(self._nodes)

    def __getitem__(self, index: int) -> Passage:
        return Passage(self._nodes[index], KINDS[self._kinds[index]], self._text[index])

    def best(self, whole: str, grams: list[str], limit: int) -> list[tuple[float, Passage]]:
        """What :func:`best` gives for the passages holding any of ``grams``, looking at no
        more of them than it must: the positions are in node order, so the first ``limit``
        of a score are its best, and the highest scores (all the grams; the whole query
        too) are taken first, from the passages holding every gram; the grams are counted
        over every passage only when those are fewer than ``limit``."""
        need = math.ceil(MIN_SHARE * len(grams))  # share >= MIN_SHARE
        if " " in whole:  # the whole query may be there without its bigrams (spaces gone)
            counts = self._grams.counts(grams)
            found = np.flatnonzero(counts >= max(need, 1))
            return best([(self[int(i)], int(counts[i])) for i in found], whole, grams, limit)
        picked: list[tuple[float, int]] = []
        rest: list[int] = []  # all the grams but not the whole query: the next score
        for part in self._grams.holding_all(grams, chunk=_CHUNK * limit):
            for i in part.tolist():
                if whole in self._text[i]:
                    picked.append((_score(len(grams), len(grams), whole=True), i))
                    if len(picked) == limit:
                        break
                elif len(rest) < limit:
                    rest.append(i)
            if len(picked) == limit:
                break
        picked += [(_score(len(grams), len(grams), whole=False), i) for i in rest]
        if len(picked) < limit and len(grams) > max(need, 1):
            counts = self._grams.counts(grams)
            for count in range(len(grams) - 1, max(need, 1) - 1, -1):
                if len(picked) >= limit:
                    break
                picked += [(_score(count, len(grams), whole=False), i) for i in
                           np.flatnonzero(counts == count)[:limit - len(picked)].tolist()]
        return [(score, self[i]) for score, i in picked[:limit]]


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


def _score(count: int, of: int, *, whole: bool) -> float:
    return round(count / of + (WHOLE_QUERY_BONUS if whole else 0.0), 4)


def best(found: Iterable[tuple[Passage, int]], whole: str, grams: list[str], limit: int
         ) -> list[tuple[float, Passage]]:
    """The best ``limit`` of ``found`` (each passage with how many of ``grams`` it holds):
    by the share of the grams, plus a bonus when it holds the ``whole`` query; ties by IRI."""
    scored = [(_score(count, len(grams), whole=whole in passage.text), passage)
              for passage, count in found if count / len(grams) >= MIN_SHARE]
    scored.sort(key=lambda item: (-item[0], item[1].node))
    return scored[:limit]


def search(service: SparqlService, ids: Ids, query: QueryText, limit: int,
           index: PassageIndex | None = None) -> list[SearchHit]:
    """The best ``limit`` passages for ``query``; from ``index`` when given, else the store."""
    grams = bigrams(query.text)
    scored = (index.best(query.text, grams, limit) if index is not None else
              best(_matching_in_store(service, grams), query.text, grams, limit))
    refs = task_refs(service, ids, [passage.node for _, passage in scored])
    return [SearchHit(task=refs[passage.node], kind=passage.kind, score=score,
                      passage=passage.text,
                      highlights=highlights(passage.text, query.text, "query"))
            for score, passage in scored if passage.node in refs]
