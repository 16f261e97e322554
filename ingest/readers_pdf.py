"""Read a PDF: its text layer with pypdfium2, and OCR for pages that have none.

**Library.** pypdfium2 (PDFium, Chromium's PDF engine) rather than pdfplumber
(pdfminer.six), measured on seed 000 printed to PDF by Chromium (5 pages): pypdfium2
extracts it in 83 ms, pdfplumber in 1,370 ms (``extract_text``; 1,100 ms with
``extract_text_lines``) and warns once per glyph about the font's bounding box. Both give
the seed's characters; pdfplumber returns the Kangxi-radical code points the font's
ToUnicode map names (⼯, ⻔, mapped back by normalization), PDFium reports the ideographs.
Neither yields paragraphs: once soft line breaks are joined (:mod:`.pdf_layout`), the
normalized text of every seed printed this way equals the normalized seed.

**Source text.** The extracted characters, each printed line ending in ``\\n`` and each page
after the first preceded by a form feed (``\\f``, which normalization reads as a line break),
so a page's span never contains another page's characters. ``SourceDocument.pages`` gives
each page's span, size and text box; ``SourceDocument.lines`` each line's box.

**Scans.** A page whose text layer holds no visible character is rasterized and OCR'd
with Tesseract (:mod:`.ocr`); its :class:`PageSpan` says ``ocr=True`` with the mean
confidence, and the reader is ``pypdfium2+tesseract``. Pages
of one file may mix both.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from govtrace.errors import INGEST_NEEDS_OCR, INGEST_TRUNCATED, IngestError, Location
from govtrace.ingest import ocr
from govtrace.ingest.pdf_layout import Box, PrintedLine, paragraph_text, union
from govtrace.ingest.record import PageSpan
from govtrace.ingest.source import LineBox, ReadText

if TYPE_CHECKING:
    import pypdfium2 as pdfium

READER = "pypdfium2"
_PAGE_BREAK = "\f"


class _SourceTextBuilder:
    """Accumulates the source text, its lines and pages."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.lines: list[PrintedLine] = []
        self.pages: list[PageSpan] = []

    def add(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def page(self, number: int, size: tuple[float, float],
             lines: list[tuple[str, Box | None]], confidence: float | None, ocr: bool) -> None:
        if number > 1:
            self.add(_PAGE_BREAK)
        page_start = self.length
        for i, (text, box) in enumerate(lines):
            start = self.add(text)
            self.lines.append(PrintedLine(number, start, start + len(text), box))
            if i < len(lines) - 1:
                self.add("\n")
        bbox = union(box for _, box in lines if box is not None)
        self.pages.append(PageSpan(page=number, start=page_start, end=self.length, ocr=ocr,
                                   ocr_confidence=confidence,
                                   size=(round(size[0], 2), round(size[1], 2)),
                                   bbox=_rounded_box(bbox) if bbox else None))


def read_pdf(data: bytes, path: Path) -> ReadText:
    """The PDF's text (OCR'd where a page has no text layer), pages and line boxes."""
    import pypdfium2 as pdfium

    where = Location(file=str(path))
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise IngestError(INGEST_TRUNCATED, f"not a readable PDF ({exc})",
                          location=where) from exc
    built = _SourceTextBuilder()
    used_ocr = False
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                size = page.get_size()
                lines = _text_lines(page, size[1])
                confidence = None
                scanned = not any(text.strip() for text, _ in lines)
                if scanned:
                    lines, confidence = _ocr_lines(page, index + 1, where)
                    used_ocr = True
                built.page(index + 1, size, lines, confidence, scanned)
            finally:
                page.close()
    finally:
        document.close()
    source = "".join(built.parts)
    content = paragraph_text(source, built.lines)
    boxes = tuple(LineBox(line.page, line.start, line.end, _rounded_box(line.box))
                  for line in built.lines if line.box is not None)
    reader = f"{READER}+{ocr.ENGINE}" if used_ocr else READER
    return ReadText(source, content, None, tuple(built.pages), boxes, reader)


def _text_lines(page: pdfium.PdfPage, height: float) -> list[tuple[str, Box | None]]:
    """The text layer's lines with their boxes (top-left origin), in PDFium's reading order.

    Characters are read one by one (``FPDFText_GetUnicode``): ``get_text_range`` is
    limited to UCS-2 and would split a character outside the BMP (a rare name's 𬌗).
    PDFium marks the line breaks it generates; a line is the run between two.
    """
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        lines: list[tuple[str, Box | None]] = []
        chars: list[str] = []
        first = 0
        for i in range(count + 1):
            code = pdfium_c.FPDFText_GetUnicode(textpage, i) if i < count else 0x0A
            if code in (0x0A, 0x0D):  # a break (pdfium writes \r\n; a real \n counts too)
                if chars or (code == 0x0A and i == count):
                    lines.append(("".join(chars), _line_box(textpage, first, i - first, height)))
                chars = []
                first = i + 1
            elif code and not 0xD800 <= code <= 0xDFFF:
                chars.append(chr(code))
        return [(text, box) for text, box in lines if text or box]
    finally:
        textpage.close()


def _line_box(textpage: pdfium.PdfTextPage, first: int, count: int,
              height: float) -> Box | None:
    if count <= 0:
        return None
    # PDFium's rectangles are (left, bottom, right, top) from the page's bottom-left corner
    rects = union(textpage.get_rect(k) for k in range(textpage.count_rects(first, count)))
    if rects is None:
        return None
    left, bottom, right, top = rects
    return (left, height - top, right, height - bottom)


def _ocr_lines(page: pdfium.PdfPage, number: int,
               where: Location) -> tuple[list[tuple[str, Box | None]], float | None]:
    problem = ocr.missing()
    if problem is not None:
        raise IngestError(INGEST_NEEDS_OCR, f"page {number} has no text layer and {problem}",
                          location=where)
    scale = ocr.OCR_DPI / 72
    image = page.render(scale=scale, grayscale=True).to_pil()
    try:
        recognised = ocr.recognise(image)
    except RuntimeError as exc:  # pytesseract's timeout and TesseractError are RuntimeErrors
        raise IngestError(INGEST_TRUNCATED, f"OCR of page {number} failed ({exc})",
                          location=where) from exc
    lines: list[tuple[str, Box | None]] = [
        (line.text, (line.box[0] / scale, line.box[1] / scale,
                     line.box[2] / scale, line.box[3] / scale))
        for line in recognised]
    return lines, ocr.mean_confidence(recognised)


def _rounded_box(box: Box) -> Box:
    # a hundredth of a point is far below a printed character; keeps records short
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))
