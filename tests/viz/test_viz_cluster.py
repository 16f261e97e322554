"""Aggregation of a big view: 3,000 implementers from real counties collapse to a few dozen
nodes, grouped by league/city and province, and expand back to every task."""

from __future__ import annotations

import networkx as nx

from govtrace.ontology.divisions import get_gazetteer
from govtrace.viz.cluster import aggregate, cluster_plan, owners
from govtrace.viz.render import vis_data
from tests.support.synthetic_views import big_lineage_graph


def test_three_thousand_implementers_collapse_to_a_small_overview() -> None:
    graph = big_lineage_graph(3000)
    assert graph.number_of_nodes() > 3000
    clusters = cluster_plan(graph, get_gazetteer(), threshold=150)
    overview = aggregate(graph, clusters)
    assert overview.number_of_nodes() <= 80  # item + 31 provinces + one group per province
    tasks_inside = sum(c.tasks for c in clusters if c.id in overview)
    tasks_outside = sum(1 for n in overview if overview.nodes[n]["kind"] == "task")
    assert tasks_inside + tasks_outside == graph.number_of_nodes()
    assert nx.is_weakly_connected(overview)


def test_groups_follow_the_division_ladder() -> None:
    graph = big_lineage_graph(3000)
    clusters = {c.id: c for c in cluster_plan(graph, get_gazetteer(), threshold=150)}
    ordos = clusters["cluster:150600"]  # 鄂尔多斯市, the league/city over 乌审旗
    assert ordos.label == "鄂尔多斯市"
    assert any(graph.nodes[m]["division"] == "150626" for m in ordos.members)
    assert owners(list(clusters.values()))[ordos.id] == "cluster:150000:outer"  # 内蒙古


def test_small_views_are_not_grouped() -> None:
    graph = big_lineage_graph(40)
    assert cluster_plan(graph, get_gazetteer(), threshold=150) == []


def test_prefecture_groups_suffice_under_a_larger_budget() -> None:
    graph = big_lineage_graph(3000)
    clusters = cluster_plan(graph, get_gazetteer(), threshold=600)
    assert clusters and all(not c.id.endswith(":outer") for c in clusters)
    assert aggregate(graph, clusters).number_of_nodes() <= 600


def test_browser_data_marks_every_member_with_its_group() -> None:
    graph = big_lineage_graph(3000)
    clusters = cluster_plan(graph, get_gazetteer(), threshold=150)
    data = vis_data(graph, clusters)
    assert len(data.nodes) == graph.number_of_nodes()
    top = [n for n in data.nodes if not n["cluster"]] + [c for c in data.clusters
                                                         if not c["cluster"]]
    assert len(top) == aggregate(graph, clusters).number_of_nodes()
