"""The programs (and data) some tests need from Debian, and what a test does without one.

Each test that needs one calls :func:`need` (or asks for a fixture that does): on a
machine without it the test is skipped with a message naming the Debian packages to
install, so the README's test command passes on a fresh laptop. CI must run every test,
so ``.ci/run`` installs the packages and sets ``GOVTRACE_REQUIRE_SYSTEM_TOOLS=1``, which
turns such a skip into a failure: a package dropped from CI cannot hide tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from govtrace.ingest.radicals import UCD_FILE

REQUIRE = "GOVTRACE_REQUIRE_SYSTEM_TOOLS"


@dataclass(frozen=True)
class SystemTool:
    """A thing the tests need from the system: what it is, its Debian packages, and how to
    tell what is missing (a short phrase, or None when it is there)."""

    name: str
    packages: str
    missing: Callable[[], str | None]

    def __str__(self) -> str:
        return self.name


def _program(program: str) -> Callable[[], str | None]:
    return lambda: None if shutil.which(program) else f"no `{program}` program on the PATH"


def _file(path: Path) -> Callable[[], str | None]:
    return lambda: None if path.exists() else f"no {path}"


def _cjk_font() -> str | None:
    if shutil.which("fc-list") is None:
        return "no `fc-list` program (fontconfig) to find a Chinese font"
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True,
                            check=False).stdout
    return None if listed.strip() else "no font with Chinese glyphs (fc-list :lang=zh)"


def _ocr() -> str | None:
    from govtrace.ingest.ocr import missing

    return missing()


CHROMIUM = SystemTool("Chromium", "chromium", _program("chromium"))
CJK_FONT = SystemTool("a Chinese font", "fonts-noto-cjk", _cjk_font)
JAVA = SystemTool("a Java runtime (for the HermiT reasoner)", "default-jre-headless",
                  _program("java"))
TESSERACT = SystemTool("Tesseract with its Simplified Chinese model",
                       "tesseract-ocr tesseract-ocr-chi-sim", _ocr)
ANTIWORD = SystemTool("antiword (legacy Word .doc/.wps)", "antiword", _program("antiword"))
UNICODE_DATA = SystemTool("Unicode's data files", "unicode-data",
                          _file(UCD_FILE))
VIRTUOSO = SystemTool("Virtuoso Open Source 7 (the second remote store)", "virtuoso-opensource",
                      _program("virtuoso-t"))
TOOLS = (CHROMIUM, CJK_FONT, JAVA, TESSERACT, ANTIWORD, UNICODE_DATA, VIRTUOSO)
"""Every system tool a test needs; .ci/run installs each one's packages."""


def required() -> bool:
    """Whether a missing tool fails the test (CI) instead of skipping it."""
    return os.environ.get(REQUIRE, "") not in ("", "0")


def need(*tools: SystemTool, purpose: str = "this test") -> None:
    """Skip the calling test (fail it under ``GOVTRACE_REQUIRE_SYSTEM_TOOLS=1``) unless every
    one of ``tools`` is there; the message names what is missing and the packages."""
    gaps = [(tool, problem) for tool in tools if (problem := tool.missing()) is not None]
    if not gaps:
        return
    packages = " ".join(dict.fromkeys(tool.packages for tool, _ in gaps))
    message = (f"{purpose} needs {', '.join(str(tool) for tool, _ in gaps)} "
               f"({'; '.join(problem for _, problem in gaps)}): apt-get install {packages}")
    if required():
        pytest.fail(f"{message} [{REQUIRE} is set: CI runs every test]", pytrace=False)
    pytest.skip(message)
