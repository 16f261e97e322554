"""A view: its graph, its clusters, and every way out — a served page, self-contained HTML
(Jupyter shows it inline through ``_repr_html_``), GraphML and GEXF for Gephi.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govtrace.ontology.divisions import get_gazetteer
from govtrace.viz.cluster import Cluster, aggregate, cluster_plan
from govtrace.viz.model import LEVELS
from govtrace.viz.render import LEVEL_COLORS, vis_data
from govtrace.viz.templating import render_template, static_text

# Imported where used, as in govtrace.viz.model (issue 16).
if TYPE_CHECKING:
    import networkx as nx

VIEW_EXPORTS = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml"}


@dataclass
class View:
    graph: nx.DiGraph
    clusters: list[Cluster] = field(default_factory=list)

    @classmethod
    def of(cls, graph: nx.DiGraph, threshold: int) -> View:
        """The view of ``graph``, with clusters when it has more than ``threshold`` nodes."""
        clusters = (cluster_plan(graph, get_gazetteer(), threshold)
                    if graph.number_of_nodes() > threshold else [])
        return cls(graph, clusters)

    @property
    def name(self) -> str:
        return str(self.graph.graph.get("name", "view"))

    @property
    def title(self) -> str:
        return str(self.graph.graph.get("title", self.name))

    def overview(self) -> nx.DiGraph:
        """The graph as first drawn: each cluster one node."""
        return aggregate(self.graph, self.clusters)

    def _context(self, links: str, exports: list[tuple[str, str]]) -> dict[str, Any]:
        data = vis_data(self.graph, self.clusters, links=links)
        spec = {"nodes": data.nodes, "edges": data.edges, "options": data.options,
                "clusters": data.clusters, "newWindow": links == "iri"}
        legend = [(rank, (LEVEL_COLORS[rank], en, zh)) for rank, (en, zh) in LEVELS.items()
                  if rank <= 4]
        return {"title": self.title, "name": self.name, "data": spec, "exports": exports,
                "legend_levels": legend}

    def page(self, export_base: str, note: str | None = None) -> str:
        """The page govtrace's server answers (assets under /viz/static)."""
        exports = [(f"{fmt.upper()} (Gephi)", f"{export_base}.{fmt}") for fmt in VIEW_EXPORTS]
        return render_template("view.html", note=note, **self._context("path", exports))

    def html(self, height: str = "640px") -> str:
        """Self-contained HTML: vis-network and the data inline, works without a server;
        a click opens the entity's IRI."""
        assets = {"vis_js": static_text("vis-network.min.js"),
                  "vis_css": static_text("vis-network.css"),
                  "view_js": static_text("govtrace-view.js"),
                  "css": static_text("govtrace.css")}
        return render_template("standalone.html", assets=assets, height=height,
                               **self._context("iri", []))

    def _repr_html_(self) -> str:
        # An iframe's srcdoc runs its own scripts in Jupyter and in exported notebooks,
        # where the notebook's HTML sanitizer or require.js would stop inline <script>s.
        return (f'<iframe srcdoc="{html.escape(self.html("600px"), quote=True)}" '
                'style="width:100%;height:720px;border:0" '
                'sandbox="allow-scripts allow-popups allow-downloads"></iframe>')

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.html(), encoding="utf-8")

    def export(self, fmt: str) -> bytes:
        """The whole graph (clusters open) as GraphML or GEXF."""
        import networkx as nx

        buffer = io.BytesIO()
        graph = _exportable(self.graph)
        if fmt == "graphml":
            nx.write_graphml(graph, buffer)
        elif fmt == "gexf":
            nx.write_gexf(graph, buffer)
        else:
            raise ValueError(f"unknown export format {fmt!r}")
        return buffer.getvalue()


def _exportable(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy whose attribute values GraphML/GEXF can hold (bool → string), with
    each cluster's membership kept as a node attribute."""
    import networkx as nx

    copy = nx.DiGraph()
    copy.graph.update({k: str(v) for k, v in graph.graph.items()})
    for node, attrs in graph.nodes(data=True):
        copy.add_node(node, **{k: (str(v).lower() if isinstance(v, bool) else v)
                               for k, v in attrs.items()})
    for a, b, attrs in graph.edges(data=True):
        copy.add_edge(a, b, **attrs)
    return copy
