"""`govtrace serve`'s HTTP protocol sends each response's head with its body, in one write
(issue 16: uvicorn wrote the head alone first, a second send per response), and otherwise
answers as uvicorn does: HEAD, ``Expect: 100-continue``, keep-alive, an app that fails."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from starlette.types import Receive, Scope, Send

from tests.support.servers import one_write_in_thread

BODY = b"hello"


class _App:
    """Sends its head, then waits for the test's word before the body (``/slow``), or fails
    after its head (``/fail``)."""

    def __init__(self) -> None:
        self.release = threading.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = (await receive()).get("body", b"") or BODY
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", str(len(body)).encode())]})
        if scope["path"] == "/fail":
            raise RuntimeError("the app failed after its head")
        if scope["path"] == "/slow":
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 30)
        await send({"type": "http.response.body", "body": body})


@contextmanager
def serving(app: _App) -> Iterator[int]:
    with one_write_in_thread(app, lifespan="off") as port:
        try:
            yield port
        finally:
            app.release.set()  # a held /slow request must not keep the server from stopping


@pytest.fixture
def app() -> _App:
    return _App()


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def _response(sock: socket.socket, body_length: int) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data or len(data.partition(b"\r\n\r\n")[2]) < body_length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def test_the_head_waits_for_the_body_and_goes_with_it_issue_16(app: _App) -> None:
    with serving(app) as port, _connect(port) as sock:
        sock.sendall(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.settimeout(1.0)
        with pytest.raises(TimeoutError):  # before: uvicorn had written the head at once
            sock.recv(65536)
        app.release.set()
        sock.settimeout(10)
        answer = _response(sock, len(BODY))
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n")
    assert answer.endswith(b"\r\n\r\n" + BODY)


def test_kept_alive_connections_head_and_continue_answer_as_before_issue_16(app: _App) -> None:
    with serving(app) as port, _connect(port) as sock:
        for _ in range(3):  # one connection, one response after another
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            assert _response(sock, len(BODY)).endswith(BODY)
        sock.sendall(b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n")  # a head and no body to come
        head = _response(sock, 0)
        assert head.startswith(b"HTTP/1.1 200 OK\r\n") and head.endswith(b"\r\n\r\n")
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                     b"Expect: 100-continue\r\n\r\n")
        assert _response(sock, 0).startswith(b"HTTP/1.1 100 Continue\r\n\r\n")
        sock.sendall(b"abc")
        assert _response(sock, 3).endswith(b"\r\n\r\nabc")


def test_an_app_failing_after_its_head_still_closes_the_connection_issue_16(
        app: _App) -> None:
    with serving(app) as port, _connect(port) as sock:
        sock.sendall(b"GET /fail HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        while chunk := sock.recv(65536):  # ends: the server closes the connection
            received += chunk
    assert received.startswith(b"HTTP/1.1 200 OK\r\n")  # the head it had sent, as before
