"""The pages in a real browser: they load without console errors or requests leaving the
server, the lineage view draws 乌审旗 2024 task 5's chain to national item 9, a click opens
a node's page, search answers in Chinese and English, a 3,000-implementer view settles fast."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from govtrace.viz.view import View
from tests.browser.conftest import Visit
from tests.support.demo import D000, D004
from tests.support.synthetic_views import big_lineage_graph

pytestmark = pytest.mark.browser

TASK = f"{D000}/5"
LINEAGE = f"/viz/tasks/{TASK}/lineage"
SETTLED = "window.govtraceView && window.govtraceView.stabilizedAfterMs !== null"


def _local_only(visit: Visit, site: str) -> None:
    host = urlsplit(site).netloc
    leaving = [url for url in visit.requests
               if not url.startswith(("data:", "blob:", "about:"))
               and urlsplit(url).netloc != host]
    assert leaving == []
    assert visit.errors == []


@pytest.mark.parametrize("path", [
    "/", "/search?q=行政复议", "/documents", "/regulations", "/coverage", "/sparql-editor",
    f"/id/doc/{D000}/task/5", f"/id/doc/{D000}",
    "/id/regulation/c187389b531af611", "/id/division/150626", "/id/agency/09a3a334eba9fceb",
    LINEAGE, f"/viz/documents/{D000}", "/viz/regulations/c187389b531af611",
    "/viz/coverage/9",
])
def test_page_loads_cleanly(visit: Visit, site: str, path: str, artifacts: Path) -> None:
    response = visit.page.goto(site + path)
    assert response is not None and response.status == 200
    if path.startswith("/viz/"):
        visit.page.wait_for_function(SETTLED, timeout=20000)
        assert visit.page.evaluate("govtraceNetwork.physics.options.enabled") is False
    name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
    visit.page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    _local_only(visit, site)


def test_lineage_view_shows_the_chain_to_national_item_9(visit: Visit, site: str) -> None:
    visit.page.goto(site + LINEAGE)
    visit.page.wait_for_function(SETTLED, timeout=20000)
    ids = visit.page.evaluate("govtraceView.nodes.getIds()")
    assert len(ids) == 3
    assert any(i.endswith("/doc/national-outline-2021-2025/task/9") for i in ids)
    assert any(i.endswith(f"/doc/{D004}/task/6") for i in ids)
    levels = visit.page.evaluate(
        "govtraceView.nodes.get().map(n => [n.id.split('/doc/')[1], n.level])")
    by_doc = {doc.split("/")[0]: level for doc, level in levels}
    assert by_doc["national-outline-2021-2025"] < by_doc[D004] < by_doc[
        D000]


def test_clicking_a_node_opens_its_page(visit: Visit, site: str) -> None:
    page = visit.page
    page.goto(site + LINEAGE)
    page.wait_for_function(SETTLED, timeout=20000)
    target = next(i for i in page.evaluate("govtraceView.nodes.getIds()")
                  if i.endswith("/task/9"))
    point = page.evaluate(f"""(() => {{
        const pos = govtraceNetwork.canvasToDOM(govtraceNetwork.getPosition({target!r}));
        const box = document.getElementById('govtrace-network').getBoundingClientRect();
        return [box.left + pos.x, box.top + pos.y]; }})()""")
    with page.expect_navigation():
        page.mouse.click(point[0], point[1])
    assert page.url.endswith("/id/doc/national-outline-2021-2025/task/9")
    assert "加强行政规范性文件制定监督管理" in page.content()
    _local_only(visit, site)


@pytest.mark.parametrize("query", ["行政复议", "administrative reconsideration"])
def test_search_finds_mandating_regulations(visit: Visit, site: str, query: str) -> None:
    page = visit.page
    page.goto(site + "/")
    page.fill("#home-q", query)
    page.press("#home-q", "Enter")
    page.wait_for_selector(".result.mandate")
    titles = page.locator(".result.mandate h3").all_inner_texts()
    assert any("行政复议法" in title for title in titles)
    page.locator("a.lineage-link").first.click()
    page.wait_for_function(SETTLED, timeout=20000)
    assert page.evaluate("govtraceView.nodes.length") >= 2
    _local_only(visit, site)


def test_big_view_is_interactive_within_two_seconds(visit: Visit, tmp_path: Path,
                                                    artifacts: Path) -> None:
    """3,000 county implementers: drawn grouped, settled fast, a group expands on click."""
    html = tmp_path / "big.html"
    View.of(big_lineage_graph(3000), 150).save(html)
    page = visit.page
    started = time.monotonic()
    page.goto(html.as_uri())
    page.wait_for_function(SETTLED, timeout=20000)
    elapsed = time.monotonic() - started
    print(f"big view: {elapsed:.2f} s to stabilized "
          f"(in page: {page.evaluate('govtraceView.stabilizedAfterMs')} ms)")
    assert elapsed < 2.0 * 3  # the target is 2 s; CI machines are slower and shared
    drawn = page.evaluate("govtraceView.nodes.length")
    assert drawn < 100
    page.evaluate("govtraceView.expand('cluster:150000:outer')")
    assert page.evaluate("govtraceView.nodes.length") > drawn
    page.screenshot(path=str(artifacts / "big-view.png"))
    assert visit.errors == []
