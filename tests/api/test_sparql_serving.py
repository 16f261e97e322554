"""`govtrace serve` as issue 16 runs it: no access log unless asked for, several processes on
one port over one store, and /sparql's lean path with the same answers as the app's."""

from __future__ import annotations

import http.client
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from govtrace.graph.snapshots import snapshots_dir
from tests.support.seeds import build_seed_store
from tests.support.servers import free_port, running

ASK = "/sparql?query=" + quote("ASK {}")
COUNT = "/sparql?query=" + quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store_dir: Path = tmp_path_factory.mktemp("serving") / "store"
    build_seed_store(store_dir)
    return store_dir


@contextmanager
def serving(store: Path, log: Path, **env: str) -> Iterator[str]:
    """`govtrace serve` over ``store``, its output to ``log``; stopped by its pid after."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "govtrace", "serve", "--store", str(store), "--host",
               "127.0.0.1", "--port", str(port)]
    with log.open("wb") as output, running(
            command, base + ASK, {"GOVTRACE_DATA_DIR": str(store.parent),
                                  "GOVTRACE_QUERY_WORKERS": "1", **env}, output):
        yield base


def test_no_access_log_by_default_one_with_the_setting_issue_16(store: Path,
                                                                 tmp_path: Path) -> None:
    for setting, logged in ((None, False), ("true", True)):
        log = tmp_path / f"serve-{setting}.log"
        with serving(store, log, **({"GOVTRACE_ACCESS_LOG": setting} if setting else {})
                     ) as base:
            assert httpx.get(base + COUNT).status_code == 200
        assert ('"GET /sparql?query=' in log.read_text()) is logged, log.read_text()


def test_several_processes_answer_from_the_same_store_issue_16(store: Path,
                                                                tmp_path: Path) -> None:
    with serving(store, tmp_path / "serve.log", GOVTRACE_SERVE_PROCESSES="2") as base:
        # each process reads the store through its own snapshots (graph/snapshots.py); the
        # second may still be starting when the first answers
        deadline = time.monotonic() + 60
        while len(_readers(store)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(_readers(store)) == 2
        port = int(base.rsplit(":", 1)[1])
        counts = set()
        for _ in range(20):  # a connection each: the kernel hands them to either process
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", COUNT, headers={"Accept": "application/json"})
            answer = connection.getresponse()
            assert answer.status == 200
            counts.add(json.loads(answer.read())["results"]["bindings"][0]["n"]["value"])
            connection.close()
    assert len(counts) == 1 and int(counts.pop()) > 0


def test_server_processes_do_not_wake_each_other_with_their_own_checkpoints_issue_16(
        store: Path, tmp_path: Path) -> None:
    # Each process used to open the store for writing to checkpoint it, which moved the
    # store's change time, which the other took for a new store: both checkpointed (and
    # dropped their answers' caches) every store_watch_seconds, for good.
    with serving(store, tmp_path / "serve.log", GOVTRACE_SERVE_PROCESSES="2",
                 GOVTRACE_STORE_WATCH_SECONDS="0.1"):
        deadline = time.monotonic() + 60
        while len(_readers(store)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)  # twenty looks each
        generations = {reader.name.partition("-")[0]: sorted(p.name for p in reader.iterdir())
                       for reader in _readers(store)}
    assert len(generations) == 2
    assert all(names == ["1"] for names in generations.values()), generations


def _readers(store: Path) -> list[Path]:
    return [folder for folder in snapshots_dir(store).iterdir() if folder.is_dir()]


def test_the_lean_path_keeps_cors_and_the_problem_shape_issue_16(store: Path,
                                                                  tmp_path: Path) -> None:
    origin = {"Origin": "https://example.org"}
    with serving(store, tmp_path / "serve.log") as base:
        answer = httpx.get(base + ASK, headers=origin)
        assert answer.json() == {"head": {}, "boolean": True}
        assert answer.headers["access-control-allow-origin"] == "*"
        assert "govtrace-truncated" in answer.headers["access-control-expose-headers"].lower()
        wrong = httpx.post(base + "/sparql", content="SELECT * WHERE {",
                           headers={**origin, "Content-Type": "application/sparql-query"})
        assert wrong.status_code == 400
        assert wrong.headers["content-type"] == "application/problem+json"
        assert wrong.json()["code"] == "GT-SPARQL-001"
        assert wrong.headers["access-control-allow-origin"] == "*"
        refused = httpx.post(base + "/sparql", data={"update": "CLEAR ALL"})
        assert refused.status_code == 403 and refused.json()["code"] == "GT-SPARQL-004"
        assert httpx.options(base + "/sparql").headers["allow"] == "GET, HEAD, POST, OPTIONS"
        assert httpx.put(base + "/sparql").status_code == 405
