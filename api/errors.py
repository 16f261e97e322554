"""RFC 9457 problem details: the one error shape every govtrace HTTP answer uses.

``{"type", "title", "status", "detail", "instance", "code", "hint", "location"}``
with media type ``application/problem+json``. ``type`` is the error code's
anchor in docs/errors.md, so each distinct problem has a stable URI.

A request whose ``Accept`` prefers ``text/html`` (a browser's, on any path: a page, an
``/api/…`` link or ``/sparql``) gets the same problem as an HTML page (viz's
``error.html``; a 404 offers a search box); every other client gets problem+json. A crash
(any other exception) is a problem too, GT-API-003, and its traceback goes to the log.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from govtrace.api.negotiation import HTML, JSON, negotiate
from govtrace.errors import (
    API_INTERNAL,
    API_INVALID_REQUEST,
    API_NO_ROUTE,
    ApiError,
    GovtraceError,
)
from govtrace.settings import Settings

_log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"
ERRORS_DOC = "https://w3id.org/govtrace/docs/errors#"


def problem(exc: GovtraceError, instance: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": ERRORS_DOC + exc.code.lower(),
        "title": exc.error.title,
        "status": exc.status,
        "detail": exc.detail,
        "instance": instance,
        "code": exc.code,
        "hint": exc.hint,
    }
    if exc.location is not None:
        body["location"] = {key: value for key, value in dataclasses.asdict(exc.location).items()
                            if value is not None}
    return body


def wants_html(request: Request) -> bool:
    """Whether the client prefers a page to problem+json (``*/*`` or none: it does not)."""
    return negotiate(request.headers.get("accept"), (HTML, JSON, PROBLEM_JSON),
                     PROBLEM_JSON) == HTML


def answer(request: Request, body: dict[str, Any],
           headers: dict[str, str] | None = None) -> Response:
    """The problem ``body`` as the client prefers it: an HTML page or problem+json."""
    if wants_html(request):
        from govtrace.viz.templating import render_template

        page = render_template("error.html", title=f"{body['status']} {body['title']}",
                               problem=body)
        return HTMLResponse(page, status_code=body["status"], headers=headers)
    return JSONResponse(body, status_code=body["status"], media_type=PROBLEM_JSON,
                        headers=headers)


async def _handle(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, GovtraceError)
    return answer(request, problem(exc, str(request.url.path)), _headers(request, exc.status))


def _headers(request: Request, status: int) -> dict[str, str] | None:
    """What a status owes the client besides the body: how to authenticate (401), and when
    to come back (503: a busy pool frees a worker within ``query_preempt_after`` seconds,
    or with preemption off ``query_timeout``)."""
    if status == 401:
        return {"WWW-Authenticate": 'Bearer realm="govtrace"'}
    if status == 503:
        settings: Settings = request.app.state.settings
        wait = settings.query_preempt_after or settings.query_timeout
        return {"Retry-After": str(max(1, math.ceil(wait)))}
    return None


async def _invalid(request: Request, exc: Exception) -> Response:
    """FastAPI's parameter validation, answered as problem+json (GT-API-001) with its list."""
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": [str(part) for part in error.get("loc", ())],
               "msg": str(error.get("msg", "")), "type": str(error.get("type", ""))}
              for error in exc.errors()]
    where = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors)
    body = problem(ApiError(API_INVALID_REQUEST, f"invalid parameters ({where})"),
                   str(request.url.path))
    body["errors"] = errors
    return answer(request, body)


async def _http(request: Request, exc: Exception) -> Response:
    """Starlette's own errors (unknown path, wrong method) in the same shape."""
    assert isinstance(exc, HTTPException)
    error = ApiError(API_NO_ROUTE, f"{request.method} {request.url.path}: {exc.detail}")
    body = problem(error, str(request.url.path))
    body["status"] = exc.status_code
    headers = {**(_headers(request, exc.status_code) or {}), **(exc.headers or {})}
    return answer(request, body, headers or None)


async def _crash(request: Request, exc: Exception) -> Response:
    """Any other exception: govtrace's fault (GT-API-003). Starlette raises it on after this
    answer is sent, so the server logs its traceback; the client sees no internals."""
    _log.error("%s %s failed: %r", request.method, request.url.path, exc)
    error = ApiError(API_INTERNAL, f"{request.method} {request.url.path} failed inside govtrace")
    return answer(request, problem(error, str(request.url.path)))


def install(app: FastAPI) -> None:
    """Answer every GovtraceError raised by a route, every request error and every crash as
    a problem: problem+json, or an HTML page for a browser."""
    app.add_exception_handler(GovtraceError, _handle)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _crash)
