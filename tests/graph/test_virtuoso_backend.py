"""The remote backend on Virtuoso Open Source 7, tested against the real server (issue 16).

The demo corpus is built by ``govtrace build`` into embedded Oxigraph, into a real
`oxigraph serve` (the remote backend) and into a real Virtuoso (its dialect); every saved
query and the main JSON API answers must then be the same on all three. Each engine runs
the same code, so this stays valid while the extraction itself changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from govtrace.api.app import create_app
from govtrace.errors import SPARQL_SYNTAX, STORE_FAULT, STORE_UNAVAILABLE, GovtraceError
from govtrace.graph.build import build, demo_corpus
from govtrace.graph.store import DocumentGraph, GraphStore
from govtrace.graph.store_factory import open_store
from govtrace.graph.store_virtuoso import VirtuosoStore, _standard_term
from govtrace.queries.library import load_library, render_query
from govtrace.settings import Settings, StoreBackend
from tests.support.demo import build_demo
from tests.support.servers import oxigraph_server
from tests.support.virtuoso import USER, Virtuoso, virtuoso_server

Rows = list[dict[str, str]]
GT = "https://w3id.org/govtrace/ontology#"


def _served(root: Path, base: str) -> Settings:
    """The demo built by `govtrace build` into the `oxigraph serve` at ``base``."""
    settings = Settings(data_dir=root / "data", store_backend=StoreBackend.REMOTE,
                        remote_query_url=base + "/query", remote_update_url=base + "/update",
                        remote_store_url=base + "/store", query_timeout=120)
    report = build(settings, [demo_corpus()])
    assert not report.failures
    return settings


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


def _virtuoso_settings(server: Virtuoso, root: Path) -> Settings:
    return Settings(data_dir=root / "data", store_backend=StoreBackend.VIRTUOSO,
                    remote_query_url=server.query_url, remote_update_url=server.update_url,
                    remote_store_url=server.store_url, remote_user=USER,
                    remote_password=server.password, query_timeout=120)


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory, virtuoso: Virtuoso
            ) -> Iterator[dict[str, Settings]]:
    """The demo corpus built into each engine, by `govtrace build`'s own code."""
    embedded = build_demo(tmp_path_factory.mktemp("embedded"))
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph") / "store") as base:
        served = _served(tmp_path_factory.mktemp("served"), base)
        virtuoso_root = tmp_path_factory.mktemp("on-virtuoso")
        report = build(_virtuoso_settings(virtuoso, virtuoso_root), [demo_corpus()])
        assert not report.failures
        yield {"embedded": embedded, "oxigraph-serve": served,
               "virtuoso": _virtuoso_settings(virtuoso, virtuoso_root)}


@pytest.fixture(scope="module")
def stores(engines: dict[str, Settings]) -> Iterator[dict[str, GraphStore]]:
    opened = {name: open_store(settings, read_only=True) for name, settings in engines.items()}
    yield opened
    for store in opened.values():
        store.close()


def _rows(store: GraphStore, sparql: str) -> Rows:
    return [{name: term.n3() for name, term in row.items()}
            for row in store.query(sparql).bindings()]


def _same_everywhere(answers: Mapping[str, object]) -> None:
    first = answers["embedded"]
    for engine, answer in answers.items():
        assert answer == first, f"{engine} differs from embedded Oxigraph"


def test_every_saved_query_answers_the_same_on_three_engines_issue_16(
        stores: dict[str, GraphStore]) -> None:
    library = load_library()
    assert library  # the test covers the whole library, whatever it holds
    for saved in library.values():
        sparql = render_query(saved, saved.example_params())
        _same_everywhere({engine: _rows(store, sparql) for engine, store in stores.items()})


def test_saved_queries_answer_alike_for_every_task_and_item_issue_16(
        stores: dict[str, GraphStore]) -> None:
    """The examples alone may match little: each parameter is also given every value the
    demo holds (every task's lineage, every outline item's implementers …)."""
    library = load_library()
    embedded = stores["embedded"]
    adcodes = _column(embedded, f"SELECT DISTINCT ?v WHERE {{ "
                                f"?d <{GT}jurisdiction>/<{GT}adminCode> ?v }}")
    values = {
        "lineage": ("task", _column(embedded,
                                    f"SELECT DISTINCT ?v WHERE {{ ?v a <{GT}Task> }}")),
        "implementers": ("item", [str(n) for n in range(1, 40)]),
        "reported-figures": ("report", _column(
            embedded, f"SELECT DISTINCT ?v WHERE {{ ?v a <{GT}PolicyDocument> }}")),
        "agency-load": ("adcode", adcodes),
        "coverage-gaps": ("adcode", adcodes),
        "mandating-regulations": ("topic", ["法治政府", "行政规范性文件", "行政执法", "依法行政"]),
    }
    assert set(values) == set(library), "a new saved query needs its values here"
    for name, (param, candidates) in values.items():
        assert candidates
        for value in candidates:
            sparql = render_query(library[name], {param: value})
            _same_everywhere({engine: _rows(store, sparql) for engine, store in stores.items()})
    for item in ("9", "10"):  # implementers page by page, on the materialized gt:listingOrder
        for offset in range(3):
            sparql = render_query(library["implementers"],
                                  {"item": item, "limit": "1", "offset": str(offset)})
            _same_everywhere({engine: _rows(store, sparql) for engine, store in stores.items()})


def _column(store: GraphStore, sparql: str) -> list[str]:
    return sorted(str(row["v"]) for row in store.query(sparql).bindings())


API_PATHS = ("/api/documents", "/api/regulations", "/api/coverage", "/api/glossary",
             "/api/mandates?q=行政规范性文件", "/api/search?q=法治政府", "/api/queries")


def _api(settings: Settings, paths: list[str]) -> dict[str, object]:
    with TestClient(create_app(settings.with_overrides(store_watch_seconds=0))) as client:
        answers: dict[str, object] = {}
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (path, response.text)
            answers[path] = response.json()
        return answers


def test_the_json_api_answers_the_same_on_three_engines_issue_16(
        engines: dict[str, Settings], stores: dict[str, GraphStore]) -> None:
    embedded = stores["embedded"]
    paths = [*API_PATHS]
    for doc_id in sorted(embedded.documents()):
        paths.append(f"/api/documents/{doc_id}")
    tasks = _column(embedded, f"SELECT DISTINCT ?v WHERE {{ ?v a <{GT}Task> }}")
    for task in tasks[:: max(1, len(tasks) // 12)]:
        doc_id, number = task.split("/doc/")[1].split("/task/")
        paths += [f"/api/tasks/{doc_id}/{number}", f"/api/tasks/{doc_id}/{number}/lineage"]
    regulations = _api(engines["embedded"], ["/api/regulations"])["/api/regulations"]
    assert isinstance(regulations, dict)
    paths += [f"/api/regulations/{row['id']}" for row in regulations["results"][:5]]
    for name, saved in sorted(load_library().items()):
        query = "&".join(f"{key}={value}" for key, value in saved.example_params().items())
        paths.append(f"/api/queries/{name}?{query}")
    _same_everywhere({engine: _api(settings, paths) for engine, settings in engines.items()})


def test_virtuoso_quirks_are_behind_the_backend_issue_16(stores: dict[str, GraphStore]) -> None:
    """Dates (compared, YEAR), language tags, derived integer types (oa:start), booleans
    and the union default graph (a bag: one row per graph holding the
    statement) come back as Oxigraph gives them."""
    sparql = f"""
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?date ?year ?title ?lang ?start ?copies WHERE {{
          {{ SELECT ?date WHERE {{ ?s ?p ?date FILTER(DATATYPE(?date) = xsd:date
                                   && ?date >= "2000-01-01"^^xsd:date) }}
             ORDER BY ?date LIMIT 1 }}
          BIND(YEAR(?date) AS ?year)
          {{ SELECT ?title WHERE {{ ?d <{GT}title> ?title }} ORDER BY STR(?title) LIMIT 1 }}
          BIND(LANG(?title) AS ?lang)
          {{ SELECT ?start WHERE {{ ?x oa:start ?start }} ORDER BY ?start LIMIT 1 }}
          {{ SELECT (COUNT(*) AS ?copies) WHERE {{ <{GT}Task> ?p ?o }} }}
        }}"""
    answers = {engine: _rows(store, sparql) for engine, store in stores.items()}
    _same_everywhere(answers)
    assert answers["virtuoso"][0]["lang"] == '"zh"'
    assert answers["virtuoso"][0]["start"].endswith("^^<http://www.w3.org/2001/XMLSchema#integer>")
    # a stored boolean, as Virtuoso 7.2 writes it in JSON results
    boolean = "http://www.w3.org/2001/XMLSchema#boolean"
    stored = {"type": "typed-literal", "datatype": boolean, "value": "1"}
    _standard_term(stored)
    assert stored == {"type": "literal", "datatype": boolean, "value": "true"}


def test_virtuoso_result_cap_is_a_truncation_or_an_error_issue_16(tmp_path: Path) -> None:
    """Virtuoso cuts every result at ResultSetMaxRows, silently but for a header: a capped
    answer is marked truncated, and one govtrace needs whole is an error naming the setting."""
    with virtuoso_server(tmp_path / "capped", max_rows=5) as server:
        store = open_store(_virtuoso_settings(server, tmp_path))
        assert isinstance(store, VirtuosoStore)
        rows = " ".join(f"<urn:s{n}> <urn:p> {n} ." for n in range(8))
        store.update(f"INSERT DATA {{ GRAPH <urn:g> {{ {rows} }} }}")
        sparql = "SELECT ?s WHERE { ?s <urn:p> ?n }"
        assert store.query(sparql, limit=3).truncated
        capped = store.query(sparql, limit=100)
        assert capped.truncated and len(capped.bindings()) == 5
        with pytest.raises(GovtraceError) as caught:
            store.query(sparql)
        assert caught.value.error is STORE_FAULT and "ResultSetMaxRows" in str(caught.value)
        exact = store.query("SELECT ?s WHERE { ?s <urn:p> 1 }", limit=3)
        assert not exact.truncated and len(exact.bindings()) == 1
        store.close()


def test_a_document_virtuoso_refuses_leaves_the_old_version_issue_16(
        virtuoso: Virtuoso, tmp_path: Path) -> None:
    """Virtuoso commits the operations of a request that ran before one failed, so a
    replacement is one INSERT DATA whose refusal happens when the request is compiled,
    before the DROPs run: the old version stays whole, and a new document leaves nothing."""
    store = open_store(_virtuoso_settings(virtuoso, tmp_path))
    assert isinstance(store, VirtuosoStore)
    old = DocumentGraph("atomic", "a" * 64, "<urn:t> <urn:p> \"old\" .\n", "")
    store.replace_document(old)
    broken = DocumentGraph("atomic", "b" * 64, "<urn:t> <urn:p> \"new\" .\n<urn:t> <urn:n> "
                           "\"x\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n", "")
    with pytest.raises(GovtraceError) as caught:
        store.replace_document(broken)
    assert caught.value.error is SPARQL_SYNTAX
    assert store.documents()["atomic"].sha256 == "a" * 64
    graph = str(store.layout.document("atomic"))
    assert _rows(store, f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}") == [
        {"o": '"old"'}]
    with pytest.raises(GovtraceError):
        store.replace_document(DocumentGraph("fresh", "c" * 64, broken.ntriples(), ""))
    assert "fresh" not in store.documents()
    assert store.triple_count(str(store.layout.document("fresh"))) == 0
    store.delete_document("atomic")
    store.close()


def test_a_large_document_loads_whole_into_virtuoso_issue_16(
        virtuoso: Virtuoso, tmp_path: Path) -> None:
    """One GRAPH block of more than ~4,900 triples overflows Virtuoso's parser; the backend
    cuts it into blocks of the same INSERT DATA, and a bulk load keeps documents whole."""
    store = open_store(_virtuoso_settings(virtuoso, tmp_path))
    assert isinstance(store, VirtuosoStore)
    big = "".join(f"<urn:big:{n}> <urn:p> \"第{n}条\"@zh .\n" for n in range(12000))
    documents = [DocumentGraph(f"big{n}", str(n) * 64, big if n == 0 else
                               f"<urn:small:{n}> <urn:p> {n} .\n", "") for n in range(6)]
    assert store.bulk_load(documents) > 12000
    assert store.triple_count(str(store.layout.document("big0"))) == 12000
    assert {f"big{n}" for n in range(6)} <= set(store.documents())
    for document in documents:
        store.delete_document(document.doc_id)
    store.close()


def test_wrong_virtuoso_credentials_stop_at_once_issue_16(
        virtuoso: Virtuoso, tmp_path: Path) -> None:
    settings = _virtuoso_settings(virtuoso, tmp_path).with_overrides(remote_password="wrong")
    store = open_store(settings)
    with pytest.raises(GovtraceError) as caught:
        store.update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 1 } }")
    assert caught.value.error is STORE_UNAVAILABLE
    assert "GOVTRACE_REMOTE_PASSWORD" in str(caught.value)
    store.close()

