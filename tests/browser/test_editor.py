"""The SPARQL editor and the API docs in a real browser: a saved query runs into a sortable
table in the page (not a download) with govtrace's IRIs linked to its pages here, the
server's CSV/TSV/JSON download, and /docs and /redoc render with every other host blocked.

:func:`show_editor_results`, :func:`show_docs` and :func:`show_redoc` bring a page to the
state the screenshots in docs/screenshots show; a screenshot script may call them too.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Download, Page, Route

from tests.browser.conftest import Visit
from tests.support.demo import D000

pytestmark = pytest.mark.browser

RESULT_ROWS = ".tabPanel.active .yasr table.dataTable tbody tr"
RESPONSE_INFO = ".tabPanel.active .yasr_response_chip"


def show_editor_results(page: Page, site: str, saved: str = "lineage") -> None:
    """The editor at /sparql with the saved query ``saved`` opened and run."""
    page.goto(site + "/sparql")
    page.wait_for_function("window.govtraceEditor !== undefined")
    page.click(f'button[data-saved="{saved}"]')
    page.wait_for_function(f"govtraceEditor.getTab().getName() === {saved!r}")
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(RESULT_ROWS, timeout=20000)
    page.wait_for_selector(RESPONSE_INFO + ":has-text('second')")
    page.evaluate("window.scrollTo(0, 0)")  # opening the tab scrolled to the editor


def show_docs(page: Page, site: str) -> None:
    """Swagger UI at /docs with its operations listed, ``GET /sparql`` open."""
    page.goto(site + "/docs")
    page.click("#operations-sparql-sparql_get_sparql_get .opblock-summary", timeout=20000)
    page.wait_for_selector("#operations-sparql-sparql_get_sparql_get tr[data-param-name]")


def show_redoc(page: Page, site: str) -> None:
    """ReDoc at /redoc with its operations drawn."""
    page.goto(site + "/redoc")
    page.wait_for_selector("[data-section-id='operation/sparql_get_sparql_get']", timeout=20000)


def _block_other_hosts(page: Page, site: str) -> list[str]:
    """Abort every request to a host other than the server's; the list of those aborted."""
    host = urlsplit(site).netloc
    blocked: list[str] = []

    def handle(route: Route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == host:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", handle)
    return blocked


def test_editor_runs_a_saved_query_into_a_table_issue_14(visit: Visit, site: str,
                                                         artifacts: Path) -> None:
    """Before: Run posted a form whose answer the browser saved as a file named ``sparql``."""
    page = visit.page
    blocked = _block_other_hosts(page, site)
    downloads: list[Download] = []
    page.on("download", lambda download: downloads.append(download))
    show_editor_results(page, site)
    page.screenshot(path=str(artifacts / "sparql-editor.png"))
    assert downloads == [] and blocked == [] and visit.errors == []
    rows = page.locator(RESULT_ROWS)
    assert rows.count() == 3  # 乌审旗 task 5 → 自治区 (六) → national item 9
    assert "results in" in page.inner_text(RESPONSE_INFO)
    # govtrace's IRIs link to its pages on this server; others (the ontology) stay as they are
    local = page.eval_on_selector_all(
        ".tabPanel.active .yasr a.iri", "links => links.map(a => a.getAttribute('href'))")
    assert f"/id/doc/{D000}/task/5" in local
    assert not any(href.startswith("https://w3id.org/govtrace/id/") for href in local)
    # The table sorts: by ?number, then the other way
    header = page.locator(".tabPanel.active .yasr table.dataTable thead th", has_text="number")
    numbers = []
    for order in ("ascending", "descending"):
        header.click()
        page.wait_for_selector(f".tabPanel.active .yasr th[aria-sort={order}]")
        numbers.append(page.eval_on_selector_all(RESULT_ROWS + " td:nth-child(3)",
                                                 "cells => cells.map(c => c.innerText)"))
    assert numbers[0] == ['"5"^^xsd:integer', '"6"^^xsd:integer', '"9"^^xsd:integer']
    assert numbers[1] == numbers[0][::-1]
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    # A link opens the entity's page here
    with page.expect_navigation():
        # with YASR's ellipsis off: it covers most of a long IRI's link
        page.locator(".tabPanel.active .yasr").get_by_label("Ellipse").uncheck()
        page.click(f".tabPanel.active .yasr a.iri[href='/id/doc/{D000}/task/5']")
    assert page.url == site + f"/id/doc/{D000}/task/5"


@pytest.mark.parametrize(("suffix", "first_line"), [
    ("csv", "step,number,title"), ("tsv", "?step\t?number\t?title"),
    ("json", '{"head":{"vars":["step","number","title"')])
def test_editor_downloads_the_servers_formats_issue_14(visit: Visit, site: str, suffix: str,
                                                       first_line: str) -> None:
    page = visit.page
    show_editor_results(page, site)
    with page.expect_download() as event:
        page.click(f"#editor-downloads button[data-suffix='{suffix}']")
    download = event.value
    assert download.suggested_filename == f"lineage.{suffix}"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.replace(" ", "").startswith(first_line.replace(" ", ""))
    assert f"{D000}/task/5" in text


def test_editor_tabs_hold_every_saved_query_issue_14(visit: Visit, site: str) -> None:
    page = visit.page
    page.goto(site + "/sparql-editor")
    page.wait_for_function("window.govtraceEditor !== undefined")
    names = page.evaluate("""govtraceEditor.persistentConfig.getTabs()
                             .map(id => govtraceEditor.getTab(id).getName())""")
    saved = page.eval_on_selector_all("[data-saved]", "bs => bs.map(b => b.dataset.saved)")
    assert set(saved) <= set(names) and len(saved) >= 5
    # A reload keeps one tab per saved query (the tabs persist in the browser)
    page.reload()
    page.wait_for_function("window.govtraceEditor !== undefined")
    again = page.evaluate("""govtraceEditor.persistentConfig.getTabs()
                             .map(id => govtraceEditor.getTab(id).getName())""")
    assert sorted(again) == sorted(names)
    value = page.evaluate("govtraceEditor.getTab().getQuery()")
    assert "PREFIX gt: <https://w3id.org/govtrace/ontology#>" in value
    # No suggestions fetched from the web (LOV's class and property completers are off)
    assert page.evaluate("govtraceEditor.getTab().getYasqe().config.autocompleters") == [
        "prefixes", "variables"]


@pytest.mark.parametrize(("path", "show"), [("/docs", show_docs), ("/redoc", show_redoc)])
def test_api_docs_render_with_the_network_blocked_issue_14(visit: Visit, site: str,
                                                           artifacts: Path, path: str,
                                                           show: object) -> None:
    """Before: Swagger UI and ReDoc loaded from a CDN, so offline both pages were blank."""
    page = visit.page
    blocked = _block_other_hosts(page, site)
    show(page, site)  # type: ignore[operator]
    operations = ".opblock" if path == "/docs" else "[data-section-id^='operation/']"
    assert page.locator(operations).count() >= 20
    assert "default-graph-uri" in page.inner_text("body")  # /sparql's parameters
    page.screenshot(path=str(artifacts / f"{path.strip('/')}.png"))
    assert blocked == [], blocked  # nothing even tried to leave the server
    # ReDoc draws its sidebar logo from its vendor's CDN whatever its options; the page's
    # Content-Security-Policy refuses it before any request (the image then hides itself).
    assert [error for error in visit.errors if not (
        "cdn.redoc.ly" in error and "Content Security Policy" in error)] == []
