"""p50/p95 of every saved query on a built store, in process (embedded Oxigraph, read-only).

    python bench/saved_queries_bench.py --store DIR [--repeat 30]

The parameters are the ones the scale benchmark uses (``scale_bench.query_params``: a county
task three links below the outline, that county's code, the first work report, item 9), and
so is the timing (``scale_bench.sparql_latency``: one warm-up run, then ``--repeat`` runs; a
query slower than ``SLOW_QUERY_S`` is timed once).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from scale_bench import query_params, sparql_latency


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a built Oxigraph store")
    parser.add_argument("--repeat", type=int, default=30, help="runs per saved query")
    args = parser.parse_args()

    from govtrace.graph.store_oxigraph import EmbeddedStore
    from govtrace.settings import Settings

    store_dir = args.store.resolve()
    store = EmbeddedStore.open(Settings(data_dir=store_dir.parent, store_dir=store_dir),
                               read_only=True)
    for name, params in sorted(query_params(store).items()):
        print(f"# {name}: {params}")
    print(f"{'query':<24} {'p50 ms':>10} {'p95 ms':>10} {'runs':>5}")
    for name, figures in sparql_latency(store, args.repeat).items():
        print(f"{name:<24} {figures['p50_ms']:>10.2f} {figures['p95_ms']:>10.2f} "
              f"{int(figures['runs']):>5}")


if __name__ == "__main__":
    main()
