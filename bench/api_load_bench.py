"""Load on the JSON API: 50 concurrent clients on loopback (prints p50/p95; not a test).

    python bench/api_load_bench.py [--store DIR] [--clients 50] [--seconds 20]

Starts `govtrace serve` over DIR (the demo corpus built into a temporary directory when not
given), then ``--clients`` asyncio clients, one keep-alive connection each, alternate between
/api/mandates (rotating topics) and /api/tasks/{doc_id}/{n}/lineage (rotating tasks) for
``--seconds`` (at most 30). Prints p50/p95 per endpoint, throughput and the error count
(expected: 0) and the CPU each request cost the server and the client. Target on the seeds:
p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections import defaultdict
from itertools import cycle, islice
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
from http_queries_bench import build_demo, percentile, serving

TOPICS = ["行政规范性文件", "重大行政决策", "行政复议", "administrative reconsideration",
          "营商环境", "行政执法"]
TASKS = ["000_6b53b361d8411ab5/5", "000_6b53b361d8411ab5/7", "004_c5645c69c3d939d1/6",
         "003_accc9ad9ab75ee78/9", "national-outline-2021-2025/9"]
MAX_SECONDS = 30.0
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


def plan() -> cycle[tuple[str, str, dict[str, str]]]:
    requests = []
    for topic, task in zip(TOPICS, cycle(TASKS), strict=False):
        requests.append(("/api/mandates", "/api/mandates", {"q": topic}))
        requests.append(("/api/tasks/{id}/lineage", f"/api/tasks/{task}/lineage", {}))
    return cycle(requests)


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


async def client(base: str, requests: cycle[tuple[str, str, dict[str, str]]],
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


async def load(base: str, clients: int, seconds: float) -> None:
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        for _, path, params in islice(plan(), 2 * len(TOPICS)):  # warm workers and caches
            (await http.get(path, params=params)).raise_for_status()
    requests = plan()
    cpu, client_cpu, start = server_cpu(), time.process_time(), time.perf_counter()
    await asyncio.gather(*(client(base, requests, start + seconds, times, errors)
                           for _ in range(clients)))
    wall = time.perf_counter() - start
    cpu, client_cpu = server_cpu() - cpu, time.process_time() - client_cpu
    total = sum(len(t) for t in times.values())
    print(f"{clients} clients, {wall:.1f} s, {total} requests, {total / wall:.0f} req/s, "
          f"{len(errors)} errors; CPU per request: server {cpu / total * 1000:.2f} ms, "
          f"client {client_cpu / total * 1000:.2f} ms; load average {os.getloadavg()[0]:.1f}")
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
