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

from collections.abc import Iterator

import pyoxigraph as ox

from govtrace.graph.store import GraphStore
from govtrace.graph.store_oxigraph import select_terms
from govtrace.ontology.namespaces import GT
from govtrace.ontology.ntriples import Statement, integer, iri

LISTING_ORDER = iri(GT.listingOrder)

_KEYS = f"""SELECT ?task ?document ?number ?rank WHERE {{
  ?task a <{GT.Task}> ; <{GT.inDocument}> ?document .
  OPTIONAL {{ ?task <{GT.number}> ?number }}
  OPTIONAL {{ ?document <{GT.jurisdiction}>/<{GT.level}>/<{GT.rank}> ?rank }}
}}"""

# (rank known, rank, document, number known, number, task): an unknown value sorts first.
SortKey = tuple[bool, int, str, bool, int, str]


def listing_order(store: GraphStore) -> Iterator[Statement]:
    """``(task, gt:listingOrder, n)`` for every task of the store, n counting from 1."""
    keys: dict[str, SortKey] = {}
    for row in select_terms(store, _KEYS):
        task, rank, number = row["task"], row["rank"], row["number"]
        if not isinstance(task, ox.NamedNode):
            continue  # a task is always named; a blank node would be no one's to order
        key = (rank is not None, _integer(rank), row["document"].value,
               number is not None, _integer(number), task.value)
        # Several rows of one task (a document of several jurisdictions, a triple stated
        # in two graphs): the first in the order stands for it.
        keys[task.value] = min(key, keys.get(task.value, key))
    for position, task in enumerate(sorted(keys, key=keys.__getitem__), start=1):
        yield iri(task), LISTING_ORDER, integer(position)


def _integer(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> int:
    return int(term.value) if isinstance(term, ox.Literal) else 0
