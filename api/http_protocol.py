"""uvicorn's httptools protocol, each response's head sent in one write with its body.

uvicorn writes a response's status line and headers to the socket as soon as the app sends
``http.response.start``, and the body with its own write after: two ``send`` calls per
response where one would do. On loopback each send runs the receiver's TCP path too and
wakes the client, which finds half a response; in a py-spy profile of ``/sparql`` answering
``ASK {}`` under load, 39 % of the server's samples were in the head's write, 7 % in the
body's (issue 16). uvicorn has no option to join them, so this subclass, installed with
uvicorn's ``http=`` option by ``govtrace serve``, gives each request's cycle a view of the
connection that holds the head until the first body write and writes both at once (one
``writev``). Hand-written: the alternative is a copy of uvicorn's cycle, whose ``send`` is 90
lines. It leans on uvicorn's internals (its cycle writes through ``cycle.transport``);
tests/api/test_one_write_protocol_issue_16.py fails if a uvicorn release changes them.

A head is held only where a body write surely follows: not for HEAD (uvicorn writes no body,
and a kept-alive connection would never see the head), nor when the client waits for
``100 Continue``, which uvicorn writes before the head.

**Direct answers.** A plain GET (HTTP/1.1, kept alive, no body, nothing before it still being
answered on the connection, no header uvicorn's proxy middleware reads) may be answered by
the app from the request's parts, when the app offers :class:`DirectAnswers` and has its answer
at once: then it is written here, with uvicorn's default headers, and no ASGI cycle, task,
scope or message is made for it. That machinery was most of the 90–110 µs of CPU an
``ASK {}`` cost over ASGI, against Oxigraph's 25–40 for its whole request (issue 16); the app
answers directly only ``/sparql`` queries it answers in process
(:meth:`govtrace.api.sparql_fast_path.SparqlFirstApp.answer_directly`). Off where uvicorn
logs each request (the access log), which it does for ASGI cycles.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# Requests left to ASGI: with a body, or whose scope uvicorn's ProxyHeadersMiddleware rewrites.
_NOT_DIRECT = frozenset((b"content-length", b"transfer-encoding", b"x-forwarded-for",
                         b"x-forwarded-proto"))


@dataclass(frozen=True, slots=True)
class DirectRequest:
    """The parts of a plain GET an app answers directly from."""

    path: bytes
    query_string: bytes
    headers: list[tuple[bytes, bytes]]
    """Names in lower case, in the order sent."""
    scheme: str
    server: tuple[str, int | None] | None


@dataclass(frozen=True, slots=True)
class DirectAnswer:
    """A 200: its headers (without uvicorn's defaults) and its body."""

    headers: list[tuple[bytes, bytes]]
    body: bytes


@runtime_checkable
class DirectAnswers(Protocol):
    """An app that answers some GETs without ASGI."""

    direct_path: bytes
    """The one path it may answer so: a request for another goes to ASGI unexamined."""

    def answer_directly(self, request: DirectRequest) -> DirectAnswer | None:
        """The answer to ``request`` if it has it at once (never raising); else None."""


class OneWriteHttpToolsProtocol(HttpToolsProtocol):
    """:class:`HttpToolsProtocol` that writes each response's head with its body, and lets
    the app answer plain GETs directly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # uvicorn logs a cycle's request where its access logger would emit it
        logged = self.access_log and self.access_logger.isEnabledFor(logging.INFO)
        self._direct = None if logged else _direct_answers(self.app)
        self._answered = False  # the current request, directly

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._answered = False

    def on_message_complete(self) -> None:
        if not self._answered:
            super().on_message_complete()

    def on_headers_complete(self) -> None:
        if self._direct is not None and self._answer_directly(self._direct):
            return
        previous = self.cycle
        super().on_headers_complete()
        cycle = self.cycle
        # A new cycle (not a websocket upgrade) whose body write is sure to come.
        if (cycle is not previous and self.scope["method"] != "HEAD"
                and not self.expect_100_continue):
            cycle.transport = _HeadWithBody(cycle.transport)  # type: ignore[assignment]

    def _answer_directly(self, app: DirectAnswers) -> bool:
        parser = self.parser
        # The path first: every JSON API request passes here, and none of them is answered so.
        if (not self.url.startswith(app.direct_path) or parser.get_method() != b"GET"
                or parser.get_http_version() != "1.1"
                or not parser.should_keep_alive() or parser.should_upgrade()
                or self.expect_100_continue
                or (self.cycle is not None and not self.cycle.response_complete)
                or any(name in _NOT_DIRECT for name, _ in self.headers)):
            return False
        url = httptools.parse_url(self.url)
        answer = app.answer_directly(DirectRequest(
            url.path, url.query or b"", self.headers, self.scheme or "http", self.server))
        if answer is None:
            return False
        head = [b"HTTP/1.1 200 OK\r\n"]
        for name, value in (*self.server_state.default_headers, *answer.headers):
            head += (name, b": ", value, b"\r\n")
        head.append(b"\r\n")
        self.transport.writelines((b"".join(head), answer.body))
        self._answered = True
        self.on_response_complete()  # as a cycle ends: keep-alive, what is pipelined behind
        return True


class _HeadWithBody:
    """One response's view of its connection: the first write (the head) waits for the second
    (the body's first part) and both go together; every write after goes straight on."""

    __slots__ = ("_head", "_joined", "_transport")

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport
        self._head: bytes | None = None
        self._joined = False

    def write(self, data: bytes) -> None:
        if self._joined:
            self._transport.write(data)
        elif self._head is None:
            self._head = data
        else:
            self._joined = True
            self._transport.writelines((self._head, data))
            self._head = None

    def close(self) -> None:
        """Close the connection after whatever is held (an app that failed after its head)."""
        if self._head is not None:
            self.write(b"")
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


def _direct_answers(app: Any) -> DirectAnswers | None:
    """The app under uvicorn's middleware (each holds the next as ``app``) if it answers
    directly."""
    while app is not None and not isinstance(app, DirectAnswers):
        app = getattr(app, "app", None)
    return app
