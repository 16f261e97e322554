"""p50/p95 of every saved query on a built store, in process (embedded Oxigraph, read-only).

    python bench/saved_queries_bench.py --store DIR [--repeat 30] [--only QUERY ...]
    python bench/saved_queries_bench.py --store COPY --add-term-mentions
    python bench/saved_queries_bench.py --store COPY --materialize

The parameters are the ones the scale benchmark uses (``scale_bench.query_params``: a county
task three links below the outline, that county's code, the first work report, item 9,
行政规范性文件), and so is the timing (one warm-up run, then ``--repeat`` runs; a query slower
than ``SLOW_QUERY_S`` is timed once). Beside the wall-clock p50/p95, the p50 of the process's
CPU time: on a machine other processes share, it is the figure the load distorts least. A
query that pages (a ``limit`` parameter) is timed at its default page and, as
``NAME (every row)``, with the largest page it allows.

Side by side with an older tree: run this script with ``PYTHONPATH=<older tree>`` (its
``govtrace``, hence its saved queries) on a store that tree built, alternating with this
tree on its own store.

``--add-term-mentions`` writes into a store built before issue 16 what a build now writes
with each document (``gt:mentionsTerm``, :mod:`govtrace.graph.term_index`), into each
document's entailment graph, by the build's own function, so a big store can be measured
without being rebuilt. It changes the store: give it a copy. It prints the triples added per
document and the time the function took.

``--materialize`` runs the build's inference step (:func:`govtrace.graph.inference.materialize`:
the transitive closures and every task's ``gt:listingOrder``) over a store built by an older
tree, as a build of this tree ends. It changes the store: give it a copy. It prints the time
and the statements of ``graph/inferred`` before and after, per document.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path
from typing import Any

from scale_bench import SLOW_QUERY_S, query_params

from govtrace.ontology.namespaces import GT, RDF


def latency(store: Any, repeat: int, only: list[str] | None = None
            ) -> dict[str, dict[str, float]]:
    """Wall-clock p50/p95 and CPU p50 (ms) of every saved query of the library (or of
    those named in ``only``)."""
    from http_queries_bench import percentile

    from govtrace.queries.library import load_library, render

    params = query_params(store)
    out = {}
    for name, text in _texts(load_library(), params, render):
        if only and name.split(" ")[0] not in only:
            continue
        start = time.perf_counter()
        warm = store.query(text)
        first = time.perf_counter() - start
        runs = repeat if first < SLOW_QUERY_S else 1
        walls, cpus = [], []
        for _ in range(runs):
            start, cpu = time.perf_counter(), time.process_time()
            store.query(text)
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        if runs == 1:  # a slow query: its one timed run is the figure
            walls, cpus = walls * 2, cpus * 2
        out[name] = {"p50_ms": percentile(walls, 0.5) * 1000,
                     "p95_ms": percentile(walls, 0.95) * 1000,
                     "cpu_p50_ms": statistics.median(cpus) * 1000, "runs": runs,
                     "rows": len(warm.bindings())}
    return out


def _texts(library: dict[str, Any], params: dict[str, dict[str, str]], render: Any
           ) -> list[tuple[str, str]]:
    """Each saved query's text with the bench's parameters and, for one that pages, with its
    largest page too."""
    texts = []
    for name in sorted(library):
        given = params.get(name, {})
        texts.append((name, render(name, given)))
        page = getattr(library[name], "page", None)  # None too in trees before paging
        if page is not None:
            limit = page[0]
            texts.append((f"{name} (every row)",
                          render(name, {**given, limit.name: str(limit.maximum)})))
    return texts


def materialize_over(store_dir: Path) -> None:
    """Run this tree's inference step over the store (see the module's docstring)."""
    from govtrace.graph.inference import materialize
    from govtrace.graph.layout import GraphLayout
    from govtrace.graph.store_oxigraph import EmbeddedStore
    from govtrace.ontology.iris import IriScheme
    from govtrace.settings import Settings

    store = EmbeddedStore.open(Settings(data_dir=store_dir.parent, store_dir=store_dir))
    layout = GraphLayout(IriScheme())
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{layout.inferred}> {{ ?s ?p ?o }} }}"
    documents = len(store.documents())
    before = int(store.query(count).bindings()[0]["n"])
    start, cpu = time.perf_counter(), time.process_time()
    summary = materialize(store, layout)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    after = int(store.query(count).bindings()[0]["n"])
    store.close()
    print(f"{documents} documents: graph/inferred {before} -> {after} statements "
          f"({(after - before) / max(documents, 1):+.1f} per document; "
          f"{summary.inferred_triples} written), materialize {wall:.1f} s wall, "
          f"{cpu:.1f} s CPU, load average (1 min) {os.getloadavg()[0]:.2f}")


def add_term_mentions(store_dir: Path) -> None:
    """Write each stored document's ``gt:mentionsTerm`` statements into its entailment
    graph, as a build of this tree would have (see the module's docstring)."""
    import pyoxigraph as ox

    from govtrace.graph.layout import GraphLayout
    from govtrace.graph.term_index import mentioned_terms
    from govtrace.ontology.iris import IriScheme
    from govtrace.ontology.ntriples import iri

    store = ox.Store(str(store_dir))
    if store.query(f"ASK {{ GRAPH ?g {{ ?s <{GT.mentionsTerm}> ?o }} }}"):
        raise SystemExit(f"{store_dir} already holds gt:mentionsTerm")
    layout = GraphLayout(IriScheme())
    documents = {str(layout.document(str(row["id"].value))): str(row["id"].value)
                 for row in store.query(layout.documents_query())}
    wordings = store.query(f"SELECT ?g ?task ?p ?o WHERE {{ GRAPH ?g {{ ?task a <{GT.Task}> ; "
                           f"?p ?o . VALUES ?p {{ <{GT.title}> <{GT.text}> }} }} }}")
    typed = (iri(RDF.type), iri(GT.Task))
    spent, quads = 0.0, list[ox.Quad]()
    assert isinstance(wordings, ox.QuerySolutions)
    for row in wordings:
        doc_id = documents.get(row["g"].value)
        if doc_id is None:
            continue  # the reference graph's outline: not a document's
        task = str(row["task"])
        start = time.perf_counter()
        mentions = list(mentioned_terms([(task, *typed), (task, str(row["p"]), str(row["o"]))]))
        spent += time.perf_counter() - start
        target = ox.NamedNode(str(layout.inferred_document(doc_id)))
        quads.extend(ox.Quad(row["task"], ox.NamedNode(str(GT.mentionsTerm)),
                             ox.Literal(o[1:-1]), target) for _, _, o in mentions)
    added = len(set(quads))
    store.extend(set(quads))
    store.flush()
    print(f"{len(documents)} documents: {added} gt:mentionsTerm triples "
          f"({added / max(len(documents), 1):.1f} per document), "
          f"term_index.mentioned_terms {spent * 1000 / max(len(documents), 1):.2f} ms "
          f"per document")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a built Oxigraph store")
    parser.add_argument("--repeat", type=int, default=30, help="runs per saved query")
    parser.add_argument("--only", nargs="+", metavar="QUERY", help="time these queries only")
    parser.add_argument("--add-term-mentions", action="store_true",
                        help="write gt:mentionsTerm into this store (a copy) and stop")
    parser.add_argument("--materialize", action="store_true",
                        help="run this tree's inference step over this store (a copy) and stop")
    args = parser.parse_args()
    if args.add_term_mentions:
        add_term_mentions(args.store.resolve())
        return
    if args.materialize:
        materialize_over(args.store.resolve())
        return

    from govtrace.graph.store_oxigraph import EmbeddedStore
    from govtrace.settings import Settings

    store_dir = args.store.resolve()
    store = EmbeddedStore.open(Settings(data_dir=store_dir.parent, store_dir=store_dir),
                               read_only=True)
    for name, params in sorted(query_params(store).items()):
        print(f"# {name}: {params}")
    print(f"# load average (1 min) {os.getloadavg()[0]:.2f}")
    print(f"{'query':<46} {'p50 ms':>10} {'p95 ms':>10} {'cpu p50':>10} {'runs':>5} "
          f"{'rows':>6}")
    for name, figures in latency(store, args.repeat, args.only).items():
        print(f"{name:<46} {figures['p50_ms']:>10.2f} {figures['p95_ms']:>10.2f} "
              f"{figures['cpu_p50_ms']:>10.2f} {int(figures['runs']):>5} "
              f"{int(figures['rows']):>6}")
    print(f"# load average (1 min) {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
