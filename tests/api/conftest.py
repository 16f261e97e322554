"""A real govtrace server (uvicorn subprocess on a free loopback port) over the seed store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govtrace.settings import Settings
from tests.support.demo import build_demo, server_env
from tests.support.seeds import build_seed_store
from tests.support.servers import govtrace_server

TOKEN = "s3cret-token"
RESULT_LIMIT = 50
MAX_QUERY_BYTES = 20000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a govtrace server; its store is the seed facts plus inference."""
    store_dir: Path = tmp_path_factory.mktemp("api") / "store"
    build_seed_store(store_dir)
    env = {
        "GOVTRACE_STORE_DIR": str(store_dir),
        "GOVTRACE_QUERY_TIMEOUT": "2",
        "GOVTRACE_RESULT_LIMIT": str(RESULT_LIMIT),
        "GOVTRACE_UPDATE_TOKEN": TOKEN,
        "GOVTRACE_MAX_QUERY_BYTES": str(MAX_QUERY_BYTES),
        "GOVTRACE_QUERY_WORKERS": "2",
    }
    with govtrace_server(env) as base:
        yield base


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A store of the demo corpus (5 seed documents + national outline, links, inference)."""
    return build_demo(tmp_path_factory.mktemp("api-demo"))


@pytest.fixture(scope="module")
def demo_server(demo_store: Settings) -> Iterator[str]:
    """The base URL of a govtrace server over the demo store."""
    with govtrace_server(server_env(demo_store)) as base:
        yield base
