"""``govtrace serve``: the HTTP application (``/sparql``, the JSON API and the pages)."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from govtrace.cli_context import StoreOption, settings_of
from govtrace.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI


def serve(
    ctx: typer.Context,
    store: StoreOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    processes: Annotated[int | None, typer.Option(
        min=1, help="Server processes on the port (setting serve_processes).")] = None,
    access_log: Annotated[bool | None, typer.Option(
        "--access-log/--no-access-log", help="Log every request (setting access_log).")] = None,
) -> None:
    """Serve /sparql (and the API); builds the demo corpus first if there is no store."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from govtrace.api.http_protocol import OneWriteHttpToolsProtocol
    from govtrace.graph.store_factory import store_exists

    settings = settings_of(ctx, store_dir=store, host=host, port=port,
                           serve_processes=processes, access_log=access_log)
    if not store_exists(settings):
        # Imported only here: the build's modules (the linker's, datasketch's scipy) are
        # about a third of a server's imports, which are most of its start-up (issue 16).
        from govtrace.graph.build import build, demo_corpus

        typer.echo(f"no store at {settings.resolved_store_dir}; building the demo corpus",
                   err=True)
        build(settings, [demo_corpus()])
    for what, url in start_urls(settings.host, settings.port):
        typer.echo(f"{what:<14} {url}")
    # The app is made by each process from the settings (a factory, pickled to the processes
    # uvicorn spawns), not passed made: a made app cannot be sent to another process. Uvicorn
    # picks httptools and uvloop (installed with uvicorn[standard]) when they are there.
    # With several processes uvicorn kills one that has not answered its health check within
    # timeout_worker_healthcheck (5 s by default): on a loaded machine a process starting its
    # query pool and indexes missed it again and again, and never served (issue 16). Each
    # response goes out in one write (http_protocol).
    config = uvicorn.Config(AppFactory(settings), factory=True, host=settings.host,
                            port=settings.port, workers=settings.serving_processes,
                            access_log=settings.access_log, timeout_worker_healthcheck=60,
                            http=OneWriteHttpToolsProtocol)
    if settings.serving_processes > 1:
        _fork_serving_processes()
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    server = uvicorn.Server(config)
    server.run()
    if not server.started:  # the port is taken, or the app failed to start: uvicorn said why
        raise typer.Exit(1)


def _fork_serving_processes() -> None:
    """Have uvicorn fork each of several serving processes from this one once it has
    imported the application's modules, instead of spawning a new interpreter that imports
    them again: those imports are most of a process's start, about a second of CPU each
    (issue 16: 2 processes at 30,000 documents, 5.9–6.7 s of CPU to the last first answer
    against 4.8–5.0 s forked). Nothing here has started a thread or opened the store yet;
    each process opens its own (``AppFactory``) after the fork.

    uvicorn spawns, and offers no option to fork: its module's context is replaced (a
    private name; if uvicorn renames it, its processes are spawned as before)."""
    import multiprocessing
    import signal

    import uvicorn._subprocess
    from uvicorn.supervisors.multiprocess import SIGNALS

    import govtrace.api.app  # noqa: F401  (imported once, for every process forked)

    if not isinstance(getattr(uvicorn._subprocess, "spawn", None),
                      multiprocessing.context.SpawnContext):
        return
    uvicorn._subprocess.spawn = multiprocessing.get_context("fork")  # type: ignore[assignment]

    def as_spawned() -> None:
        # The supervisor queues these signals for itself; a forked process handles them as
        # a spawned one does (Python's defaults) until its server sets its own.
        for sig in SIGNALS:
            signal.signal(sig, signal.default_int_handler if sig == signal.SIGINT
                          else signal.SIG_DFL)

    os.register_at_fork(after_in_child=as_spawned)
    gc.freeze()  # what was imported stays shared with the processes, never collected


@dataclass(frozen=True)
class AppFactory:
    """The app over ``settings``, made where it is called: in each serving process (forked
    from the supervising one when there are several: :func:`_fork_serving_processes`)."""

    settings: Settings

    def __call__(self) -> FastAPI:
        from govtrace.api.app import create_app

        return create_app(self.settings)


def start_urls(host: str, port: int) -> list[tuple[str, str]]:
    """Where a person starts: the home page, the SPARQL editor and the API docs."""
    # A wildcard address is where the server listens, not one a browser can open.
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(host, host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"  # an IPv6 address in a URL
    base = f"http://{shown}:{port}"
    return [("home page", base + "/"), ("SPARQL editor", base + "/sparql"),
            ("API docs", base + "/docs")]
