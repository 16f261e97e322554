"""RFC 9457 problem details: the one error shape every govtrace HTTP answer uses.

``{"type", "title", "status", "detail", "instance", "code", "hint", "location"}``
with media type ``application/problem+json``. ``type`` is the error code's
anchor in docs/errors.md, so each distinct problem has a stable URI.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from govtrace.errors import GovtraceError

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


def install(app: FastAPI) -> None:
    """Answer every GovtraceError raised by a route as problem+json."""
    app.add_exception_handler(GovtraceError, _handle)
