"""``govtrace serve``: the HTTP application (``/sparql``, the JSON API and the pages)."""

from __future__ import annotations

from typing import Annotated

import typer

from govtrace.cli_context import StoreOption, settings_of


def serve(
    ctx: typer.Context,
    store: StoreOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Serve /sparql (and the API); builds the demo corpus first if there is no store."""
    import uvicorn

    from govtrace.api.app import create_app
    from govtrace.graph.build import build, demo_corpus
    from govtrace.graph.store_factory import store_exists

    settings = settings_of(ctx, store_dir=store, host=host, port=port)
    if not store_exists(settings):
        typer.echo(f"no store at {settings.resolved_store_dir}; building the demo corpus",
                   err=True)
        build(settings, [demo_corpus()])
    app = create_app(settings)
    for what, url in start_urls(settings.host, settings.port):
        typer.echo(f"{what:<14} {url}")
    uvicorn.run(app, host=settings.host, port=settings.port)


def start_urls(host: str, port: int) -> list[tuple[str, str]]:
    """Where a person starts: the home page, the SPARQL editor and the API docs."""
    # A wildcard address is where the server listens, not one a browser can open.
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(host, host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"  # an IPv6 address in a URL
    base = f"http://{shown}:{port}"
    return [("home page", base + "/"), ("SPARQL editor", base + "/sparql"),
            ("API docs", base + "/docs")]
