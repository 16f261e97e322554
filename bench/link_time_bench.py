"""The build's linking stage, timed for two source trees side by side (issue 17: "the 10k
build stays within 1.5× of today's link time").

    python bench/link_time_bench.py CORPUS_DIR --before /tmp/sp17-pre [--after /work/main]
        [--before-scorers exact-anchor,tfidf] [--after-scorers TREE_DEFAULT]
        [--rounds 3] [--workers 1] [--work DIR]

Each tree reads CORPUS_DIR once with its own code, as its build would (the records are
pickled to ``--work``, and a later run with the same ``--work`` reuses them). Then, for each
round, a fresh process of each tree, alternating, runs its own ``graph.build.link_records``
on those records into a new empty store: the very stage ``govtrace build`` runs, with
whatever that tree does around the linking (17860f2 links without ``gc.freeze``, this
round's build with it), the per-document RDF and entailment, and the bulk write of the
derived graphs. A tree is imported from its directory (``PYTHONPATH``), so the pre-issue
tree (commit 17860f2, the linker issue 17 measures against) needs only a checkout.

Printed per run: CPU seconds of the stage (the process and, with ``--workers`` above 1, its
reaped link workers), with one worker those inside the linker (``link_documents``) too,
wall seconds, links written and the 1-minute load average; then each tree's medians, the
ratio of the medians and the median of the per-round ratios. CPU, not
wall time, is the figure to quote: the machines are shared.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + reaped.ru_utime + reaped.ru_stime


def read_corpus(corpus: Path, out: Path) -> None:
    """This process's tree reads the corpus as its build does; the records go to ``out``."""
    from govtrace.ingest.batch import ingest_paths
    from govtrace.ingest.extract import extract_record
    from govtrace.settings import Settings

    records = ingest_paths([corpus], settings=Settings(), extract=extract_record).records
    out.write_bytes(pickle.dumps({r.source.doc_id: r for r in records}))


def link_stage(records_file: Path, scorers: str, workers: int) -> None:
    """This process's tree's linking stage on the pickled records, into a new store; one
    JSON line of figures. With one worker, the CPU seconds spent inside the linker
    (``link_documents``, which the stage calls per document) are counted apart from the
    RDF, entailment and store writing around it."""
    import govtrace.graph.lineage as lineage
    from govtrace.graph.build import link_records
    from govtrace.graph.layout import GraphLayout
    from govtrace.graph.store_factory import open_store
    from govtrace.ontology.iris import IriScheme
    from govtrace.settings import Settings

    linker = lineage.link_documents
    inside = [0.0]

    def timed(*args: Any, **kwargs: Any) -> Any:  # the stage's link_chunk imports it per call
        start = time.process_time()
        try:
            return linker(*args, **kwargs)
        finally:
            inside[0] += time.process_time() - start

    lineage.link_documents = timed
    records = pickle.loads(records_file.read_bytes())
    with tempfile.TemporaryDirectory(prefix="link-time-") as tmp:
        extra: dict[str, Any] = {"lineage_scorers": scorers.split(",")} if scorers else {}
        settings = Settings(store_dir=Path(tmp) / "store", workers=workers, **extra)
        store = open_store(settings)
        layout = GraphLayout(IriScheme(settings.base_iri))
        cpu, wall = _cpu(), time.perf_counter()
        links = link_records(store, layout, records, settings, bulk=True)
        cpu, wall = _cpu() - cpu, time.perf_counter() - wall
        store.close()
    print(json.dumps({"cpu": cpu, "wall": wall, "links": links, "documents": len(records),
                      "linker": inside[0] if workers == 1 else None,
                      "load": os.getloadavg()[0]}))


def _run(tree: Path, *args: str) -> str:
    """This script in a fresh process importing govtrace from ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, str(HERE), *args], env=env, cwd=tempfile.gettempdir(),
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{tree}: {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--before", type=Path, help="the tree to compare with (required)")
    parser.add_argument("--after", type=Path, default=HERE.parent.parent)
    parser.add_argument("--before-scorers", default="exact-anchor,tfidf",
                        help="lineage_scorers for --before (the pre-issue TF-IDF linker)")
    parser.add_argument("--after-scorers", default="",
                        help="lineage_scorers for --after (default: that tree's default)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--work", type=Path, help="where the records are kept (and reused)")
    parser.add_argument("--read-corpus", metavar="OUT", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--link-stage", metavar="SCORERS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read_corpus:  # in a tree's own process (see the docstring)
        read_corpus(args.corpus, args.read_corpus)
        return
    if args.link_stage is not None:
        link_stage(args.corpus, args.link_stage.strip(","), args.workers)
        return
    if args.before is None:
        parser.error("--before is required")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        compare(args, work)


def compare(args: argparse.Namespace, work: Path) -> None:
    trees = {"before": (args.before.resolve(), args.before_scorers),
             "after": (args.after.resolve(), args.after_scorers)}
    records = {}
    for name, (tree, _) in trees.items():
        records[name] = work / f"records-{name}.pickle"
        if not records[name].exists():
            _run(tree, str(args.corpus.resolve()), "--read-corpus", str(records[name]))
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, (tree, scorers) in trees.items():
            # "," stands for the tree's default list (argparse reads an empty value badly).
            out = _run(tree, str(records[name]), "--link-stage", scorers or ",",
                       "--workers", str(args.workers))
            runs[name].append(json.loads(out.splitlines()[-1]))
            run = runs[name][-1]
            linker = "" if run["linker"] is None else f" (linker {run['linker']:.1f} s)"
            print(f"{name} {tree} ({scorers or 'default scorers'}): {run['cpu']:.1f} s CPU"
                  f"{linker}, {run['wall']:.1f} s wall, {run['links']} links, "
                  f"load {run['load']:.1f}", flush=True)
    documents = int(runs["before"][0]["documents"])
    print(f"{documents} documents, workers {args.workers}:")
    for figure in ("cpu", "linker") if args.workers == 1 else ("cpu",):
        _summary(figure, {name: [r[figure] for r in rs] for name, rs in runs.items()},
                 documents)


def _summary(figure: str, seconds: dict[str, list[float]], documents: int) -> None:
    median = {name: statistics.median(values) for name, values in seconds.items()}
    ratios = [a / b for a, b in zip(seconds["after"], seconds["before"], strict=True)]
    print(f"  {'stage' if figure == 'cpu' else 'linker only'}: "
          f"before {median['before']:.1f} s ({1000 * median['before'] / documents:.1f} ms/doc), "
          f"after {median['after']:.1f} s ({1000 * median['after'] / documents:.1f} ms/doc); "
          f"ratio of medians {median['after'] / median['before']:.2f}, per round "
          f"{', '.join(f'{r:.2f}' for r in ratios)} (median {statistics.median(ratios):.2f})")


if __name__ == "__main__":
    main()
