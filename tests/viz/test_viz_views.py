"""Views assembled from the demo store: the lineage of 乌审旗 2024 task 5, a document's tasks,
a regulation's mandates, a national item's coverage; their HTML and exports."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from govtrace.queries.python_api import Graph, open_graph
from govtrace.settings import Settings
from govtrace.viz import assemble
from govtrace.viz.render import layout_level, vis_data
from govtrace.viz.view import View
from tests.support.demo import D000, D003, D004, build_demo

WUSHEN = D000
SCHEME = D004
OUTLINE = "national-outline-2021-2025"
BASE = "https://w3id.org/govtrace/id/doc/"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    settings: Settings = build_demo(tmp_path_factory.mktemp("viz"))
    with open_graph(settings) as graph:
        yield graph


def test_lineage_reaches_the_national_item(demo: Graph) -> None:
    graph = assemble.lineage_graph(demo.answers, WUSHEN, 5)
    assert set(graph.nodes) == {f"{BASE}{WUSHEN}/task/5", f"{BASE}{SCHEME}/task/6",
                                f"{BASE}{OUTLINE}/task/9"}
    assert nx.has_path(graph, f"{BASE}{WUSHEN}/task/5", f"{BASE}{OUTLINE}/task/9")
    ranks = {graph.nodes[n]["rank"] for n in graph}
    assert ranks == {1, 2, 4}  # national, provincial (内蒙古), county (乌审旗)
    edge = graph.edges[f"{BASE}{WUSHEN}/task/5", f"{BASE}{SCHEME}/task/6"]
    assert edge["type"] == "implements" and 0.5 < edge["confidence"] <= 1.0
    assert "行政规范性文件" in edge["evidence"]


def test_national_item_coverage_holds_every_implementer(demo: Graph) -> None:
    graph = assemble.coverage_graph(demo.answers, 9)
    divisions = {graph.nodes[n].get("division") for n in graph}
    assert {"100000", "150000", "150626"} <= divisions


def test_document_view_has_tasks_parents_and_lead_units(demo: Graph) -> None:
    graph = assemble.document_graph(demo.answers, WUSHEN)
    kinds = [graph.nodes[n]["kind"] for n in graph]
    assert kinds.count("document") == 1 and kinds.count("task") > 30
    assert graph.has_edge(f"{BASE}{WUSHEN}/task/5", f"{BASE}{SCHEME}/task/6")
    donghe = assemble.document_graph(demo.answers, D003)
    agencies = [n for n in donghe if donghe.nodes[n]["kind"] == "agency"]
    assert any(donghe.nodes[n]["label"] == "东河区卫健委" for n in agencies)


def test_regulation_view_climbs_to_the_outline(demo: Graph) -> None:
    key = next(r.id for r in demo.answers.regulations()
               if r.title == "内蒙古自治区行政规范性文件管理办法")
    graph = assemble.regulation_graph(demo.answers, key)
    focus = next(n for n in graph if graph.nodes[n].get("focus"))
    assert graph.nodes[focus]["kind"] == "regulation"
    assert graph.has_edge(f"{BASE}{WUSHEN}/task/5", focus)
    assert f"{BASE}{OUTLINE}/task/9" in graph  # the citing task's chain up


def test_vis_data_encodes_level_kind_and_confidence(demo: Graph) -> None:
    graph = assemble.document_graph(demo.answers, D003)
    graph = nx.compose(graph, assemble.document_graph(demo.answers, WUSHEN))
    data = vis_data(graph, [])
    by_id = {node["id"]: node for node in data.nodes}
    task, parent = by_id[f"{BASE}{WUSHEN}/task/5"], by_id[f"{BASE}{SCHEME}/task/6"]
    assert task["level"] > parent["level"]  # county drawn below provincial
    assert task["shape"] == "ellipse" and task["url"] == f"/id/doc/{WUSHEN}/task/5"
    assert {node["shape"] for node in data.nodes} == {"ellipse", "box", "triangle"}
    link = next(e for e in data.edges if e["from"] == task["id"] and e["to"] == parent["id"])
    assert link["width"] > 5.0 and not link["dashes"] and "confidence" in link["title"]
    assert data.options["layout"]["hierarchical"]["enabled"]
    assert layout_level({"kind": "regulation", "rank": 0}) < parent["level"]


def test_aligned_links_are_dashed() -> None:
    graph = nx.DiGraph()
    graph.add_node("a", kind="task", rank=4)
    graph.add_node("b", kind="task", rank=2)
    graph.add_edge("a", "b", type="alignedWith", confidence=0.4)
    (edge,) = vis_data(graph, []).edges
    assert edge["dashes"] is True


def test_a_hovered_node_keeps_its_level_colour_issue_14() -> None:
    graph = nx.DiGraph()
    graph.add_node("county", kind="task", rank=4)
    graph.add_node("province", kind="task", rank=2)
    colours = {node["id"]: node["color"] for node in vis_data(graph, []).nodes}
    assert colours["county"]["border"] != colours["province"]["border"]
    for colour in colours.values():
        assert colour["hover"] == {"background": colour["background"],
                                   "border": colour["border"]}
        assert colour["highlight"]["border"] == colour["border"]


def test_standalone_html_works_without_a_server(demo: Graph) -> None:
    """What Jupyter shows: vis-network inline, the data inline, nothing fetched."""
    view = View.of(assemble.lineage_graph(demo.answers, WUSHEN, 5), 150)
    page = view.html()
    assert "vis-network" in page and "new vis.Network" in page and len(page) > 400_000
    assert f"{BASE}{OUTLINE}/task/9" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    frame = view._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and "new vis.Network" in frame


def test_served_page_loads_local_assets_only(demo: Graph) -> None:
    page = View.of(assemble.lineage_graph(demo.answers, WUSHEN, 5), 150).page("/viz/x")
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts == ["/viz/static/vis-network.min.js", "/viz/static/govtrace-view.js"]
    assert "/viz/x.graphml" in page and "/viz/x.gexf" in page


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_exports_read_back_with_networkx(demo: Graph, fmt: str, tmp_path: Path) -> None:
    graph = assemble.lineage_graph(demo.answers, WUSHEN, 5)
    data = View.of(graph, 150).export(fmt)
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    back = read(io.BytesIO(data))
    assert back.number_of_nodes() == 3 and back.number_of_edges() == 2
    node = back.nodes[f"{BASE}{WUSHEN}/task/5"]
    assert node["division_label"] == "乌审旗"
