"""``/api/queries``: the saved-query library over HTTP.

``GET /api/queries`` lists every saved query with its description and parameters;
``GET /api/queries/{name}?param=value`` runs one through the same SPARQL service, deadline
and result cap as ``/sparql`` and answers SPARQL results (JSON unless ``Accept`` asks for
XML, CSV or TSV). Parameter values are bound by :func:`govtrace.queries.library.render`,
never pasted into the query text.

A query that pages (``limit`` and ``offset`` parameters, issue 16) is asked for one row
beyond its page: when that row exists, the answer (still exactly a W3C result, which has no
room for it) says so in headers, ``GovTrace-More: true`` and a ``Link: <…>; rel="next"``
to the next page (RFC 8288).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from govtrace.api.negotiation import DEFAULT_SOLUTIONS, negotiate
from govtrace.api.sparql_limits import truncation_headers
from govtrace.api.tabular import CSV_ANSWER, Format, csv_response, wants_csv
from govtrace.errors import SPARQL_NOT_ACCEPTABLE, SPARQL_TOO_LARGE, SparqlError
from govtrace.graph.results import SOLUTION_FORMATS, QueryResult
from govtrace.graph.store import SparqlService
from govtrace.queries.library import (
    Page,
    SavedQuery,
    load_library,
    params_from_pairs,
    render_query,
    requested_page,
    saved_query,
)
from govtrace.settings import Settings

router = APIRouter()
MORE_HEADER = "GovTrace-More"
PAGING_HEADERS = (MORE_HEADER, "Link")
"""The headers that page an answer, which a script on another origin must be let read (CORS)."""


def describe(query: SavedQuery, base: str) -> dict[str, Any]:
    """A saved query as the listing shows it."""
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "params": [{"name": p.name, "type": str(p.type), "required": p.required,
                    "default": p.default, "description": p.description}
                   | ({"max": p.maximum} if p.maximum is not None else {})
                   for p in query.params],
        "example": query.example,
        "url": f"{base}/{query.name}",
    }


@router.get("/api/queries", responses=CSV_ANSWER)
async def list_queries(request: Request, fmt: Format = None) -> Any:
    """Every saved query, as JSON or (``?format=csv``, ``Accept: text/csv``) a table."""
    base = str(request.url.replace(query="")).rstrip("/")
    listing = [describe(query, base) for query in load_library().values()]
    return csv_response(request, listing) if wants_csv(request, fmt) else listing


@router.get("/api/queries/{name}")
async def run_saved_query(name: str, request: Request) -> Response:
    settings: Settings = request.app.state.settings
    saved = saved_query(name)  # GT-QUERY-001 before anything else
    accept = request.headers.get("accept")
    media = negotiate(accept, tuple(SOLUTION_FORMATS), DEFAULT_SOLUTIONS)
    if media is None:
        raise SparqlError(SPARQL_NOT_ACCEPTABLE, f"Accept: {accept!r} matches no format of "
                                                 "a SELECT result")
    params = params_from_pairs(request.query_params.multi_items())
    page = requested_page(saved, params)
    sparql = render_query(saved, params, lookahead=1 if page else 0)
    if len(sparql.encode("utf-8")) > settings.max_query_bytes:
        raise SparqlError(SPARQL_TOO_LARGE, f"the query with its parameters is longer than "
                                            f"the {settings.max_query_bytes} bytes allowed")
    # A page no longer than the result cap is cut at its own end: the cut row is the next
    # page's first, not a truncation.
    paged = page is not None and page.limit <= settings.result_limit
    cap = page.limit if page is not None and paged else settings.result_limit
    service: SparqlService = request.app.state.sparql
    result: QueryResult = await run_in_threadpool(
        service.query, sparql, timeout=settings.query_timeout, limit=cap)
    charset = "" if media.endswith("json") else "; charset=utf-8"
    if page is not None and paged:
        headers = _page_headers(request, page, more=result.truncated)
    else:
        headers = truncation_headers(result, settings.result_limit)
    return Response(result.serialize(media), media_type=media + charset, headers=headers)


def _page_headers(request: Request, page: Page, *, more: bool) -> dict[str, str]:
    """``GovTrace-More`` and, when there is more, the next page's ``Link`` (none after a page
    of 0 rows: it would link to itself)."""
    if not more or page.limit == 0:
        return {MORE_HEADER: str(more).lower()}
    following = request.url.include_query_params(**page.following())
    return {MORE_HEADER: "true", "Link": f'<{following}>; rel="next"'}
