"""The web pages: home and search, entity pages, lists, a coverage cell, SPARQL examples
(the coverage matrix is :mod:`govtrace.api.routes_coverage_matrix`).

Entity pages answer on the entity IRIs' paths (``/id/doc/{doc_id}/task/{n}`` …) when the
request's ``Accept`` prefers HTML; any other ``Accept`` is sent (303) to ``/sparql`` with a
``DESCRIBE`` of the IRI, which answers RDF in the format asked for; an IRI the graph says
nothing of is a 404 either way (GT-QUERY-006; a page for a browser).
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from govtrace.api.deps import Ask
from govtrace.api.models import MAX_Q, problems
from govtrace.api.negotiation import HTML, negotiate
from govtrace.api.routes_entities import LINEAGE_PAGE, NUMBER_PATTERN
from govtrace.errors import QUERY_NOT_FOUND, VIZ_NOT_AN_ENTITY, QueryError, VizError
from govtrace.ontology.namespaces import PREFIXES
from govtrace.queries.library import load_library, render_query
from govtrace.queries.rows import describe_query
from govtrace.settings import Settings
from govtrace.viz.alignment import alignment_svg
from govtrace.viz.templating import render_template

# In the OpenAPI description too (as HTML operations), so that its property-based tests
# (tests/api/test_api_schema.py) reach the pages' path and query parameters.
router = APIRouter(tags=["pages"], responses=problems(404, 422))
# A task number in an entity IRI's path: str.isdigit() took "²" (int() failed: a 500),
# "٣" (int() read 3) and 5,000 digits (more than int() reads).
TASK_NUMBER = re.compile(NUMBER_PATTERN)
RDF_TYPES = ("text/turtle", "application/ld+json", "application/n-triples",
             "application/rdf+xml", "application/n-quads")


def _page(template: str, **context: object) -> HTMLResponse:
    return HTMLResponse(render_template(template, **context))


@router.get("/", response_class=HTMLResponse)
def home(ask: Ask) -> HTMLResponse:
    return _page("home.html", title="govtrace", documents=ask.documents())


@router.get("/search", response_class=HTMLResponse)
def search_page(ask: Ask, q: Annotated[str, Query(max_length=MAX_Q)] = "") -> HTMLResponse:
    """Which regulations mandate what ``q`` names, with evidence; then matching tasks."""
    if not q.strip():
        return _page("home.html", title="govtrace", documents=ask.documents())
    mandates = ask.mandates(q)
    hits = ask.search(q, 20)
    return _page("search.html", title=f"{q} · 搜索 search", q=q, answer=mandates, hits=hits)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(ask: Ask) -> HTMLResponse:
    return _page("documents.html", title="文件 Documents", documents=ask.documents())


@router.get("/regulations", response_class=HTMLResponse)
def regulations_page(ask: Ask) -> HTMLResponse:
    return _page("regulations.html", title="法规 Regulations", regulations=ask.regulations())


@router.get("/coverage/{number}/{adcode}", response_class=HTMLResponse)
def coverage_cell(ask: Ask, number: Annotated[str, Path(pattern=NUMBER_PATTERN)],
                  adcode: Annotated[str, Path(pattern=r"^[0-9]{6}$")]) -> HTMLResponse:
    item = int(number)
    tasks = ask.implementers(item, adcode)
    division = ask.division(adcode)
    return _page("coverage_cell.html", title=f"{division.label} · {item}", number=item,
                 division=division, tasks=tasks)


@router.get("/sparql-editor", response_class=HTMLResponse)
def sparql_page(request: Request) -> HTMLResponse:
    """The SPARQL editor (YASGUI), as ``/sparql`` answers it to a browser."""
    return sparql_editor(request)


def sparql_editor(request: Request) -> HTMLResponse:
    """The editor over this server's ``/sparql``: the saved queries as tabs (bound to their
    examples), govtrace's prefixes, links from govtrace's IRIs to its own pages."""
    settings: Settings = request.app.state.settings
    saved = [{"name": q.name, "title": q.title, "description": q.description,
              "params": [asdict(param) for param in q.params], "example": q.example,
              "query": render_query(q, q.example_params())} for q in load_library().values()]
    editor = {"endpoint": "/sparql", "idBase": settings.base_iri, "idPath": "/id/",
              "prefixes": {name: str(namespace) for name, namespace in PREFIXES.items()},
              "saved": saved}
    return _page("sparql_editor.html", title="SPARQL", editor=editor, queries=saved)


@router.get("/id/{path:path}", response_model=None)
def dereference(request: Request, path: str, ask: Ask) -> Response:
    """An entity IRI: its page for browsers, its RDF (via /sparql DESCRIBE) otherwise; a
    404 when the graph says nothing of it (sent on, it was an empty graph's 200)."""
    iri = ask.scheme.base + path
    if negotiate(request.headers.get("accept"), (HTML, *RDF_TYPES), RDF_TYPES[0]) != HTML:
        if not ask.described(iri):
            raise QueryError(QUERY_NOT_FOUND, f"the graph says nothing of <{iri}>")
        return RedirectResponse("/sparql?query=" + quote(describe_query(iri)), status_code=303)
    return _entity_page(ask, path.strip("/").split("/"))


def _entity_page(ask: Ask, parts: list[str]) -> HTMLResponse:
    match parts:
        case ["doc", doc_id, "task", number] if TASK_NUMBER.match(number):
            task = ask.task(doc_id, int(number))
            return _page("task.html", title=task.title or task.id, task=task,
                         lineage=ask.lineage(doc_id, int(number), limit=LINEAGE_PAGE))
        case ["doc", doc_id]:
            alignment = ask.alignment(doc_id)
            document = alignment.document
            return _page("document.html", title=document.title or document.label or doc_id,
                         document=document, alignment_svg=alignment_svg(alignment))
        case ["regulation", key]:
            regulation = ask.regulation(key)
            return _page("regulation.html", title=regulation.title or key, regulation=regulation)
        case ["agency", key]:
            agency = ask.agency(key)
            return _page("agency.html", title=agency.label or key, agency=agency)
        case ["division", adcode]:
            division = ask.division(adcode)
            return _page("division.html", title=division.label or adcode, division=division)
    raise VizError(VIZ_NOT_AN_ENTITY, f"/id/{'/'.join(parts)} is no entity IRI's path")

