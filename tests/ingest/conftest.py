"""Ingest fixtures: the seeds, and the same seed saved as HTML, Word, PDF and legacy Word.

The HTML and .docx versions are made from a seed's own lines, so a test can
check that every format of one document reads to the same normalized text.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from html import escape
from pathlib import Path

import pytest

from govtrace.ingest.extract import extract_record
from govtrace.ingest.metadata import SIDECAR_NAME, load_sidecar, metadata_for
from govtrace.ingest.normalize import normalize
from govtrace.ingest.readers import read_source
from govtrace.ingest.record import DocumentRecord
from govtrace.ingest.source import SourceDocument
from govtrace.settings import Settings
from tests.support.formats import FIXTURES
from tests.support.system_tools import ANTIWORD, need

# Furniture a real government page wraps around its article.
PAGE_HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title} - 人民政府门户网站</title>
<style>.nav {{ color: red }}</style>
<script>var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script></head>
<body>
<header class="site-header"><h1>东河区人民政府</h1><p>无障碍浏览 | 长者模式</p></header>
<nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></nav>
<div class="breadcrumb">当前位置: <a href="/">首页</a> &gt; 政策文件</div>
<article class="article-content">
"""
PAGE_TAIL = """</article>
<div class="share-bar">分享到: 微信 微博</div>
<footer id="footer"><p>主办单位: 包头市东河区人民政府办公室 &copy; 2021</p>
<p>蒙ICP备05001234号</p></footer>
<script src="/js/stat.js"></script>
</body></html>
"""


def seed_as_html(text: str) -> str:
    """The seed's lines as the paragraphs of an article inside a furnished page."""
    title = escape(text.strip().splitlines()[0])
    body = "\n".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))
    return PAGE_HEAD.format(title=title) + body + "\n" + PAGE_TAIL


def seed_as_docx(text: str, path: Path) -> Path:
    """The seed's lines as the paragraphs of a Word document."""
    from docx import Document

    document = Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.fixture(scope="session")
def seed_texts(seed_paths: dict[str, Path]) -> dict[str, str]:
    """The seeds' decoded text by number prefix."""
    return {key: path.read_text(encoding="utf-8") for key, path in seed_paths.items()}


@pytest.fixture(scope="session")
def normalized_seeds(seed_paths: dict[str, Path]) -> dict[str, str]:
    """Each seed's normalized text."""
    settings = Settings()
    return {
        key: normalize(read_source(path, settings=settings).content).text
        for key, path in seed_paths.items()
    }


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory,
             seed_texts: dict[str, str]) -> Callable[[str], Path]:
    """``seed_pdf("000")``: the seed printed to PDF by Chromium, once per session."""
    from tests.support.formats import seed_as_pdf
    from tests.support.system_tools import CHROMIUM, CJK_FONT

    folder = tmp_path_factory.mktemp("printed")
    printed: dict[str, Path] = {}

    def get(key: str) -> Path:
        need(CHROMIUM, CJK_FONT, purpose="printing a seed to PDF")
        if key not in printed:
            printed[key] = seed_as_pdf(seed_texts[key], folder / f"{key}.pdf")
        return printed[key]

    return get


@pytest.fixture()
def write_seed(tmp_path: Path, seed_texts: dict[str, str],
               seed_pdf: Callable[[str], Path]) -> Callable[..., Path]:
    """``write_seed("003", ".html")``: the seed saved in that format under its own stem.

    .pdf is printed by Chromium (cached per session); .doc and .wps are the committed
    fixtures that LibreOffice wrote (``tests/support/formats.py``).
    """

    def write(key: str, suffix: str, stem: str | None = None) -> Path:
        text = seed_texts[key]
        name = (stem or key) + suffix
        path = tmp_path / name
        if suffix == ".docx":
            return seed_as_docx(text, path)
        if suffix == ".pdf":
            shutil.copy(seed_pdf(key), path)
            return path
        if suffix in {".doc", ".wps"}:
            need(ANTIWORD, purpose="reading .doc and .wps")
            shutil.copy(FIXTURES / f"{key}.doc", path)
            return path
        if suffix in {".html", ".htm"}:
            path.write_text(seed_as_html(text), encoding="utf-8")
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


# --- extraction (helper "extract") -------------------------------------------------------------
@pytest.fixture(scope="session")
def seed_sources(seed_paths: dict[str, Path]) -> dict[str, SourceDocument]:
    """Every seed read with its sidecar metadata, keyed like ``seed_paths``."""
    sidecar = load_sidecar(next(iter(seed_paths.values())).parent / SIDECAR_NAME)
    return {key: read_source(path, settings=Settings(), metadata=metadata_for(path, sidecar))
            for key, path in seed_paths.items()}


@pytest.fixture(scope="session")
def seed_records(seed_sources: dict[str, SourceDocument]) -> dict[str, DocumentRecord]:
    """The extraction record of every seed, keyed like ``seed_paths``."""
    return {key: extract_record(source, normalize(source.content))
            for key, source in seed_sources.items()}
