"""The alignment and comparison views in Debian's Chromium (issue 14): task (五)'s label
readable without zooming, a band opens the comparison, the shared phrases highlighted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import Visit
from tests.browser.shots_alignment import (
    ALIGNMENT,
    COMPARISON,
    SCHEME,
    WUSHEN,
    shoot_alignment_and_comparison,
)

pytestmark = pytest.mark.browser

TASK_5 = f'svg.gt-alignment a.node[data-task="{WUSHEN}/5"] text'


@pytest.mark.parametrize("path", [f"/id/doc/{WUSHEN}", ALIGNMENT])
def test_task_5_label_is_readable_without_zooming_issue_14(visit: Visit, site: str,
                                                           path: str) -> None:
    page = visit.page
    response = page.goto(site + path)
    assert response is not None and response.status == 200
    label = page.locator(TASK_5)
    assert label.text_content() == "(五)加强行政规范性文件制定监督管理"
    box = label.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
    size = label.evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
    assert size >= 11
    assert visit.errors == []


def test_a_band_opens_the_comparison_issue_14(visit: Visit, site: str) -> None:
    page = visit.page
    page.goto(site + ALIGNMENT)
    # A band's middle, on screen: a level band's box is flat, so no locator click reaches it.
    point = page.evaluate(f"""(() => {{
        const path = document.querySelector(
            'a.band[data-child="{WUSHEN}/5"][data-parent="{SCHEME}/6"] path');
        const at = path.getPointAtLength(path.getTotalLength() / 2)
                       .matrixTransform(path.getScreenCTM());
        return [at.x, at.y]; }})()""")
    with page.expect_navigation():
        page.mouse.click(point[0], point[1])
    assert page.url.endswith(COMPARISON)


def test_comparison_highlights_the_shared_phrases_issue_14(visit: Visit, site: str) -> None:
    page = visit.page
    response = page.goto(site + COMPARISON)
    assert response is not None and response.status == 200
    child = page.locator('section[data-role="child"] mark.shared').all_text_contents()
    parent = page.locator('section[data-role="parent"] mark.shared').all_text_contents()
    assert "严格落实行政规范性文件" in child and "严格落实行政规范性文件" in parent
    assert "加强行政规范性文件制定监督管理" in child
    first = page.locator('section[data-role="child"] mark.shared').first
    colour = first.evaluate("node => getComputedStyle(node).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert first.is_visible()
    assert visit.errors == []


def test_screenshots_of_both_views_issue_14(visit: Visit, site: str, artifacts: Path) -> None:
    shots = shoot_alignment_and_comparison(visit.page, site, artifacts)
    assert [shot.name for shot in shots] == ["alignment.png", "comparison.png"]
    assert all(shot.stat().st_size > 10_000 for shot in shots)
