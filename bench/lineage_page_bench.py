"""A task's lineage answer, whole or paged: the server's CPU and the bytes per answer (issue 16,
target 2; prints figures, not a test).

    python bench/lineage_page_bench.py --tree before=/tmp/before:/tmp/old-store \\
        --tree after=/work/main:/tmp/store [--task national-outline-2021-2025/9] \\
        [--requests 30] [--rounds 2] [--params 'limit=50&offset=100']

Each ``--tree LABEL=SOURCE:STORE`` is a source tree (``git archive`` of a commit, or the
working tree) and the store it serves. Round by round, the trees take turns (alternating, so
both see the same machine): `govtrace serve` runs from the tree (``PYTHONPATH``) over its
store, uncached, and one client asks ``/api/tasks/{task}/lineage`` ``--requests`` times in a
row, once per ``--params`` (the empty string: the route's default). Prints, per tree and
parameters, the median over rounds of the server's CPU per request (it and its query
workers; what a loaded machine does not change), the p50 latency, the body's bytes and the
number of links down in it, with the 1-minute load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl

import httpx
from api_load_bench import server_cpu
from http_queries_bench import free_port
from timing import stop

START_DEADLINE_S = 300.0


@contextmanager
def serving(tree: Path, store: Path) -> Iterator[str]:
    """`govtrace serve` from ``tree`` over ``store``, uncached; its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "govtrace", "serve", "--store", str(store), "--host",
         "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(tree), "GOVTRACE_DATA_DIR": str(store.parent),
             "GOVTRACE_API_CACHE_SIZE": "0"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_DEADLINE_S
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/api/documents", params={"limit": 1},
                             timeout=60).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        else:
            raise RuntimeError(f"govtrace serve from {tree} did not answer")
        yield base
    finally:
        stop(process)


def measure(base: str, task: str, params: str, requests: int) -> dict[str, float]:
    path = f"{base}/api/tasks/{task}/lineage"
    query = dict(parse_qsl(params))
    with httpx.Client(timeout=120) as http:
        first = http.get(path, params=query)  # warms the worker's caches of the store
        first.raise_for_status()
        times = []
        cpu = server_cpu()
        for _ in range(requests):
            start = time.perf_counter()
            http.get(path, params=query).raise_for_status()
            times.append(time.perf_counter() - start)
        cpu = server_cpu() - cpu
    return {"cpu_ms": cpu / requests * 1000, "p50_ms": statistics.median(times) * 1000,
            "bytes": len(first.content), "down": len(first.json()["down"]),
            "load": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", required=True,
                        help="LABEL=SOURCE_TREE:STORE (repeat; they alternate)")
    parser.add_argument("--task", default="national-outline-2021-2025/9")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--params", action="append", default=None,
                        help="a query string to ask with (repeat; default: the route's own)")
    args = parser.parse_args()
    trees = {label: tuple(Path(p) for p in rest.split(":", 1))
             for label, rest in (tree.split("=", 1) for tree in args.tree)}
    asked = args.params or [""]
    runs: dict[tuple[str, str], list[dict[str, float]]] = defaultdict(list)
    for round_ in range(args.rounds):
        for label, (tree, store) in trees.items():
            with serving(tree, store) as base:
                for params in asked:
                    figures = measure(base, args.task, params, args.requests)
                    runs[label, params].append(figures)
                    print(f"round {round_ + 1} {label:10} {params or '(default)':24} "
                          f"cpu {figures['cpu_ms']:7.1f} ms  p50 {figures['p50_ms']:7.1f} ms  "
                          f"{figures['bytes']:9,d} B  {figures['down']:5.0f} down  "
                          f"load {figures['load']:.1f}", flush=True)
    print(f"\nmedians over {args.rounds} rounds, {args.requests} requests each, task "
          f"{args.task}")
    print(f"{'tree':10} {'params':24} {'cpu ms':>7} {'p50 ms':>7} {'bytes':>9} {'down':>5} "
          f"{'load':>5}")
    for (label, params), rounds in runs.items():
        def med(key: str, rounds: list[dict[str, float]] = rounds) -> float:
            return statistics.median(figures[key] for figures in rounds)
        print(f"{label:10} {params or '(default)':24} {med('cpu_ms'):7.1f} {med('p50_ms'):7.1f} "
              f"{med('bytes'):9,.0f} {med('down'):5.0f} {med('load'):5.1f}")


if __name__ == "__main__":
    main()
