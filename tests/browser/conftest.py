"""A real govtrace server over the demo store and Debian's Chromium driven by playwright.

No `playwright install`: the browser is Debian's chromium (apt), started headless in a
fresh profile; without it the tests skip, naming the package (and fail in CI:
tests/support/system_tools.py). Every request the pages make is recorded, so tests can
check nothing leaves the loopback server; console errors are recorded too. Screenshots go to
``$GOVTRACE_ARTIFACTS`` (or the test's tmp directory).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.demo import build_demo, server_env
from tests.support.servers import govtrace_server
from tests.support.system_tools import CHROMIUM, need

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = build_demo(tmp_path_factory.mktemp("browser"))
    with govtrace_server(server_env(settings)) as base:
        yield base


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    need(CHROMIUM, purpose="driving pages in a browser")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                              args=ARGS, headless=True)
        yield launched
        launched.close()


@dataclass
class Visit:
    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture()
def visit(browser: Browser) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1366, "height": 860})
    page = context.new_page()
    seen = Visit(page)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: seen.errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    yield seen
    context.close()


@pytest.fixture()
def artifacts(tmp_path: Path) -> Path:
    where = Path(os.environ.get("GOVTRACE_ARTIFACTS", tmp_path))
    where.mkdir(parents=True, exist_ok=True)
    return where
