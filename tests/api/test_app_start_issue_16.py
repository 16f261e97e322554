"""What a server process does as it starts (issue 16, target 4: the first answers at 30k)."""

from __future__ import annotations

import gc
import pickle
import sys
from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from govtrace.api.app import create_app
from govtrace.api.cli import AppFactory
from govtrace.settings import Settings
from tests.support.servers import free_port, running


def test_the_start_freezes_what_the_imports_made_issue_16(demo_store: Settings) -> None:
    # Out of the collector's reach, each full collection no longer walks every module,
    # class and pydantic schema: at 30k they were walked again and again as the index
    # was read.
    gc.unfreeze()
    try:
        with TestClient(create_app(demo_store)) as client:
            assert gc.get_freeze_count() > 10_000
            assert client.get("/api/glossary").status_code == 200
    finally:
        gc.unfreeze()


def test_several_serving_processes_are_forked_from_the_supervisor_issue_16(
        demo_store: Settings) -> None:
    # Spawned, each imported the whole application again (about a second of CPU per
    # process at start); forked, they share what the supervisor imported once.
    port = free_port()
    command = [sys.executable, "-m", "govtrace", "serve", "--store",
               str(demo_store.resolved_store_dir), "--host", "127.0.0.1", "--port",
               str(port), "--processes", "2"]
    with running(command, f"http://127.0.0.1:{port}/api/glossary",
                 {"GOVTRACE_DATA_DIR": str(demo_store.data_dir)}) as supervisor:
        serving = [pid for pid in _children(supervisor.pid)
                   if _command_line(pid) == _command_line(supervisor.pid)]
        assert len(serving) == 2  # (a spawned process runs multiprocessing's spawn_main)
        for _ in range(4):
            assert httpx.get(f"http://127.0.0.1:{port}/api/glossary").status_code == 200
    for pid in serving:  # stopped with the supervisor
        assert not Path(f"/proc/{pid}").exists() or _state(pid) == "Z"


def test_the_app_factory_is_sent_as_settings_issue_16(tmp_path: Path) -> None:
    # What a spawned serving process receives, where uvicorn could not be made to fork.
    made = pickle.loads(pickle.dumps(AppFactory(Settings(data_dir=tmp_path))))()
    assert isinstance(made, FastAPI)  # (its store is opened by its lifespan, not here)


def _children(pid: int) -> list[int]:
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()]


def _command_line(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes()


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
