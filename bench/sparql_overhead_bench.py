"""/sparql against raw ``oxigraph serve`` on copies of one store: req/s and fixed overhead.

    python bench/sparql_overhead_bench.py [--workdir DIR] [--stores 1k demo] [--clients 1 8 32]
        [--seconds 3] [--rounds 3] [--serve-arg=--processes=2 ...] [--before DIR]
        [--before-serve-arg=--processes=1 ...]

Builds (once, kept in ``--workdir``) the 1k synthetic store (bench/synthetic_corpus.py, seed 7,
then ``govtrace build``) and the demo store, copies each for ``oxigraph serve`` (the binary
beside this Python, ``--union-default-graph``), starts both servers side by side and sends the
same GET requests to each with ``wrk`` (a keep-alive load generator in C: a Python client tops
out near the rates Oxigraph reaches on the demo store, and would take the servers' cores;
``apt-get install wrk``). For each store, query (the lineage query from a county task three
links below the outline, a COUNT over every task, and ``ASK {}``) and client count, the two
servers are run one after the other, their order alternating, ``--rounds`` times; the table
gives medians and the ratio govtrace/Oxigraph, and the ratio of their CPU per request
(Oxigraph's over govtrace's: the rate ratio the two reach when each is held to the same CPU
time, which a loaded machine moves far less than rates). ``ASK {}`` at one client gives the
fixed cost of a request: the difference of the median latencies. The machine is shared: quote
the ratios, and the load printed before and after. Beside each rate, each server's CPU per
request (its processes' user and system time during the run over the requests answered): a
figure a loaded machine moves far less than rates and latencies, where the machine's other work
decides how much of its cores each server gets. ``--before DIR`` (a tree from ``git archive``)
adds a third server, govtrace as that tree has it (``PYTHONPATH=DIR``), in the same rotation,
so before, after and Oxigraph are measured side by side.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import synthetic_corpus
from http_queries_bench import CASES, build_demo, free_port
from scale_bench import query_params
from timing import stop

from govtrace.ontology.namespaces import GT
from govtrace.queries.library import render

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
ACCEPT = "application/sparql-results+json"
COUNT = f"PREFIX gt: <{GT}> SELECT (COUNT(?task) AS ?tasks) WHERE {{ ?task a gt:Task }}"
ASK = "ASK {}"


@dataclass(frozen=True)
class Server:
    name: str
    url: str
    """The query endpoint, to which ``?query=`` is appended."""
    pid: int


@dataclass(frozen=True)
class Run:
    rate: float
    p50_ms: float
    errors: int
    cpu_us: float
    """The server's CPU time per request answered, in µs."""


def store_1k(workdir: Path) -> Path:
    data = workdir / "data-1k"
    if not (data / "store").exists():
        corpus = workdir / "corpus-1k"
        if not corpus.exists():
            synthetic_corpus.generate(synthetic_corpus.SIZES["1k"], 7, corpus)
        subprocess.run([sys.executable, "-m", "govtrace", "build", "--store",
                        str(data / "store"), str(corpus)], check=True,
                       env={**os.environ, "GOVTRACE_DATA_DIR": str(data)})
    return data / "store"


def store_demo(workdir: Path) -> Path:
    data = workdir / "data-demo"
    return data / "store" if (data / "store").exists() else build_demo(data)


def lineage_task(store: Path) -> str:
    from govtrace.graph.store_oxigraph import EmbeddedStore
    from govtrace.settings import Settings

    opened = EmbeddedStore.open(Settings(data_dir=store.parent, store_dir=store),
                                read_only=True)
    try:
        task = query_params(opened)["lineage"]["task"]
    finally:
        opened.close()
    return task or CASES["lineage"]["task"]


def oxigraph_copy(store: Path) -> Path:
    copy = store.with_name(store.name + "-oxigraph")
    if not copy.exists():
        shutil.copytree(store, copy)
    return copy


@contextmanager
def running(command: list[str], probe: str, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """A server started by ``command`` (in ``cwd``), up when ``probe`` answers, stopped by its
    pid after. Its output goes to a file: a pipe nobody reads would stop it once full, and
    reading one from a server that is still running never ends."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log,
                                   env={**os.environ, **(env or {})}, cwd=cwd)
        try:
            deadline = time.monotonic() + 180
            while True:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"{command[0]} did not come up: "
                                       f"{log.read().decode(errors='replace')[-4000:]}")
                try:
                    urllib.request.urlopen(probe, timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            wait_idle(process.pid)
            yield process
        finally:
            stop(process)


def cpu(pid: int) -> float:
    """CPU seconds (user and system) of a process and its children, its query workers."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:  # it ended meanwhile
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu(int(child)) for child in children)


def wait_idle(pid: int, seconds: float = 120) -> None:
    """Wait until the server has finished starting up (the JSON API's indexes are built in
    the background, in each of several serving processes): the process and its children under
    5 % of a core for half a second."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        before = cpu(pid)
        time.sleep(0.5)
        if cpu(pid) - before < 0.025:
            return


@contextmanager
def servers(store: Path, serve_args: list[str], before: Path | None,
            before_args: list[str]) -> Iterator[list[Server]]:
    """govtrace, Oxigraph, and govtrace from the ``before`` tree if given, all running."""
    copy = oxigraph_copy(store)
    with ExitStack() as stack:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        oxigraph = stack.enter_context(running(
            [str(OXIGRAPH), "serve", "--location", str(copy), "--bind", f"127.0.0.1:{port}",
             "--union-default-graph"], f"{base}/query?query=ASK%7B%7D"))
        found = [Server("oxigraph", f"{base}/query", oxigraph.pid)]
        trees = {"govtrace": None} | ({"before": before} if before else {})
        for name, tree in trees.items():
            # a store of its own for the old tree: its snapshots and indexes are its own
            location = store if tree is None else store.with_name(store.name + "-before")
            if not location.exists():
                shutil.copytree(store, location)
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            env = {"GOVTRACE_DATA_DIR": str(location.parent)}
            # Started in its tree: `python -m` puts the working directory first on the path,
            # so from this repository's root the --before server ran this tree's govtrace.
            process = stack.enter_context(running(
                [sys.executable, "-m", "govtrace", "serve", "--store", str(location),
                 "--host", "127.0.0.1", "--port", str(port),
                 *(serve_args if tree is None else before_args)],
                f"{base}/sparql?query=ASK%7B%7D",
                env if tree is None else {**env, "PYTHONPATH": str(tree)},
                cwd=Path(__file__).resolve().parents[1] if tree is None else tree))
            found.insert(len(found) - 1, Server(name, f"{base}/sparql", process.pid))
        yield found


def wrk(server: Server, query: str, clients: int, seconds: float) -> Run:
    url = server.url + "?" + urllib.parse.urlencode({"query": query})
    check = urllib.request.Request(url, headers={"Accept": ACCEPT})
    with urllib.request.urlopen(check, timeout=30) as answer:  # a wrong answer is no figure
        if answer.status != 200 or b'"' not in answer.read():
            raise RuntimeError(f"{server.name} answered {answer.status} to {query!r}")
    used = cpu(server.pid)
    output = subprocess.run(
        ["wrk", "-t", str(min(clients, 2)), "-c", str(clients), "-d", f"{seconds:g}s",
         "--latency", "-H", f"Accept: {ACCEPT}", url],
        check=True, capture_output=True, text=True).stdout
    used = cpu(server.pid) - used
    rate = re.search(r"Requests/sec:\s*([\d.]+)", output)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", output)
    answered = re.search(r"(\d+) requests in", output)
    if rate is None or p50 is None or answered is None:
        raise RuntimeError(f"cannot read wrk's output:\n{output}")
    scale = {"us": 1e-3, "ms": 1.0, "s": 1e3}[p50[2]]
    errors = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*", output)
    if socket_errors:
        print(f"  ({server.name}: {socket_errors[0]})", file=sys.stderr)
    return Run(float(rate[1]), float(p50[1]) * scale, int(errors[1]) if errors else 0,
               used / max(1, int(answered[1])) * 1e6)


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure(store_name: str, store: Path, queries: dict[str, str], clients: list[int],
            seconds: float, rounds: int, serve_args: list[str], before: Path | None,
            before_args: list[str]) -> None:
    with servers(store, serve_args, before, before_args) as group:
        names = [server.name for server in group]  # govtrace [, before], oxigraph
        print(f"\n{store_name} store ({store}); load {load()}")
        print(f"{'query':8} {'clients':>7} "
              + " ".join(f"{name + ' req/s':>15}" for name in names)
              + " " + " ".join(f"{'ratio ' + name[:6]:>12}" for name in names[:-1])
              + " " + " ".join(f"{name[:6] + ' p50 ms':>14}" for name in names)
              + " " + " ".join(f"{name[:6] + ' µs/req':>13}" for name in names)
              + " " + " ".join(f"{'cpu ratio ' + name[:6]:>16}" for name in names[:-1])
              + f" {'errors':>6} {'load':>5}")
        for label, query in queries.items():
            for count in clients:
                runs: dict[str, list[Run]] = {name: [] for name in names}
                for round_ in range(rounds):
                    for server in (group if round_ % 2 == 0 else group[::-1]):
                        runs[server.name].append(wrk(server, query, count, seconds))
                medians = {name: _median(runs[name]) for name in names}
                ox = medians["oxigraph"]
                errors = sum(run.errors for batch in runs.values() for run in batch)
                print(f"{label:8} {count:7d} "
                      + " ".join(f"{medians[name].rate:15.0f}" for name in names) + " "
                      + " ".join(f"{medians[name].rate / ox.rate:12.2f}" for name in names[:-1])
                      + " " + " ".join(f"{medians[name].p50_ms:14.3f}" for name in names)
                      + " " + " ".join(f"{medians[name].cpu_us:13.0f}" for name in names)
                      + " " + " ".join(f"{ox.cpu_us / medians[name].cpu_us:16.2f}"
                                       for name in names[:-1])
                      + f" {errors:6d} {load().split()[0]:>5}", flush=True)
                if label == "ask" and count == 1:
                    print(f"{'':8} fixed overhead per request (p50 difference): " + ", ".join(
                        f"{name} {(medians[name].p50_ms - ox.p50_ms) * 1000:.0f} µs"
                        for name in names[:-1]) + "; in CPU: " + ", ".join(
                        f"{name} {medians[name].cpu_us - ox.cpu_us:.0f} µs"
                        for name in names[:-1]), flush=True)
        print(f"load after: {load()}")


def _median(runs: list[Run]) -> Run:
    return Run(statistics.median(run.rate for run in runs),
               statistics.median(run.p50_ms for run in runs), 0,
               statistics.median(run.cpu_us for run in runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/govtrace-sparql-bench"))
    parser.add_argument("--stores", nargs="+", default=["1k", "demo"], choices=["1k", "demo"])
    parser.add_argument("--clients", nargs="+", type=int, default=[1, 8, 32])
    parser.add_argument("--queries", nargs="+", default=["lineage", "count", "ask"],
                        choices=["lineage", "count", "ask"])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--serve-arg", action="append", default=[], dest="serve_args",
                        help="an option passed on to `govtrace serve` (repeatable)")
    parser.add_argument("--before-serve-arg", action="append", default=None,
                        dest="before_args", help="an option for the --before tree's server "
                        "(repeatable; default: those of --serve-arg), e.g. to measure "
                        "--processes=1 and 2 side by side with the same tree as --before")
    parser.add_argument("--before", type=Path, default=None,
                        help="a govtrace tree (git archive) to measure beside this one")
    args = parser.parse_args()
    # stopped by a signal, still stop the servers (the `finally` of `running`)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    if shutil.which("wrk") is None:
        sys.exit("this bench needs wrk (apt-get install wrk)")
    args.workdir.mkdir(parents=True, exist_ok=True)
    before_args = args.serve_args if args.before_args is None else args.before_args
    print(f"govtrace serve {' '.join(args.serve_args)}"
          + (f"; before: serve {' '.join(before_args)}" if args.before else "")
          + f"; {args.rounds} rounds of "
          f"{args.seconds:g} s per server and cell, medians; cores {os.cpu_count()}")
    for name in args.stores:
        store = store_1k(args.workdir) if name == "1k" else store_demo(args.workdir)
        queries = {"lineage": render("lineage", {"task": lineage_task(store)}),
                   "count": COUNT, "ask": ASK}
        measure(name, store, {q: queries[q] for q in args.queries}, args.clients,
                args.seconds, args.rounds, args.serve_args, args.before, before_args)


if __name__ == "__main__":
    main()
