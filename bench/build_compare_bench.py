"""Build time of two govtrace source trees side by side: the demo corpus and synthetic ones.

    git archive HEAD | tar -x -C /tmp/before
    python bench/build_compare_bench.py --before /tmp/before --sizes demo 1000 [--repeat 3]

Each build runs in a child process whose ``PYTHONPATH`` puts one tree first (a checkout's
``govtrace/`` holds symlinks to its parts, so it imports as the installed package does),
into a fresh store, with ``--workers`` processes; the trees take turns, run after run, so
both see the same machine load. Prints the median wall time of each tree and their ratio
(after / before), and whether the two trees stored the same data: the sha256 of each build's
sorted N-Quads (blank node labels, which every write of the reference graph draws anew,
blanked), and of each part of the serving index the build wrote beside the store (the part
as its tree reads it, pickled again: a part's file also holds its tree's file layout; the
children run with one ``PYTHONHASHSEED``, so that a set pickles in one order). The
synthetic corpus is bench/synthetic_corpus.py's, seed 7.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

AFTER = Path(__file__).resolve().parents[1]
CHILD = """
import hashlib, json, pickle, re, sys, time
from pathlib import Path
import pyoxigraph as ox
import govtrace
from govtrace.graph.build import build
from govtrace.queries.index_files import read_part
from govtrace.queries.serving_index import index_dir
from govtrace.settings import Settings
corpus, root, workers = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
assert Path(govtrace.__file__).resolve().is_relative_to(Path(sys.argv[4]).resolve())
start = time.perf_counter()
report = build(Settings(data_dir=root / "data", store_dir=root / "store", workers=workers),
               [corpus])
seconds = time.perf_counter() - start
dump = ox.Store.read_only(str(root / "store")).dump(format=ox.RdfFormat.N_QUADS).decode()
lines = sorted(re.sub(r"_:[A-Za-z0-9]+", "_:b", line) for line in dump.splitlines())
parts = {}
for path in sorted(index_dir(root / "store").glob("*.pickle")):
    with path.open("rb") as file:
        parts[path.stem] = hashlib.sha256(pickle.dumps(read_part(file), 5)).hexdigest()
print(json.dumps({"seconds": seconds, "documents": report.documents,
                  "failures": len(report.failures), "triples": report.triples,
                  "digest": hashlib.sha256("\\n".join(lines).encode()).hexdigest(),
                  "parts": parts}))
"""


def timed_build(tree: Path, corpus: Path, workers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as root:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(corpus), root, str(workers), str(tree)],
            check=True, capture_output=True, text=True, cwd=root,
            env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "HOME": root,
                 "PYTHONHASHSEED": "0"})
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def corpus_of(size: str, workdir: Path) -> Path:
    if size == "demo":
        return AFTER / "govtrace" / "data" / "demo"
    folder = workdir / f"synthetic-{size}"
    if not folder.exists():
        sys.path.insert(0, str(AFTER / "bench"))
        from synthetic_corpus import generate

        generate(int(size), 7, folder)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, default=AFTER)
    parser.add_argument("--sizes", nargs="+", default=["demo", "1000"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="build-compare-"))
    started = time.perf_counter()
    for size in args.sizes:
        corpus = corpus_of(size, workdir)
        runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
        for _ in range(args.repeat):
            for name, tree in (("before", args.before), ("after", args.after)):
                runs[name].append(timed_build(tree, corpus, args.workers))
        medians = {name: statistics.median(r["seconds"] for r in rs) for name, rs in runs.items()}
        for name, rs in runs.items():
            print(f"{size:>6} {name:>6}: median {medians[name]:7.2f} s of "
                  f"{[round(r['seconds'], 2) for r in rs]}; documents {rs[0]['documents']}, "
                  f"triples {rs[0]['triples']}, failures {rs[0]['failures']}")
        print(f"{size:>6}  ratio after/before: {medians['after'] / medians['before']:.3f}")
        digests = {r["digest"] for rs in runs.values() for r in rs}
        print(f"{size:>6}  same store data (sorted N-Quads digest): "
              f"{'yes' if len(digests) == 1 else f'NO, {len(digests)} digests'}")
        names = sorted({name for rs in runs.values() for r in rs for name in r["parts"]})
        for name in names:
            found = {r["parts"].get(name) for rs in runs.values() for r in rs}
            print(f"{size:>6}  same index part {name}: "
                  f"{'yes' if len(found) == 1 else f'NO, {len(found)} digests'}")
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
