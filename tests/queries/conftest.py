"""The demo corpus built into a store once per session, and a real govtrace server over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govtrace.graph.build import build, demo_corpus
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.queries.answers import Answers
from govtrace.queries.citing_tasks import CitingTasks, read_citing_tasks
from govtrace.settings import Settings
from tests.support.servers import govtrace_server


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a store that `govtrace build` made from the bundled demo corpus."""
    root: Path = tmp_path_factory.mktemp("queries")
    settings = Settings(data_dir=root / "data", store_dir=root / "store")
    report = build(settings, [demo_corpus()])
    assert not report.failures
    return settings


@pytest.fixture(scope="module")
def demo_embedded(demo_settings: Settings) -> Iterator[EmbeddedStore]:
    """The demo store opened read-only in this process."""
    opened = EmbeddedStore.open(demo_settings, read_only=True)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def citing_tasks(demo_embedded: EmbeddedStore) -> CitingTasks:
    """The cited tasks /api/mandates searches, read from the demo store."""
    return read_citing_tasks(demo_embedded, Answers(demo_embedded).ids)


@pytest.fixture(scope="module")
def server(demo_settings: Settings) -> Iterator[str]:
    """The base URL of a govtrace server over the demo store (started once per module)."""
    env = {"GOVTRACE_STORE_DIR": str(demo_settings.resolved_store_dir),
           "GOVTRACE_DATA_DIR": str(demo_settings.data_dir),
           "GOVTRACE_QUERY_WORKERS": "2", "GOVTRACE_QUERY_TIMEOUT": "10",
           "GOVTRACE_RESULT_LIMIT": "1000"}
    with govtrace_server(env) as base:
        yield base
