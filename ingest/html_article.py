"""The readable article of an HTML page, mapped into the raw markup.

Uses the standard library's :class:`html.parser.HTMLParser` because it
reports where each piece of markup starts (lxml and selectolax do not give
character positions), and character references are handled one by one so
that ``&lt;`` maps back to its five source characters.

What is furniture: scripts, styles, navigation, page header and footer,
sidebars, forms, and elements whose class or id names such a region
(``nav``, ``breadcrumb``, ``share`` …). When the page marks its article
(``<article>``, ``<main>``, ``role="main"``, or the content boxes of Chinese
government CMSs such as ``TRS_Editor`` and ``zoom``), only that is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from govtrace.ingest.offsets import MappedText

_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside",
    "form", "iframe", "svg", "button", "select", "object", "canvas", "dialog", "menu",
})
_VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})
_BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section",
    "table", "tbody", "td", "th", "thead", "tr", "ul", "center",
})
_ARTICLE_TAGS = frozenset({"article", "main"})
# class/id tokens of page furniture and of article containers on Chinese government sites
_FURNITURE_WORDS = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|header|footer|"
    r"sidebar|share|login|banner|toolbar|copyright|pager|carousel|slider|search|related|"
    r"comment)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_ARTICLE_WORDS = re.compile(
    r"(?:^|[-_\s])(?:article|trs_editor|zoom|content|contents|main|detail|text|pages?_content)"
    r"(?:$|[-_\s\d])",
    re.IGNORECASE,
)
# HTML white space in text renders as spaces; line breaks come only from block elements
_AS_SPACE = str.maketrans("\t\n\r\f", "    ")
_BREAK_RUN = re.compile(r" *\n[ \n]*")
_SPACE_RUN = re.compile(r"  +")
_CHARREF = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


@dataclass
class _Piece:
    text: str
    start: int
    end: int
    in_article: bool
    per_char: bool  # True: text[i] is source[start + i]; False: all of text maps to [start, end)


@dataclass
class _Open:
    tag: str
    skip: bool
    article: bool


class _ArticleParser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self.pieces: list[_Piece] = []
        self.stack: list[_Open] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _skipping(self) -> bool:
        return any(item.skip for item in self.stack)

    def _in_article(self) -> bool:
        return any(item.article for item in self.stack)

    def _emit(self, text: str, start: int, end: int, *, per_char: bool) -> None:
        if text and not self._skipping():
            self.pieces.append(_Piece(text, start, end, self._in_article(), per_char))

    def _break(self, start: int, end: int) -> None:
        self._emit("\n", start, end, per_char=False)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        if tag in _BLOCK_TAGS:
            self._break(start, start + len(raw))
        if tag in _VOID_TAGS:
            return
        names = " ".join(value or "" for key, value in attrs if key in {"class", "id"})
        role = next((value for key, value in attrs if key == "role"), None)
        skip = tag in _SKIP_TAGS or bool(_FURNITURE_WORDS.search(names)) or role in {
            "navigation", "banner", "contentinfo", "search"}
        article = tag in _ARTICLE_TAGS or role == "main" or bool(_ARTICLE_WORDS.search(names))
        self.stack.append(_Open(tag, skip, article))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        if tag in _BLOCK_TAGS:
            raw = self.get_starttag_text() or ""
            self._break(start, start + len(raw))

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        end = self.source.find(">", start) + 1 or len(self.source)
        # close the innermost open element of this name (sloppy pages leave some unclosed)
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                break
        if tag in _BLOCK_TAGS:
            self._break(start, end)

    def handle_data(self, data: str) -> None:
        start = self._offset()
        self._emit(data, start, start + len(data), per_char=True)

    def _reference(self) -> None:
        start = self._offset()
        match = _CHARREF.match(self.source, start)
        end = match.end() if match else start + 1
        raw = self.source[start:end]
        text = unescape(raw).translate(_AS_SPACE)  # &#10; is white space, not a block break
        self._emit(text, start, end, per_char=text == raw)

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()


def article_text(markup: str) -> MappedText:
    """The article's text with block boundaries as newlines, mapped into ``markup``.

    Runs of HTML white space render as one space, as a browser shows them;
    line breaks come only from block elements.
    """
    parser = _ArticleParser(markup)
    parser.feed(markup)
    parser.close()
    pieces = parser.pieces
    if any(p.in_article and p.text.strip() for p in pieces):
        pieces = [p for p in pieces if p.in_article]
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for piece in pieces:
        n = len(piece.text)
        if piece.per_char:
            texts.append(piece.text.translate(_AS_SPACE))
            starts.extend(range(piece.start, piece.start + n))
            ends.extend(range(piece.start + 1, piece.start + n + 1))
        else:
            texts.append(piece.text)
            starts.extend([piece.start] * n)
            ends.extend([piece.end] * n)
    mapped = MappedText("".join(texts), tuple(starts), tuple(ends))
    return mapped.sub(_BREAK_RUN, "\n").sub(_SPACE_RUN, " ")
