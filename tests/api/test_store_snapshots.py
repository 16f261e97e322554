"""Many users at once on one consistent snapshot: a finished build is taken up by every part
of a running server, and a busy endpoint says when to come back (issue 13)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from govtrace.graph.build import build, demo_corpus
from govtrace.settings import Settings
from tests.support.demo import server_env
from tests.support.seeds import build_seed_store
from tests.support.servers import govtrace_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
JSON = {"Accept": "application/sparql-results+json"}


def triples(base: str) -> int:
    response = httpx.get(base + "/sparql", params={"query": COUNT}, headers=JSON, timeout=30)
    response.raise_for_status()
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def documents(base: str) -> int:
    response = httpx.get(base + "/api/documents", timeout=30)
    response.raise_for_status()
    count: int = response.json()["count"]
    return count


def test_a_finished_build_is_taken_up_by_every_part_of_the_server_issue_13(
        tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(demo_corpus(), corpus)
    held_back = sorted(corpus.glob("00*.txt"))[-1]
    held_back.rename(tmp_path / held_back.name)
    settings = Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store")
    assert not build(settings, [corpus]).failures
    env = server_env(settings, GOVTRACE_STORE_WATCH_SECONDS="0.3")
    with govtrace_server(env) as base:
        old_triples, old_documents = triples(base), documents(base)
        (tmp_path / held_back.name).rename(held_back)
        subprocess.run([sys.executable, "-m", "govtrace", "build", "--store",
                        str(settings.resolved_store_dir), str(corpus)],
                       env={**os.environ, **env}, check=True, capture_output=True, timeout=600)
        deadline = time.monotonic() + 30
        while triples(base) == old_triples and time.monotonic() < deadline:
            time.sleep(0.2)
        counts = {triples(base) for _ in range(20)}
        assert len(counts) == 1 and counts != {old_triples}
        assert documents(base) == old_documents + 1


def test_every_503_says_when_to_retry_issue_13(tmp_path: Path) -> None:
    build_seed_store(tmp_path / "store")
    common = {"GOVTRACE_STORE_DIR": str(tmp_path / "store"), "GOVTRACE_QUERY_WORKERS": "1",
              "GOVTRACE_STORE_WATCH_SECONDS": "0"}
    # The runaway gives way to the ordinary query, and hears when to come back.
    with govtrace_server({**common, "GOVTRACE_QUERY_TIMEOUT": "60",
                          "GOVTRACE_QUERY_PREEMPT_AFTER": "0.5"}) as base:
        runaway = in_background(base, ENDLESS)
        time.sleep(0.5)
        assert triples(base) > 0
        response = runaway.result()
        assert response.status_code == 503
        assert response.json()["code"] == "GT-SPARQL-010"
        assert int(response.headers["Retry-After"]) >= 1


class in_background:  # noqa: N801 — reads as a call
    def __init__(self, base: str, query: str) -> None:
        self._response: httpx.Response | None = None
        self._thread = threading.Thread(target=self._get, args=(base, query))
        self._thread.start()

    def _get(self, base: str, query: str) -> None:
        self._response = httpx.get(base + "/sparql", params={"query": query}, headers=JSON,
                                   timeout=120)

    def result(self) -> httpx.Response:
        self._thread.join()
        assert self._response is not None
        return self._response
