"""The alignment and comparison views over HTTP (issue 14), on a real server over the demo
store: the document page draws the alignment first, the drawing stands alone as SVG, the
comparison marks the shared phrases, and a bad or unknown path is a coded 4xx."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import httpx
import pytest

from tests.support.demo import D000, D004

WUSHEN = D000
SCHEME = D004
COMPARE = f"/viz/tasks/{WUSHEN}/5/compare/{SCHEME}/6"
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def _html(base: str, path: str) -> str:
    response = httpx.get(base + path, headers=HTML, timeout=30)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    assert not re.search(r"""(src|href|action)=["'](https?:)?//""", response.text)
    return response.text


@pytest.mark.parametrize("path", [f"/id/doc/{WUSHEN}", f"/viz/documents/{WUSHEN}/alignment"])
def test_document_alignment_is_drawn_issue_14(demo_server: str, path: str) -> None:
    page = _html(demo_server, path)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="gt-alignment"' in page
    assert ">(五)加强行政规范性文件制定监督管理</text>" in page
    assert f'href="{COMPARE}"' in page  # the band of (五) → (六)
    assert f'href="/viz/documents/{WUSHEN}"' in page  # the network view, one click away
    assert "地方创新 Local innovations（1）" in page


def test_alignment_svg_stands_alone_issue_14(demo_server: str) -> None:
    response = httpx.get(f"{demo_server}/viz/documents/{WUSHEN}/alignment.svg", timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}style") is not None


def test_comparison_marks_the_shared_phrases_issue_14(demo_server: str) -> None:
    page = _html(demo_server, COMPARE)
    marked = re.findall(r'<mark class="shared">([^<]*)</mark>', page)
    assert "严格落实行政规范性文件" in marked
    assert "加强行政规范性文件制定监督管理" in marked
    assert not any(phrase.startswith(("。", "，", ",")) for phrase in marked)
    assert "45%" in page and "0.950" in page and "exact-anchor" in page  # a title anchor: inferred
    phrases = re.search(r'<ol class="phrases">(.*?)</ol>', page, re.S)
    assert phrases is not None
    listed = re.findall(r"<mark[^>]*>([^<]*)</mark>", phrases.group(1))
    assert len(listed) == len(set(listed)) == 5


def test_task_page_evidence_links_to_the_comparison_issue_14(demo_server: str) -> None:
    page = _html(demo_server, f"/id/doc/{WUSHEN}/task/5")
    assert f'href="{COMPARE}"' in page
    assert "「。" not in page and "「," not in page


@pytest.mark.parametrize(("path", "status"), [
    (f"/viz/tasks/{WUSHEN}/5/compare/{SCHEME}/7", 404),  # no such link
    (f"/viz/tasks/{WUSHEN}/999/compare/{SCHEME}/6", 404),
    (f"/viz/tasks/{WUSHEN}/05/compare/{SCHEME}/6", 422),
    (f"/viz/tasks/{WUSHEN}/5/compare/{SCHEME}/٣", 422),
    (f"/viz/tasks/{WUSHEN}/5/compare/{SCHEME}/1.0", 422),
    (f"/viz/tasks/{WUSHEN}/5/compare/b%20d/6", 422),
    ("/viz/documents/no-such-doc/alignment", 404),
    ("/viz/documents/no-such-doc/alignment.svg", 404),
    ("/viz/documents/a~b/alignment", 422),
])
def test_bad_or_unknown_paths_are_coded_4xx_issue_14(demo_server: str, path: str,
                                                    status: int) -> None:
    response = httpx.get(demo_server + path, timeout=30)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"].startswith("GT-")


def test_comparison_says_what_reuse_into_the_outline_compares_issue_18(
        demo_server: str) -> None:
    """The outline's items are titles only: the page says the reuse is of titles."""
    outline = "national-outline-2021-2025"
    into_outline = _html(demo_server, f"/viz/tasks/{SCHEME}/6/compare/{outline}/9")
    assert "the parent has a title only" not in _html(demo_server, COMPARE)
    assert "the parent has a title only" in into_outline
