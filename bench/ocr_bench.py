"""OCR engines on a scanned seed: character accuracy and seconds per page.

    python bench/ocr_bench.py [--seed 000] [--pages 0,1]

Prints seed 000 to PDF with Chromium (``tests/support/formats.py``), rasterizes the
chosen pages the way a scanner would (300 dpi, 8-bit grey, an image-only PDF) and
OCRs them with every engine installed: Tesseract (``chi_sim``, Debian
``tesseract-ocr-chi-sim``) at 300 dpi, and rapidocr-onnxruntime (PyPI, models in its
wheel; not a govtrace dependency, measured when present) at 150 and 200 dpi.

Accuracy is 1 − the normalized Levenshtein distance between the OCR text and the page's
own text layer, both normalized by govtrace and without blanks and line breaks (layout,
not characters). Time: wall seconds per page and CPU seconds per page (this process and
its children), since the machine may be shared.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support

from rapidfuzz.distance import Levenshtein

from govtrace.ingest.normalize import normalize
from govtrace.ingest.offsets import MappedText
from tests.support.formats import SEEDS, print_to_pdf, scan_pdf, seed_as_print_html


def _plain(text: str) -> str:
    return normalize(MappedText.identity(text)).text.replace("\n", "").replace(" ", "")


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _engines() -> dict[str, tuple[int, Callable[[Any], str]]]:
    engines: dict[str, tuple[int, Callable[[Any], str]]] = {}
    from govtrace.ingest import ocr

    if ocr.missing() is None:
        def tesseract(image: Any) -> str:
            return "\n".join(line.text for line in ocr.recognise(image))

        engines["tesseract 5 chi_sim (govtrace)"] = (ocr.OCR_DPI, tesseract)
    try:
        import numpy as np
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return engines
    rapid = RapidOCR()

    def rapidocr(image: Any) -> str:
        result, _ = rapid(np.asarray(image.convert("RGB")))
        return "\n".join(str(r[1]) for r in result or [])

    engines["rapidocr-onnxruntime 150 dpi"] = (150, rapidocr)
    engines["rapidocr-onnxruntime 200 dpi"] = (200, rapidocr)
    return engines


def main() -> None:
    import pypdfium2 as pdfium

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", default="000")
    parser.add_argument("--pages", default="0,1", help="0-based pages to OCR")
    parser.add_argument("--font", default=None,
                        help='print in this font instead, e.g. "Noto Serif CJK SC"')
    args = parser.parse_args()
    pages = [int(p) for p in args.pages.split(",")]
    seed = next(SEEDS.glob(f"{args.seed}_*.txt")).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        html = seed_as_print_html(seed)
        if args.font:
            html = html.replace('font-family: "Noto Sans CJK SC"', f'font-family: "{args.font}"')
        printed = print_to_pdf(html, Path(tmp) / "printed.pdf")
        scanned = scan_pdf(printed, Path(tmp) / "scanned.pdf", pages=pages)
        text_layer = pdfium.PdfDocument(printed)
        truth = "".join(_plain(text_layer[i].get_textpage().get_text_bounded()) for i in pages)
        document = pdfium.PdfDocument(scanned)
        print(f"{'engine':34} {'dpi':>4} {'accuracy':>8} {'wall s/page':>11} {'cpu s/page':>10}")
        for name, (dpi, run) in _engines().items():
            hypothesis, wall, cpu = "", 0.0, 0.0
            for index in range(len(document)):
                image = document[index].render(scale=dpi / 72, grayscale=True).to_pil()
                started, cpu_started = time.perf_counter(), _cpu()
                hypothesis += _plain(run(image))
                wall += time.perf_counter() - started
                cpu += _cpu() - cpu_started
            accuracy = 1 - Levenshtein.normalized_distance(hypothesis, truth)
            print(f"{name:34} {dpi:4} {accuracy:8.4f} {wall / len(pages):11.1f} "
                  f"{cpu / len(pages):10.1f}", flush=True)


if __name__ == "__main__":
    main()
