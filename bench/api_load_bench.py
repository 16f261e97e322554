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

``--every-endpoint`` (issue 16, targets 2 and 4) measures every ``/api`` endpoint instead,
uncached, once per ``--processes`` count (``1,2``: ``govtrace serve --processes``):

1. start-up: the server is started and every endpoint asked at once, again and again until
   it answers; the seconds from the launch to each endpoint's first answer;
2. load: each endpoint alone under ``--clients`` (8) clients for ``--seconds`` (5), after
   ``--warm-up`` (2) seconds of the same load left unmeasured, its
   parameters varied (documents, tasks, regulations, divisions, years and offsets read from
   the store through the API, glossary terms as queries): p50/p95, req/s and the server's
   CPU per request (what a loaded machine does not change) per endpoint.

Run it once per tree to compare (``PYTHONPATH=/tmp/before python bench/api_load_bench.py
--every-endpoint --store S`` then without), alternating; it prints the load average beside
each figure. ``/api/queries/{name}`` (saved SPARQL, the pool's) is left to
bench/saved_queries_bench.py.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
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
from http_queries_bench import build_demo, free_port, percentile, serving
from timing import stop

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
        try:
            children = (task / "children").read_text().split()
        except FileNotFoundError:
            continue  # the thread ended since the listing
        for child in children:
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


def server_memory(pid: int | None = None, depth: int = 1) -> list[str]:
    """Each process of the server (our descendants) as its depth below us, what it runs
    (``serve``; ``spawn``: a uvicorn server process under ``serve``, or a query worker
    under a server process; ``tracker``: multiprocessing's) and its resident MB."""
    found = []
    for task in Path(f"/proc/{pid or os.getpid()}/task").glob("*"):
        try:
            children = [int(child) for child in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
        for child in children:
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes()
                status = Path(f"/proc/{child}/status").read_text()
            except FileNotFoundError:
                continue  # ended meanwhile
            kb = next(int(line.split()[1]) for line in status.splitlines()
                      if line.startswith("VmRSS:"))
            role = ("tracker" if b"resource_tracker" in command else
                    "spawn" if b"spawn_main" in command else
                    "serve" if b"serve" in command else "other")
            found += [f"d{depth} {role} {kb / 1024:.0f}", *server_memory(child, depth + 1)]
    return found


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


EVERY_SECONDS = 5.0
WARM_UP_S = 2.0
"""Unmeasured load on each endpoint before its measured load: a server's first answers
build per-snapshot lookups (documents and works by IRI, the citation columns), in every
process; measured cold, a 3-second run charged them to the endpoint."""
STARTUP_DEADLINE_S = 900.0
Requests = dict[str, list[tuple[str, dict[str, str]]]]


async def every_endpoint_requests(base: str) -> Requests:
    """Varied requests for every /api endpoint, read from the store through the API."""
    spread = random.Random(7)
    async with httpx.AsyncClient(base_url=base, timeout=STARTUP_DEADLINE_S) as http:
        async def get(path: str, **params: str) -> Any:
            answer = await http.get(path, params=params)
            answer.raise_for_status()
            return answer.json()

        documents = (await get("/api/documents", limit="10000"))["results"]
        regulations = (await get("/api/regulations", limit="10000"))["results"]
        sample = spread.sample(documents, min(20, len(documents)))
        details = [await get(f"/api/documents/{doc['id']}") for doc in sample[:8]]
    tasks = [task["id"] for detail in details for task in detail["tasks"]][:40]
    regulation_keys = ([r["iri"].rsplit("/", 1)[-1] for r in regulations[:5]]  # most cited
                       + [r["iri"].rsplit("/", 1)[-1]
                          for r in spread.sample(regulations, min(15, len(regulations)))])
    adcodes = sorted({d["division"]["adcode"] for d in documents
                      if d.get("division") and d["division"].get("adcode")})
    reports = [(d["division"]["adcode"], str(d["year"])) for d in documents
               if d.get("type") == "WorkReport" and d.get("year") and d.get("division")
               and d["division"].get("adcode")]
    words = topics(True)[:60]
    pages = [str(offset) for offset in (0, 100, 200, 500)]
    return {
        "/api/mandates": [("/api/mandates", {"q": w}) for w in words],
        "/api/search": [("/api/search", {"q": w}) for w in words],
        "/api/tasks/{id}": [(f"/api/tasks/{t}", {}) for t in tasks],
        "/api/tasks/{id}/lineage": [(f"/api/tasks/{t}/lineage", {}) for t in tasks],
        "/api/regulations": [("/api/regulations", {"offset": o, "limit": "100"}) for o in pages],
        "/api/regulations/{key}": [(f"/api/regulations/{k}", {"limit": "100"})
                                   for k in regulation_keys],
        "/api/documents": [("/api/documents", {"offset": o, "limit": "100"}) for o in pages],
        "/api/documents/{id}": [(f"/api/documents/{d['id']}", {}) for d in sample],
        "/api/divisions/{adcode}": [(f"/api/divisions/{a}", {}) for a in adcodes[:30]],
        "/api/coverage": [("/api/coverage", {"offset": o, "limit": "100"}) for o in ("0", "10")],
        "/api/glossary": [("/api/glossary", {})],
        "/api/plan-vs-report": [("/api/plan-vs-report", {"division": a, "year": y})
                                for a, y in spread.sample(reports, min(10, len(reports)))],
    }


@contextmanager
def launched(store: Path, processes: int) -> Iterator[tuple[str, float]]:
    """`govtrace serve --processes N` over ``store``, uncached; yields its base URL and the
    moment it was launched (``time.perf_counter``), without waiting for it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "govtrace", "serve", "--store", str(store), "--host",
         "127.0.0.1", "--port", str(port), "--processes", str(processes)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "GOVTRACE_DATA_DIR": str(store.parent),
             "GOVTRACE_API_CACHE_SIZE": "0"})
    launched_at = time.perf_counter()
    try:
        yield f"http://127.0.0.1:{port}", launched_at
    finally:
        stop(process)


async def first_answers(base: str, launched_at: float, requests: Requests) -> dict[str, float]:
    """Seconds from the launch to each endpoint's first 200, all asked at once."""
    async def first(path: str, params: dict[str, str]) -> float:
        async with httpx.AsyncClient(base_url=base, timeout=STARTUP_DEADLINE_S) as http:
            while time.perf_counter() - launched_at < STARTUP_DEADLINE_S:
                try:
                    if (await http.get(path, params=params)).status_code == 200:
                        return time.perf_counter() - launched_at
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.02)
        return float("nan")

    labels = sorted(requests)
    times = await asyncio.gather(*(first(*requests[label][0]) for label in labels))
    return dict(zip(labels, times, strict=True))


async def endpoint_load(base: str, label: str, requests: list[tuple[str, dict[str, str]]],
                        clients: int, seconds: float) -> dict[str, Any]:
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    plan = cycle([(label, path, params) for path, params in requests])
    cpu, start = server_cpu(), time.perf_counter()
    await asyncio.gather(*(client(base, plan, start + seconds, times, errors)
                           for _ in range(clients)))
    wall, cpu = time.perf_counter() - start, server_cpu() - cpu
    samples = times[label]
    return {"n": len(samples), "req_s": len(samples) / wall, "errors": len(errors),
            "cpu_ms": cpu / max(len(samples), 1) * 1000,
            "p50_ms": percentile(samples, 0.5) * 1000 if samples else float("nan"),
            "p95_ms": percentile(samples, 0.95) * 1000 if samples else float("nan"),
            "load": os.getloadavg()[0]}


def every_endpoint(store: Path, processes: list[int], clients: int, seconds: float,
                   only: list[str] | None = None, warm_up: float = 0.0,
                   lineage_of: list[str] | None = None) -> None:
    """Start-up and load of every /api endpoint (or those whose label holds one of
    ``only``) per process count (see the module's doc), each endpoint's load measured after
    ``warm_up`` seconds of the same load; the lineage of ``lineage_of`` (task ids), when
    given, instead of sampled tasks'."""
    with launched(store, 1) as (base, _):
        requests = asyncio.run(discover_when_up(base))
    if lineage_of:  # the sample seldom holds a national item, the longest answer (issue 16)
        requests["/api/tasks/{id}/lineage"] = [(f"/api/tasks/{task}/lineage", {})
                                              for task in lineage_of]
    if only:
        requests = {label: asked for label, asked in requests.items()
                    if any(part in label for part in only)}
    for count in processes:
        with launched(store, count) as (base, launched_at):
            started = asyncio.run(first_answers(base, launched_at, requests))
            print(f"\n{count} process(es): start-up to the first answer, s "
                  f"(load average {os.getloadavg()[0]:.1f})")
            for label, waited in started.items():
                print(f"  {label:26} {waited:7.2f}")
            print(f"{count} process(es), {clients} clients, uncached, {seconds:.0f} s each "
                  f"after {warm_up:.0f} s of warm-up")
            print(f"  {'endpoint':26} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} "
                  f"{'cpu ms':>7} {'errors':>6} {'load':>5}")
            for label in sorted(requests):
                if warm_up:  # unmeasured: each process's lookups are built on first use
                    asyncio.run(endpoint_load(base, label, requests[label], clients, warm_up))
                figures = asyncio.run(endpoint_load(base, label, requests[label], clients,
                                                    seconds))
                print(f"  {label:26} {figures['n']:6d} {figures['p50_ms']:8.1f} "
                      f"{figures['p95_ms']:8.1f} {figures['req_s']:7.1f} "
                      f"{figures['cpu_ms']:7.1f} {figures['errors']:6d} {figures['load']:5.1f}")
            print(f"{count} process(es): resident MB after the load: "
                  + ", ".join(server_memory()))


async def discover_when_up(base: str) -> Requests:
    """The every-endpoint requests of a server, once it answers (it may still be starting)."""
    deadline = time.perf_counter() + STARTUP_DEADLINE_S
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        while time.perf_counter() < deadline:
            try:
                (await http.get("/api/glossary")).raise_for_status()
                break
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    return await every_endpoint_requests(base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build the demo)")
    parser.add_argument("--clients", type=int, help="default 50 (--every-endpoint: 8)")
    parser.add_argument("--seconds", type=float,
                        help="default 20 (--every-endpoint: 5 per endpoint)")
    parser.add_argument("--uncached", action="store_true",
                        help="response cache off, every glossary term as a topic")
    parser.add_argument("--no-lineage", dest="lineage", action="store_false",
                        help="load /api/mandates alone")
    parser.add_argument("--every-endpoint", action="store_true",
                        help="start-up and load of every /api endpoint (issue 16)")
    parser.add_argument("--processes", default="1,2",
                        help="with --every-endpoint: server process counts to measure")
    parser.add_argument("--warm-up", type=float, default=WARM_UP_S,
                        help="with --every-endpoint: seconds of unmeasured load before each "
                        f"endpoint's (default {WARM_UP_S:.0f})")
    parser.add_argument("--only", help="with --every-endpoint: the endpoints whose label "
                        "holds one of these comma-separated texts (e.g. search,lineage)")
    parser.add_argument("--lineage-of", help="with --every-endpoint: comma-separated task "
                        "ids (doc_id/n) whose lineage to load instead of sampled tasks' "
                        "(e.g. national-outline-2021-2025/9)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or build_demo(Path(tmp))
        if args.every_endpoint:
            every_endpoint(store, [int(n) for n in args.processes.split(",")],
                           args.clients or 8, min(args.seconds or EVERY_SECONDS, MAX_SECONDS),
                           args.only.split(",") if args.only else None, args.warm_up,
                           args.lineage_of.split(",") if args.lineage_of else None)
            return
        report(api_load(store, args.clients or 50, args.seconds or 20.0, args.uncached,
                        args.lineage))


if __name__ == "__main__":
    main()
