"""A task with two parents of equal confidence gets the same best parent on every read: the
lineage chains of the mandates evidence and the cited tasks are what researchers cite, and
the store's row order was all that chose between the two (found in issue 16, when two reads
of the 30k store gave 496 mandates answers different chains)."""

from __future__ import annotations

from types import SimpleNamespace

import pyoxigraph as ox
import pytest

from govtrace.ontology.namespaces import GT
from govtrace.queries.lineage_links import best_parents
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.rows import Row

BASE = "https://example.org/doc/"
CHILD, LOW, HIGH = BASE + "county/task/1", BASE + "scheme/task/10", BASE + "scheme/task/9"


class _Reordered:
    """The real store's rows for a query, in its order or reversed (a store may give either)."""

    def __init__(self, store: ox.Store, reverse: bool) -> None:
        self.rows = OxigraphRows(SimpleNamespace(oxigraph=store))  # type: ignore[arg-type]
        self.reverse = reverse

    def select_rows(self, sparql: str) -> list[Row]:
        rows = self.rows.select_rows(sparql)
        return rows[::-1] if self.reverse else rows


def _store(confidences: dict[str, float]) -> ox.Store:
    store = ox.Store()
    for n, (parent, confidence) in enumerate(confidences.items()):
        link = ox.NamedNode(f"{BASE}link/{n}")
        for p, o in ((GT.linkFrom, ox.NamedNode(CHILD)), (GT.linkTo, ox.NamedNode(parent)),
                     (GT.linkType, ox.NamedNode(str(GT.implements))),
                     (GT.confidence, ox.Literal(str(confidence), datatype=ox.NamedNode(
                         "http://www.w3.org/2001/XMLSchema#double")))):
            store.add(ox.Quad(link, ox.NamedNode(str(p)), o))
        store.add(ox.Quad(ox.NamedNode(CHILD), ox.NamedNode(str(GT.implements)),
                          ox.NamedNode(parent)))
    return store


@pytest.mark.parametrize("reverse", [False, True])
def test_equal_confidences_choose_the_same_parent_in_any_row_order_issue_16(
        reverse: bool) -> None:
    chosen = best_parents(_Reordered(_store({LOW: 1.0, HIGH: 1.0}), reverse),  # type: ignore[arg-type]
                          [CHILD])
    assert chosen[CHILD] == (LOW, 1.0)  # the smaller IRI ("…/10" < "…/9" as text)


@pytest.mark.parametrize("reverse", [False, True])
def test_the_more_confident_parent_still_wins_issue_16(reverse: bool) -> None:
    chosen = best_parents(_Reordered(_store({LOW: 0.7, HIGH: 0.9}), reverse),  # type: ignore[arg-type]
                          [CHILD])
    assert chosen[CHILD] == (HIGH, 0.9)


def _link(store: ox.Store, name: str, child: str, parent: str, link_type: str,
          confidence: float | None) -> None:
    link = ox.NamedNode(f"{BASE}link/{name}")
    for p, o in ((GT.linkFrom, ox.NamedNode(child)), (GT.linkTo, ox.NamedNode(parent)),
                 (GT.linkType, ox.NamedNode(link_type))):
        store.add(ox.Quad(link, ox.NamedNode(str(p)), o))
    if confidence is not None:
        store.add(ox.Quad(link, ox.NamedNode(str(GT.confidence)), ox.Literal(
            str(confidence), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))))


@pytest.mark.parametrize("reverse", [False, True])
def test_each_arc_weighs_by_its_own_implements_link_only_issue_16(reverse: bool) -> None:
    # best_parents reads a child's links and picks each arc's own: the child's link to
    # another parent, or its alignedWith link to the same one, is no confidence of the arc.
    city, province, national = BASE + "city/task/1", BASE + "province/task/1", BASE + "n/task/1"
    store = ox.Store()
    implements = ox.NamedNode(str(GT.implements))
    for child, parent in ((CHILD, LOW), (CHILD, HIGH), (LOW, city), (city, province),
                          (province, national), (HIGH, national)):
        store.add(ox.Quad(ox.NamedNode(child), implements, ox.NamedNode(parent)))
    _link(store, "a", CHILD, LOW, str(GT.implements), 0.6)
    _link(store, "b", CHILD, HIGH, str(GT.implements), 0.5)
    _link(store, "c", CHILD, HIGH, str(GT.alignedWith), 0.9)
    _link(store, "d", LOW, city, str(GT.implements), None)  # a link without a confidence
    _link(store, "e", city, province, str(GT.implements), 0.8)
    # province → national: an arc with no link at all
    chosen = best_parents(_Reordered(store, reverse), [CHILD])  # type: ignore[arg-type]
    assert chosen == {CHILD: (LOW, 0.6), LOW: (city, None), city: (province, 0.8),
                      province: (national, None), HIGH: (national, None)}
    assert best_parents(_Reordered(store, reverse), []) == {}  # type: ignore[arg-type]
