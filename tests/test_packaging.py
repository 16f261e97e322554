"""The wheel users install carries every part and every data file the code reads."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    (built,) = out.glob("govtrace-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_every_part_is_a_govtrace_subpackage(wheel_names: set[str]) -> None:
    for part in ("ontology", "ingest", "graph", "queries", "api", "viz"):
        assert f"govtrace/{part}/__init__.py" in wheel_names, part
    top_level = {name.split("/")[0] for name in wheel_names if not name.startswith("govtrace-")}
    assert top_level == {"govtrace"}, "no generic top-level module may leak"


def test_data_files_are_shipped(wheel_names: set[str]) -> None:
    expected = {
        "govtrace/ontology/govtrace.ttl",
        "govtrace/ontology/shapes.ttl",
        "govtrace/data/national-outline-2021-2025.tsv",
        "govtrace/data/demo/metadata.toml",
        "govtrace/data/gold/lineage-seeds.tsv",
        "govtrace/queries/lineage.rq",
    }
    seeds = (ROOT / "govtrace" / "data" / "demo").glob("*.txt")
    expected |= {f"govtrace/data/demo/{path.name}" for path in seeds}
    assert expected <= wheel_names, sorted(expected - wheel_names)


def test_issue_15_the_wheel_declares_the_parts_commands_and_docs(wheel: Path) -> None:
    # govtrace.cli and govtrace.docgen find the parts only through these entry points.
    with zipfile.ZipFile(wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt"))
        text = archive.read(name).decode("utf-8")
    assert "[govtrace.commands]" in text
    assert "serve = govtrace.api.cli:serve" in text
    assert "[govtrace.docs]" in text
