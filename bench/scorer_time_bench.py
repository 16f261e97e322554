"""Link time of two lineage scorer lists, side by side on the same records.

    python bench/scorer_time_bench.py CORPUS_DIR [--rounds 3]
        [--before exact-anchor,tfidf] [--after exact-anchor,combined,tfidf]

Reads CORPUS_DIR once (a synthetic corpus from ``bench/synthetic_corpus.py``, copy-only
with ``--rewording 0`` as the 10k/30k builds use, or reworded), then links every document
with each scorer list in turn, alternating, ``--rounds`` times, and prints the CPU seconds
of each run with the 1-minute load average, their medians and the ratio after/before. CPU
time, not wall time: the machines are shared, and the linker runs in one process.

Each run is a fresh process linking the records once, as a build does: the linker's caches
(segmented words, n-grams, level matrices) start empty, so a round does not profit from the
one before it. To compare two trees, run each tree's own copy of this script with
``PYTHONPATH`` set to that tree, alternating.

This links every document in one call, which is not how a build links (one call per
document, inside the stage that also writes the links' RDF): the build's linking stage, two
trees side by side, is ``bench/link_time_bench.py``.
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govtrace.graph.lineage.corpus import CorpusIndex  # noqa: E402
from govtrace.graph.lineage.linker import link_documents  # noqa: E402
from govtrace.ingest.batch import ingest_paths  # noqa: E402
from govtrace.ingest.extract import extract_record  # noqa: E402
from govtrace.ingest.outline import national_outline_record  # noqa: E402
from govtrace.ontology.divisions import get_gazetteer  # noqa: E402
from govtrace.settings import Settings  # noqa: E402


def link_once(records_file: Path, scorers: list[str]) -> None:
    """Link the pickled records once and print the CPU seconds and the item link count."""
    records = pickle.loads(records_file.read_bytes())
    index = CorpusIndex(get_gazetteer(), records)
    start = time.process_time()
    links = link_documents(index, [v.doc_id for v in index.views],
                           settings=Settings(lineage_scorers=scorers))
    print(f"{time.process_time() - start} {len(links.task_links)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", default="exact-anchor,tfidf")
    parser.add_argument("--after", default="exact-anchor,combined,tfidf")
    parser.add_argument("--link-once", metavar="SCORERS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.link_once:  # one run, in its own process (see the docstring)
        link_once(args.corpus, args.link_once.split(","))
        return
    records = [*ingest_paths([args.corpus], settings=Settings(), extract=extract_record).records,
               national_outline_record()]
    lists = {"before": args.before, "after": args.after}
    seconds: dict[str, list[float]] = {name: [] for name in lists}
    with tempfile.TemporaryDirectory() as tmp:
        records_file = Path(tmp) / "records.pickle"
        records_file.write_bytes(pickle.dumps(records))
        for _ in range(args.rounds):
            for name, scorers in lists.items():
                out = subprocess.run([sys.executable, __file__, str(records_file),
                                      "--link-once", scorers],
                                     check=True, capture_output=True, text=True).stdout.split()
                seconds[name].append(float(out[0]))
                print(f"{name} ({scorers}): {seconds[name][-1]:.1f} s, {out[1]} item links, "
                      f"load {os.getloadavg()[0]:.1f}", flush=True)
    median = {name: statistics.median(runs) for name, runs in seconds.items()}
    per_doc = {name: 1000 * value / len(records) for name, value in median.items()}
    print(f"{len(records)} documents: before {median['before']:.1f} s "
          f"({per_doc['before']:.1f} ms/doc), after {median['after']:.1f} s "
          f"({per_doc['after']:.1f} ms/doc), ratio {median['after'] / median['before']:.2f}")


if __name__ == "__main__":
    main()
