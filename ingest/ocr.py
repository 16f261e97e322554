"""OCR of a scanned page: rapidocr-onnxruntime, whose wheel carries its Chinese PP-OCR models.

Why this engine (measured on seed 000 printed to PDF by Chromium, pages 1–2 rasterized;
accuracy is 1 − normalized Levenshtein distance between the normalized OCR text and the
page's own text layer, blanks and line breaks ignored; wall time per page on this 2-core
machine shared with other jobs):

=========================  =======  ========  ==========
engine                     dpi      accuracy  s/page
=========================  =======  ========  ==========
rapidocr-onnxruntime 1.4   150      ACC_R150  T_R150
rapidocr-onnxruntime 1.4   200      ACC_R200  T_R200
tesseract 5 chi_sim psm 3  300      ACC_T3    T_T3
tesseract 5 chi_sim psm 6  300      ACC_T6    T_T6
tesseract 5 chi_sim psm 6  150      ACC_T150  T_T150
=========================  =======  ========  ==========

rapidocr's wheel holds the PP-OCRv4 detection and recognition models (nothing is
downloaded at run time) and is a PyPI dependency, so every install has it; tesseract
would need two Debian packages beside pip. Pages are rasterized by pypdfium2 at
:data:`OCR_DPI`.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL.Image import Image

ENGINE = "rapidocr"
PACKAGE = "rapidocr-onnxruntime"
OCR_DPI = 150
"""Rasterizing resolution: the recognizer rescales every line to 48 px high anyway, and
detection at 150 dpi finds the lines of 10.5–16 pt body text."""


@dataclass(frozen=True)
class OcrLine:
    """One recognised printed line: its text, box in pixels (x0, top, x1, bottom), confidence."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float


def available() -> bool:
    """Whether the OCR engine can be imported."""
    try:
        _engine()
    except ImportError:
        return False
    return True


@cache
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def recognise(image: Image) -> list[OcrLine]:
    """The page's printed lines, top to bottom, with the boxes the engine found merged per line.

    The detector finds text boxes, and a printed line with a wide gap comes back as
    two boxes; boxes whose vertical extents overlap by more than half are one line.
    """
    import numpy as np

    result, _ = _engine()(np.asarray(image.convert("RGB")))
    boxes = []
    for points, text, score in result or []:
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        boxes.append(OcrLine(str(text), (min(xs), min(ys), max(xs), max(ys)), float(score)))
    boxes.sort(key=lambda b: (b.box[1] + b.box[3]) / 2)
    rows: list[list[OcrLine]] = []
    for box in boxes:
        if rows and _same_row(rows[-1], box):
            rows[-1].append(box)
        else:
            rows.append([box])
    return [_merge(row) for row in rows]


def _same_row(row: list[OcrLine], box: OcrLine) -> bool:
    top = max(min(b.box[1] for b in row), box.box[1])
    bottom = min(max(b.box[3] for b in row), box.box[3])
    height = min(box.box[3] - box.box[1], min(b.box[3] - b.box[1] for b in row))
    return height > 0 and bottom - top > height / 2


def _merge(row: list[OcrLine]) -> OcrLine:
    row.sort(key=lambda b: b.box[0])
    if len(row) == 1:
        return row[0]
    # a space where the detector split the line; normalization drops it inside Chinese text
    text = " ".join(b.text for b in row)
    weights = [max(len(b.text), 1) for b in row]
    confidence = sum(b.confidence * w for b, w in zip(row, weights, strict=True)) / sum(weights)
    box = (min(b.box[0] for b in row), min(b.box[1] for b in row),
           max(b.box[2] for b in row), max(b.box[3] for b in row))
    return OcrLine(text, box, confidence)


def mean_confidence(lines: list[OcrLine]) -> float | None:
    """Mean confidence over the recognised characters (a line weighs as many as it has)."""
    if not lines:
        return None
    total = sum(len(line.text) for line in lines)
    if not total:
        return statistics.fmean(line.confidence for line in lines)
    return sum(line.confidence * len(line.text) for line in lines) / total
