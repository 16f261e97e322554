"""Whole-page screenshots of server paths, for docs/screenshots and the browser tests."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page


def save_pages(page: Page, site: str, out: Path, pages: tuple[tuple[str, str], ...]
               ) -> list[Path]:
    """Open each ``(path, file name)`` on the server at ``site`` (it must answer 200) and
    save it whole as ``out/<file name>``; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    for path, name in pages:
        response = page.goto(site + path)
        assert response is not None and response.status == 200, path
        target = out / name
        page.screenshot(path=str(target), full_page=True)
        shots.append(target)
    return shots
