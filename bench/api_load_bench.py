"""Load on the JSON API: concurrent clients on loopback (prints p50/p95; not a test).

    python bench/api_load_bench.py [--store DIR] [--clients 50] [--seconds 20] [--uncached]

Starts `govtrace serve` over DIR (the demo corpus built into a temporary directory when not
given), waits until it answers /api/mandates (its index of cited tasks is built in the
background at start: the wait is printed), then ``--clients`` asyncio clients, one
keep-alive connection each, alternate between /api/mandates (rotating topics) and
/api/tasks/{doc_id}/{n}/lineage (rotating tasks that the warm-up's answers cite) for
``--seconds`` (at most 30). Prints p50/p95 per endpoint, throughput and the error count
(expected: 0) and the CPU each request cost the server and the client.

``--no-lineage`` loads /api/mandates alone. ``--uncached`` measures what answering costs
rather than the response cache: the server runs with ``api_cache_size=0`` and the topics
are every Chinese and English term of the glossary (350), in a shuffled order, so no two
requests in a row ask the same. Targets: p95 < 100 ms on the seeds (cached), and for
/api/mandates uncached with 4 clients at 10,000 documents.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import cycle
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from http_queries_bench import build_demo, percentile, serving

from govtrace.queries.glossary import glossary

TOPICS = ["行政规范性文件", "重大行政决策", "行政复议", "administrative reconsideration",
          "营商环境", "行政执法"]
TASKS = ["150626-2024-work_plan-47b40eba/5", "150626-2024-work_plan-47b40eba/7",
         "150000-2021-implementation_scheme-e558c10c/6", "150202-2021-work_plan-b8452a41/9",
         "national-outline-2021-2025/9"]
MAX_SECONDS = 30.0
INDEX_WAIT_S = 600.0  # the first mandates answer waits for the index: 30–100 s at 10k
WARM_TOPICS = 6  # mandates answers asked before the load, whose tasks the lineage asks
_TICK = os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """The processes started by ``pid``, at any depth (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        for child in (task / "children").read_text().split():
            found += [int(child), *descendants(int(child))]
    return found


def server_cpu() -> float:
    """CPU seconds used so far by `govtrace serve` and its workers (our descendants).

    Reported per request because on a shared machine the latency figures depend on what
    else runs; the server's CPU cost per request does not."""
    total = 0
    for pid in descendants(os.getpid()):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue  # ended meanwhile
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICK


Plan = Iterator[tuple[str, str, dict[str, str]]]


def topics(uncached: bool) -> list[str]:
    """The seed topics, or every glossary term in both languages (seeded shuffle)."""
    if not uncached:
        return TOPICS
    terms = [text for term in glossary().terms for text in (term.zh, term.en)]
    random.Random(7).shuffle(terms)
    return terms


def plan(asked: list[str], tasks: list[str]) -> Plan:
    """Mandates of each topic, each followed by a task's lineage unless ``tasks`` is empty."""
    requests = []
    for topic, task in zip(asked, cycle(tasks or [""]), strict=False):
        requests.append(("/api/mandates", "/api/mandates", {"q": topic}))
        if task:
            requests.append(("/api/tasks/{id}/lineage", f"/api/tasks/{task}/lineage", {}))
    return cycle(requests)


async def warm(base: str, asked: list[str], lineage: bool) -> tuple[float, list[str]]:
    """Seconds until the first mandates answer (the index's build), and (for ``lineage``) a
    few task ids the first answers cite (the demo's tasks when they cite none)."""
    cited: list[str] = []
    async with httpx.AsyncClient(base_url=base, timeout=INDEX_WAIT_S) as http:
        start = time.perf_counter()
        (await http.get("/api/mandates", params={"q": TOPICS[0]})).raise_for_status()
        waited = time.perf_counter() - start
        for topic in [TOPICS[0], *asked[:WARM_TOPICS]]:
            answer = await http.get("/api/mandates", params={"q": topic})
            answer.raise_for_status()
            cited += [evidence["task"]["id"] for result in answer.json()["results"]
                      for evidence in result["evidence"]]
        tasks = list(dict.fromkeys(cited or TASKS))[:len(TASKS)] if lineage else []
        for task in tasks:
            (await http.get(f"/api/tasks/{task}/lineage")).raise_for_status()
    return waited, tasks


class Connection:
    """A keep-alive HTTP/1.1 connection sending GETs and reading Content-Length answers.

    Hand-written rather than httpx: httpx spends 1.5–2.5 ms of CPU per request (measured),
    two to three times what a cached answer costs the server, so on two shared cores the
    figures measured the client. This reads only what uvicorn sends govtrace's JSON with."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str, params: dict[str, str]) -> int:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        target = f"{path}?{urlencode(params)}" if params else path
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:"))
        await reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()


async def client(base: str, requests: Plan,
                 until: float, times: dict[str, list[float]], errors: list[str]) -> None:
    address = urlsplit(base)
    assert address.hostname is not None and address.port is not None
    connection = Connection(address.hostname, address.port)
    try:
        while time.perf_counter() < until:
            label, path, params = next(requests)
            start = time.perf_counter()
            try:
                status = await connection.get(path, params)
            except (OSError, asyncio.IncompleteReadError, StopIteration) as error:
                errors.append(f"{path}: {error!r}")
                connection.close()
                connection = Connection(address.hostname, address.port)
                continue
            elapsed = time.perf_counter() - start
            if status != 200:
                errors.append(f"{path}: {status}")
            times[label].append(elapsed)
    finally:
        connection.close()


async def load(base: str, clients: int, seconds: float, uncached: bool,
               lineage: bool) -> dict[str, Any]:
    """The load run; returns p50/p95 (ms) per endpoint and the run's totals."""
    asked = topics(uncached)
    waited, tasks = await warm(base, asked, lineage)
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    requests = plan(asked, tasks)
    cpu, client_cpu, start = server_cpu(), time.process_time(), time.perf_counter()
    await asyncio.gather(*(client(base, requests, start + seconds, times, errors)
                           for _ in range(clients)))
    wall = time.perf_counter() - start
    cpu, client_cpu = server_cpu() - cpu, time.process_time() - client_cpu
    total = sum(len(t) for t in times.values())
    return {"clients": clients, "uncached": uncached, "first_mandates_s": waited,
            "seconds": wall, "requests": total, "errors": errors,
            "server_cpu_ms": cpu / total * 1000, "client_cpu_ms": client_cpu / total * 1000,
            "endpoints": {label: {"n": len(samples),
                                  "p50_ms": percentile(samples, 0.5) * 1000,
                                  "p95_ms": percentile(samples, 0.95) * 1000}
                          for label, samples in sorted(times.items())}}


@contextmanager
def server(store: Path, uncached: bool) -> Iterator[str]:
    """`govtrace serve` over ``store`` (its response cache off when ``uncached``)."""
    previous = os.environ.get("GOVTRACE_API_CACHE_SIZE")
    if uncached:
        os.environ["GOVTRACE_API_CACHE_SIZE"] = "0"  # serving() passes our environment on
    try:
        with serving(store) as base:
            yield base
    finally:
        if previous is None:
            os.environ.pop("GOVTRACE_API_CACHE_SIZE", None)
        else:
            os.environ["GOVTRACE_API_CACHE_SIZE"] = previous


def api_load(store: Path, clients: int = 4, seconds: float = 15.0, uncached: bool = True,
             lineage: bool = True) -> dict[str, Any]:
    """A server over ``store`` under ``clients`` clients for ``seconds`` (bench/scale_bench.py
    calls this): see :func:`load` for what it returns."""
    with server(store, uncached) as base:
        return asyncio.run(load(base, clients, min(seconds, MAX_SECONDS), uncached, lineage))


def report(result: dict[str, Any]) -> None:
    total, wall = result["requests"], result["seconds"]
    print(f"first /api/mandates answer after {result['first_mandates_s']:.1f} s "
          f"(the index of cited tasks); {'uncached' if result['uncached'] else 'cached'}")
    print(f"{result['clients']} clients, {wall:.1f} s, {total} requests, "
          f"{total / wall:.0f} req/s, {len(result['errors'])} errors; CPU per request: "
          f"server {result['server_cpu_ms']:.2f} ms, client {result['client_cpu_ms']:.2f} ms; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'endpoint':28} {'n':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for label, figures in result["endpoints"].items():
        print(f"{label:28} {figures['n']:6d} {figures['p50_ms']:8.1f} {figures['p95_ms']:8.1f}")
    for error in result["errors"][:10]:
        print("error:", error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build the demo)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--uncached", action="store_true",
                        help="response cache off, every glossary term as a topic")
    parser.add_argument("--no-lineage", dest="lineage", action="store_false",
                        help="load /api/mandates alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or build_demo(Path(tmp))
        report(api_load(store, args.clients, args.seconds, args.uncached, args.lineage))


if __name__ == "__main__":
    main()
