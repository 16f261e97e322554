"""The text extraction works on, and how its positions become source spans.

Extraction reads the *normalized* text (``MappedText.text``) and never looks
at the source directly; every object it finds is located there by
``MappedText.to_source``, so spans always index ``SourceDocument.source_text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govtrace.ingest.offsets import MappedText
from govtrace.ingest.record import Origin, Span

_BLANK = " \t\r\n\u3000\u00a0"


@dataclass(frozen=True)
class Piece:
    """A stretch ``[start, end)`` of the normalized text."""

    start: int
    end: int
    text: str


@dataclass
class Context:
    """Normalized text plus the source it maps to; hands out :class:`Span` objects."""

    mapped: MappedText
    source_text: str
    read_origin: Origin = Origin.TEXT
    """What a fact read from these characters is: text, or ocr for a scanned page."""
    read_confidence: float = 1.0
    """How sure a fact read from them is: 1, or the OCR's mean confidence."""
    _cache: dict[tuple[int, int], Span] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.mapped.text

    def piece(self, start: int, end: int, *, strip: bool = True) -> Piece:
        """The normalized text ``[start, end)``, trimmed of surrounding blanks."""
        text = self.mapped.text
        if strip:
            while start < end and text[start] in _BLANK:
                start += 1
            while end > start and text[end - 1] in _BLANK:
                end -= 1
        return Piece(start, end, text[start:end])

    def span(self, start: int, end: int) -> Span:
        """The source span behind normalized ``[start, end)`` (blanks at the edges trimmed)."""
        p = self.piece(start, end)
        key = (p.start, p.end)
        found = self._cache.get(key)
        if found is None:
            s, e = self.mapped.to_source(p.start, p.end)
            found = Span(start=s, end=e, exact=self.source_text[s:e])
            self._cache[key] = found
        return found
