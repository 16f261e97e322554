"""Every task's place in the order govtrace lists tasks in, materialized as ``gt:listingOrder``.

The saved query ``implementers`` lists the tasks that carry out a national item, level by
level: at 30,000 documents that is 6,160 tasks for item 9, and ordering them on the SPARQL
keys themselves (the level's rank, then the document's IRI, its number, the task's IRI) cost
Oxigraph 600 ms, because it compares IRIs by reading both strings from the store at every
comparison of the sort (issue 16). The same order is computed here once per build, in
Python, and written as one integer per task, so the query sorts and pages on an integer.

The order is the one ``ORDER BY ?rank ?document ?number ?task`` gives: a task whose rank or
number is unknown comes first, as SPARQL orders an unbound value; IRIs compare by their
text. A document with several jurisdictions takes its highest level (lowest rank).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from govtrace.graph.store import GraphStore
from govtrace.graph.store_oxigraph import select_terms
from govtrace.ontology.namespaces import GT
from govtrace.ontology.ntriples import Statement, integer, iri

LISTING_ORDER = iri(GT.listingOrder)

# The order's keys in two reads joined here: the documents' ranks are one per document, and
# the single query with both OPTIONALs walked a task's document's jurisdiction path once per
# task (at 10,000 documents 5.2–9.4 s of CPU, the two reads 2.7 s, the machine loaded).
# Each read's patterns are sub-queries, which Oxigraph evaluates on their own and joins by
# hashing: written as one group it looks each task's document and number up, and the build
# reads before compaction, where a look-up seeks through every batch the bulk loader wrote
# (at 10,000 documents, 82 files: the tasks 2.2 s of CPU as a group, 1.05 s so; the same rows).
_TASKS = f"""SELECT ?task ?document ?number WHERE {{
  ?task a <{GT.Task}> .
  {{ SELECT ?task ?document WHERE {{ ?task <{GT.inDocument}> ?document }} }}
  OPTIONAL {{ SELECT ?task ?number WHERE {{ ?task <{GT.number}> ?number }} }}
}}"""
_RANKS = f"""SELECT ?document ?rank WHERE {{
  ?document <{GT.jurisdiction}> ?division .
  {{ SELECT ?division ?rank WHERE {{ ?division <{GT.level}>/<{GT.rank}> ?rank }} }}
}}"""

# (rank known, rank, document, number known, number, task): an unknown value sorts first.
SortKey = tuple[bool, int, str, bool, int, str]
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_UNRANKED: tuple[Term | None, ...] = (None,)


def listing_order(store: GraphStore) -> Iterator[Statement]:
    """``(task, gt:listingOrder, n)`` for every task of the store, n counting from 1."""
    ranks: dict[Term, list[Term]] = defaultdict(list)
    for row in select_terms(store, _RANKS):
        ranks[row["document"]].append(row["rank"])
    keys: dict[str, SortKey] = {}
    for row in select_terms(store, _TASKS):
        task, document, number = row["task"], row["document"], row["number"]
        if not isinstance(task, ox.NamedNode):
            continue  # a task is always named; a blank node would be no one's to order
        # Several rows of one task (a document of several jurisdictions, a triple stated
        # in two graphs): the first in the order stands for it. A document of no known
        # rank gives the one row the OPTIONAL would.
        for rank in ranks.get(document) or _UNRANKED:
            key = (rank is not None, _integer(rank), document.value,
                   number is not None, _integer(number), task.value)
            keys[task.value] = min(key, keys.get(task.value, key))
    for position, task in enumerate(sorted(keys, key=keys.__getitem__), start=1):
        yield iri(task), LISTING_ORDER, integer(position)


def _integer(term: Term | None) -> int:
    return int(term.value) if isinstance(term, ox.Literal) else 0
