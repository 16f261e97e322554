"""Documents per second into each store backend, side by side in one run (issue 16).

    python bench/backend_load_bench.py                      # demo + a 1k synthetic corpus
    python bench/backend_load_bench.py --corpus /tmp/syn1k  # reuse a generated corpus

The documents are extracted once (`govtrace build`'s own workers), then written into a
fresh store of each backend: embedded Oxigraph, a real `oxigraph serve` and a real Virtuoso
7 (both started here on loopback, as the tests start them). Two ways of writing, both
atomic per document:

* ``replace``: ``replace_document`` per document, one request at a time: what
  ``govtrace build`` does on a remote store (and on an embedded one after the first build);
* ``bulk``: ``bulk_load``: the embedded store's non-transactional bulk loader (a first build),
  or on a remote server one Update per document, ``--in-flight`` at a time (default: the
  backend's ``bulk_in_flight``; docs/store.md's figures used 4).

Each cell is the median of ``--rounds`` loads into a fresh store (one round for the 1k
corpus unless asked), with the machine's load average before the run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govtrace.graph.build import RecordCache, demo_corpus, plan_corpus  # noqa: E402
from govtrace.graph.build_workers import Extracted, chunks, extract_jobs, run_chunks  # noqa: E402
from govtrace.graph.store import DocumentGraph, GraphStore  # noqa: E402
from govtrace.graph.store_factory import open_store  # noqa: E402
from govtrace.graph.store_remote import RemoteStore  # noqa: E402
from govtrace.settings import Settings, StoreBackend  # noqa: E402
from tests.support.servers import oxigraph_server  # noqa: E402
from tests.support.virtuoso import USER, virtuoso_server  # noqa: E402

BACKENDS = ("embedded", "oxigraph serve", "virtuoso")
MODES = ("replace", "bulk")


def extract(corpus: Path, workdir: Path) -> list[DocumentGraph]:
    settings = Settings(data_dir=workdir / "extract", workers=os.cpu_count() or 1)
    plan = plan_corpus([corpus], {}, RecordCache(settings))
    return [result.document for result in run_chunks(extract_jobs, chunks(plan.jobs), settings)
            if isinstance(result, Extracted)]


@contextmanager
def fresh_store(backend: str, root: Path, virtuoso_buffers: int) -> Iterator[GraphStore]:
    """An empty store of ``backend`` under ``root``, its server started for it."""
    with ExitStack() as stack:
        if backend == "embedded":
            settings = Settings(data_dir=root / "data", store_dir=root / "store")
        elif backend == "oxigraph serve":
            base = stack.enter_context(oxigraph_server(root / "served"))
            settings = Settings(data_dir=root / "data", store_backend=StoreBackend.REMOTE,
                                remote_query_url=base + "/query",
                                remote_update_url=base + "/update",
                                remote_store_url=base + "/store", query_timeout=600)
        else:
            server = stack.enter_context(virtuoso_server(root / "virtuoso",
                                                         buffers=virtuoso_buffers))
            settings = Settings(data_dir=root / "data", store_backend=StoreBackend.VIRTUOSO,
                                remote_query_url=server.query_url,
                                remote_update_url=server.update_url,
                                remote_store_url=server.store_url, remote_user=USER,
                                remote_password=server.password, query_timeout=600)
        store = open_store(settings)
        stack.callback(store.close)
        yield store


def load(store: GraphStore, documents: list[DocumentGraph], mode: str,
         in_flight: int | None) -> float:
    """Seconds to write ``documents`` into ``store``."""
    if in_flight is not None and isinstance(store, RemoteStore):
        store.bulk_in_flight = in_flight
    write: Callable[[], object]
    if mode == "bulk":
        def write() -> int:
            return store.bulk_load(documents)
    else:
        def write() -> None:
            for document in documents:
                store.replace_document(document)
    start = time.perf_counter()
    write()
    seconds = time.perf_counter() - start
    assert len(store.documents()) == len({d.doc_id for d in documents})
    return seconds


def measure(name: str, documents: list[DocumentGraph], rounds: int, workdir: Path,
            virtuoso_buffers: int, in_flight: int | None) -> list[str]:
    triples = sum(d.ntriples().count("\n") + d.inferred_ntriples().count("\n")
                  for d in documents)
    lines = [f"\n{name}: {len(documents)} documents, {triples:,} triples "
             f"({triples // max(1, len(documents)):,} per document, with entailments); "
             f"median of {rounds} round(s)",
             "| backend | replace (docs/s) | bulk (docs/s) | bulk ÷ replace |",
             "| --- | --- | --- | --- |"]
    for backend in BACKENDS:
        rates: dict[str, float] = {}
        for mode in MODES:
            seconds = []
            for n in range(rounds):
                root = Path(tempfile.mkdtemp(dir=workdir, prefix=f"{mode}-{n}-"))
                with fresh_store(backend, root, virtuoso_buffers) as store:
                    seconds.append(load(store, documents, mode, in_flight))
            rates[mode] = len(documents) / statistics.median(seconds)
        lines.append(f"| {backend} | {rates['replace']:,.1f} | {rates['bulk']:,.1f} | "
                     f"{rates['bulk'] / rates['replace']:.1f}× |")
        print(lines[-1], flush=True)
    return lines


def synthetic(size: int, workdir: Path) -> Path:
    out = workdir / f"synthetic-{size}"
    subprocess.run([sys.executable, str(ROOT / "bench" / "synthetic_corpus.py"), "--size",
                    str(size), "--seed", "7", "--out", str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a synthetic corpus (default: generate 1k)")
    parser.add_argument("--size", type=int, default=1000, help="documents to generate")
    parser.add_argument("--rounds", type=int, default=5, help="rounds on the demo corpus")
    parser.add_argument("--large-rounds", type=int, default=1, help="rounds on the large one")
    parser.add_argument("--virtuoso-buffers", type=int, default=170000,
                        help="Virtuoso NumberOfBuffers (8 KB pages; 170000 ≈ 1.3 GB, "
                             "virtuoso.ini's suggestion for 2 GB of memory)")
    parser.add_argument("--in-flight", type=int,
                        help="updates a remote bulk load keeps in flight")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="backend-load-") as tmp:
        workdir = Path(tmp)
        out = measure("demo corpus", extract(demo_corpus(), workdir), args.rounds, workdir,
                      args.virtuoso_buffers, args.in_flight)
        corpus = args.corpus or synthetic(args.size, workdir)
        out += measure(f"synthetic corpus ({corpus.name})", extract(corpus, workdir),
                       args.large_rounds, workdir, args.virtuoso_buffers, args.in_flight)
    print("\n".join(out))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
