"""Ingest throughput on one core: documents/s and MB/s, medians over rounds.

    python bench/ingest_bench.py [--repeat N] [--rounds R]

Runs over the five seed documents (and the same seeds as HTML and .docx)
repeated N times per round, in three stages: read (decode / parse), read +
normalize, and the whole pipeline (read + normalize + extract_record) when
extraction is installed. Target: at least 100 seed-sized documents/s per core
for the whole pipeline. Reading the files' bytes from disk is included
(they sit in the page cache after the first round).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from govtrace.ingest.normalize import normalize
from govtrace.ingest.readers import read_source
from govtrace.settings import Settings

SEEDS = Path(__file__).resolve().parent.parent / "govtrace" / "data" / "demo"


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
    return {"txt": txt, "html": html, "docx": docx}


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
             rounds: int) -> tuple[float, float]:
    settings = Settings()
    size = sum(p.stat().st_size for p in paths) * repeat
    for path in paths:  # warm caches (OpenCC, pypinyin, gazetteer) outside the timing
        run(path, settings)
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            for path in paths:
                run(path, settings)
        seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    return len(paths) * repeat / median, size / median / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="passes over the seeds per round")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        formats = _formats(Path(workdir))
        print(f"{'format':6} {'stage':24} {'docs/s':>8} {'MB/s':>7}")
        for name, paths in formats.items():
            for stage, run in _stages().items():
                docs, mb = _measure(paths, run, args.repeat, args.rounds)
                print(f"{name:6} {stage:24} {docs:8.1f} {mb:7.2f}")


if __name__ == "__main__":
    main()
