"""A view's graph as vis-network data, through pyvis: colours by administrative level, shapes
by kind, edge width by confidence, dashed ``gt:alignedWith``, a hierarchical layout with the
national level on top (vis ``level`` = the administrative rank).

pyvis builds the node, edge and option structures; the HTML around them is govtrace's own
template (viz/templates), because pyvis's template loads Bootstrap and vis-network from CDNs
even in its "local" and "in_line" modes, and govtrace's users work offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govtrace.viz.cluster import Cluster, owners
from govtrace.viz.model import LEVELS

# Imported where used, as in govtrace.viz.model (issue 16).
if TYPE_CHECKING:
    import networkx as nx

LEVEL_COLORS = {1: "#c0392b", 2: "#e67e22", 3: "#b7950b", 4: "#2e86c1", 5: "#28b463",
                6: "#8e44ad", 0: "#7f8c8d"}
SHAPES = {"task": "ellipse", "document": "box", "regulation": "diamond", "agency": "triangle",
          "division": "square", "cluster": "hexagon"}
EDGE_LABELS = {"implements": "implements 落实", "alignedWith": "aligned with 相似",
               "inDocument": "in document 属于", "mandatedBy": "mandated by 依据",
               "produces": "produces 制定", "cites": "cites 提及", "leadUnit": "lead unit 牵头"}
TOOLTIP_EVIDENCE = 3

OPTIONS: dict[str, Any] = {
    "layout": {"hierarchical": {"enabled": True, "direction": "UD", "levelSeparation": 120,
                                "nodeSpacing": 190, "treeSpacing": 200,
                                "shakeTowards": "roots"}},
    "physics": {"enabled": True, "solver": "hierarchicalRepulsion",
                "hierarchicalRepulsion": {"nodeDistance": 200, "avoidOverlap": 1},
                "stabilization": {"enabled": True, "iterations": 250, "fit": True}},
    "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": True},
    "nodes": {"font": {"size": 13}, "margin": 8, "widthConstraint": {"maximum": 190}},
    "edges": {"smooth": {"type": "cubicBezier", "forceDirection": "vertical"},
              "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "color": {"inherit": False}},
}


def layout_level(attrs: dict[str, Any]) -> int:
    """The vis level: regulations on top, then per rank a document over its tasks over
    their agencies; national (rank 1) above provincial above … county."""
    rank = attrs.get("rank") or 7
    kind = attrs.get("kind")
    if kind == "regulation":
        return 0
    offset = {"document": -1, "agency": 1}.get(str(kind), 0)
    return 2 * int(rank) + offset


def node_tooltip(attrs: dict[str, Any]) -> str:
    en, zh = LEVELS.get(attrs.get("rank", 0), ("", ""))
    where = " · ".join(str(part) for part in (
        attrs.get("division_label"), f"{zh} {en}".strip(), attrs.get("year") or None,
        attrs.get("document")) if part)
    lines = [attrs.get("title") or attrs.get("label", ""), where, attrs.get("iri", "")]
    return "\n".join(line for line in lines if line)


def edge_tooltip(attrs: dict[str, Any]) -> str:
    lines = [EDGE_LABELS.get(attrs.get("type", ""), attrs.get("type", ""))]
    if "confidence" in attrs:
        lines.append(f"confidence 置信度 {attrs['confidence']:.3f}")
    if attrs.get("method"):
        lines.append(f"method {attrs['method']}")
    phrases = [p for p in str(attrs.get("evidence", "")).split(" / ") if p]
    lines += [f"「{phrase}」" for phrase in phrases[:TOOLTIP_EVIDENCE]]
    if "count" in attrs:
        lines.append(f"{attrs['count']} links")
    return "\n".join(lines)


def _edge_style(attrs: dict[str, Any]) -> dict[str, Any]:
    confidence = attrs.get("confidence")
    kind = attrs.get("type")
    lineage = kind in ("implements", "alignedWith")
    return {
        "width": 1.0 + 5.0 * float(confidence) if confidence is not None else 1.0,
        "dashes": kind == "alignedWith",
        "color": "#34495e" if lineage else "#aab7b8",
        "title": edge_tooltip(attrs),
    }


@dataclass
class VisData:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    clusters: list[dict[str, Any]]


def vis_data(graph: nx.DiGraph, clusters: list[Cluster], *, links: str = "path") -> VisData:
    """vis-network data for ``graph``; ``links`` is the node attribute a click opens
    (``path`` on govtrace's server, ``iri`` where there is none, e.g. in Jupyter)."""
    from pyvis.network import Network

    owner = owners(clusters)
    net = Network(directed=True, cdn_resources="local")
    for node, attrs in graph.nodes(data=True):
        rank = attrs.get("rank", 0)
        color = LEVEL_COLORS.get(rank, LEVEL_COLORS[0])
        net.add_node(node, label=attrs.get("label", node), shape=SHAPES.get(attrs.get("kind", ""),
                     "dot"), color=_node_color(color),
                     borderWidth=3 if attrs.get("focus") else 1, title=node_tooltip(attrs),
                     level=layout_level(attrs), url=attrs.get(links, ""),
                     kind=attrs.get("kind", ""), rank=rank, cluster=owner.get(node, ""))
    for child, parent, attrs in graph.edges(data=True):
        net.add_edge(child, parent, **_edge_style(attrs))
    net.options = OPTIONS
    return VisData(nodes=net.nodes, edges=net.edges, options=net.options,
                   clusters=[_cluster_props(c, owner) for c in clusters])


def _cluster_props(cluster: Cluster, owner: dict[str, str]) -> dict[str, Any]:
    """vis ``clusterNodeProperties``; ``cluster`` names the enclosing group, if any, so the
    outer clustering pass gathers this cluster node too."""
    color = LEVEL_COLORS.get(cluster.rank, LEVEL_COLORS[0])
    return {"id": cluster.id, "label": f"{cluster.label}\n{cluster.tasks} 项任务 tasks",
            "title": f"{cluster.label}: {cluster.tasks} tasks — click to expand / 点击展开",
            "cluster": owner.get(cluster.id, ""), "kind": "cluster",
            "level": layout_level({"kind": "task", "rank": cluster.rank}),
            "color": _node_color(color), "shape": "hexagon",
            "size": min(40, 15 + cluster.tasks // 10)}


def _node_color(level_color: str) -> dict[str, Any]:
    """vis-network colours for a node of a level. Hover and selection are given too: vis
    falls back to its default blue for any state not given, so a hovered node lost the
    colour that says its level."""
    tint = _tint(level_color)
    return {"background": tint, "border": level_color,
            "hover": {"background": tint, "border": level_color},
            "highlight": {"background": "#fdfefe", "border": level_color}}


def _tint(hex_color: str) -> str:
    """A light fill of the level colour, so black labels stay readable."""
    red, green, blue = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*((c + 3 * 255) // 4 for c in (red, green, blue)))
