"""/sparql's queries are answered in front of the app's middleware stack (issue 16), with the
headers and problems the stack would have given them; a query string sent again is not
decoded again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from govtrace.api.app import create_app
from govtrace.api.sparql_request import get_request
from govtrace.errors import SparqlError
from govtrace.settings import Settings
from tests.support.seeds import build_seed_store

ASK = {"query": "ASK {}"}
ORIGIN = {"Origin": "https://example.org"}
SEEN: list[str] = []  # the paths of the requests the app's middleware saw


class _Seen:
    """A middleware that notes the path of every request it sees in SEEN."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            SEEN.append(scope["path"])
        await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root: Path = tmp_path_factory.mktemp("fast-path")
    build_seed_store(root / "store")
    app = create_app(Settings(data_dir=root, store_dir=root / "store", query_workers=1))
    app.add_middleware(_Seen)
    with TestClient(app) as client:
        yield client


def test_a_query_passes_no_middleware_other_requests_all_of_it_issue_16(
        client: TestClient) -> None:
    SEEN.clear()
    assert client.get("/sparql", params=ASK).json() == {"head": {}, "boolean": True}
    assert client.post("/sparql", data=ASK).status_code == 200
    assert SEEN == []  # before: the app's middleware saw both
    assert client.options("/sparql").status_code == 204
    assert SEEN == ["/sparql"]


def test_the_fast_path_gives_the_headers_cors_gives_the_rest_issue_16(
        client: TestClient) -> None:
    answer = client.get("/sparql", params=ASK, headers=ORIGIN)
    # the same request through the stack: a /sparql method the fast path leaves to it
    through_stack = client.options("/sparql", headers=ORIGIN)
    for name in ("access-control-allow-origin", "access-control-expose-headers"):
        assert answer.headers[name] == through_stack.headers[name]
    assert answer.headers["vary"] == "Accept, Origin"
    alone = client.get("/sparql", params=ASK)
    assert alone.headers["vary"] == "Accept, Origin"
    assert "access-control-allow-origin" not in alone.headers


def test_a_problem_is_the_apps_own_with_cors_issue_16(client: TestClient) -> None:
    wrong = client.get("/sparql", params={"query": "SELECT * WHERE {"}, headers=ORIGIN)
    assert wrong.status_code == 400
    assert wrong.headers["content-type"] == "application/problem+json"
    assert wrong.json()["code"] == "GT-SPARQL-001"
    assert wrong.headers["vary"] == "Accept, Origin"
    assert wrong.headers["access-control-allow-origin"] == "*"
    refused = client.get("/sparql", params=ASK, headers={"Accept": "image/png"})
    assert refused.status_code == 406 and refused.headers["vary"] == "Accept, Origin"


def _get(query_string: bytes, host: bytes = b"example.org") -> Request:
    return Request({"type": "http", "method": "GET", "scheme": "http", "path": "/sparql",
                    "server": ("127.0.0.1", 8000), "query_string": query_string,
                    "headers": [(b"host", host)]})


def test_a_query_string_sent_again_is_not_decoded_again_issue_16() -> None:
    query = urlencode({"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"}).encode()
    first = get_request(_get(query))
    assert get_request(_get(query)) is first  # before: parse_qsl again, for every request
    assert first.query == "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
    assert first.base_iri == "http://example.org/sparql"
    elsewhere = get_request(_get(query, b"other.example"))
    assert elsewhere.base_iri == "http://other.example/sparql"  # the base is the host's
    long = urlencode({"query": "ASK {}" + " " * 9000}).encode()
    assert get_request(_get(long)) is not get_request(_get(long))  # not kept: too long
    twice = urlencode([("query", "ASK {}"), ("query", "ASK {}")]).encode()
    for _ in range(2):  # a refused request is refused every time
        with pytest.raises(SparqlError):
            get_request(_get(twice))
