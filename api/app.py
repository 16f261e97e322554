"""The HTTP application, built by a factory so nothing opens a store at import time.

``create_app(settings)`` wires the SPARQL service chosen by the settings
(embedded: a pool of killable query processes over the store directory;
remote: the SPARQL server) into ``app.state`` for the app's lifetime, and beside it the
answer service the JSON routes use (:mod:`govtrace.api.answer_service`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from govtrace import __version__
from govtrace.api import (
    errors,
    routes_entities,
    routes_mandates,
    routes_pages,
    routes_saved_queries,
    routes_sparql,
    routes_viz,
)
from govtrace.api.answer_service import AnswerService, UpdateAwareSparql
from govtrace.graph.store_factory import open_sparql_service
from govtrace.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # User SPARQL goes to the (killable) service; the JSON API's own fixed queries to
        # the in-process answer service, which every update through /sparql refreshes.
        inner = open_sparql_service(settings)
        app.state.answers = AnswerService(settings, inner)
        app.state.sparql = UpdateAwareSparql(inner, app.state.answers)
        try:
            yield
        finally:
            app.state.sparql.close()

    app = FastAPI(title="govtrace", version=__version__, lifespan=lifespan)
    app.state.settings = settings
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                       allow_headers=["*"], expose_headers=[routes_sparql.TRUNCATED_HEADER])
    errors.install(app)
    app.include_router(routes_sparql.router)
    app.include_router(routes_saved_queries.router)
    app.include_router(routes_mandates.router)
    app.include_router(routes_entities.router)
    app.include_router(routes_viz.router)
    app.include_router(routes_pages.router)
    return app


def app_from_env() -> FastAPI:
    """``uvicorn --factory govtrace.api.app:app_from_env``: settings from GOVTRACE_* variables."""
    from govtrace.settings import get_settings

    return create_app(get_settings())
