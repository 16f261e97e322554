"""Every error of the JSON API answers RFC 9457 problem+json with a code; injection is inert."""

from __future__ import annotations

import httpx
import pytest

from tests.support.demo import D000

WUSHEN = D000


def problem(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["status"] == status and body["code"] == code
    assert body["type"] == "https://w3id.org/govtrace/docs/errors#" + code.lower()
    assert body["title"] and body["detail"] and body["hint"]
    return body


@pytest.mark.parametrize("path", [
    f"/api/tasks/{WUSHEN}/999",
    "/api/tasks/no_such_document/1",
    f"/api/tasks/{WUSHEN}/999/lineage",
    "/api/regulations/0000000000000000",
    "/api/documents/no_such_document",
    "/api/divisions/999999",
])
def test_unknown_entities_are_404(demo_server: str, path: str) -> None:
    body = problem(httpx.get(demo_server + path), 404, "GT-QUERY-006")
    assert body["instance"] == path


@pytest.mark.parametrize(("path", "params", "where"), [
    ("/api/mandates", {}, "q"),
    ("/api/mandates", {"q": ""}, "q"),
    ("/api/mandates", {"q": "行" * 201}, "q"),
    ("/api/mandates", {"q": "行政复议", "limit": 101}, "limit"),
    ("/api/mandates", {"q": "行政复议", "limit": 0}, "limit"),
    ("/api/mandates", {"q": "行政复议", "level": "galactic"}, "level"),
    ("/api/mandates", {"q": "行政复议", "year": "twenty"}, "year"),
    ("/api/mandates", {"q": "行政复议", "division": "15/00"}, "division"),
    ("/api/search", {"q": "x" * 201}, "q"),
    ("/api/search", {"q": "备案", "limit": 1000}, "limit"),
    ("/api/tasks/x/zero", {}, "n"),
    ("/api/tasks/x/0", {}, "n"),
    ("/api/divisions/15062", {}, "adcode"),
    ("/api/regulations/a b", {}, "key"),
])
def test_bad_parameters_are_422(demo_server: str, path: str, params: dict[str, object],
                                where: str) -> None:
    body = problem(httpx.get(demo_server + path, params=params), 422, "GT-API-001")
    errors = body["errors"]
    assert isinstance(errors, list) and any(e["loc"][-1] == where for e in errors)


def test_blank_queries_are_refused(demo_server: str) -> None:
    for q in ("   ", "\u3000"):
        problem(httpx.get(demo_server + "/api/mandates", params={"q": q}), 422, "GT-API-001")


def test_english_outside_the_glossary_matches_nothing(demo_server: str) -> None:
    body = httpx.get(demo_server + "/api/mandates", params={"q": "photosynthesis"}).json()
    assert body["query"]["translated_from"] is None and body["results"] == []


def test_unknown_paths_and_methods(demo_server: str) -> None:
    problem(httpx.get(demo_server + "/api/nothing"), 404, "GT-API-002")
    problem(httpx.delete(demo_server + "/api/documents"), 405, "GT-API-002")


def task_count(base: str) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?t a <https://w3id.org/govtrace/ontology#Task> }"
    response = httpx.get(base + "/sparql", params={"query": query})
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("q", ['x" } ; DROP ALL ; #', "x' } } DELETE WHERE { ?s ?p ?o } #",
                               '行政"@zh . } CLEAR ALL #', "\\u0022 } DROP ALL"])
def test_injection_on_q_is_inert(demo_server: str, q: str) -> None:
    before = task_count(demo_server)
    for path in ("/api/mandates", "/api/search"):
        response = httpx.get(demo_server + path, params={"q": q})
        assert response.status_code == 200, response.text
        assert response.json()["results"] == []
    assert task_count(demo_server) == before > 100
