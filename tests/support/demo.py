"""The bundled demo corpus built into a store, as `govtrace build` leaves it."""

from __future__ import annotations

from pathlib import Path

from govtrace.graph.build import build, demo_corpus
from govtrace.settings import Settings


def build_demo(root: Path) -> Settings:
    """Settings of a store under ``root`` holding the demo corpus (5 seeds + outline)."""
    settings = Settings(data_dir=root / "data", store_dir=root / "store")
    report = build(settings, [demo_corpus()])
    assert not report.failures
    return settings


def server_env(settings: Settings, **extra: str) -> dict[str, str]:
    """GOVTRACE_* variables for a server over that store."""
    return {"GOVTRACE_STORE_DIR": str(settings.resolved_store_dir),
            "GOVTRACE_DATA_DIR": str(settings.data_dir),
            "GOVTRACE_QUERY_WORKERS": "2", "GOVTRACE_QUERY_TIMEOUT": "10", **extra}
