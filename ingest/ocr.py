"""OCR of a scanned page: Tesseract 5 with its Simplified Chinese model, through pytesseract.

Why this engine: ``bench/ocr_bench.py`` prints seed 000 to PDF with Chromium, rasterizes
pages 1–2 as a 300-dpi grey scan and OCRs them. Accuracy is 1 − normalized Levenshtein
distance between the normalized OCR text and the page's own text layer (blanks and line
breaks ignored); seconds are CPU seconds per page (process and children) on this 2-core
machine, which other jobs shared:

==========================================  ============  ============  ============
engine                                      Noto Sans     Noto Serif    Chromium's
                                            14 pt         14 pt         default 12 pt
==========================================  ============  ============  ============
Tesseract 5.3 ``chi_sim``, 300 dpi          0.975, 7.8 s  0.969, 9.6 s  0.994
rapidocr-onnxruntime 1.4.4, 200 dpi         0.996, 7.1 s  0.942, 8.7 s  0.948
rapidocr-onnxruntime 1.4.4, 150 dpi         0.972, 8.3 s  0.971, 6.2 s  0.915
==========================================  ============  ============  ============

(The last column was timed under heavy load, so only its accuracy is given.) Neither
engine wins everywhere; Tesseract has the best mean and the smallest spread, and on the
Sans print it reads all 32 task numbers of seed 000 (on the Serif print it reads the
``（`` opening 4 of them as ``〈``, ``《`` or ``G``). rapidocr runs about twice as fast in
wall time on two cores (onnxruntime uses both) at the same CPU cost, and its wheel does
carry its PP-OCR models
(nothing is downloaded), but it brings onnxruntime and OpenCV (≈ 100 MB) into every
install. Tesseract's model comes from Debian's ``tesseract-ocr-chi-sim``, so nothing is
downloaded either; where the program or the model is missing, :func:`missing` names the
packages and the PDF reader raises GT-INGEST-010.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from govtrace.ingest.pdf_layout import union

if TYPE_CHECKING:
    from PIL.Image import Image

ENGINE = "tesseract"
LANGUAGE = "chi_sim"
DEBIAN_PACKAGES = "tesseract-ocr tesseract-ocr-chi-sim"
OCR_DPI = 300
"""Rasterizing resolution: Tesseract is trained on text about 30 px high (≈ 300 dpi at
10–12 pt); at 150 dpi it misreads small punctuation."""
TIMEOUT_SECONDS = 300.0
_CONFIG = "--psm 3 --dpi 300"  # full layout analysis: columns and headers come apart


@dataclass(frozen=True)
class OcrLine:
    """One recognised printed line: its text, box in pixels (x0, top, x1, bottom), confidence."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float


@cache
def missing() -> str | None:
    """What is missing for OCR (a sentence naming the Debian packages), or None."""
    if shutil.which("tesseract") is None:
        return f"the tesseract program is not installed (apt-get install {DEBIAN_PACKAGES})"
    try:
        import pytesseract
    except ImportError:
        return "the pytesseract package is not installed (pip install pytesseract)"
    if LANGUAGE not in pytesseract.get_languages(config=""):
        return (f"tesseract has no {LANGUAGE} model "
                f"(apt-get install tesseract-ocr-chi-sim)")
    return None


def recognise(image: Image) -> list[OcrLine]:
    """The page's printed lines in reading order, each with its box and mean word confidence."""
    import pytesseract

    data = pytesseract.image_to_data(image, lang=LANGUAGE, config=_CONFIG,
                                     output_type=pytesseract.Output.DICT,
                                     timeout=TIMEOUT_SECONDS)
    words: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if int(data["level"][i]) == 5 and str(text).strip():  # level 5: a word
            key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
            words.setdefault(key, []).append(i)
    lines = []
    for indices in words.values():  # dicts keep Tesseract's reading order
        texts = [str(data["text"][i]).strip() for i in indices]
        weights = [len(t) for t in texts]
        confidence = sum(max(float(data["conf"][i]), 0.0) * w
                         for i, w in zip(indices, weights, strict=True)) / sum(weights) / 100
        box = union((float(data["left"][i]), float(data["top"][i]),
                     float(data["left"][i]) + float(data["width"][i]),
                     float(data["top"][i]) + float(data["height"][i])) for i in indices)
        assert box is not None  # a line has at least one word
        lines.append(OcrLine(_join(texts), box, min(confidence, 1.0)))
    return lines


def _join(words: list[str]) -> str:
    """Tesseract's words of one line as printed: a space only between two Latin words or numbers.

    Tesseract cuts Chinese text into "words" wherever the script changes (令第 262 号);
    nothing was printed between them.
    """
    out = words[0]
    for word in words[1:]:
        latin = out[-1].isascii() and out[-1].isalnum() and word[0].isascii() and word[0].isalnum()
        out += (" " + word) if latin else word
    return out


def mean_confidence(lines: list[OcrLine]) -> float | None:
    """Mean confidence over the recognised characters (a line weighs as many as it has)."""
    total = sum(len(line.text) for line in lines)
    if not total:
        return None
    return sum(line.confidence * len(line.text) for line in lines) / total
