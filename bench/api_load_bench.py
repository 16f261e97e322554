"""Load on the JSON API: 50 concurrent clients on loopback (prints p50/p95; not a test).

    python bench/api_load_bench.py [--store DIR] [--clients 50] [--seconds 20]

Starts `govtrace serve` over DIR (the demo corpus built into a temporary directory when not
given), then ``--clients`` asyncio clients sharing one httpx.AsyncClient alternate between
/api/mandates (rotating topics) and /api/tasks/{doc_id}/{n}/lineage (rotating tasks) for
``--seconds`` (at most 30). Prints p50/p95 per endpoint, throughput and the error count
(expected: 0). Target on the seeds: p95 < 100 ms. httpx alone tops out near 800 req/s, so
the client, not the server, may bound the throughput figure.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import defaultdict
from itertools import cycle, islice
from pathlib import Path

import httpx
from http_queries_bench import build_demo, percentile, serving

TOPICS = ["行政规范性文件", "重大行政决策", "行政复议", "administrative reconsideration",
          "营商环境", "行政执法"]
TASKS = ["000_6b53b361d8411ab5/5", "000_6b53b361d8411ab5/7", "004_c5645c69c3d939d1/6",
         "003_accc9ad9ab75ee78/9", "national-outline-2021-2025/9"]
MAX_SECONDS = 30.0


def plan() -> cycle[tuple[str, str, dict[str, str]]]:
    requests = []
    for topic, task in zip(TOPICS, cycle(TASKS), strict=False):
        requests.append(("/api/mandates", "/api/mandates", {"q": topic}))
        requests.append(("/api/tasks/{id}/lineage", f"/api/tasks/{task}/lineage", {}))
    return cycle(requests)


async def client(http: httpx.AsyncClient, requests: cycle[tuple[str, str, dict[str, str]]],
                 until: float, times: dict[str, list[float]], errors: list[str]) -> None:
    while time.perf_counter() < until:
        label, path, params = next(requests)
        start = time.perf_counter()
        try:
            response = await http.get(path, params=params)
        except httpx.HTTPError as error:
            errors.append(f"{path}: {error!r}")
            continue
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            errors.append(f"{path}: {response.status_code}")
        times[label].append(elapsed)


async def load(base: str, clients: int, seconds: float) -> None:
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        for _, path, params in islice(plan(), 2 * len(TOPICS)):  # warm workers and caches
            (await http.get(path, params=params)).raise_for_status()
        requests = plan()
        start = time.perf_counter()
        await asyncio.gather(*(client(http, requests, start + seconds, times, errors)
                               for _ in range(clients)))
        wall = time.perf_counter() - start
    total = sum(len(t) for t in times.values())
    print(f"{clients} clients, {wall:.1f} s, {total} requests, {total / wall:.0f} req/s, "
          f"{len(errors)} errors")
    print(f"{'endpoint':28} {'n':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for label, samples in sorted(times.items()):
        print(f"{label:28} {len(samples):6d} {percentile(samples, 0.5) * 1000:8.1f} "
              f"{percentile(samples, 0.95) * 1000:8.1f}")
    for error in errors[:10]:
        print("error:", error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build the demo)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or build_demo(Path(tmp))
        with serving(store) as base:
            asyncio.run(load(base, args.clients, min(args.seconds, MAX_SECONDS)))


if __name__ == "__main__":
    main()
