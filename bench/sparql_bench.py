"""SPARQL benchmarks on a synthetic lineage-shaped graph (prints medians; not a test).

    python bench/sparql_bench.py [--triples 1000000] [--repeat 15] [--skip-rdflib]

Sections:
  load       Store.load (transactional) vs Store.bulk_load of the same N-Triples.
  lineage    a task's gt:implements+ chain anchored with VALUES, Oxigraph vs rdflib in memory,
             and the FILTER(?t = <iri>) form that must not be used.
  inference  govtrace.graph.inference.materialize on the loaded store.
  pool       a small query in-process vs through the killable worker pool.
The graph: one national outline with 40 tasks; provinces, prefectures and counties, each level's
documents implementing tasks of the level above; every task has ~10 triples like the real ones.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from timing import median_seconds

from govtrace.ontology.namespaces import GT, OA

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
NON_NEGATIVE = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
ID = "https://w3id.org/govtrace/id/"
TASKS_PER_DOC = 40
TRIPLES_PER_TASK = 12


def synthetic_ntriples(triples: int, seed: int = 7) -> tuple[str, list[str]]:
    """N-Triples of ~``triples`` triples and the IRIs of the lowest-level tasks."""
    rng = random.Random(seed)
    lines: list[str] = []
    levels: list[list[str]] = []
    docs_per_level = [1]
    budget = triples // (TASKS_PER_DOC * TRIPLES_PER_TASK)
    while sum(docs_per_level) < budget:
        docs_per_level.append(min(docs_per_level[-1] * 12, budget - sum(docs_per_level)))
    for level, count in enumerate(docs_per_level):
        tasks: list[str] = []
        for d in range(count):
            doc = f"{ID}doc/L{level}-{d}"
            lines.append(f"<{doc}> <{RDF_TYPE}> <{GT.WorkPlan}> .")
            for n in range(1, TASKS_PER_DOC + 1):
                task = f"{doc}/task/{n}"
                span = f"{doc}/span/{n * 100}-{n * 100 + 80}"
                lines += [
                    f"<{task}> <{RDF_TYPE}> <{GT.Task}> .",
                    f"<{doc}> <{GT.hasTask}> <{task}> .",
                    f"<{task}> <{GT.inDocument}> <{doc}> .",
                    f'<{task}> <{GT.number}> "{n}"^^<{INTEGER}> .',
                    f'<{task}> <{GT.title}> "推进严格规范公正文明执法第{n}项"@zh .',
                    f'<{task}> <{GT.text}> "全面推行行政执法公示制度{level}-{d}-{n}"@zh .',
                    f"<{task}> <{GT.span}> <{span}> .",
                    f"<{span}> <{OA.hasSelector}> <{span}/position> .",
                    f'<{span}/position> <{OA.start}> "{n * 100}"^^<{NON_NEGATIVE}> .',
                    f'<{span}/position> <{OA.end}> "{n * 100 + 80}"^^<{NON_NEGATIVE}> .',
                ]
                if levels:
                    lines.append(f"<{task}> <{GT.implements}> <{rng.choice(levels[-1])}> .")
                tasks.append(task)
        levels.append(tasks)
    return "\n".join(lines) + "\n", levels[-1]


def bench_load(data: str, workdir: Path) -> ox.Store:
    start = time.perf_counter()
    plain = ox.Store(str(workdir / "plain"))
    plain.load(data, format=ox.RdfFormat.N_TRIPLES)
    plain_s = time.perf_counter() - start
    start = time.perf_counter()
    bulk = ox.Store(str(workdir / "bulk"))
    bulk.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    bulk_s = time.perf_counter() - start
    print(f"load       {len(bulk):,} triples: plain {plain_s:.2f} s, bulk_load {bulk_s:.2f} s, "
          f"ratio {plain_s / bulk_s:.1f}×")
    return bulk


def bench_lineage(store: ox.Store, data: str, anchors: list[str], repeat: int,
                  skip_rdflib: bool) -> None:
    picks = iter(random.Random(3).choices(anchors, k=repeat * 4))

    def values_query() -> str:
        return (f"SELECT ?p WHERE {{ VALUES ?t {{ <{next(picks)}> }} "
                f"?t <{GT.implements}>+ ?p }}")

    oxi = median_seconds(lambda: list(store.query(values_query())), repeat)  # type: ignore[arg-type]
    print(f"lineage    Oxigraph VALUES-anchored path: median {oxi * 1000:.2f} ms")
    filtered = (f"SELECT ?p WHERE {{ ?t <{GT.implements}>+ ?p FILTER(?t = <{anchors[0]}>) }}")
    slow = median_seconds(lambda: list(store.query(filtered)), max(1, repeat // 5))  # type: ignore[arg-type]
    print(f"lineage    Oxigraph FILTER(?t = <iri>) form: median {slow * 1000:.1f} ms "
          f"({slow / oxi:.0f}× slower)")
    if skip_rdflib:
        return
    start = time.perf_counter()
    graph = Graph().parse(data=data, format="nt")
    print(f"lineage    rdflib parse {len(graph):,} triples: {time.perf_counter() - start:.1f} s")
    rdf = median_seconds(lambda: list(graph.query(values_query())), max(1, repeat // 3))
    print(f"lineage    rdflib VALUES-anchored path: median {rdf * 1000:.1f} ms "
          f"(Oxigraph {rdf / oxi:.0f}× faster)")


def bench_inference(workdir: Path) -> None:
    from govtrace.graph.inference import materialize
    from govtrace.graph.store_oxigraph import EmbeddedStore
    from govtrace.ontology.loading import load_ontology
    from govtrace.settings import Settings

    store = EmbeddedStore.open(Settings(store_dir=workdir / "bulk"))
    # the synthetic data lives in the default graph; move it into a document graph first
    store.update(f"MOVE DEFAULT TO <{ID}graph/doc/synthetic>")
    store.set_reference(load_ontology())
    start = time.perf_counter()
    summary = materialize(store, store.layout)
    print(f"inference  materialize over {store.triple_count():,} quads: "
          f"{time.perf_counter() - start:.2f} s, {summary.inferred_triples:,} inferred")
    store.close()


def bench_pool(workdir: Path, repeat: int) -> None:
    from govtrace.graph.query_pool import QueryPool

    query = f"SELECT ?t WHERE {{ ?t a <{GT.Task}> }} LIMIT 10"
    reader = ox.Store.read_only(str(workdir / "bulk"))
    direct = median_seconds(
        lambda: list(reader.query(query, use_default_graph_as_union=True)),  # type: ignore[arg-type]
        repeat * 10)
    pool = QueryPool(workdir / "bulk", size=2, timeout=10)
    pooled = median_seconds(lambda: pool.query(query, limit=10000), repeat * 10)
    pool.close()
    print(f"pool       small query: in-process {direct * 1000:.2f} ms, pooled "
          f"{pooled * 1000:.2f} ms (overhead {(pooled - direct) * 1000:.2f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--skip-rdflib", action="store_true")
    args = parser.parse_args()
    data, anchors = synthetic_ntriples(args.triples)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        store = bench_load(data, workdir)
        bench_lineage(store, data, anchors, args.repeat, args.skip_rdflib)
        del store
        bench_inference(workdir)
        bench_pool(workdir, args.repeat)


if __name__ == "__main__":
    main()
