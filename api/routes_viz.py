"""``/viz/…``: the interactive views (HTML), their GraphML/GEXF exports, and the static
assets (vis-network, govtrace's CSS and JS) served by govtrace itself — no CDN.

A view's format is its path's suffix: ``/viz/tasks/{doc_id}/{n}/lineage`` (or ``.html``)
is the page, ``….graphml`` and ``….gexf`` the whole graph for Gephi.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from govtrace.api.deps import Ask
from govtrace.api.models import ID_PATTERN, problems
from govtrace.api.routes_entities import TaskNumber
from govtrace.errors import (
    API_NO_ROUTE,
    VIZ_NOT_AN_ENTITY,
    VIZ_UNKNOWN_FORMAT,
    ApiError,
    VizError,
)
from govtrace.settings import Settings
from govtrace.viz import assemble
from govtrace.viz.templating import STATIC_NAMES, STATIC_TYPES, static_text
from govtrace.viz.view import VIEW_EXPORTS, View

if TYPE_CHECKING:
    import networkx as nx  # imported where a view is drawn (govtrace.viz.model), issue 16

router = APIRouter(tags=["views"], responses=problems(404, 422))

# A segment with an optional format suffix: the id pattern of the JSON API plus ".fmt".
ViewSegment = Annotated[str, Path(pattern=ID_PATTERN)]


def _split(segment: str) -> tuple[str, str]:
    stem, dot, suffix = segment.rpartition(".")
    if dot and suffix in (*VIEW_EXPORTS, "html"):
        return stem, suffix
    return segment, "html"


def _answer(request: Request, graph: Callable[[], nx.DiGraph], fmt: str, base: str
            ) -> Response:
    settings: Settings = request.app.state.settings
    view = View.of(graph(), settings.viz_cluster_threshold)
    if fmt == "html":
        note = (f"{len(view.clusters)} 组 groups of county tasks (click to expand / 点击展开)"
                if view.clusters else None)
        return HTMLResponse(view.page(base, note))
    if fmt not in VIEW_EXPORTS:
        raise VizError(VIZ_UNKNOWN_FORMAT, f"no view format {fmt!r}")
    return Response(view.export(fmt), media_type=VIEW_EXPORTS[fmt], headers={
        "Content-Disposition": f'attachment; filename="{view.name}.{fmt}"'})


@router.get("/viz/tasks/{doc_id}/{n}/{view}", response_class=HTMLResponse)
def task_lineage(request: Request, doc_id: ViewSegment, n: TaskNumber, view: str, ask: Ask
                 ) -> Response:
    """A task's lineage: up to the national outline, down to every implementer
    (``lineage``, ``lineage.graphml``, ``lineage.gexf``)."""
    name, fmt = _split(view)
    if name != "lineage":
        raise VizError(VIZ_NOT_AN_ENTITY, f"a task has no view {view!r}; try 'lineage'")
    return _answer(request, lambda: assemble.lineage_graph(ask, doc_id, int(n)), fmt,
                   f"/viz/tasks/{doc_id}/{n}/lineage")


@router.get("/viz/documents/{doc_id}", response_class=HTMLResponse)
def document_view(request: Request, doc_id: ViewSegment, ask: Ask) -> Response:
    """A document's tasks with the tasks they implement and their lead units."""
    key, fmt = _split(doc_id)
    return _answer(request, lambda: assemble.document_graph(ask, key), fmt,
                   f"/viz/documents/{key}")


@router.get("/viz/regulations/{key}", response_class=HTMLResponse)
def regulation_view(request: Request, key: ViewSegment, ask: Ask) -> Response:
    """A regulation's mandate graph across levels and years."""
    work, fmt = _split(key)
    return _answer(request, lambda: assemble.regulation_graph(ask, work), fmt,
                   f"/viz/regulations/{work}")


# An outline item's number in ASCII digits with a view format's suffix, if any: anything else
# (9.foo, 1.5, ٣) is a 422 here, not a number int() fails on or reads another way.
CoverageItemPath = Annotated[str, Path(
    pattern=rf"^[0-9]{{1,4}}(\.({'|'.join((*VIEW_EXPORTS, 'html'))}))?$")]


@router.get("/viz/coverage/{item}", response_class=HTMLResponse)
def coverage_view(request: Request, item: CoverageItemPath, ask: Ask) -> Response:
    """One national outline item and every task implementing it, in every division."""
    number, fmt = _split(item)
    return _answer(request, lambda: assemble.coverage_graph(ask, int(number)), fmt,
                   f"/viz/coverage/{number}")


@router.get("/viz/static/{name}", include_in_schema=False)
def static(name: str) -> Response:
    if name not in STATIC_NAMES:
        raise ApiError(API_NO_ROUTE, f"GET /viz/static/{name}: no such file")
    media = STATIC_TYPES["." + name.rsplit(".", 1)[-1]]
    return Response(static_text(name), media_type=media,
                    headers={"Cache-Control": "public, max-age=86400"})
