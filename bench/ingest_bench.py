"""Ingest throughput on one core: documents/s and MB/s, medians over rounds.

    python bench/ingest_bench.py [--repeat N] [--rounds R] [--formats txt,pdf,…]

Runs over the five seed documents (and the same seeds as HTML, .docx, PDF printed by
Chromium, legacy .doc written by LibreOffice, and a scanned PDF) repeated N times per
round, in three stages: read (decode / parse), read + normalize, and the whole
pipeline (read + normalize + extract_record) when extraction is installed. Target: at
least 100 seed-sized documents/s per core for the whole pipeline. Reading the files'
bytes from disk is included (they sit in the page cache after the first round).

"docs/s" is per wall second of this one process. "docs/cpu-s" counts the CPU time of
the process and its children (antiword, Tesseract): documents per core-second, what
a core gives when the machine is shared. OCR (``pdf-ocr``: seed 001 scanned, 4 pages at
300 dpi) is timed once, whole pipeline only, with Tesseract held to one thread
(``OMP_THREAD_LIMIT=1``). PDF and .doc need Chromium and antiword; a format whose tool
is missing is left out with a note.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from govtrace.ingest.normalize import normalize
from govtrace.ingest.readers import read_source
from govtrace.settings import Settings

SEEDS = Path(__file__).resolve().parent.parent / "govtrace" / "data" / "demo"
ROOT = Path(__file__).resolve().parent.parent


def _formats(workdir: Path) -> dict[str, list[Path]]:
    """The seeds as .txt, and rewritten as HTML pages and Word documents."""
    from html import escape

    from docx import Document

    txt = sorted(SEEDS.glob("*.txt"))
    html, docx = [], []
    for path in txt:
        text = path.read_text(encoding="utf-8")
        page = workdir / f"{path.stem}.html"
        body = "\n".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))
        page.write_text(f"<html><head><script>var a=1;</script></head><body><nav>首页</nav>"
                        f"<article>{body}</article><footer>版权所有</footer></body></html>",
                        encoding="utf-8")
        html.append(page)
        document = Document()
        for line in text.split("\n"):
            document.add_paragraph(line)
        document.save(str(workdir / f"{path.stem}.docx"))
        docx.append(workdir / f"{path.stem}.docx")
    formats = {"txt": txt, "html": html, "docx": docx}
    sys.path.insert(0, str(ROOT))  # tests.support: how the test suite makes these formats
    from tests.support.formats import FIXTURES, chromium, scan_pdf, seed_as_pdf

    if chromium() is not None:
        formats["pdf"] = [seed_as_pdf(p.read_text(encoding="utf-8"), workdir / f"{p.stem}.pdf")
                          for p in txt]
        formats["pdf-ocr"] = [scan_pdf(formats["pdf"][1], workdir / "scanned-001.pdf")]
    else:
        print("pdf: left out, Chromium missing (apt-get install chromium fonts-noto-cjk)")
    if shutil.which("antiword"):
        formats["doc"] = sorted(FIXTURES.glob("*.doc"))
    else:
        print("doc: left out, antiword missing (apt-get install antiword)")
    return formats


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _stages() -> dict[str, Callable[[Path, Settings], object]]:
    def read(path: Path, settings: Settings) -> object:
        return read_source(path, settings=settings)

    def read_normalize(path: Path, settings: Settings) -> object:
        return normalize(read_source(path, settings=settings).content)

    stages: dict[str, Callable[[Path, Settings], object]] = {
        "read": read, "read+normalize": read_normalize,
    }
    try:
        from govtrace.ingest.extract import extract_record
    except ImportError:  # extraction not installed: time the reading half only
        return stages

    def pipeline(path: Path, settings: Settings) -> object:
        source = read_source(path, settings=settings)
        return extract_record(source, normalize(source.content))

    stages["read+normalize+extract"] = pipeline
    return stages


def _measure(paths: list[Path], run: Callable[[Path, Settings], object], repeat: int,
             rounds: int, warm: bool = True) -> tuple[float, float, float]:
    settings = Settings()
    size = sum(p.stat().st_size for p in paths) * repeat
    if warm:
        for path in paths:  # warm caches (OpenCC, pypinyin, gazetteer) outside the timing
            run(path, settings)
    seconds, cpu = [], []
    for _ in range(rounds):
        start, cpu_start = time.perf_counter(), _cpu()
        for _ in range(repeat):
            for path in paths:
                run(path, settings)
        seconds.append(time.perf_counter() - start)
        cpu.append(_cpu() - cpu_start)
    median = statistics.median(seconds)
    docs = len(paths) * repeat
    return docs / median, docs / statistics.median(cpu), size / median / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="passes over the seeds per round")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (median reported)")
    parser.add_argument("--formats", default="txt,html,docx,pdf,doc,pdf-ocr",
                        help="comma-separated formats to time")
    args = parser.parse_args()
    wanted = args.formats.split(",")
    os.environ["OMP_THREAD_LIMIT"] = "1"  # Tesseract on one core, like everything else here
    with tempfile.TemporaryDirectory() as workdir:
        formats = _formats(Path(workdir))
        print(f"{'format':8} {'stage':24} {'docs/s':>8} {'docs/cpu-s':>10} {'MB/s':>7}")
        for name, paths in formats.items():
            if name not in wanted:
                continue
            stages = _stages()
            if name == "pdf-ocr":  # tens of seconds a document: one timed pass, no warm-up
                stage = "read+normalize+extract" if "read+normalize+extract" in stages else "read"
                docs, per_cpu, mb = _measure(paths, stages[stage], 1, 1, warm=False)
                print(f"{name:8} {stage:24} {docs:8.3f} {per_cpu:10.3f} {mb:7.3f}")
                continue
            for stage, run in stages.items():
                docs, per_cpu, mb = _measure(paths, run, args.repeat, args.rounds)
                print(f"{name:8} {stage:24} {docs:8.1f} {per_cpu:10.1f} {mb:7.2f}")


if __name__ == "__main__":
    main()
