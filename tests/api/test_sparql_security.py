"""/sparql must not fetch what a client names (SSRF), nor read a body past its limit.

A real second HTTP server on loopback stands for an internal service: it records every
request it gets, and a refused SERVICE or LOAD must leave it untouched.
"""

from __future__ import annotations

import json
import select
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph

from govtrace.ontology.namespaces import SD
from tests.api.conftest import MAX_QUERY_BYTES, TOKEN
from tests.api.test_sparql_errors import TASKS, problem
from tests.support.seeds import build_seed_store
from tests.support.servers import free_port, govtrace_server, oxigraph_server


class _Recorder(BaseHTTPRequestHandler):
    paths: list[str]

    def _record(self) -> None:
        self.paths.append(self.path)
        self.send_response(500)
        self.end_headers()

    def do_GET(self) -> None:
        self._record()

    def do_POST(self) -> None:
        self._record()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def internal() -> Iterator[tuple[str, list[str]]]:
    """An internal HTTP service on loopback: its base URL and the paths it was asked for."""
    paths: list[str] = []
    handler = type("Recorder", (_Recorder,), {"paths": paths})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", paths
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def remote_sparql(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query URL of a real `oxigraph serve` holding one triple."""
    location = tmp_path_factory.mktemp("remote") / "store"
    store = ox.Store(str(location))
    store.add(ox.Quad(ox.NamedNode("urn:remote:s"), ox.NamedNode("urn:remote:p"),
                      ox.Literal("from the remote endpoint")))
    store.flush()
    del store
    with oxigraph_server(location) as base:
        yield base + "/query"


CLOSED = f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there


@pytest.fixture(scope="module")
def federated(tmp_path_factory: pytest.TempPathFactory, remote_sparql: str) -> Iterator[str]:
    """A govtrace server whose settings allow SERVICE to two endpoints and LOAD of one."""
    store_dir: Path = tmp_path_factory.mktemp("federated") / "store"
    build_seed_store(store_dir)
    env = {"GOVTRACE_STORE_DIR": str(store_dir), "GOVTRACE_QUERY_WORKERS": "1",
           "GOVTRACE_QUERY_TIMEOUT": "10", "GOVTRACE_UPDATE_TOKEN": TOKEN,
           "GOVTRACE_FEDERATION_ALLOW": json.dumps([remote_sparql, CLOSED]),
           "GOVTRACE_LOAD_ALLOW": json.dumps([CLOSED])}
    with govtrace_server(env) as base:
        yield base


def _refused_queries(target: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{target}/a> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ service silent <{target}/b> {{ ?s ?p ?o }} }}",
        f"PREFIX in: <{target}/> SELECT * WHERE {{ SERVICE in:c {{ ?s ?p ?o }} }}",
        f"PREFIX in: <{target}/> SELECT * WHERE {{ SERVICEin:d {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p 1SERVICE <{target}/e> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?x {{ <{target}/f> }} SERVICE ?x {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
        "BASE <http://127.0.0.1:1/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    ]


def test_service_is_off_by_default_issue_13(server: str,
                                            internal: tuple[str, list[str]]) -> None:
    base, paths = internal
    for query in _refused_queries(base):
        response = httpx.post(server + "/sparql", data={"query": query}, timeout=30)
        problem(response, 400, "GT-SPARQL-012")
    assert paths == []  # not one request reached the internal service
    assert httpx.get(server + "/sparql", params={"query": TASKS}).status_code == 200


def test_load_is_refused_even_with_the_token_issue_13(server: str,
                                                      internal: tuple[str, list[str]]) -> None:
    base, paths = internal
    for update in (f"LOAD <{base}/data.ttl>", f"LOAD SILENT <{base}/data.ttl> INTO GRAPH <urn:g>",
                   "LOAD <file:///etc/passwd>"):
        response = httpx.post(server + "/sparql", data={"update": update}, timeout=60,
                              headers={"Authorization": f"Bearer {TOKEN}"})
        problem(response, 400, "GT-SPARQL-012")
    assert paths == []


def _features(base: str) -> Graph:
    response = httpx.get(base + "/sparql", headers={"Accept": "text/turtle"})
    return Graph().parse(data=response.text, format="turtle")


def test_service_description_says_whether_federation_is_on_issue_13(
        server: str, federated: str) -> None:
    assert (None, SD.feature, SD.BasicFederatedQuery) not in _features(server)
    assert (None, SD.feature, SD.BasicFederatedQuery) in _features(federated)


def test_allowed_endpoint_is_queried_others_refused_issue_13(
        federated: str, remote_sparql: str, internal: tuple[str, list[str]]) -> None:
    query = f"SELECT ?o WHERE {{ SERVICE <{remote_sparql}> {{ ?s ?p ?o }} }}"
    response = httpx.get(federated + "/sparql", params={"query": query}, timeout=30)
    assert response.status_code == 200, response.text
    assert [row["o"]["value"] for row in response.json()["results"]["bindings"]] == [
        "from the remote endpoint"]
    base, paths = internal
    for refused in _refused_queries(base):
        problem(httpx.post(federated + "/sparql", data={"query": refused}, timeout=30),
                400, "GT-SPARQL-012")
    assert paths == []


def test_failing_allowed_endpoint_is_502_and_the_worker_survives_issue_13(
        federated: str) -> None:
    query = f"SELECT * WHERE {{ SERVICE <{CLOSED}> {{ ?s ?p ?o }} }}"
    for _ in range(3):  # one worker: it must answer every time
        problem(httpx.get(federated + "/sparql", params={"query": query}, timeout=30),
                502, "GT-SPARQL-013")
    assert httpx.get(federated + "/sparql", params={"query": TASKS}).status_code == 200


def test_failing_allowed_load_is_502_issue_13(federated: str) -> None:
    response = httpx.post(federated + "/sparql", data={"update": f"LOAD <{CLOSED}>"},
                          headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    problem(response, 502, "GT-SPARQL-013")


def test_declared_too_large_body_is_refused_unread_issue_13(server: str) -> None:
    status, _ = _post_raw(server, f"Content-Length: {1 << 30}\r\n", chunks=0)
    assert status == 413


def test_streamed_body_is_refused_at_the_limit_issue_13(server: str) -> None:
    body_bytes = 64 << 20  # 3,000 times the server's limit
    status, sent = _post_raw(server, "Transfer-Encoding: chunked\r\n",
                             chunks=body_bytes // (64 << 10))
    assert status == 413
    # The answer came while most of the body was still unsent: the server stopped reading
    # at the limit (what was sent meanwhile sits in socket buffers or is discarded).
    assert MAX_QUERY_BYTES < 16 << 20
    assert sent < 16 << 20, f"the 413 came only after {sent} bytes"


def _post_raw(server: str, framing: str, *, chunks: int) -> tuple[int, int]:
    """POST a query body of ``chunks`` chunks of 64 KiB, watching for an early answer;
    returns the status and how many body bytes were sent before the answer came."""
    url = urlsplit(server)
    chunk = b"10000\r\n" + b"#" * (64 << 10) + b"\r\n"  # hex 10000 = 64 KiB: a comment
    sent = 0
    with socket.create_connection((url.hostname or "127.0.0.1", url.port or 80),
                                  timeout=30) as sock:
        sock.sendall(f"POST /sparql HTTP/1.1\r\nHost: {url.netloc}\r\n"
                     f"Content-Type: application/sparql-query\r\n{framing}\r\n".encode())
        for _ in range(chunks):
            if select.select([sock], [], [], 0)[0]:
                break
            try:
                sock.sendall(chunk)
            except OSError:  # the server closed the connection after answering
                break
            sent += len(chunk)
        else:
            if chunks:
                sock.sendall(b"0\r\n\r\n")
        head = sock.recv(4096).decode("latin-1")
    return int(head.split()[1]), sent
