"""``/sparql``: the SPARQL 1.1 Protocol over govtrace's store.

Queries by GET (or HEAD) or POST (form-encoded ``query=`` or a direct
``application/sparql-query`` body), with ``default-graph-uri`` /
``named-graph-uri``; with neither, and no FROM in the query, the default
graph is the union of all named graphs. Updates (form ``update=`` or
``application/sparql-update``, with ``using-graph-uri`` / ``using-named-graph-uri``) only
with ``Authorization: Bearer`` and the ``update_token`` setting. Relative IRIs resolve
against the endpoint's URL (:mod:`govtrace.api.sparql_request`). Every query has a deadline
that stops it (``query_timeout``) and a result cap (``result_limit``) reported in headers
(:mod:`govtrace.api.sparql_limits`). SERVICE and LOAD reach only the IRIs the settings allow
(:mod:`govtrace.graph.federation`).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from fastapi import APIRouter, Request, Response
from starlette.exceptions import HTTPException

from govtrace.api.negotiation import DEFAULT_GRAPH, DEFAULT_SOLUTIONS, HTML, negotiate
from govtrace.api.routes_pages import sparql_editor
from govtrace.api.service_description import service_description
from govtrace.api.sparql_limits import read_body, truncation_headers
from govtrace.api.sparql_openapi import (
    GET_EXTRA,
    GET_RESPONSES,
    POST_EXTRA,
    POST_RESPONSES,
)
from govtrace.api.sparql_request import (
    PreparedText,
    ProtocolRequest,
    get_request,
    post_request,
)
from govtrace.api.sparql_service import SparqlEndpoint
from govtrace.errors import (
    SPARQL_BAD_REQUEST,
    SPARQL_FORBIDDEN,
    SPARQL_NOT_ACCEPTABLE,
    SPARQL_TOO_LARGE,
    SPARQL_UNAUTHORIZED,
    SparqlError,
)
from govtrace.graph.oxigraph_query import check_graph_iris
from govtrace.graph.results import GRAPH_FORMATS, SOLUTION_FORMATS, QueryForm, QueryResult
from govtrace.settings import Settings

router = APIRouter(tags=["sparql"])
_ALL_FORMATS = (*SOLUTION_FORMATS, *GRAPH_FORMATS)
_ALLOW = {"Allow": "GET, HEAD, POST, OPTIONS"}
# What /sparql answers depends on Accept (the result format, or the editor to a browser): a
# cache must not give one client's format to another.
_VARY = {"Vary": "Accept"}


@router.get("/sparql", response_class=Response, responses=GET_RESPONSES,
             openapi_extra=GET_EXTRA)
@router.head("/sparql", response_class=Response, responses=GET_RESPONSES,
              openapi_extra=GET_EXTRA)
async def sparql_get(request: Request) -> Response:
    """A query by GET; without one, the service description, or the editor to a browser."""
    operation = get_request(request)
    if operation.update is not None:
        raise SparqlError(SPARQL_BAD_REQUEST, "updates must be sent with POST")
    if operation.query is None:
        if negotiate(request.headers.get("accept"), (HTML, *GRAPH_FORMATS), DEFAULT_GRAPH) == HTML:
            editor = sparql_editor(request)
            editor.headers.add_vary_header("Accept")
            return editor
        return _describe(request)
    return await _answer_query(request, operation)


@router.post("/sparql", response_class=Response, responses=POST_RESPONSES,
              openapi_extra=POST_EXTRA)
async def sparql_post(request: Request) -> Response:
    """A query or an update (SPARQL 1.1 Protocol)."""
    settings: Settings = request.app.state.settings
    body = await read_body(request, settings.max_query_bytes)
    operation = post_request(request, body)
    if operation.update is not None:
        _authorize(request, settings)
        check_graph_iris(operation.using, ("using-graph-uri", "using-named-graph-uri"))
        update = operation.update_text()
        try:
            await _endpoint(request).update(update.sparql)
        except SparqlError as exc:
            raise update.relocate(exc) from None
        return Response(status_code=204)
    if operation.query is None:
        raise SparqlError(SPARQL_BAD_REQUEST, "the request has neither `query` nor `update`")
    return await _answer_query(request, operation)



@router.options("/sparql")
async def sparql_options() -> Response:
    return Response(status_code=204, headers=_ALLOW)


# After the routes above, for the other methods of HTTP: Starlette's own 405 lists only the
# methods of the first route on the path (GET, HEAD), and a method outside this list still
# gets that one.
@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH", "TRACE", "CONNECT"],
                  include_in_schema=False)
async def sparql_other_method() -> Response:
    raise HTTPException(405, headers=_ALLOW)


async def _answer_query(request: Request, operation: ProtocolRequest) -> Response:
    settings: Settings = request.app.state.settings
    accept = request.headers.get("accept")
    query = checked_query(operation, accept, settings)
    try:
        result = await _endpoint(request).query(query.sparql, operation.dataset)
    except SparqlError as exc:
        raise query.relocate(exc) from None
    answer = encoded(result, accept, settings.result_limit)
    return Response(answer.body, media_type=answer.media_type, headers=answer.headers)


def checked_query(operation: ProtocolRequest, accept: str | None, settings: Settings
                  ) -> PreparedText:
    """The text to run for a query ``operation``, once what can be refused before running it
    is not: its size, an Accept no result format matches, a dataset graph that is no IRI."""
    assert operation.query is not None
    if len(operation.query.encode("utf-8")) > settings.max_query_bytes:
        raise SparqlError(SPARQL_TOO_LARGE, f"the query is longer than the "
                                            f"{settings.max_query_bytes} bytes allowed")
    if negotiate(accept, _ALL_FORMATS, DEFAULT_SOLUTIONS) is None:  # fail before running it
        raise _not_acceptable(accept)
    check_graph_iris(operation.dataset)
    return operation.query_text()


def _endpoint(request: Request) -> SparqlEndpoint:
    endpoint: SparqlEndpoint = request.app.state.sparql_endpoint
    return endpoint


@dataclass(frozen=True)
class EncodedAnswer:
    """A query's answer as the client asked for it: the body of a 200 and its headers."""

    body: bytes
    media_type: str
    """With its charset where the format has one."""
    headers: dict[str, str]
    """Beside Content-Type and Content-Length."""


def encoded(result: QueryResult, accept: str | None, limit: int) -> EncodedAnswer:
    """``result`` in the format ``accept`` prefers, with the headers saying it was cut."""
    if result.form is QueryForm.GRAPH:
        media = negotiate(accept, tuple(GRAPH_FORMATS), DEFAULT_GRAPH)
    else:
        media = negotiate(accept, tuple(SOLUTION_FORMATS), DEFAULT_SOLUTIONS)
    if media is None:
        raise _not_acceptable(accept, result.form)
    charset = "" if media.endswith("json") else "; charset=utf-8"
    return EncodedAnswer(result.serialize(media), media + charset,
                         {**truncation_headers(result, limit), **_VARY})


def _not_acceptable(accept: str | None, form: QueryForm | None = None) -> SparqlError:
    what = f"a {form.value} result" if form else "any SPARQL result"
    return SparqlError(SPARQL_NOT_ACCEPTABLE, f"Accept: {accept!r} matches no format of {what}")


def _authorize(request: Request, settings: Settings) -> None:
    if settings.update_token is None:
        raise SparqlError(SPARQL_FORBIDDEN, "this endpoint is read-only")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise SparqlError(SPARQL_UNAUTHORIZED, "the update has no bearer token")
    if not hmac.compare_digest(token.strip().encode(), settings.update_token.encode()):
        raise SparqlError(SPARQL_FORBIDDEN, "the bearer token is not the update token")


def _describe(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    accept = request.headers.get("accept")
    media = negotiate(accept, tuple(GRAPH_FORMATS), DEFAULT_GRAPH)
    if media is None:
        raise _not_acceptable(accept, QueryForm.GRAPH)
    graph = service_description(str(request.url.replace(query="")),
                                updates=settings.update_token is not None,
                                result_limit=settings.result_limit,
                                federated=_endpoint(request).policy.federated)
    rdflib_format = {"text/turtle": "turtle", "application/n-triples": "nt",
                     "application/ld+json": "json-ld", "application/rdf+xml": "xml"}[media]
    return Response(graph.serialize(format=rdflib_format, encoding="utf-8"), media_type=media,
                    headers=_VARY)
