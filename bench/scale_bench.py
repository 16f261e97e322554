"""govtrace at national scale: builds synthetic corpora and writes BENCHMARKS.md.

    python bench/scale_bench.py --sizes 1k 10k [--workers 2] [--workdir DIR] [--out BENCHMARKS.md]

For each size: generate the corpus (bench/synthetic_corpus.py, seed 7), build
it in a child process (``settings.workers`` processes; peak RSS of the build
process and of its largest worker, from ``getrusage``), rebuild it unchanged,
rebuild it after one county plan changed, measure the store on disk, score
the links against the ground truth, time every saved query (p50/p95 of
``--repeat`` runs, in process) and the JSON API under a bounded loopback load
(``govtrace serve`` without its response cache, ``--clients`` clients, every
request a different glossary term: bench/api_load_bench.py). Once, on the smallest corpus:
rdflib's in-memory store against embedded Oxigraph (loading ~1M triples, the
lineage query), the naive all-pairs linker against the indexed one, and a
build into a separately started ``oxigraph serve`` (the remote backend).
Results are cached as JSON in the work directory, so BENCHMARKS.md can be
rewritten from earlier runs (``--report-only``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import synthetic_corpus
from api_load_bench import api_load
from http_queries_bench import free_port, percentile
from synthetic_truth import load_truth, score, stored_ids

from govtrace.ontology.namespaces import GT

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/govtrace/id/"
RDFLIB_TRIPLES = 1_000_000
SLOW_QUERY_S = 1.0
API_SECONDS = 15.0
"""Length of the API load run (uncached: every request a different glossary term)."""
"""A saved query slower than this is timed once, not ``--repeat`` times (bounded run time)."""
_ITEM_IRI = re.compile(r"doc/(.+?)/(?:task|item)/([^/]+)$")
STAGES = ("reading", "reference data", "duplicates", "linking", "inference", "compaction")


def child_build(corpus: Path, data: Path, workers: int) -> dict[str, Any]:
    """One build (run in a child process): stage times and peak RSS."""
    from govtrace.graph.build import BuildStep, build
    from govtrace.settings import Settings

    settings = Settings(data_dir=data, store_dir=data / "store", workers=workers)
    stages: dict[str, float] = {}
    mark = [time.perf_counter(), "reading"]

    def progress(step: BuildStep) -> None:
        if step.stage in STAGES and step.stage != mark[1]:  # counted stages report often
            now = time.perf_counter()
            stages[mark[1]] = stages.get(mark[1], 0.0) + now - mark[0]
            mark[:] = [now, step.stage]

    start = time.perf_counter()
    report = build(settings, [corpus], progress=progress)
    end = time.perf_counter()
    stages[mark[1]] = stages.get(mark[1], 0.0) + end - mark[0]
    return {"seconds": end - start, "stages": stages, "documents": report.documents,
            "changed": len(report.changes.changed), "deleted": len(report.changes.deleted),
            "tasks": report.tasks, "links": report.links, "triples": report.triples,
            "inferred": report.inferred, "failures": len(report.failures),
            "rss_main_mb": _peak_rss_mb(), "rss_measure": "VmHWM",
            "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM). Not ``getrusage``: Linux keeps ``ru_maxrss``
    across fork and exec, so a build started by this (larger) benchmark process would
    report the benchmark's peak, not its own."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def run_build(corpus: Path, data: Path, workers: int) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child-build", str(corpus), str(data),
                          str(workers)], check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def disk_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def store_links(store: Any) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    rows = store.query(f"PREFIX gt: <{GT}> SELECT ?from ?to WHERE {{ ?l a gt:LineageLink ; "
                       f"gt:linkFrom ?from ; gt:linkTo ?to }}").bindings()
    out = []
    for row in rows:
        child, parent = _ITEM_IRI.search(str(row["from"])), _ITEM_IRI.search(str(row["to"]))
        if child and parent:
            out.append(((child[1], child[2]), (parent[1], parent[2])))
    return out


def accuracy(store: Any, corpus: Path) -> dict[str, float]:
    from govtrace.graph.lineage.model import ItemRef, LinkKind, TaskLink

    links = [TaskLink(ItemRef(*child), ItemRef(*parent), LinkKind.IMPLEMENTS, 1.0, "", 0.0, ())
             for child, parent in store_links(store)]
    result = score(links, load_truth(corpus / "truth.tsv", stored_ids(store)))
    return {"precision": result.precision, "recall": result.recall,
            "abstention": result.abstention, "scored": result.expected + result.abstentions}


def query_params(store: Any) -> dict[str, dict[str, str]]:
    """Parameters for every saved query, taken from the built corpus: a county task two
    links below the outline, a county's code, a report."""
    chain = store.query(
        f"PREFIX gt: <{GT}> SELECT ?t WHERE {{ ?t gt:implements ?p . ?p gt:implements ?q . "
        f"?q gt:implements ?n }} ORDER BY ?t LIMIT 1").bindings()
    task = str(chain[0]["t"]) if chain else ""
    doc = _ITEM_IRI.search(task)
    adcode = doc[1].split("-")[0] if doc else "150626"
    report = store.query(f"PREFIX gt: <{GT}> SELECT ?d WHERE {{ ?d a gt:WorkReport }} "
                         f"ORDER BY ?d LIMIT 1").bindings()
    return {"lineage": {"task": task}, "implementers": {"item": "9"},
            "coverage-gaps": {"adcode": adcode}, "agency-load": {"adcode": adcode},
            "mandating-regulations": {"topic": "行政规范性文件"},
            "reported-figures": {"report": str(report[0]["d"]) if report else ""}}


def sparql_latency(store: Any, repeat: int) -> dict[str, dict[str, float]]:
    from govtrace.queries.library import load_library, render

    params = query_params(store)
    out = {}
    for name in sorted(load_library()):
        text = render(name, params.get(name, {}))
        start = time.perf_counter()
        store.query(text)  # warm
        first = time.perf_counter() - start
        runs = repeat if first < SLOW_QUERY_S else 1
        times = [] if runs > 1 else [first, first]  # a slow query: its one run is the figure
        for _ in range(runs if runs > 1 else 0):
            start = time.perf_counter()
            store.query(text)
            times.append(time.perf_counter() - start)
        out[name] = {"p50_ms": percentile(times, 0.5) * 1000,
                     "p95_ms": percentile(times, 0.95) * 1000, "runs": runs}
    return out


def measure_size(size: str, workdir: Path, workers: int, repeat: int,
                 clients: int) -> dict[str, Any]:
    from govtrace.graph.store_oxigraph import EmbeddedStore
    from govtrace.settings import Settings

    corpus = workdir / f"corpus-{size}"
    count = synthetic_corpus.SIZES.get(size) or int(size)
    start = time.perf_counter()
    if not (corpus / "truth.tsv").is_file():
        synthetic_corpus.generate(count, 7, corpus)
    generated = time.perf_counter() - start
    data = workdir / f"build-{size}"
    shutil.rmtree(data, ignore_errors=True)
    result: dict[str, Any] = {"size": size, "generate_s": generated,
                              "load_average": os.getloadavg()[0]}  # how shared the machine was
    result["build"] = run_build(corpus, data, workers)
    result["store_mb"] = disk_mb(data / "store")
    result["rebuild_unchanged"] = run_build(corpus, data, workers)
    result["rebuild_one_changed"] = _rebuild_one_changed(corpus, data, workers)
    store = EmbeddedStore.open(Settings(data_dir=data, store_dir=data / "store"),
                               read_only=True)
    result["accuracy"] = accuracy(store, corpus)
    result["sparql"] = sparql_latency(store, repeat)
    store.close()
    del store
    result["api"] = api_load(data / "store", clients=clients, seconds=API_SECONDS)
    return result


def _rebuild_one_changed(corpus: Path, data: Path, workers: int) -> dict[str, Any]:
    """Rebuild after one county plan gained a sentence (then restore the file)."""
    county = sorted(corpus.glob("*/*-plan.txt"))[-1]
    original = county.read_bytes()
    county.write_bytes(original + b"\n")
    try:
        return run_build(corpus, data, workers) | {"file": county.name}
    finally:
        county.write_bytes(original)
        run_build(corpus, data, workers)  # back to the corpus as generated


def rdflib_vs_oxigraph(store_dir: Path, repeat: int) -> dict[str, Any]:
    """Load ~1M triples of the built store into rdflib's in-memory Dataset and into an
    in-memory Oxigraph store; time the load and the lineage query on each."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from govtrace.queries.library import render

    quads = _slice(ox.Store.read_only(str(store_dir)), RDFLIB_TRIPLES)
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    start = time.perf_counter()
    memory = ox.Store()
    memory.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    ox_load = time.perf_counter() - start
    # the task comes from the slice, so that the query walks a chain both stores hold
    query = render("lineage", query_params(_Wrapped(memory))["lineage"])
    ox_times = _times(lambda: list(memory.query(query,  # type: ignore[arg-type]
                                                use_default_graph_as_union=True)), repeat)
    start = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    rdflib_load = time.perf_counter() - start
    rdflib_times = _times(lambda: list(dataset.query(query)), max(3, repeat // 10))
    rows = len(list(memory.query(query, use_default_graph_as_union=True)))  # type: ignore[arg-type]
    return {"triples": len(quads), "rows": rows, "ox_load_s": ox_load,
            "rdflib_load_s": rdflib_load, "ox_query_ms": statistics.median(ox_times) * 1000,
            "rdflib_query_ms": statistics.median(rdflib_times) * 1000}


def _slice(source: Any, size: int) -> list[Any]:
    """About ``size`` quads that keep lineage chains whole: the shared graphs (reference
    data, closures), then documents in id order (a province's documents sort together:
    ids start with the adcode), each with its entailments and links."""
    def order(graph: str) -> tuple[int, str, str]:
        for kind in ("/graph/doc/", "/graph/inferred/doc/", "/graph/derived/"):
            if kind in graph:
                return 1, graph.split(kind, 1)[1], kind
        return 0, "", graph

    quads: list[Any] = []
    for graph in sorted((g for g in source.named_graphs()), key=lambda g: order(g.value)):
        if len(quads) >= size:
            break
        quads.extend(source.quads_for_pattern(None, None, None, graph))
    return quads


class _Wrapped:
    """A pyoxigraph store with the ``query(...).bindings()`` shape of govtrace's stores."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def query(self, text: str) -> Any:
        from govtrace.graph.oxigraph_query import run_query
        from govtrace.graph.store import UNION

        return run_query(self.store, text, UNION, None)


def _times(action: Any, repeat: int) -> list[float]:
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def naive_vs_indexed(corpus: Path, sizes: tuple[int, ...]) -> list[dict[str, Any]]:
    """The all-pairs linker of bench/lineage_bench.py against ours on the first documents
    of the corpus (parents come first in it, so every prefix is a closed corpus)."""
    from lineage_bench import indexed_links, naive_links

    from govtrace.graph.lineage.corpus import CorpusIndex
    from govtrace.ingest import read_and_extract
    from govtrace.ingest.metadata import load_sidecar, metadata_for
    from govtrace.ingest.outline import national_outline_record
    from govtrace.ontology.divisions import get_gazetteer
    from govtrace.settings import Settings

    settings = Settings()
    order = [line.split("\t")[0] for line in
             (corpus / "truth.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    doc_ids = list(dict.fromkeys(order))[:max(sizes)]
    records = []
    for doc_id in doc_ids:
        path = next(corpus.glob(f"*/{doc_id}.txt"))
        sidecar = load_sidecar(path.parent / "metadata.toml")
        records.append(read_and_extract(path, settings, metadata_for(path, sidecar)))
    out = []
    for size in sizes:
        index = CorpusIndex(get_gazetteer(), [*records[:size], national_outline_record()])
        start = time.perf_counter()
        fast = indexed_links(index, settings)
        indexed = time.perf_counter() - start
        start = time.perf_counter()
        slow = naive_links(index, settings)
        naive = time.perf_counter() - start
        out.append({"documents": size, "indexed_s": indexed, "indexed_links": fast,
                    "naive_s": naive, "naive_links": slow})
    return out


def remote_example(corpus: Path, workdir: Path, documents: int) -> dict[str, Any]:
    """Build the first ``documents`` files into a separately started ``oxigraph serve``."""
    from govtrace.graph.build import build
    from govtrace.settings import Settings, StoreBackend

    subset = workdir / f"remote-corpus-{documents}"
    shutil.rmtree(subset, ignore_errors=True)
    doc_ids = list(dict.fromkeys(
        line.split("\t")[0] for line in
        (corpus / "truth.tsv").read_text(encoding="utf-8").splitlines()[1:]))[:documents]
    for doc_id in doc_ids:
        path = next(corpus.glob(f"*/{doc_id}.txt"))
        (subset / path.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, subset / path.parent.name / path.name)
        shutil.copy(path.parent / "metadata.toml", subset / path.parent.name / "metadata.toml")
    location = workdir / "remote-store"
    shutil.rmtree(location, ignore_errors=True)
    port = free_port()
    command = [str(Path(sys.executable).with_name("oxigraph")), "serve", "--location",
               str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base)
        settings = Settings(data_dir=workdir / "remote-data", store_backend=StoreBackend.REMOTE,
                            remote_query_url=base + "/query", remote_update_url=base + "/update",
                            remote_store_url=base + "/store", workers=2, query_timeout=600)
        start = time.perf_counter()
        report = build(settings, [subset])
        seconds = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"documents": report.documents, "seconds": seconds, "triples": report.triples,
            "links": report.links, "command": " ".join(command).replace(str(workdir), "WORKDIR")}


def _wait_for(base: str) -> None:
    import httpx

    for _ in range(100):
        try:
            httpx.get(base + "/query", params={"query": "ASK {}"}, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph serve did not come up at {base}")


def machine() -> dict[str, str]:
    from importlib.metadata import version

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory_gb": f"{int(memory) / 1e6:.1f}",
            "os": platform.platform(), "python": platform.python_version(),
            "pyoxigraph": version("pyoxigraph"), "rdflib": version("rdflib")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["1k", "10k"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/govtrace-scale"))
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--repeat", type=int, default=30, help="runs per saved query")
    parser.add_argument("--clients", type=int, default=4, help="concurrent API clients")
    parser.add_argument("--remote-documents", type=int, default=300)
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--builds-only", action="store_true",
                        help="only redo the first build of each size (its row of the build "
                             "table); the other figures stay")
    parser.add_argument("--stores-only", action="store_true",
                        help="only redo the rdflib/Oxigraph comparison on the first size's "
                             "existing build")
    parser.add_argument("--no-side-by-side", action="store_true",
                        help="keep the side-by-side figures of an earlier run (when adding a "
                             "larger size to results.json)")
    parser.add_argument("--child-build", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:
        corpus, data, workers = args.child_build
        print(json.dumps(child_build(Path(corpus), Path(data), int(workers))))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    results_path = args.workdir / "results.json"
    results: dict[str, Any] = (json.loads(results_path.read_text()) if results_path.is_file()
                               else {})
    if args.report_only:
        _write_report(results, args.out)
        return
    if args.builds_only:  # first builds again (e.g. after a change to the build)
        for size in args.sizes:
            data = args.workdir / f"build-{size}"
            shutil.rmtree(data, ignore_errors=True)
            entry = results["sizes"][size]
            entry["build"] = run_build(args.workdir / f"corpus-{size}", data, args.workers)
            entry["store_mb"] = disk_mb(data / "store")
        _save(results, results_path, args.out)
        return
    if args.stores_only:  # the rdflib/Oxigraph comparison again, on an existing build
        results["stores"] = rdflib_vs_oxigraph(
            args.workdir / f"build-{args.sizes[0]}" / "store", args.repeat)
        _save(results, results_path, args.out)
        return
    results["machine"] = machine()
    smallest = args.sizes[0]
    for size in args.sizes:
        print(f"size {size} …", flush=True)
        results.setdefault("sizes", {})[size] = measure_size(
            size, args.workdir, args.workers, args.repeat, args.clients)
        if size == smallest and not args.no_side_by_side:  # on the smallest built store
            print("side by side …", flush=True)
            store = args.workdir / f"build-{smallest}" / "store"
            corpus = args.workdir / f"corpus-{smallest}"
            results["stores"] = rdflib_vs_oxigraph(store, args.repeat)
            results["linkers"] = naive_vs_indexed(corpus, (100, 200))
            results["remote"] = remote_example(corpus, args.workdir, args.remote_documents)
        _save(results, results_path, args.out)


def _save(results: dict[str, Any], results_path: Path, out: Path) -> None:
    """Keep the results (with the command that made them) and rewrite the report."""
    command = " ".join(["python", "bench/scale_bench.py", *sys.argv[1:]])
    commands = results.setdefault("commands", [])
    if command not in commands:
        commands.append(command)
    results_path.write_text(json.dumps(results, indent=1))
    _write_report(results, out)


HAND_WRITTEN = "<!-- Below: written by hand from other benches; bench/scale_bench.py keeps it. -->"


def _write_report(results: dict[str, Any], out: Path) -> None:
    from benchmarks_report import render_report

    old = out.read_text(encoding="utf-8") if out.exists() else ""
    kept = old[old.index(HAND_WRITTEN):] if HAND_WRITTEN in old else HAND_WRITTEN + "\n"
    out.write_text(render_report(results).rstrip("\n") + "\n\n" + kept, encoding="utf-8")
    print(f"wrote {out}", flush=True)


if __name__ == "__main__":
    main()
