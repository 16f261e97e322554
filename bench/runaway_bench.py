"""Ordinary SPARQL while runaway queries run: the query pool's fair scheduling, off and on.

    python bench/runaway_bench.py [--seconds 20] [--clients 8] [--runaways 5]

Builds the demo corpus into a temporary store, then for each policy (``query_preempt_after``
0: off, as before issue 13; then the default: on) starts `govtrace serve` with 2 query
workers and a 10 s timeout, and runs for ``--seconds``: ``--runaways`` clients each sending
a four-way cross product (billions of rows; sent again as soon as it is answered or
stopped) and ``--clients`` ordinary clients (one keep-alive connection each, asyncio +
httpx) cycling through cheap anchored queries. Prints, per policy, the ordinary queries'
count, median and p95 latency (all answers, 503s included: a 503 is the time a user
waited for nothing) and the share of 503s, and whether every 503 carried Retry-After.
Not a test: the figures go in docs/store.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import cycle
from pathlib import Path

import httpx
from http_queries_bench import build_demo, free_port, percentile

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PREFIX = "PREFIX gt: <https://w3id.org/govtrace/ontology#>\n"
ORDINARY = [
    PREFIX + "SELECT ?t WHERE { ?t a gt:Task } LIMIT 20",
    PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?d a gt:PolicyDocument }",
    "ASK { ?s ?p ?o }",
    PREFIX + "SELECT ?t ?title WHERE { ?t gt:title ?title } LIMIT 50",
]
JSON = {"Accept": "application/sparql-results+json"}


@contextmanager
def serving(store: Path, preempt_after: str) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "GOVTRACE_STORE_DIR": str(store), "GOVTRACE_QUERY_WORKERS": "2",
           "GOVTRACE_QUERY_TIMEOUT": "10", "GOVTRACE_QUERY_PREEMPT_AFTER": preempt_after}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "govtrace.api.app:app_from_env",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(base + "/sparql", params={"query": "ASK {}"}, timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


async def load(base: str, seconds: float, clients: int, runaways: int
               ) -> tuple[list[float], int, int, bool]:
    end = time.monotonic() + seconds
    latencies: list[float] = []
    errors = {"503": 0, "other": 0}
    retry_after = True

    async def runaway_client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            while time.monotonic() < end:
                await client.get("/sparql", params={"query": RUNAWAY}, headers=JSON)

    async def ordinary_client(offset: int) -> None:
        nonlocal retry_after
        queries = cycle(ORDINARY[offset % len(ORDINARY):] + ORDINARY[:offset % len(ORDINARY)])
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            while time.monotonic() < end:
                started = time.perf_counter()
                response = await client.get("/sparql", params={"query": next(queries)},
                                            headers=JSON)
                latencies.append(time.perf_counter() - started)
                if response.status_code == 503:
                    errors["503"] += 1
                    retry_after &= "retry-after" in response.headers
                elif response.status_code != 200:
                    errors["other"] += 1

    runners = [asyncio.create_task(runaway_client()) for _ in range(runaways)]
    await asyncio.sleep(1.0)  # the runaways hold the workers first
    await asyncio.gather(*(ordinary_client(i) for i in range(clients)))
    for runner in runners:
        runner.cancel()
    await asyncio.gather(*runners, return_exceptions=True)
    return latencies, errors["503"], errors["other"], retry_after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--runaways", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        store = build_demo(Path(directory))
        print(f"{'policy':34} {'queries':>7} {'median s':>9} {'p95 s':>7} {'503s':>6} "
              f"{'other':>5} Retry-After")
        for label, preempt in (("off (wait for a free worker)", "0"),
                               ("on (longest gives way after 2 s)", "2")):
            with serving(store, preempt) as base:
                times, busy, other, retry = asyncio.run(
                    load(base, args.seconds, args.clients, args.runaways))
            print(f"{label:34} {len(times):7d} {percentile(times, 0.5):9.3f} "
                  f"{percentile(times, 0.95):7.3f} {busy / len(times):6.0%} {other:5d} "
                  f"{'every 503' if retry else 'MISSING'}")


if __name__ == "__main__":
    main()
