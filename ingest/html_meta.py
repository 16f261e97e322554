"""What a web page says about its article outside the article: <title>, <h1>, <meta>, canonical.

Government CMSs (TRS WCM, the 政府网站集约化 platforms) put the document's title,
source and publication date into ``<meta name="ArticleTitle">``, ``ContentSource``
and ``PubDate`` even when the article body starts straight with its text; the page
``<title>`` carries the title plus the site's name; the canonical link (or
``og:url``) tells which site published it. Every value keeps its offsets in the
raw markup, so a fact read from here still points at its characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

_META_NAMES: dict[str, str] = {
    "articletitle": "title",
    "title": "title",
    "og:title": "title",
    "dc.title": "title",
    "contentsource": "source",
    "source": "source",
    "pubdate": "published",
    "firstpublishedtime": "published",
    "publishdate": "published",
    "dc.date": "published",
    "article:published_time": "published",
    "og:url": "url",
    "url": "url",
}
"""<meta name|property> (lower-cased) → the fact its content gives."""

_SITE_SUFFIX = re.compile(r"\s*(?:[-_|—–·]+|&nbsp;)\s*[^-_|—–·]{2,40}$")
"""' - 某某区人民政府门户网站' after a page title: the site's name, not the document's."""


@dataclass(frozen=True)
class MetaValue:
    """A value read from the markup, and where its characters are in the raw page."""

    value: str
    start: int
    end: int


@dataclass
class PageMeta:
    """The facts a page gives beside its article; each absent when the page lacks it."""

    title: MetaValue | None = None
    """<meta name="ArticleTitle"> (or og:title), else the first <h1>, else <title>."""
    title_source: str = ""
    """Which of them gave the title: 'meta', 'h1' or 'title'."""
    source: MetaValue | None = None
    published: MetaValue | None = None
    url: MetaValue | None = None
    """The canonical link or og:url."""


class _MetaParser(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.markup = markup
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", markup))]
        self.found: dict[str, MetaValue] = {}
        self._text_of: str | None = None  # 'title' or 'h1' while inside one
        self._text_start = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _attribute(self, name: str, value: str) -> MetaValue:
        """``value`` located inside the raw start tag (unescaped text, raw offsets)."""
        start = self._offset()
        raw = self.get_starttag_text() or ""
        m = re.search(rf"""{name}\s*=\s*(["']?)(?P<v>.*?)\1(?:\s|/?>)""", raw, re.I | re.S)
        if m is None:
            return MetaValue(value.strip(), start, start + len(raw))
        return MetaValue(unescape(m.group("v")).strip(), start + m.start("v"),
                         start + m.end("v"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            key = (values.get("name") or values.get("property") or "").lower()
            fact = _META_NAMES.get(key)
            if fact and values.get("content", "").strip():
                slot = "meta_title" if fact == "title" else fact
                self.found.setdefault(slot, self._attribute("content", values["content"]))
        elif tag == "link" and "canonical" in values.get("rel", "").lower():
            if values.get("href", "").startswith("http"):
                self.found.setdefault("url", self._attribute("href", values["href"]))
        elif tag in {"title", "h1"} and tag not in self.found:
            self._text_of = tag
            self._text_start = self._offset() + len(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._text_of:
            end = self._offset()
            raw = self.markup[self._text_start:end]
            text = unescape(re.sub(r"<[^>]*>", "", raw))
            if text.strip():
                lead = len(raw) - len(raw.lstrip())
                self.found[tag] = MetaValue(" ".join(text.split()), self._text_start + lead,
                                            self._text_start + len(raw.rstrip()))
            self._text_of = None


def page_meta(markup: str) -> PageMeta:
    """The page's own statements about its article (empty for a fragment without them)."""
    parser = _MetaParser(markup)
    parser.feed(markup)
    parser.close()
    found = parser.found
    meta = PageMeta(source=found.get("source"), published=found.get("published"),
                    url=found.get("url"))
    for slot, name in (("meta_title", "meta"), ("h1", "h1"), ("title", "title")):
        value = found.get(slot)
        if value is not None and value.value:
            meta.title, meta.title_source = _without_site_name(value, name), name
            break
    return meta


def _without_site_name(value: MetaValue, source: str) -> MetaValue:
    if source != "title":
        return value
    m = _SITE_SUFFIX.search(value.value)
    if m is None or m.start() < 6:
        return value
    # the value is whitespace-collapsed; its characters run from value.start in the markup
    return MetaValue(value.value[:m.start()], value.start, value.start + m.start())
