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

Per document, by kind (issue 16: does linking's CPU per document grow with the corpus?):

    python bench/link_time_bench.py RECORDS --per-document --sample names:FILE \
        --before /tmp/before [--after /work/main] [--rounds 3]

RECORDS is a build's record cache (``DATA_DIR/cache/link-records-*.pickle``) or a pickled
``{doc_id: record}``; each tree's process indexes every record as the build's linking stage
does (the national outline added, the collector frozen) and links the sample one document
at a time with the build worker's own ``link_chunk``: ``names:FILE`` the documents whose
``adcode-year-kind`` (110114-2023-work_plan) FILE lists, so one sample can be linked against
corpora of several sizes; ``slice:START:N`` the N documents from START in doc_id order, cut
in chunks of 16 and every other chunk taken (what one of two link workers gets); ``all``.
Printed: CPU milliseconds per document inside the linker, and for the whole ``link_chunk``
(RDF and entailment too), per kind (division level and plan or report).
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


def _time_linker() -> list[float]:
    """Wrap the linker so that each call adds its CPU seconds to the one-item list returned
    (``link_chunk`` imports the linker at each call, so the wrapped one is what it runs)."""
    import govtrace.graph.lineage as lineage

    linker = lineage.link_documents
    inside = [0.0]

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return linker(*args, **kwargs)
        finally:
            inside[0] += time.process_time() - start

    lineage.link_documents = timed
    return inside


def _records(records_file: Path) -> dict[str, Any]:
    """The records of a pickled dict, or of a build's record cache: its head (whose records
    older builds held whole) and the pieces of records written after it."""
    with records_file.open("rb") as handle:
        head = pickle.load(handle)
        records = dict(getattr(head, "records", head))
        while True:
            try:
                records.update(pickle.load(handle))
            except EOFError:
                return records


def link_stage(records_file: Path, scorers: str, workers: int) -> None:
    """This process's tree's linking stage on the pickled records, into a new store; one
    JSON line of figures. With one worker, the CPU seconds spent inside the linker
    (``link_documents``, which the stage calls per document) are counted apart from the
    RDF, entailment and store writing around it."""
    from govtrace.graph.build import link_records
    from govtrace.graph.layout import GraphLayout
    from govtrace.graph.store_factory import open_store
    from govtrace.ontology.iris import IriScheme
    from govtrace.settings import Settings

    inside = _time_linker()
    records = _records(records_file)
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


def document_times(records_file: Path, sample: str) -> None:
    """This process's tree links ``sample`` of the records one document at a time, as a build's
    link worker does; one JSON line of CPU milliseconds per document by kind."""
    import gc
    from collections import defaultdict

    import govtrace.graph.lineage as lineage
    from govtrace.graph import build_workers
    from govtrace.graph.build_workers import CHUNK
    from govtrace.graph.lineage.words import words
    from govtrace.ingest.outline import national_outline_record
    from govtrace.ontology.divisions import get_gazetteer
    from govtrace.settings import Settings

    records = _records(records_file)
    build_workers.set_index(lineage.CorpusIndex(
        get_gazetteer(), [*records.values(), national_outline_record()]))
    gc.freeze()
    ids = sorted(records)
    if sample.startswith("names:"):
        wanted = set(Path(sample.removeprefix("names:")).read_text().split())
        chosen = [d for d in ids if d.rsplit("-", 1)[0] in wanted]
    elif sample.startswith("slice:"):
        start, count = map(int, sample.split(":")[1:])
        part = ids[start:start + count]
        # every other chunk, as one of two link workers gets them
        chosen = [d for k in range(0, len(part), 2 * CHUNK) for d in part[k:k + CHUNK]]
    else:
        chosen = ids
    inside = _time_linker()
    words("法治政府建设")  # jieba's dictionary: a build loads it before forking its workers
    settings = Settings(workers=1)
    spent: defaultdict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for doc_id in chosen:
        record = records[doc_id]
        level = record.jurisdiction.level if record.jurisdiction else "none"
        kind = f"{level} {'report' if record.report_items else 'plan'}"
        inside[0], begin = 0.0, time.process_time()
        build_workers.link_chunk([doc_id], settings)
        spent[kind][0] += 1
        spent[kind][1] += inside[0]
        spent[kind][2] += time.process_time() - begin
    print(json.dumps({"records": len(records), "load": os.getloadavg()[0],
                      "kinds": {k: {"documents": n, "linker": 1000 * a / n, "chunk": 1000 * b / n}
                                for k, (n, a, b) in sorted(spent.items())}}))


def compare_documents(args: argparse.Namespace) -> None:
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            out = _run(tree, str(args.corpus.resolve()), "--document-times", args.sample)
            runs[name].append(json.loads(out.splitlines()[-1]))
            run = runs[name][-1]
            print(f"{name} {tree} ({run['records']} records, load {run['load']:.1f}): "
                  + "; ".join(f"{k} {v['documents']}: {v['linker']:.1f} ms linker, "
                              f"{v['chunk']:.1f} ms chunk" for k, v in run["kinds"].items()),
                  flush=True)
    print("medians, ms per document (linker / whole chunk), after / before:")
    for kind in runs["before"][0]["kinds"]:
        median = {name: {f: statistics.median(r["kinds"][kind][f] for r in rs)
                         for f in ("linker", "chunk")} for name, rs in runs.items()}
        print(f"  {kind}: before {median['before']['linker']:.1f} / "
              f"{median['before']['chunk']:.1f}, after {median['after']['linker']:.1f} / "
              f"{median['after']['chunk']:.1f}; ratio "
              f"{median['after']['linker'] / median['before']['linker']:.2f} / "
              f"{median['after']['chunk'] / median['before']['chunk']:.2f}")


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
    parser.add_argument("--per-document", action="store_true",
                        help="CORPUS is a record pickle: CPU per document by kind")
    parser.add_argument("--sample", default="all",
                        help="with --per-document: names:FILE, slice:START:N or all")
    parser.add_argument("--read-corpus", metavar="OUT", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--link-stage", metavar="SCORERS", help=argparse.SUPPRESS)
    parser.add_argument("--document-times", metavar="SAMPLE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read_corpus:  # in a tree's own process (see the docstring)
        read_corpus(args.corpus, args.read_corpus)
        return
    if args.link_stage is not None:
        link_stage(args.corpus, args.link_stage.strip(","), args.workers)
        return
    if args.document_times is not None:
        document_times(args.corpus, args.document_times)
        return
    if args.before is None:
        parser.error("--before is required")
    if args.per_document:
        compare_documents(args)
        return
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
