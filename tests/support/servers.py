"""Real servers for tests: `oxigraph serve` and govtrace's own app under uvicorn.

Both run as subprocesses on a free loopback port and are stopped (by their own
process id) when the test is done.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import httpx
import uvicorn

from govtrace.api.http_protocol import OneWriteHttpToolsProtocol

OXIGRAPH = Path(sys.executable).with_name("oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise RuntimeError(f"server exited with {process.returncode}: {output}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not come up in {seconds} s")


@contextmanager
def running(command: list[str], url: str, env: dict[str, str] | None = None,
            output: IO[bytes] | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """``command`` started, answering ``url``; its output piped, or written to ``output``."""
    process = subprocess.Popen(command, stdout=output or subprocess.PIPE,
                               stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    try:
        _wait_until_up(url, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """`oxigraph serve` on a directory, the union default graph on; yields its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(OXIGRAPH), "serve", "--location", str(location), "--bind",
               f"127.0.0.1:{port}", "--union-default-graph"]
    with running(command, base + "/query"):
        yield base


@contextmanager
def govtrace_server(env: dict[str, str]) -> Iterator[str]:
    """govtrace's app (settings from GOVTRACE_* in ``env``) under uvicorn; yields its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "uvicorn", "--factory", "govtrace.api.app:app_from_env",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    with running(command, base + "/sparql", env):
        yield base


@contextmanager
def one_write_in_thread(app: Any, **config: Any) -> Iterator[int]:
    """Serve the ASGI ``app`` on a free loopback port from a thread, with the HTTP protocol
    `govtrace serve` installs (api/http_protocol.py); yields the port. ``config`` goes to
    ``uvicorn.Config`` (e.g. ``lifespan="off"``)."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(
        app, host="127.0.0.1", port=port, http=OneWriteHttpToolsProtocol,
        log_level="critical", access_log=False, **config))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(400):
            if server.started:
                break
            threading.Event().wait(0.05)
        assert server.started
        yield port
    finally:
        server.should_exit = True
        thread.join(20)
