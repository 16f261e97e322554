"""The SPARQL editor and the API docs over HTTP (a real server over the demo store): ``/sparql``
answers the editor to a browser and RDF to SPARQL clients, the editor and the docs load
only assets this server serves, and the OpenAPI description documents ``/sparql``."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from govtrace.api.app import create_app
from govtrace.ontology.namespaces import GT
from govtrace.queries.library import load_library
from govtrace.settings import Settings
from tests.support.demo import D000

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
# Attributes naming another host (or any scheme): what a page must not load from.
ELSEWHERE = re.compile(r"""(src|href|action)=["']?(https?:)?//""")


def _editor_config(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="editor-config">(.*?)</script>',
                      html, re.S)
    assert match is not None
    config: dict[str, object] = json.loads(match[1])
    return config


@pytest.mark.parametrize("path", ["/sparql", "/sparql-editor"])
def test_sparql_answers_the_editor_to_a_browser_issue_14(demo_server: str, path: str) -> None:
    """Before: /sparql in a browser answered the service description in Turtle."""
    response = httpx.get(demo_server + path, headers=BROWSER, timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<script src="/viz/static/vendor/yasgui/yasgui.min.js">' in html
    assert not ELSEWHERE.search(html)
    # Before, each saved query was a form posting to /sparql, whose answer the browser saved
    # as a file named "sparql" (application/sparql-results+xml, from Accept's application/xml).
    assert 'action="/sparql"' not in html
    config = _editor_config(html)
    assert config["endpoint"] == "/sparql" and config["idPath"] == "/id/"
    assert config["idBase"] == Settings().base_iri
    assert config["prefixes"]["gt"] == str(GT)  # type: ignore[index]
    saved = {query["name"]: query for query in config["saved"]}  # type: ignore[attr-defined]
    assert set(saved) == set(load_library())
    lineage = saved["lineage"]
    assert lineage["params"][0]["name"] == "task" and lineage["params"][0]["type"] == "iri"
    assert f"<https://w3id.org/govtrace/id/doc/{D000}/task/5>" in lineage["query"]
    assert "$task" not in lineage["query"]
    assert "the task to start from" in html  # the parameters' descriptions are on the page


@pytest.mark.parametrize("accept", [None, "*/*", "text/turtle", "text/*",
                                    "text/html;q=0.5, text/turtle"])
def test_sparql_clients_still_get_the_service_description_issue_14(demo_server: str,
                                                                   accept: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    response = httpx.get(demo_server + "/sparql", headers=headers, timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert "sd:Service" in response.text or "ServiceDescription" in response.text


def test_a_query_answers_results_even_to_a_browser_issue_14(demo_server: str) -> None:
    response = httpx.get(demo_server + "/sparql", params={"query": "ASK {}"},
                         headers=BROWSER, timeout=30)
    assert response.status_code == 200
    assert not response.headers["content-type"].startswith("text/html")


def test_the_editors_request_answers_json_to_show_not_a_file_issue_14(demo_server: str) -> None:
    """What YASGUI's Run sends: a form POST asking for SPARQL JSON, answered inline."""
    response = httpx.post(demo_server + "/sparql", timeout=30, data={
        "query": f"PREFIX gt: <{GT}> SELECT ?t WHERE {{ ?t a gt:Task }} LIMIT 3"},
        headers={"Accept": "application/sparql-results+json,*/*;q=0.9"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert "content-disposition" not in response.headers
    assert len(response.json()["results"]["bindings"]) == 3


def test_vendored_assets_are_served_and_nothing_else_issue_14(demo_server: str) -> None:
    js = httpx.get(demo_server + "/viz/static/vendor/yasgui/yasgui.min.js", timeout=30)
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "Yasgui" in js.text[:2000]
    css = httpx.get(demo_server + "/viz/static/vendor/yasgui/yasgui.min.css", timeout=30)
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    for path in ("/viz/static/vendor/yasgui/LICENSE", "/viz/static/vendor/README.md",
                 "/viz/static/vendor/yasgui/yasgui.min.js.map",
                 "/viz/static/vendor/yasgui/..%2F..%2Fgovtrace.css"):
        missing = httpx.get(demo_server + path, timeout=30)
        assert missing.status_code == 404, path
        assert missing.json()["code"] == "GT-API-002"


@pytest.mark.parametrize(("path", "assets"), [
    ("/docs", ("/docs/static/swagger-ui-bundle.js", "/docs/static/swagger-ui.css")),
    ("/redoc", ("/docs/static/redoc.standalone.js",)),
])
def test_api_docs_load_only_local_assets_issue_14(demo_server: str, path: str,
                                                  assets: tuple[str, ...]) -> None:
    """Before: Swagger UI and ReDoc came from a CDN, so /docs and /redoc were blank offline."""
    page = httpx.get(demo_server + path, timeout=30)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert not re.search(r"""["'](https?:)?//""", page.text), "a URL of another host"
    policy = page.headers["content-security-policy"]  # and nothing a script adds may leave
    assert "default-src 'self'" in policy and "img-src 'self' data:" in policy
    for asset in assets:
        assert asset in page.text
        served = httpx.get(demo_server + asset, timeout=30)
        assert served.status_code == 200 and len(served.content) > 100_000, asset


def test_openapi_documents_the_sparql_protocol_issue_14() -> None:
    """Before: /sparql's operations had no parameters, no body and a JSON 200."""
    paths = create_app(Settings()).openapi()["paths"]
    get, post = paths["/sparql"]["get"], paths["/sparql"]["post"]
    assert {p["name"] for p in get["parameters"]} == {
        "query", "default-graph-uri", "named-graph-uri"}
    assert {p["name"] for p in post["parameters"]} == {
        "default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"}
    body = post["requestBody"]["content"]
    assert set(body) == {"application/x-www-form-urlencoded", "application/sparql-query",
                         "application/sparql-update"}
    assert set(body["application/x-www-form-urlencoded"]["schema"]["properties"]) == {
        "query", "update", "default-graph-uri", "named-graph-uri", "using-graph-uri",
        "using-named-graph-uri"}
    results = set(get["responses"]["200"]["content"])
    assert {"text/html", "application/sparql-results+json", "text/csv",
            "text/tab-separated-values", "text/turtle"} <= results
    assert "application/json" not in results
    assert "204" in post["responses"] and "204" not in get["responses"]
