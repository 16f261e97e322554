"""A seed in the formats people publish: printed to PDF, scanned, saved as legacy Word.

Used by the ingest tests (made at test time where the tool is fast and CI installs it)
and by ``bench/ingest_bench.py``; ``python -m tests.support.formats`` rewrites the
committed .doc fixtures (LibreOffice is too heavy for CI, so those are files).

* PDF: the seed's lines as ``<p>`` paragraphs with a first-line indent, printed on A4
  by Debian's Chromium (``chromium --headless --print-to-pdf``) in Noto Sans CJK
  (``fonts-noto-cjk``): a text layer the way a browser or word processor writes one.
  Sans rather than Noto Serif: Tesseract reads Serif's full-width ``（`` at a line's
  start as ``〈``, ``《`` or ``G`` (4 of seed 000's 32 task numbers), Sans's not once.
* Scanned PDF: pages of that PDF rasterized by pypdfium2 to 8-bit grey at
  :data:`SCAN_DPI` and stored as an image-only PDF by Pillow: no text layer left.
* .doc: the seed's .txt converted by LibreOffice Writer (``soffice --convert-to
  doc:"MS Word 97"``; Debian ``libreoffice-writer-nogui``).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path

from tests.support.system_tools import CHROMIUM, CJK_FONT

FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures"
SEEDS = Path(__file__).resolve().parents[2] / "govtrace" / "data" / "demo"
SCAN_DPI = 300

PRINT_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<style>
@page {{ size: A4; margin: 25mm 26mm; }}
body {{ font-family: "Noto Sans CJK SC", sans-serif; font-size: 14pt; line-height: 1.6; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
</style></head>
<body>
{body}
</body></html>
"""


def chromium() -> str | None:
    """Debian's Chromium, or None."""
    return shutil.which("chromium")


def seed_as_print_html(text: str) -> str:
    """The seed's lines as indented paragraphs of an A4 page, the way a 公文 is set."""
    lines = text.split("\n")
    body = "\n".join(f"<p>{escape(line)}</p>" if line.strip() else "<p>&nbsp;</p>"
                     for line in lines)
    return PRINT_PAGE.format(title=escape(lines[0].strip()), body=body)


def print_to_pdf(html: str, pdf: Path) -> Path:
    """``html`` printed to ``pdf`` by headless Chromium (no header or footer lines)."""
    program = chromium()
    if program is None:
        raise FileNotFoundError(f"chromium is not installed (apt-get install "
                                f"{CHROMIUM.packages} {CJK_FONT.packages})")
    with tempfile.TemporaryDirectory(prefix="govtrace-print-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        # --no-sandbox: CI runs as root; a private profile keeps runs apart
        subprocess.run([program, "--headless", "--no-sandbox", "--disable-gpu",
                        f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    return pdf


def seed_as_pdf(text: str, pdf: Path) -> Path:
    return print_to_pdf(seed_as_print_html(text), pdf)


def scan_pdf(pdf: Path, scanned: Path, pages: list[int] | None = None,
             dpi: int = SCAN_DPI) -> Path:
    """An image-only PDF of ``pdf``'s ``pages`` (0-based; all by default), as a scanner makes."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        chosen = pages if pages is not None else list(range(len(document)))
        images = [document[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in chosen]
    finally:
        document.close()
    images[0].save(scanned, format="PDF", save_all=True, append_images=images[1:],
                   resolution=float(dpi))
    return scanned


def seed_as_doc(txt: Path, doc: Path) -> Path:
    """``txt`` saved as Word 97 by LibreOffice (for regenerating the committed fixtures)."""
    with tempfile.TemporaryDirectory(prefix="govtrace-doc-") as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", 'doc:MS Word 97', "--outdir", tmp, str(txt)],
                       check=True, capture_output=True, timeout=300)
        shutil.move(Path(tmp) / (txt.stem + ".doc"), doc)
    return doc


def main() -> None:
    """Rewrite tests/ingest/fixtures/{key}.doc from the seeds."""
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        target = FIXTURES / f"{seed.name[:3]}.doc"
        seed_as_doc(seed, target)
        print(f"{target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
