"""Tests that need a program from Debian skip without it, naming the package, and fail
instead under GOVTRACE_REQUIRE_SYSTEM_TOOLS=1, which .ci/run sets (issue 14)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from govtrace.ingest import ocr
from tests.support.system_tools import (
    ANTIWORD,
    CHROMIUM,
    JAVA,
    REQUIRE,
    TESSERACT,
    TOOLS,
    SystemTool,
    need,
)

ROOT = Path(__file__).resolve().parent.parent
ABSENT = SystemTool("a teleporter", "teleporter-bin", lambda: "no `teleport` program")
PRESENT = SystemTool("the air", "air", lambda: None)


def test_a_missing_tool_skips_naming_its_package_issue_14(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(REQUIRE, raising=False)
    need(PRESENT)
    with pytest.raises(pytest.skip.Exception) as caught:
        need(PRESENT, ABSENT, purpose="beaming up")
    assert str(caught.value) == ("beaming up needs a teleporter (no `teleport` program): "
                                 "apt-get install teleporter-bin")


def test_in_ci_a_missing_tool_fails_the_test_issue_14(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REQUIRE, "1")
    need(PRESENT)
    with pytest.raises(pytest.fail.Exception) as caught:
        need(ABSENT)
    assert "apt-get install teleporter-bin" in str(caught.value)


@pytest.fixture()
def empty_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A machine without any program: nothing on the PATH (OCR's finding is cached)."""
    monkeypatch.delenv(REQUIRE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr.missing.cache_clear()
    yield
    ocr.missing.cache_clear()


def test_the_programs_are_looked_up_on_the_path_issue_14(empty_path: None) -> None:
    with pytest.raises(pytest.skip.Exception) as caught:
        need(CHROMIUM, JAVA, ANTIWORD, TESSERACT)
    message = str(caught.value)
    assert message.endswith("apt-get install chromium default-jre-headless antiword "
                            "tesseract-ocr tesseract-ocr-chi-sim")


def test_ci_installs_every_tools_packages_and_requires_them_issue_14() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(rf"^export {REQUIRE}=1$", script, re.MULTILINE)
    installed = set(re.findall(r"need\+=\(([a-z0-9 .-]+)\)", script))
    for tool in TOOLS:
        for package in tool.packages.split():
            assert package in installed, (tool, package)


def _pytest_without_programs(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Only the venv's own programs on the PATH: no chromium, java, tesseract, antiword.
    path = str(Path(sys.executable).parent)
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs",
                           "-q", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PATH": path, **env}, timeout=600)


@pytest.mark.slow
def test_the_browser_tests_skip_without_chromium_and_fail_in_ci_issue_14() -> None:
    """Before: 20 errors (playwright could not start /usr/bin/chromium)."""
    chosen = ["tests/browser/test_browser_pages.py::test_page_loads_cleanly[/]"]
    skipped = _pytest_without_programs(*chosen, env={REQUIRE: "0"})
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "1 skipped" in skipped.stdout
    assert "apt-get install chromium" in skipped.stdout
    failed = _pytest_without_programs(*chosen, env={REQUIRE: "1"})
    assert failed.returncode == 1 and "1 error" in failed.stdout, failed.stdout
