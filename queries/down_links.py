"""Each task's links down, in listing order: what a page of ``/api/tasks/{id}/lineage`` cuts.

A task's links down are the ``gt:implements`` links to it and to every task below it, in
the order govtrace lists them (the child's ``gt:listingOrder``, then the parent's, then the
link's IRI, unbound first as SPARQL orders). Asked of the store, a page had to count and
order every link below the task before cutting it: 3.5 s of CPU for national item 9 at
30,000 documents (6,160 implementers), for a page of 200. The build computes the lists once
(:mod:`govtrace.queries.serving_index`), so that a page reads its own links only.

Stored compactly, since every link is in the list of each task above it (about a million
entries at 30,000 documents): the link IRIs once, as one string with their offsets, and
each task's list as a slice of one array of link ordinals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

import numpy as np
import numpy.typing as npt

from govtrace.graph.store import SparqlService
from govtrace.queries.rows import Row, select

OrderKey = tuple[bool, int, bool, int, str]


class DownLinks:
    """Each task's links down (IRIs) in listing order, and so their number."""

    def __init__(self, links: list[str], lists: Mapping[str, list[int]]) -> None:
        """``links``: the link IRIs in listing order; ``lists``: for each task, the
        ordinals in ``links`` of its links down, ascending."""
        self._iris = "".join(links)
        self._starts = np.cumsum([0, *map(len, links)], dtype=np.int64)
        tasks = sorted(lists)
        self._rows = {task: row for row, task in enumerate(tasks)}
        self._bounds = np.cumsum([0, *(len(lists[task]) for task in tasks)], dtype=np.int64)
        self._entries: npt.NDArray[np.int32] = np.fromiter(
            (ordinal for task in tasks for ordinal in lists[task]), dtype=np.int32,
            count=int(self._bounds[-1]))

    def page(self, task: str, offset: int, limit: int | None) -> tuple[list[str], int]:
        """``limit`` (all when None) of ``task``'s links down from ``offset`` on, and how
        many it has in all (none for a task nothing implements, or no task)."""
        row = self._rows.get(task)
        if row is None:
            return [], 0
        first, end = int(self._bounds[row]), int(self._bounds[row + 1])
        start = min(first + offset, end)
        stop = end if limit is None else min(start + limit, end)
        starts = self._starts
        return [self._iris[starts[ordinal]:starts[ordinal + 1]]
                for ordinal in self._entries[start:stop].tolist()], end - first


def read_down_links(service: SparqlService) -> DownLinks:
    """Every task's links down, from two queries: the ``gt:implements`` links with their
    ends' listing orders, and the ``gt:implements`` arcs between tasks (DISTINCT: the union
    default graph repeats a triple once per graph holding it); the tasks above each link's
    parent are walked here."""
    rows = select(service, """SELECT DISTINCT ?link ?to ?order ?parentOrder WHERE {
  ?link gt:linkType gt:implements ; gt:linkTo ?to ; gt:linkFrom ?from .
  OPTIONAL { ?from gt:listingOrder ?order } OPTIONAL { ?to gt:listingOrder ?parentOrder }
}""")
    parents: dict[str, list[str]] = {}
    for arc in select(service, "SELECT DISTINCT ?a ?b WHERE { ?a gt:implements ?b }"):
        parents.setdefault(arc["a"], []).append(arc["b"])
    first: dict[str, tuple[OrderKey, str]] = {}  # a link's first row in listing order
    for row in rows:
        key = _order(row)
        if row["link"] not in first or key < first[row["link"]][0]:
            first[row["link"]] = (key, row["to"])
    ordered = sorted(first.items(), key=lambda item: item[1][0])
    lists: dict[str, list[int]] = {}
    above: dict[str, set[str]] = {}
    for ordinal, (_, (_, to)) in enumerate(ordered):
        if to not in above:
            above[to] = set(tasks_above(to, lambda task: parents.get(task, ())))
        for task in above[to]:
            lists.setdefault(task, []).append(ordinal)
    return DownLinks([link for link, _ in ordered], lists)


def _order(row: Row) -> OrderKey:
    """ORDER BY ?order ?parentOrder ?link (an unbound value before any bound one)."""
    order, parent = row.get("order"), row.get("parentOrder")
    return (order is not None, order or 0, parent is not None, parent or 0, row["link"])


def tasks_above(task: str, parents: Callable[[str], Iterable[str]]) -> Iterator[str]:
    """``task`` and every task above it (``?task gt:implements* ?above``), each once;
    ``parents``: the tasks a task ``gt:implements`` (a cycle, which would be a linking
    fault, is walked once)."""
    seen = {task}
    todo = [task]
    yield task
    while todo:
        for parent in parents(todo.pop()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
                yield parent
