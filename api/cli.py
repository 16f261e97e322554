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
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
