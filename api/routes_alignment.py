"""The alignment view of a document and the comparison view of one lineage link.

``/viz/documents/{doc_id}/alignment`` is the page (the document's page, ``/id/doc/{doc_id}``,
shows the same drawing first), ``….svg`` the drawing alone, for a paper or a slide;
``/viz/tasks/{doc_id}/{n}/compare/{parent_doc_id}/{m}`` compares task ``n`` with the task
``m`` it implements or is aligned with (ids as in ``/api/tasks/{doc_id}/{n}``).
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from govtrace.api.deps import Ask
from govtrace.api.models import problems
from govtrace.api.routes_entities import DocId, TaskNumber
from govtrace.viz.alignment import alignment_svg
from govtrace.viz.comparison import comparison_view
from govtrace.viz.templating import render_template

router = APIRouter(tags=["views"], responses=problems(404, 422))

SVG = "image/svg+xml"


@router.get("/viz/documents/{doc_id}/alignment", response_class=HTMLResponse)
def alignment_page(doc_id: DocId, ask: Ask) -> HTMLResponse:
    """A document's tasks beside the items they implement, up to the national outline."""
    alignment = ask.alignment(doc_id)
    document = alignment.document
    return HTMLResponse(render_template(
        "alignment.html", title=f"{document.title or doc_id} · 对照 alignment",
        document=document, alignment_svg=alignment_svg(alignment)))


@router.get("/viz/documents/{doc_id}/alignment.svg", response_class=Response,
            responses={200: {"content": {SVG: {}}}})
def alignment_drawing(doc_id: DocId, ask: Ask) -> Response:
    """The alignment view as a standalone SVG file."""
    drawing = alignment_svg(ask.alignment(doc_id))
    return Response('<?xml version="1.0" encoding="utf-8"?>\n' + drawing, media_type=SVG,
                    headers={"Content-Disposition": f'inline; filename="{doc_id}-alignment.svg"'})


@router.get("/viz/tasks/{doc_id}/{n}/compare/{parent_doc_id}/{m}", response_class=HTMLResponse)
def comparison_page(doc_id: DocId, n: TaskNumber, parent_doc_id: DocId, m: TaskNumber,
                    ask: Ask) -> HTMLResponse:
    """Task ``n`` and the task ``m`` it is linked to, side by side, shared phrases marked."""
    view = comparison_view(ask.comparison(doc_id, int(n), parent_doc_id, int(m)))
    link = view.comparison.link
    return HTMLResponse(render_template(
        "comparison.html", view=view,
        title=f"{link.child.title or link.child.id} → {link.parent.title or link.parent.id}"))
