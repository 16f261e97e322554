"""Coverage over a link set: what implements each national item, what has no counterpart,
and which plans were never reported on."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from govtrace.graph.lineage.corpus import CorpusIndex
from govtrace.graph.lineage.model import ItemRef, LinkKind, LinkSet


@dataclass(frozen=True)
class ItemCoverage:
    item: ItemRef
    implementers: tuple[ItemRef, ...]
    """Items below that implement it, directly or through intermediate levels."""


def _children(links: LinkSet, kinds: set[LinkKind]) -> dict[ItemRef, list[ItemRef]]:
    below: defaultdict[ItemRef, list[ItemRef]] = defaultdict(list)
    for link in links.task_links:
        if link.kind in kinds:
            below[link.parent].append(link.child)
    return below


def implementers(links: LinkSet, item: ItemRef) -> list[ItemRef]:
    """Every item that implements ``item`` through a chain of gt:implements, sorted."""
    below = _children(links, {LinkKind.IMPLEMENTS})
    found: set[ItemRef] = set()
    frontier = list(below.get(item, []))
    while frontier:
        child = frontier.pop()
        if child not in found:
            found.add(child)
            frontier += below.get(child, [])
    return sorted(found)


def item_coverage(links: LinkSet, index: CorpusIndex, doc_id: str) -> list[ItemCoverage]:
    """For each item of ``doc_id`` (e.g. the national outline) the items implementing it."""
    return [ItemCoverage(u.ref, tuple(implementers(links, u.ref))) for u in index[doc_id].units]


def uncovered(links: LinkSet, index: CorpusIndex, doc_id: str) -> list[ItemRef]:
    """Items of ``doc_id`` that nothing implements (national items with no local counterpart)."""
    return [c.item for c in item_coverage(links, index, doc_id) if not c.implementers]


def local_innovations(links: LinkSet, index: CorpusIndex) -> list[ItemRef]:
    """Plan tasks below the national level with no parent of any kind."""
    linked = {x.child for x in links.task_links}
    return [u.ref for v in index.views if v.is_plan and v.record.doc_type.value != "outline"
            for u in v.units if u.ref not in linked]


def unreported(links: LinkSet, index: CorpusIndex, plan_doc: str) -> list[ItemRef]:
    """Tasks of ``plan_doc`` that no report item reports on."""
    reported = {x.parent for x in links.task_links if x.kind is LinkKind.REPORTS_ON}
    return [u.ref for u in index[plan_doc].units if u.ref not in reported]


def unplanned(links: LinkSet, index: CorpusIndex) -> list[ItemRef]:
    """Report items that report on no planned task."""
    reporting = {x.child for x in links.task_links if x.kind is LinkKind.REPORTS_ON}
    return [u.ref for v in index.views if v.is_report for u in v.units
            if u.ref not in reporting]
