"""RFC 9457 problem details: the one error shape every govtrace HTTP answer uses.

``{"type", "title", "status", "detail", "instance", "code", "hint", "location"}``
with media type ``application/problem+json``. ``type`` is the error code's
anchor in docs/errors.md, so each distinct problem has a stable URI.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from govtrace.errors import API_INVALID_REQUEST, API_NO_ROUTE, ApiError, GovtraceError

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


def problem_response(exc: GovtraceError, instance: str,
                     headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(problem(exc, instance), status_code=exc.status,
                        media_type=PROBLEM_JSON, headers=headers)


async def _handle(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GovtraceError)
    headers = {"WWW-Authenticate": 'Bearer realm="govtrace"'} if exc.status == 401 else None
    return problem_response(exc, str(request.url.path), headers)


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's parameter validation, answered as problem+json (GT-API-001) with its list."""
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": [str(part) for part in error.get("loc", ())],
               "msg": str(error.get("msg", "")), "type": str(error.get("type", ""))}
              for error in exc.errors()]
    where = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors)
    body = problem(ApiError(API_INVALID_REQUEST, f"invalid parameters ({where})"),
                   str(request.url.path))
    body["errors"] = errors
    return JSONResponse(body, status_code=API_INVALID_REQUEST.status, media_type=PROBLEM_JSON)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own errors (unknown path, wrong method) in the same shape."""
    assert isinstance(exc, HTTPException)
    error = ApiError(API_NO_ROUTE, f"{request.method} {request.url.path}: {exc.detail}")
    body = problem(error, str(request.url.path))
    body["status"] = exc.status_code
    return JSONResponse(body, status_code=exc.status_code, media_type=PROBLEM_JSON,
                        headers=getattr(exc, "headers", None))


def install(app: FastAPI) -> None:
    """Answer every GovtraceError raised by a route, and every request error, as problem+json."""
    app.add_exception_handler(GovtraceError, _handle)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
