"""Extraction throughput on the seeds: median seconds per document and documents/s (one core).

Run: python bench/extract_bench.py [rounds]. Reading and normalization are
timed separately from extraction; the gazetteer and jionlp load once, before timing.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from govtrace.ingest.extract import extract_record
from govtrace.ingest.normalize import normalize
from govtrace.ingest.readers import read_source
from govtrace.ontology.divisions import get_gazetteer
from govtrace.settings import Settings

DEMO = Path(__file__).resolve().parents[1] / "govtrace" / "data" / "demo"


def main(rounds: int = 20) -> None:
    settings = Settings()
    gazetteer = get_gazetteer()
    paths = sorted(DEMO.glob("*.txt"))
    for path in paths:  # warm-up: lazy imports and caches
        source = read_source(path, settings=settings)
        extract_record(source, normalize(source.content), gazetteer=gazetteer)
    whole: list[float] = []
    extract_only: list[float] = []
    for _ in range(rounds):
        for path in paths:
            t0 = time.perf_counter()
            source = read_source(path, settings=settings)
            text = normalize(source.content)
            t1 = time.perf_counter()
            extract_record(source, text, gazetteer=gazetteer)
            t2 = time.perf_counter()
            whole.append(t2 - t0)
            extract_only.append(t2 - t1)
    for name, times in (("extract", extract_only), ("read+normalize+extract", whole)):
        median = statistics.median(times)
        print(f"{name}: median {median * 1000:.2f} ms/doc, {1 / median:.0f} docs/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
