"""Screenshots of the alignment view (乌审旗 2024) and the comparison view (its task 5 →
自治区 scheme item 6), for docs/screenshots (a screenshot script calls
:func:`shoot_alignment_and_comparison`; the browser test too)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.browser.shots import save_pages
from tests.support.demo import D000, D004

WUSHEN = D000
SCHEME = D004
ALIGNMENT = f"/viz/documents/{WUSHEN}/alignment"
COMPARISON = f"/viz/tasks/{WUSHEN}/5/compare/{SCHEME}/6"


def shoot_alignment_and_comparison(page: Page, site: str, out: Path) -> list[Path]:
    """Open each view on the server at ``site`` and save it as ``out/alignment.png`` and
    ``out/comparison.png`` (whole pages); the paths written."""
    return save_pages(page, site, out, ((ALIGNMENT, "alignment.png"),
                                        (COMPARISON, "comparison.png")))
