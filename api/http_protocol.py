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
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class OneWriteHttpToolsProtocol(HttpToolsProtocol):
    """:class:`HttpToolsProtocol` that writes each response's head with its body."""

    def on_headers_complete(self) -> None:
        previous = self.cycle
        super().on_headers_complete()
        cycle = self.cycle
        # A new cycle (not a websocket upgrade) whose body write is sure to come.
        if (cycle is not previous and self.scope["method"] != "HEAD"
                and not self.expect_100_continue):
            cycle.transport = _HeadWithBody(cycle.transport)  # type: ignore[assignment]


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
