"""Regenerate the screenshots in docs/screenshots: a real server on the demo corpus, driven
by Debian's Chromium through playwright (as the browser tests are).

    .venv/bin/python docs/screenshots/make.py            # every shot, into docs/screenshots
    .venv/bin/python docs/screenshots/make.py search     # only the shots named

Each entry of :data:`SHOTS` is one shot (or a few): a function taking the playwright page,
the server's base URL and the output folder, returning the PNGs it wrote. A page that only
needs bringing to the state shown is one :func:`shot` line: ``shot("name", show)`` with
``show(page, base)``; a function that writes its own files (``shoot_…(page, base, out)``)
is listed as it is. A shot that fails is reported and the others still run (exit status 1).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the test helpers (tests/support, tests/browser) are reused

from playwright.sync_api import Error as BrowserError  # noqa: E402
from playwright.sync_api import Page, ViewportSize, sync_playwright  # noqa: E402

from tests.browser.conftest import ARGS  # noqa: E402
from tests.browser.shots_alignment import shoot_alignment_and_comparison  # noqa: E402
from tests.browser.shots_plan_report import shoot_plan_report_and_matrix  # noqa: E402
from tests.browser.test_editor import show_docs, show_editor_results  # noqa: E402
from tests.support.demo import build_demo, server_env  # noqa: E402
from tests.support.servers import govtrace_server  # noqa: E402
from tests.support.system_tools import CHROMIUM, CJK_FONT  # noqa: E402

OUT = Path(__file__).resolve().parent
VIEWPORT: ViewportSize = {"width": 1366, "height": 860}
Shooter = Callable[[Page, str, Path], list[Path]]


def shot(name: str, show: Callable[[Page, str], object], *, full_page: bool = True
         ) -> Shooter:
    """A shooter writing ``out/{name}.png`` once ``show(page, base)`` has brought the page
    to the state shown."""

    def shoot(page: Page, base: str, out: Path) -> list[Path]:
        show(page, base)
        target = out / f"{name}.png"
        page.screenshot(path=str(target), full_page=full_page)
        return [target]

    shoot.__name__ = name
    return shoot


def show_home(page: Page, base: str) -> None:
    _open(page, base + "/")


def show_search(page: Page, base: str) -> None:
    _open(page, base + "/search?q=行政复议")


def show_lineage(page: Page, base: str) -> None:
    """乌审旗 2024 task 5's lineage view, laid out."""
    _open(page, base + "/viz/tasks/150626-2024-work_plan-47b40eba/5/lineage")
    page.wait_for_function("window.govtraceView && "
                           "window.govtraceView.stabilizedAfterMs !== null", timeout=20000)


def show_not_found(page: Page, base: str) -> None:
    """An unknown document opened in a browser: the 404 page with its search box."""
    response = page.goto(base + "/id/doc/no_such_document")
    assert response is not None and response.status == 404


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url


SHOTS: list[Shooter] = [
    shot("home", show_home),
    shot("search", show_search),
    shot("lineage", show_lineage, full_page=False),
    shot("error-404", show_not_found),
    shot("sparql-editor", show_editor_results),
    shot("docs", show_docs),
    shoot_alignment_and_comparison,
    shoot_plan_report_and_matrix,
]
"""Every screenshot of docs/screenshots, in the order taken."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="only these shots (by name)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs")
    args = parser.parse_args(argv)
    chosen = [s for s in SHOTS if not args.names or s.__name__ in args.names]
    missing = [str(tool) for tool in (CHROMIUM, CJK_FONT) if tool.missing()]
    if missing:
        print(f"needs {', '.join(missing)}: apt-get install {CHROMIUM.packages} "
              f"{CJK_FONT.packages}", file=sys.stderr)
        return 2
    failed = []
    with tempfile.TemporaryDirectory() as scratch:
        settings = build_demo(Path(scratch))
        with govtrace_server(server_env(settings)) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                                 args=ARGS)
            for shooter in chosen:
                context = browser.new_context(viewport=VIEWPORT)
                try:
                    for path in shooter(context.new_page(), base, args.out):
                        print(f"wrote {path}")
                except (AssertionError, BrowserError):  # the others still get their shots
                    failed.append(shooter.__name__)
                    traceback.print_exc()
                finally:
                    context.close()
            browser.close()
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
