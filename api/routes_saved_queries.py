"""``/api/queries``: the saved-query library over HTTP.

``GET /api/queries`` lists every saved query with its description and parameters;
``GET /api/queries/{name}?param=value`` runs one through the same SPARQL service, deadline
and result cap as ``/sparql`` and answers SPARQL results (JSON unless ``Accept`` asks for
XML, CSV or TSV). Parameter values are bound by :func:`govtrace.queries.library.render`,
never pasted into the query text.
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
    SavedQuery,
    load_library,
    params_from_pairs,
    render,
    saved_query,
)
from govtrace.settings import Settings

router = APIRouter()


def describe(query: SavedQuery, base: str) -> dict[str, Any]:
    """A saved query as the listing shows it."""
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "params": [{"name": p.name, "type": str(p.type), "required": p.required,
                    "default": p.default, "description": p.description}
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
    saved_query(name)  # GT-QUERY-001 before anything else
    accept = request.headers.get("accept")
    media = negotiate(accept, tuple(SOLUTION_FORMATS), DEFAULT_SOLUTIONS)
    if media is None:
        raise SparqlError(SPARQL_NOT_ACCEPTABLE, f"Accept: {accept!r} matches no format of "
                                                 "a SELECT result")
    sparql = render(name, params_from_pairs(request.query_params.multi_items()))
    if len(sparql.encode("utf-8")) > settings.max_query_bytes:
        raise SparqlError(SPARQL_TOO_LARGE, f"the query with its parameters is longer than "
                                            f"the {settings.max_query_bytes} bytes allowed")
    service: SparqlService = request.app.state.sparql
    result: QueryResult = await run_in_threadpool(
        service.query, sparql, timeout=settings.query_timeout, limit=settings.result_limit)
    charset = "" if media.endswith("json") else "; charset=utf-8"
    return Response(result.serialize(media), media_type=media + charset,
                    headers=truncation_headers(result, settings.result_limit))
