"""``/sparql``'s GET, HEAD and POST, answered in front of the app's whole middleware stack.

Through FastAPI a request passes its telemetry check (which reads ``os.environ`` on every
request), its error, telemetry and body-limit middleware, CORS, routing and dependency
solving: in-process, ``ASK {}`` took 78 µs of CPU through them and 60 µs without (issue 16). Here
``/sparql``'s handlers (:mod:`govtrace.api.routes_sparql`) are called straight, and their
answer is what those layers would have made of it: a GovtraceError or a crash is answered by
the app's own problem handlers, and a response gets the headers the app's CORSMiddleware gives
a simple request. Everything else, a CORS preflight (OPTIONS) and /sparql's other methods
included, goes on to the app.

A GET whose query the pool answers in this process at once does not even reach ASGI: the
HTTP protocol asks :meth:`SparqlFirstApp.answer_directly` for it first
(:mod:`govtrace.api.http_protocol`), which gives the same 200 with the same headers.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from govtrace.api.http_protocol import DirectAnswer, DirectRequest
from govtrace.api.routes_sparql import checked_query, encoded, sparql_get, sparql_post
from govtrace.api.sparql_request import endpoint_iri_of, get_operation
from govtrace.api.sparql_service import SparqlEndpoint
from govtrace.errors import GovtraceError
from govtrace.settings import Settings

_FAST_METHODS = ("GET", "HEAD", "POST")
_Handler = Callable[[Request, Any], Response | Awaitable[Response]]  # as the app holds them


class SparqlFirstApp(FastAPI):
    """FastAPI, with ``/sparql``'s GET, HEAD and POST answered before anything of FastAPI's own
    (its telemetry check alone, which reads the environment, was 6 % of /sparql's own time
    for ``ASK {}``): :class:`SparqlFastPath`. OpenTelemetry, when configured, therefore sees
    no /sparql query."""

    _sparql: SparqlFastPath | None = None
    direct_path = b"/sparql"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.root_path:  # as FastAPI's own __call__
            scope["root_path"] = self.root_path
        if (scope["type"] != "http" or scope["method"] not in _FAST_METHODS
                or scope["path"].removeprefix(scope.get("root_path", "")) != "/sparql"):
            await super().__call__(scope, receive, send)
            return
        scope["app"] = self  # as Starlette's: the handlers read the app's state through it
        await self._fast_path()(scope, receive, send)

    def answer_directly(self, request: DirectRequest) -> DirectAnswer | None:
        """A ``GET /sparql`` answered without ASGI (:mod:`govtrace.api.http_protocol`): the
        200 of a query the query pool answers in this process at once, with the headers the
        ASGI path gives it; None for any other request, which that path answers (errors
        too). Without the socket, ``ASK {}`` took 68 µs of CPU through ASGI, 41 µs here; a
        COUNT on the demo store 195 and 151 (issue 16)."""
        if (request.path != self.direct_path or self.root_path
                or not hasattr(self.state, "sparql_endpoint")):  # before start-up
            return None
        try:
            return self._fast_path().answer_directly(request)
        except Exception:  # noqa: BLE001
            # Whatever went wrong (a refused query, a bug), the ASGI path runs the request
            # again and answers it as it answers every problem, with its handlers and log.
            return None

    def _fast_path(self) -> SparqlFastPath:
        if self._sparql is None:  # made at the first query, when the app is complete
            self._sparql = SparqlFastPath(self)
        return self._sparql


class SparqlFastPath:
    """``/sparql``'s GET, HEAD and POST for ``app``, as its middleware would answer them."""

    def __init__(self, app: FastAPI) -> None:
        self._problem = app.exception_handlers[GovtraceError]
        self._crash = app.exception_handlers[Exception]
        self._cors = _simple_cors_headers(app)
        self._settings: Settings = app.state.settings
        self._endpoint: SparqlEndpoint = app.state.sparql_endpoint

    def answer_directly(self, request: DirectRequest) -> DirectAnswer | None:
        """:meth:`SparqlFirstApp.answer_directly`; raises what the ASGI path would answer."""
        accept = host = None
        origin = False
        for name, value in request.headers:  # the first of each, as Starlette's Headers.get
            if name == b"accept" and accept is None:
                accept = value.decode("latin-1")
            elif name == b"host" and host is None:
                host = value.decode("latin-1")
            elif name == b"origin":
                origin = True
        operation = get_operation(request.query_string, endpoint_iri_of(
            request.scheme, request.server, "/sparql", host))
        if operation.query is None or operation.update is not None:
            return None
        query = checked_query(operation, accept, self._settings)
        result = self._endpoint.query_here(query.sparql, operation.dataset)
        if result is None:
            return None
        answer = encoded(result, accept, self._settings.result_limit)
        # in the order Starlette's Response gives them
        headers = [*((name.lower().encode("latin-1"), value.encode("latin-1"))
                     for name, value in answer.headers.items()),
                   (b"content-length", str(len(answer.body)).encode("latin-1")),
                   (b"content-type", answer.media_type.encode("latin-1"))]
        return DirectAnswer(self._with_cors(headers, origin), answer.body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await (sparql_post if scope["method"] == "POST" else sparql_get)(request)
        except GovtraceError as exc:
            response = await _handled(self._problem, request, exc)
            response.headers.add_vary_header("Accept")  # a 406 depends on it too
        except Exception as exc:
            # As FastAPI's ServerErrorMiddleware: the problem answer, then the exception on
            # to the server, which logs it.
            await self._send(await _handled(self._crash, request, exc), scope, send)
            raise
        await self._send(response, scope, send)

    async def _send(self, response: Response, scope: Scope, send: Send) -> None:
        origin = any(name == b"origin" for name, _ in scope["headers"])
        await send({"type": "http.response.start", "status": response.status_code,
                    "headers": self._with_cors([*response.raw_headers], origin)})
        await send({"type": "http.response.body", "body": response.body})

    def _with_cors(self, headers: list[tuple[bytes, bytes]], origin: bool
                   ) -> list[tuple[bytes, bytes]]:
        """``headers`` with what CORSMiddleware adds to a simple request's answer, for any
        origin without credentials: "Origin" in Vary always, and the CORS headers when the
        request has an ``origin``."""
        for index, (name, value) in enumerate(headers):
            if name == b"vary":
                headers[index] = (name, value + b", Origin")
                break
        else:
            headers.append((b"vary", b"Origin"))
        return headers + self._cors if origin else headers


async def _handled(handler: _Handler, request: Request, exc: Exception) -> Response:
    """The app's answer to ``exc`` (its handlers may be coroutines or not)."""
    answer = handler(request, exc)
    return await answer if inspect.isawaitable(answer) else answer


def _simple_cors_headers(app: FastAPI) -> list[tuple[bytes, bytes]]:
    """The headers the app's CORSMiddleware gives a simple request that has an Origin."""
    for factory, args, kwargs in app.user_middleware:
        if factory is CORSMiddleware:
            cors = CORSMiddleware(app, *args, **kwargs)
            if not cors.allow_all_origins or cors.allow_credentials:
                # Then CORSMiddleware echoes the request's origin, which this does not.
                raise ValueError("/sparql's fast path answers CORS for any origin without "
                                 "credentials only")
            return [(name.lower().encode("latin-1"), value.encode("latin-1"))
                    for name, value in cors.simple_headers.items()]
    return []
