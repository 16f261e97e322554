"""Aggregation of big views: implementers grouped by the division above them.

A national item may be implemented by thousands of county tasks; drawn one by one they bury
the chain that matters. Above a node budget (the ``viz_cluster_threshold`` setting) the
county-and-below tasks are grouped by their league or city (the prefectural division over
them); if that still leaves too many nodes, those groups and the prefectural tasks are
grouped again by province. The browser draws the outermost groups and opens one level on
click (viz/static/govtrace-view.js: vis-network's clustering API walks every node per
``cluster()`` call, 0.1 s each at 3,000 nodes, so groups are drawn as plain nodes instead);
:func:`aggregate` is the same collapse in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govtrace.errors import DivisionError
from govtrace.ontology.divisions import Gazetteer

# Imported where used, as in govtrace.viz.model (issue 16).
if TYPE_CHECKING:
    import networkx as nx

COUNTY, PREFECTURAL, PROVINCIAL = 4, 3, 2


@dataclass
class Cluster:
    id: str
    label: str
    rank: int  # where the cluster is drawn: its members' administrative rank
    division: str  # adcode of the division the members lie within
    members: list[str] = field(default_factory=list)  # task nodes or inner cluster ids
    tasks: int = 0  # tasks inside, at any depth


def _ancestor(gazetteer: Gazetteer, adcode: str, rank: int) -> tuple[str, str]:
    """The code and name of the division of ``rank`` (or, lacking one, the next) above it.

    Codes below the county (not in the gazetteer) fall back on GB/T 2260's structure: the
    first four digits name the prefecture, the first two the province."""
    try:
        chain = gazetteer.lineage(gazetteer.by_code(adcode))
    except DivisionError:
        code = adcode[:4] + "00" if rank == PREFECTURAL else adcode[:2] + "0000"
        return code, code
    # A county directly under its province (仙桃市) is grouped with the province itself.
    above = next(d for d in chain[1:] if d.level.rank <= rank)
    return above.adcode, above.name


def _group(items: list[tuple[str, str, int]], gazetteer: Gazetteer, parent_rank: int,
           draw_rank: int) -> list[Cluster]:
    """Clusters of ``(node, adcode, tasks)`` by the division of ``parent_rank`` over them;
    a group of one stays ungrouped."""
    groups: dict[str, Cluster] = {}
    for node, adcode, tasks in items:
        code, name = _ancestor(gazetteer, adcode, parent_rank)
        cluster = groups.setdefault(code, Cluster(id=f"cluster:{code}", label=name,
                                                  rank=draw_rank, division=code))
        cluster.members.append(node)
        cluster.tasks += tasks
    return [cluster for cluster in groups.values() if len(cluster.members) > 1]


def cluster_plan(graph: nx.DiGraph, gazetteer: Gazetteer, threshold: int) -> list[Cluster]:
    """The groups to collapse, inner ones first, so about ``threshold`` nodes stay drawn."""
    if graph.number_of_nodes() <= threshold:
        return []
    tasks = {node: attrs for node, attrs in graph.nodes(data=True)
             if attrs.get("kind") == "task" and not attrs.get("focus") and attrs.get("division")}
    counties = [(node, attrs["division"], 1) for node, attrs in tasks.items()
                if attrs.get("rank", 0) >= COUNTY]
    inner = _group(counties, gazetteer, PREFECTURAL, COUNTY)
    drawn = graph.number_of_nodes() - sum(len(c.members) - 1 for c in inner)
    if drawn <= threshold:
        return inner
    grouped = {member for cluster in inner for member in cluster.members}
    rest = [(node, attrs["division"], 1) for node, attrs in tasks.items()
            if node not in grouped and attrs.get("rank", 0) >= PREFECTURAL]
    outer = _group([(c.id, c.division, c.tasks) for c in inner] + rest, gazetteer,
                   PROVINCIAL, PREFECTURAL)
    for cluster in outer:
        cluster.id = f"cluster:{cluster.division}:outer"
    return inner + outer


def owners(clusters: list[Cluster]) -> dict[str, str]:
    """Each member (task or inner cluster) → the cluster directly holding it."""
    return {member: cluster.id for cluster in clusters for member in cluster.members}


def aggregate(graph: nx.DiGraph, clusters: list[Cluster]) -> nx.DiGraph:
    """``graph`` with every cluster collapsed to its outermost group (edges merged, counted)."""
    direct = owners(clusters)

    def top(node: str) -> str:
        while node in direct:
            node = direct[node]
        return node

    import networkx as nx

    collapsed = nx.DiGraph(**graph.graph)
    for node, attrs in graph.nodes(data=True):
        if node not in direct:
            collapsed.add_node(node, **attrs)
    for cluster in clusters:
        if cluster.id not in direct:
            collapsed.add_node(cluster.id, kind="cluster", title=cluster.label,
                               label=f"{cluster.label}\n{cluster.tasks} tasks",
                               rank=cluster.rank, division=cluster.division, size=cluster.tasks)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for child, parent, attrs in graph.edges(data=True):
        a, b = top(child), top(parent)
        if a == b:
            continue
        weights[(a, b)] += 1
        if not collapsed.has_edge(a, b):
            collapsed.add_edge(a, b, **attrs)
    for (a, b), weight in weights.items():
        collapsed.edges[a, b]["count"] = weight
    return collapsed
