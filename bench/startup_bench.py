"""Start-up to the first answer of every /api endpoint, side by side with another tree
(issue 16, target 4; not a test).

    python bench/startup_bench.py --store S [--before TREE ...] [--rounds 3]
        [--processes 1,2] [--load-seconds 5 [--load ENDPOINT ...]]

Each round launches ``govtrace serve`` over S once per tree (``--before``'s first: a
``git archive`` of another commit, put first on ``PYTHONPATH``, so ``import govtrace``
resolves to it; several ``--before`` trees, named by their directories, tell the levers of
one change apart), asks every endpoint at once, again and again until it answers, and prints
the seconds from the launch to each endpoint's first answer, and the CPU seconds the server
and its workers had used by the last (what a loaded machine does not change) (the requests of
bench/api_load_bench.py's ``--every-endpoint``: the first of each, e.g. the most cited
regulation; and ``/sparql``, which waits for a query worker) and the median over the rounds.
The trees alternate, so a change of the machine's load falls on both. ``--processes 1,2``
starts each tree's server once per count (``govtrace serve --processes``), in turn.

Each tree's server opens the index its own code wrote (this tree's beside the store,
``S.index/``; trees before issue 16's third round inside it, ``S/govtrace-index/``), stamped
with its format: write both over S first (``python -c "from govtrace.settings import
Settings; from govtrace.queries.serving_index import write_index; write_index(Settings(
store_dir='S'))"``, once with each tree on ``PYTHONPATH``).

``--after-store S2``: this tree's server opens S2 instead (the same data as S, e.g. its
table files hard-linked, with the index this tree's code wrote beside it), when this tree
writes its index otherwise than the ``--before`` trees.

``--load-seconds N`` also loads each ``--load`` endpoint (default ``/api/regulations/{key}``:
most cited and sampled works, 100 citations a page) with 8 uncached clients for N seconds
after each start-up: p50/p95 and the server's CPU per request.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from api_load_bench import (
    Requests,
    discover_when_up,
    endpoint_load,
    first_answers,
    server_cpu,
)
from http_queries_bench import free_port
from timing import stop


@contextmanager
def launched(store: Path, tree: Path | None, processes: int = 1
             ) -> Iterator[tuple[str, float]]:
    """`govtrace serve` over ``store`` from ``tree`` (this one when None) with ``processes``
    server processes, uncached; its base URL and the moment it was launched, without
    waiting for it."""
    port = free_port()
    env = {**os.environ, "GOVTRACE_DATA_DIR": str(store.parent), "GOVTRACE_API_CACHE_SIZE": "0"}
    if tree is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tree), env.get("PYTHONPATH")]))
    launched_at = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "govtrace", "serve", "--store", str(store), "--host",
         "127.0.0.1", "--port", str(port), "--processes", str(processes)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        yield f"http://127.0.0.1:{port}", launched_at
    finally:
        stop(process)


def discover(store: Path, tree: Path | None) -> Requests:
    with launched(store, tree) as (base, _):
        return asyncio.run(discover_when_up(base))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--before", type=Path, action="append", default=[],
                        help="another tree (a git archive); may be given again")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--after-store", type=Path,
                        help="the store this tree opens (default --store; see the doc)")
    parser.add_argument("--processes", default="1",
                        help="server process counts to start, comma-separated (e.g. 1,2)")
    parser.add_argument("--load-seconds", type=float, default=0.0)
    parser.add_argument("--load", nargs="+", default=["/api/regulations/{key}"])
    args = parser.parse_args()
    counts = [int(n) for n in args.processes.split(",")]
    trees: dict[str, Path | None] = {
        **{tree.name if len(args.before) > 1 else "before": tree for tree in args.before},
        "after": None}
    # a run: a tree with a number of server processes ("after ×2"), in the order they start
    stores = {name: args.after_store if tree is None and args.after_store else args.store
              for name, tree in trees.items()}
    runs = {(f"{name} ×{count}" if len(counts) > 1 else name): (tree, count, stores[name])
            for count in counts for name, tree in trees.items()}
    # /sparql's first answer needs a query worker process, which the JSON API's do not.
    # Found by this tree over its own store: over another's index it would read the store.
    requests = {**discover(args.after_store or args.store, None),
                "/sparql": [("/sparql", {"query": "ASK {}"})]}
    started: dict[str, list[dict[str, float]]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for round_ in range(1, args.rounds + 1):
        for name, (tree, count, store) in runs.items():
            load = os.getloadavg()[0]
            with launched(store, tree, count) as (base, launched_at):
                first = asyncio.run(first_answers(base, launched_at, requests))
                started[name].append(first)
                cpu[name].append(server_cpu())
                print(f"round {round_} {name} (load {load:.1f}; server CPU to the last first "
                      f"answer {cpu[name][-1]:.2f} s): "
                      + ", ".join(f"{label} {s:.2f}" for label, s in first.items()), flush=True)
                for loaded in args.load if args.load_seconds else ():
                    figures = asyncio.run(endpoint_load(base, loaded, requests[loaded], 8,
                                                        args.load_seconds))
                    print(f"  {loaded} 8 clients: p50 {figures['p50_ms']:.1f} ms, p95 "
                          f"{figures['p95_ms']:.1f} ms, {figures['req_s']:.1f} req/s, server "
                          f"CPU {figures['cpu_ms']:.1f} ms/request, {figures['errors']} errors, "
                          f"load {figures['load']:.1f}", flush=True)
    print(f"\nstart-up to the first answer, s, median of {args.rounds} "
          f"(load now {os.getloadavg()[0]:.1f})")
    print(f"  {'endpoint':26} " + " ".join(f"{name:>10}" for name in runs))
    for label in sorted(requests):
        print(f"  {label:26} " + " ".join(
            f"{statistics.median(r[label] for r in started[name]):10.2f}" for name in runs))
    worst = {name: max(statistics.median(r[label] for r in started[name])
                       for label in requests) for name in runs}
    print("  slowest endpoint: " + ", ".join(f"{name} {s:.2f} s" for name, s in worst.items()))
    print("  server CPU (all its processes) to the last first answer: " + ", ".join(
        f"{name} {statistics.median(seconds):.2f} s" for name, seconds in cpu.items()))


if __name__ == "__main__":
    main()
