"""What a server process does as it starts (issue 16, target 4: the first answers at 30k)."""

from __future__ import annotations

import gc
import pickle
import subprocess
import sys
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from govtrace.api.app import create_app
from govtrace.api.cli import AppFactory
from govtrace.settings import Settings


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


def test_the_supervisor_of_several_processes_never_imports_the_app_issue_16(
        tmp_path: Path) -> None:
    # What `govtrace serve --processes 2` sends each serving process: the supervisor used
    # to import the whole application first (a second of CPU it never answered with).
    code = ("import pickle, sys\n"
            "from govtrace.api.cli import AppFactory\n"
            "from govtrace.settings import Settings\n"
            f"sent = pickle.dumps(AppFactory(Settings(data_dir={str(tmp_path)!r})))\n"
            "print(sorted(m for m in ('govtrace.api.app', 'fastapi') if m in sys.modules))")
    imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True).stdout.strip()
    assert imported == "[]"
    made = pickle.loads(pickle.dumps(AppFactory(Settings(data_dir=tmp_path))))()
    assert isinstance(made, FastAPI)  # (its store is opened by its lifespan, not here)
