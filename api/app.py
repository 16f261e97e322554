"""The HTTP application, built by a factory so nothing opens a store at import time.

``create_app(settings)`` wires the SPARQL service chosen by the settings
(embedded: a pool of killable query processes over the store directory;
remote: the SPARQL server) into ``app.state`` for the app's lifetime, and beside it the
answer service the JSON routes use (:mod:`govtrace.api.answer_service`), and over the
embedded store a thread that looks every ``store_watch_seconds`` for a build that has
replaced the store, and moves every part to it (:meth:`AnswerService.reload`).
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from govtrace import __version__
from govtrace.api import (
    errors,
    routes_alignment,
    routes_coverage_matrix,
    routes_docs,
    routes_entities,
    routes_mandates,
    routes_pages,
    routes_plan_report,
    routes_saved_queries,
    routes_sparql,
    routes_vendor,
    routes_viz,
    sparql_limits,
    tabular,
)
from govtrace.api.answer_service import AnswerService, UpdateAwareSparql
from govtrace.api.sparql_fast_path import SparqlFirstApp
from govtrace.api.sparql_service import SparqlEndpoint
from govtrace.errors import GovtraceError
from govtrace.graph.store_factory import open_sparql_service
from govtrace.settings import Settings

_log = logging.getLogger(__name__)


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # What the imports made (modules, classes, pydantic's schemas) lives as long as the
        # process: out of the collector's reach, each full collection walks only what came
        # after (with the index's parts, govtrace.queries.long_lived: issue 16).
        gc.freeze()
        # User SPARQL goes to the (killable) service; the JSON API's own fixed queries to
        # the in-process answer service, which every update through /sparql refreshes.
        inner = open_sparql_service(settings)
        app.state.answers = AnswerService(settings, inner)
        app.state.sparql = UpdateAwareSparql(inner, app.state.answers)
        # /sparql's operations, checked against the federation policy built here, once
        app.state.sparql_endpoint = SparqlEndpoint.from_settings(app.state.sparql, settings)
        stop = threading.Event()
        if settings.store_watch_seconds:
            threading.Thread(target=_watch_builds, args=(app.state.answers, settings, stop),
                             daemon=True, name="govtrace-build-watch").start()
        try:
            yield
        finally:
            stop.set()
            app.state.sparql.close()

    # /docs and /redoc are routes_docs's, with no CDN; /sparql's queries are answered in front
    # of the middleware stack (sparql_fast_path)
    app = SparqlFirstApp(title="govtrace", version=__version__, lifespan=lifespan,
                         docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                       allow_headers=["*"],
                       expose_headers=[*sparql_limits.EXPOSED_HEADERS,
                                       *routes_saved_queries.PAGING_HEADERS,
                                       *(header for _, header in tabular.PAGE_HEADERS)])
    errors.install(app)
    app.include_router(routes_sparql.router)
    app.include_router(routes_saved_queries.router)
    app.include_router(routes_mandates.router)
    app.include_router(routes_entities.router)
    app.include_router(routes_viz.router)
    app.include_router(routes_alignment.router)
    app.include_router(routes_plan_report.router)
    app.include_router(routes_coverage_matrix.router)
    app.include_router(routes_pages.router)
    app.include_router(routes_vendor.router)
    app.include_router(routes_docs.router)
    return app


def _watch_builds(answers: AnswerService, settings: Settings, stop: threading.Event) -> None:
    while not stop.wait(settings.store_watch_seconds):
        try:
            if answers.reload():
                _log.info("answering from the store a build put in place (snapshot %d)",
                          answers.generation)
        except GovtraceError as exc:  # the next look may succeed; the server keeps answering
            _log.warning("could not take up the new store: %s", exc.message)


def app_from_env() -> FastAPI:
    """``uvicorn --factory govtrace.api.app:app_from_env``: settings from GOVTRACE_* variables."""
    from govtrace.settings import get_settings

    return create_app(get_settings())
