"""Latency of saved queries over HTTP: /sparql vs /api/queries/{name} (prints p50/p95; not a test).

    python bench/http_queries_bench.py [--store DIR] [--sequential 200] [--workers 10] [--each 50]

Starts `govtrace serve` on a free loopback port over DIR (built from the demo corpus into a
temporary directory when not given), then for the lineage and coverage-gaps queries on the
seeds sends the same query both as rendered SPARQL to /sparql and by name to
/api/queries/{name}: first ``--sequential`` requests one after another, then ``--workers``
threads each sending ``--each`` requests at once. Loopback only, a bounded number of requests.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from govtrace.queries.library import render

CASES = {
    "lineage": {"task": "https://w3id.org/govtrace/id/doc/150626-2024-work_plan-47b40eba/task/5"},
    "coverage-gaps": {"adcode": "150626"},
}


@dataclass(frozen=True)
class Request:
    label: str
    path: str
    params: dict[str, str]


def requests() -> list[Request]:
    out = []
    for name, params in CASES.items():
        out.append(Request(f"{name} via /sparql", "/sparql", {"query": render(name, params)}))
        out.append(Request(f"{name} via /api/queries", f"/api/queries/{name}", params))
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(store: Path) -> Iterator[str]:
    """`govtrace serve` over ``store``; yields its base URL and stops it (by its pid) after."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "govtrace", "serve", "--store", str(store), "--host",
         "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "GOVTRACE_DATA_DIR": str(store.parent)})
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("govtrace serve did not come up: "
                                   + (process.stderr.read().decode() if process.stderr else ""))
            try:
                httpx.get(base + "/api/queries", timeout=1.0)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still busy with a slow request
            process.kill()
            process.wait()


def timed(client: httpx.Client, request: Request) -> float:
    start = time.perf_counter()
    answer = client.get(request.path, params=request.params)
    elapsed = time.perf_counter() - start
    answer.raise_for_status()
    return elapsed


def sequential(base: str, request: Request, count: int) -> list[float]:
    with httpx.Client(base_url=base, timeout=30) as client:
        timed(client, request)  # warm the connection and the worker
        return [timed(client, request) for _ in range(count)]


def concurrent(base: str, request: Request, workers: int, each: int) -> tuple[list[float], float]:
    def worker(_: int) -> list[float]:
        with httpx.Client(base_url=base, timeout=30) as client:
            return [timed(client, request) for _ in range(each)]

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        times = [t for batch in pool.map(worker, range(workers)) for t in batch]
    return times, time.perf_counter() - start


def percentile(times: list[float], share: float) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[round(share * 100) - 1]


def row(label: str, mode: str, times: list[float], wall: float | None = None) -> str:
    rate = f"{len(times) / wall:8.0f}" if wall else " " * 8
    return (f"{label:32} {mode:16} {len(times):5d} {percentile(times, 0.5) * 1000:8.2f} "
            f"{percentile(times, 0.95) * 1000:8.2f} {rate}")


def build_demo(directory: Path) -> Path:
    from govtrace.graph.build import build, demo_corpus
    from govtrace.settings import Settings

    store = directory / "store"
    build(Settings(data_dir=directory, store_dir=store), [demo_corpus()])
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build the demo)")
    parser.add_argument("--sequential", type=int, default=200)
    parser.add_argument("--workers", type=int, default=10)
    parser.add_argument("--each", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or build_demo(Path(tmp))
        with serving(store) as base:
            print(f"{'query':32} {'mode':16} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}")
            for request in requests():
                print(row(request.label, "sequential", sequential(base, request,
                                                                  args.sequential)))
                times, wall = concurrent(base, request, args.workers, args.each)
                print(row(request.label, f"{args.workers} concurrent", times, wall))


if __name__ == "__main__":
    main()
