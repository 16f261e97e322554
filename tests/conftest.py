"""Fixtures every part's tests share: the real demo corpus and isolated settings."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from govtrace.ontology.divisions import Gazetteer, get_gazetteer
from govtrace.settings import Settings

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def demo_dir() -> Iterator[Path]:
    """The bundled demo corpus (the five seed documents), as installed."""
    with as_file(files("govtrace") / "data" / "demo") as path:
        yield Path(path)


@pytest.fixture(scope="session")
def seed_paths(demo_dir: Path) -> dict[str, Path]:
    """Seed files by their number prefix: ``seed_paths["000"]``."""
    return {path.name[:3]: path for path in sorted(demo_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The gazetteer of divisions (built once, as govtrace builds it)."""
    return get_gazetteer()


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    """Settings isolated from the user's environment, with a fresh data directory."""
    return Settings(data_dir=tmp_path / "data")
