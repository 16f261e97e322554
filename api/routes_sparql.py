"""``/sparql``: the SPARQL 1.1 Protocol over govtrace's store.

Queries by GET or POST (form-encoded ``query=`` or a direct
``application/sparql-query`` body), with ``default-graph-uri`` /
``named-graph-uri``; with neither, and no FROM in the query, the default
graph is the union of all named graphs. Updates (form ``update=`` or
``application/sparql-update``) only with ``Authorization: Bearer`` and the
``update_token`` setting. Every query has a deadline that stops it
(``query_timeout``) and a result cap (``result_limit``) reported in the
``X-Govtrace-Truncated`` header and, for JSON, a ``govtrace`` member.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from govtrace.api.negotiation import DEFAULT_GRAPH, DEFAULT_SOLUTIONS, negotiate
from govtrace.api.service_description import service_description
from govtrace.errors import (
    SPARQL_BAD_REQUEST,
    SPARQL_FORBIDDEN,
    SPARQL_NOT_ACCEPTABLE,
    SPARQL_TOO_LARGE,
    SPARQL_UNAUTHORIZED,
    SPARQL_UNSUPPORTED_MEDIA,
    SparqlError,
)
from govtrace.graph.results import GRAPH_FORMATS, SOLUTION_FORMATS, QueryForm, QueryResult
from govtrace.graph.store import QueryDataset, SparqlService
from govtrace.settings import Settings

router = APIRouter()
TRUNCATED_HEADER = "X-Govtrace-Truncated"
_FORM = "application/x-www-form-urlencoded"
_ALL_FORMATS = (*SOLUTION_FORMATS, *GRAPH_FORMATS)


@dataclass(frozen=True)
class ProtocolRequest:
    """One request's operation, after the Protocol's several encodings are unified."""

    query: str | None
    update: str | None
    dataset: QueryDataset


@router.get("/sparql")
async def sparql_get(request: Request) -> Response:
    params = list(request.query_params.multi_items())
    operation = _operation(params, query=None, update=None)
    if operation.update is not None:
        raise SparqlError(SPARQL_BAD_REQUEST, "updates must be sent with POST")
    if operation.query is None:
        return _describe(request)
    return await _answer_query(request, operation)


@router.post("/sparql")
async def sparql_post(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    body = await request.body()
    if len(body) > settings.max_query_bytes:
        raise SparqlError(SPARQL_TOO_LARGE, f"the request body has {len(body)} bytes, more than "
                                            f"the {settings.max_query_bytes} allowed")
    operation = _post_operation(request, body)
    if operation.update is not None:
        _authorize(request, settings)
        service: SparqlService = request.app.state.sparql
        await run_in_threadpool(service.update, operation.update)
        return Response(status_code=204)
    if operation.query is None:
        raise SparqlError(SPARQL_BAD_REQUEST, "the request has neither `query` nor `update`")
    return await _answer_query(request, operation)


def _post_operation(request: Request, body: bytes) -> ProtocolRequest:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params = list(request.query_params.multi_items())
    text = _utf8(body)
    if media == _FORM:
        params += parse_qsl(text, keep_blank_values=True)
        return _operation(params, query=None, update=None)
    if media == "application/sparql-query":
        return _operation(params, query=text, update=None)
    if media == "application/sparql-update":
        return _operation(params, query=None, update=text)
    raise SparqlError(SPARQL_UNSUPPORTED_MEDIA, f"cannot read a body of type {media or 'none'!r}")


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SparqlError(SPARQL_BAD_REQUEST, f"the body is not UTF-8 (byte {exc.start})"
                          ) from None


def _operation(params: list[tuple[str, str]], *, query: str | None, update: str | None
               ) -> ProtocolRequest:
    queries = [value for name, value in params if name == "query"]
    updates = [value for name, value in params if name == "update"]
    if query is not None:
        queries.append(query)
    if update is not None:
        updates.append(update)
    if len(queries) + len(updates) > 1:
        raise SparqlError(SPARQL_BAD_REQUEST,
                          "send exactly one query or update per request, not several")
    dataset = QueryDataset(
        default_graphs=tuple(value for name, value in params if name == "default-graph-uri"),
        named_graphs=tuple(value for name, value in params if name == "named-graph-uri"),
    )
    return ProtocolRequest(queries[0] if queries else None, updates[0] if updates else None,
                           dataset)


async def _answer_query(request: Request, operation: ProtocolRequest) -> Response:
    settings: Settings = request.app.state.settings
    assert operation.query is not None
    if len(operation.query.encode("utf-8")) > settings.max_query_bytes:
        raise SparqlError(SPARQL_TOO_LARGE, f"the query is longer than the "
                                            f"{settings.max_query_bytes} bytes allowed")
    accept = request.headers.get("accept")
    if negotiate(accept, _ALL_FORMATS, DEFAULT_SOLUTIONS) is None:  # fail before running it
        raise _not_acceptable(accept)
    service: SparqlService = request.app.state.sparql
    result: QueryResult = await run_in_threadpool(
        service.query, operation.query, dataset=operation.dataset,
        timeout=settings.query_timeout, limit=settings.result_limit)
    return _serialize(result, accept)


def _serialize(result: QueryResult, accept: str | None) -> Response:
    if result.form is QueryForm.GRAPH:
        media = negotiate(accept, tuple(GRAPH_FORMATS), DEFAULT_GRAPH)
    else:
        media = negotiate(accept, tuple(SOLUTION_FORMATS), DEFAULT_SOLUTIONS)
    if media is None:
        raise _not_acceptable(accept, result.form)
    headers = {TRUNCATED_HEADER: "true"} if result.truncated else {}
    charset = "" if media.endswith("json") else "; charset=utf-8"
    return Response(result.serialize(media), media_type=media + charset, headers=headers)


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
                                result_limit=settings.result_limit)
    rdflib_format = {"text/turtle": "turtle", "application/n-triples": "nt",
                     "application/ld+json": "json-ld", "application/rdf+xml": "xml"}[media]
    return Response(graph.serialize(format=rdflib_format, encoding="utf-8"), media_type=media)
