"""A plain ``GET /sparql`` the query pool answers in process is answered by the HTTP protocol
itself, with no ASGI cycle (issue 16: that machinery was most of the fixed cost of a request),
and with the very answer ASGI gives; every other request goes through ASGI as before."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from starlette.types import Receive, Scope, Send

from govtrace.api.app import create_app
from govtrace.api.sparql_fast_path import SparqlFirstApp
from govtrace.ontology.namespaces import GT
from govtrace.settings import Settings
from tests.support.seeds import build_seed_store
from tests.support.servers import one_write_in_thread

TASKS = f"SELECT (COUNT(?t) AS ?n) WHERE {{ ?t a <{GT.Task}> }}"
ASGI_CALLS: list[str] = []  # the method of each /sparql request the app got over ASGI


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    root: Path = tmp_path_factory.mktemp("direct")
    build_seed_store(root / "store")
    app = create_app(Settings(data_dir=root, store_dir=root / "store", query_workers=1,
                              store_watch_seconds=0))
    through_asgi = SparqlFirstApp.__call__

    async def counted(self: SparqlFirstApp, scope: Scope, receive: Receive, send: Send
                      ) -> None:
        if scope["type"] == "http" and scope["path"] == "/sparql":
            ASGI_CALLS.append(scope["method"])
        await through_asgi(self, scope, receive, send)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SparqlFirstApp, "__call__", counted)
        with one_write_in_thread(app) as chosen:
            yield chosen


def _get(query: str, *headers: str, version: str = "1.1") -> bytes:
    lines = [f"GET /sparql?{urlencode({'query': query})} HTTP/{version}", "Host: example.org",
             "Accept: application/sparql-results+json", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _responses(sock: socket.socket, count: int) -> list[tuple[str, dict[str, str], bytes]]:
    """``count`` responses read from ``sock``: status line, headers but Date, body."""
    data, found = b"", []
    while len(found) < count:
        head, separator, rest = data.partition(b"\r\n\r\n")
        if separator:
            status, *fields = head.decode("latin-1").split("\r\n")
            headers = {name.lower(): value.strip() for name, _, value in
                       (field.partition(":") for field in fields) if name.lower() != "date"}
            length = int(headers.get("content-length", "0"))
            if len(rest) >= length:
                found.append((status, headers, rest[:length]))
                data = rest[length:]
                continue
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        data += chunk
    return found


def _ask(port: int, request: bytes, count: int = 1) -> list[tuple[str, dict[str, str], bytes]]:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(request)
        return _responses(sock, count)


def _answered_in_process(port: int, query: str) -> None:
    """Send ``query`` until the pool answers it in process (a worker must answer it first)."""
    for _ in range(50):
        ASGI_CALLS.clear()
        _ask(port, _get(query))
        if not ASGI_CALLS:
            return
    pytest.fail("the query never went past ASGI")


def test_a_query_answered_in_process_skips_asgi_with_the_same_answer_issue_16(
        port: int) -> None:
    ASGI_CALLS.clear()
    through_asgi = _ask(port, _get(TASKS, "Origin: https://example.org"))[0]
    assert ASGI_CALLS == ["GET"]
    _answered_in_process(port, TASKS)  # before: every request went through ASGI
    for origin in ((), ("Origin: https://example.org",)):
        ASGI_CALLS.clear()
        direct = _ask(port, _get(TASKS, *origin))[0]
        assert ASGI_CALLS == []
        status, headers, body = through_asgi
        assert direct[0] == status == "HTTP/1.1 200 OK"
        assert direct[2] == body and b'"value":"' in body
        if origin:
            assert direct[1] == headers  # CORS, Vary, types, lengths, server: all alike
        else:
            assert direct[1] == {name: value for name, value in headers.items()
                                 if not name.startswith("access-control-")}
        assert direct[1]["vary"] == "Accept, Origin"


def test_requests_behind_one_not_yet_answered_keep_their_order_issue_16(port: int) -> None:
    _answered_in_process(port, TASKS)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?o ?q ?r }"  # new: a worker's
    ASGI_CALLS.clear()
    first, second, third = _ask(port, _get(slow) + _get(TASKS) + _get(TASKS), 3)
    assert b'"n"' in first[2] and second[2] == third[2] and b'"n"' in second[2]
    assert second[2] != first[2]
    assert ASGI_CALLS[:2] == ["GET", "GET"]  # the second waited in uvicorn's pipeline


@pytest.mark.parametrize(("request_bytes", "status"), [
    (_get(TASKS, version="1.0"), "200"),  # not kept alive
    (_get(TASKS, "X-Forwarded-Proto: https"), "200"),  # a scope the proxy middleware rewrites
    (_get(TASKS, "Accept: image/png").replace(
        b"Accept: application/sparql-results+json\r\n", b""), "406"),
    (_get(TASKS.replace("WHERE {", "WHERE {{")), "400"),
    (_get(TASKS).replace(b"GET", b"HEAD", 1), "200"),
])
def test_what_the_pool_does_not_answer_at_once_goes_through_asgi_issue_16(
        port: int, request_bytes: bytes, status: str) -> None:
    _answered_in_process(port, TASKS)
    ASGI_CALLS.clear()
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(request_bytes)
        answer = sock.recv(65536)
    assert answer.split(b" ")[1].decode() == status
    assert len(ASGI_CALLS) == 1


def test_the_base_of_a_forwarded_request_is_the_proxys_issue_16(port: int) -> None:
    relative = "SELECT ?here WHERE { BIND(<here> AS ?here) }"
    _answered_in_process(port, relative)
    direct = _ask(port, _get(relative))[0][2]
    assert b"http://example.org/here" in direct
    forwarded = _ask(port, _get(relative, "X-Forwarded-Proto: https"))[0][2]
    assert b"https://example.org/here" in forwarded
