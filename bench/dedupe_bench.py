"""The cost of the build's dedupe step (graph/duplicates.py) on a synthetic corpus.

    python bench/dedupe_bench.py --corpus /tmp/corpus-1k [--mirrors 50]

Reads and extracts every file (not timed: the build does that anyway), then times what
dedupe adds: the fingerprint of each document (shingles, MinHash, the converted-text
check; in the build it runs on the extraction workers) and the resolution over the whole
corpus (LSH and verification, in the build process, every build). ``--mirrors`` adds that
many mirror copies (traditional + pinyin + watermark) of corpus files, which must all be
found, and nothing else merged. The resolution is also timed on the fingerprints repeated
to 10k and 30k documents (their signatures perturbed, so they stay distinct).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govtrace.graph.duplicates import Fingerprint, fingerprint, resolve  # noqa: E402
from govtrace.ingest.batch import expand  # noqa: E402
from govtrace.ingest.extract import extract_record  # noqa: E402
from govtrace.ingest.failure import IngestFailure  # noqa: E402
from govtrace.ingest.offsets import MappedText  # noqa: E402
from govtrace.ingest.pipeline import extract_file  # noqa: E402
from govtrace.ingest.readers import read_source  # noqa: E402
from govtrace.ingest.record import DocumentRecord  # noqa: E402
from govtrace.ingest.source import SourceDocument  # noqa: E402
from govtrace.settings import Settings  # noqa: E402
from tests.graph.test_duplicates import mirror_text  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--mirrors", type=int, default=50)
    args = parser.parse_args()
    settings = Settings()
    files = [e for e in expand([args.corpus]) if isinstance(e, tuple)]
    with tempfile.TemporaryDirectory() as tmp:
        rng = random.Random(3)
        mirrored = {}
        for path, _ in rng.sample(files, args.mirrors):
            copy = Path(tmp) / f"{path.stem}-mirror.txt"
            text = read_source(path, settings=settings).source_text
            copy.write_text(mirror_text(text), encoding="utf-8")
            mirrored[copy.stem] = path.stem
        entries = files + [(p, None) for p in sorted(Path(tmp).glob("*.txt"))]
        prints: dict[str, Fingerprint] = {}
        timings = []
        for path, metadata in entries:
            known = None if isinstance(metadata, IngestFailure) else metadata
            ingested = extract_file(path, settings=settings, extract=_with_text, metadata=known)
            source, (record, normalized) = ingested.source, ingested.record
            start = time.perf_counter()
            fp = fingerprint(record, normalized.text, source.content.text)
            timings.append(time.perf_counter() - start)
            # Named by file, as the mirrors are: a mirror has its seed's identity, and so
            # its doc_id, until a build disambiguates it.
            prints[path.stem] = replace(fp, doc_id=path.stem)
    start = time.perf_counter()
    copies = resolve(prints)
    resolve_s = time.perf_counter() - start
    found = {c.doc_id: c.canonical for c in copies.values()}
    print(f"documents: {len(prints)} ({args.mirrors} mirror copies)")
    print(f"fingerprint: median {statistics.median(timings) * 1e3:.1f} ms, "
          f"total {sum(timings):.2f} s (CPU, spread over the extraction workers)")
    print(f"resolve: {resolve_s * 1e3:.0f} ms")
    print(f"copies found: {len(found)}; mirrors found: "
          f"{sum(found.get(m) == s for m, s in mirrored.items())}/{len(mirrored)}; "
          f"other merges: {sorted(set(found.items()) - set(mirrored.items()))}")
    for mirror, seed in sorted(mirrored.items()):
        if mirror not in found and seed not in found:
            print(f"missed: {mirror} (similarity {prints[mirror].similarity(prints[seed]):.3f},"
                  f" {prints[seed].length} shingles)")
    ratios = [prints[m].length / prints[s].length - 1 for m, s in mirrored.items()]
    print(f"mirror length excess (distinct shingles): {min(ratios):.3f}–{max(ratios):.3f}")
    for size in (10_000, 30_000):
        scaled = _scaled(prints, size)
        start = time.perf_counter()
        resolve(scaled)
        print(f"resolve at {size}: {time.perf_counter() - start:.2f} s")


def _with_text(source: SourceDocument, normalized: MappedText
               ) -> tuple[DocumentRecord, MappedText]:
    # The fingerprint reads the normalized text beside the record.
    return extract_record(source, normalized), normalized


def _scaled(prints: dict[str, Fingerprint], size: int) -> dict[str, Fingerprint]:
    """``size`` fingerprints: the corpus's, repeated with a quarter of each signature
    redrawn (distinct from each other, as many near-by candidates as a real corpus)."""
    rng = np.random.default_rng(5)
    base = list(prints.values())
    out = {}
    for i in range(size):
        fp = base[i % len(base)]
        values = fp.values().copy()
        if i >= len(base):
            mask = rng.random(values.shape) < 0.25
            values[mask] = rng.integers(0, 2**32, mask.sum(), dtype=np.uint32)
        out[f"{fp.doc_id}#{i}"] = replace(fp, doc_id=f"{fp.doc_id}#{i}",
                                          signature=values.astype("<u4").tobytes())
    return out


if __name__ == "__main__":
    main()
