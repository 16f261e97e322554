"""/sparql's operations go through one endpoint object, its federation policy built once with
the app (issue 16), and every answer says it varies with Accept."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from govtrace.api.app import create_app
from govtrace.graph import federation
from govtrace.graph.federation import FederationPolicy
from govtrace.settings import Settings
from tests.support.seeds import build_seed_store

SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
JSON = {"Accept": "application/sparql-results+json"}


def test_the_federation_policy_is_built_once_per_app_issue_16(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[FederationPolicy] = []
    real = FederationPolicy.from_settings

    def counted(settings: Settings) -> FederationPolicy:
        built.append(real(settings))
        return built[-1]

    monkeypatch.setattr(federation.FederationPolicy, "from_settings", counted)
    build_seed_store(tmp_path / "store")
    app = create_app(Settings(data_dir=tmp_path, store_dir=tmp_path / "store",
                              store_watch_seconds=0, query_workers=1))
    with TestClient(app) as client:
        for _ in range(3):
            assert client.get("/sparql", params={"query": "ASK {}"}, headers=JSON).json() == {
                "head": {}, "boolean": True}
        assert client.get("/sparql", headers={"Accept": "text/turtle"}).status_code == 200
        # refused the same on the loop's path and on the thread's (a text past 8 KB)
        for text in (SERVICE, SERVICE + " #" + "x" * 9000):
            refused = client.get("/sparql", params={"query": text}, headers=JSON)
            assert refused.status_code == 400 and "GT-SPARQL-012" in refused.text
    assert len(built) == 1  # before: once per query and per service description


@pytest.mark.parametrize(("params", "accept", "status"), [
    ({"query": "ASK {}"}, "application/sparql-results+json", 200),
    ({"query": "ASK {}"}, "text/csv", 200),
    ({"query": "ASK {}"}, "image/png", 406),
    ({}, "text/turtle", 200),  # the service description
    ({}, "text/html", 200),  # the editor
])
def test_sparql_answers_vary_with_accept_issue_16(server: str, params: dict[str, str],
                                                  accept: str, status: int) -> None:
    response = httpx.get(server + "/sparql", params=params, headers={"Accept": accept})
    assert response.status_code == status
    assert "accept" in response.headers.get("vary", "").lower()
