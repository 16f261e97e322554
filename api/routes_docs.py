"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) with no CDN: their scripts are the copies the
``fastapi-offline`` package ships (Swagger UI 5, which reads FastAPI's OpenAPI 3.1, and
ReDoc 2's standalone bundle), served here under ``/docs/static/``.

Both pages carry a Content-Security-Policy that keeps every load on this server: ReDoc
draws its sidebar logo from its vendor's CDN, whatever its options (the image hides itself
when it fails), and a page of govtrace's docs should make no request elsewhere.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import fastapi_offline
from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse, Response

from govtrace.errors import API_NO_ROUTE, ApiError

router = APIRouter(include_in_schema=False)
ASSETS = {"swagger-ui-bundle.js": "text/javascript; charset=utf-8",
          "swagger-ui.css": "text/css; charset=utf-8",
          "redoc.standalone.js": "text/javascript; charset=utf-8"}
OAUTH2_REDIRECT = "/docs/oauth2-redirect"
# Inline scripts and styles: the pages FastAPI writes start the UIs inline; ReDoc's search
# runs in a blob: worker.
POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; "
          "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
          "worker-src 'self' blob:; connect-src 'self'")
_FAVICON = "data:,"  # none, as on govtrace's pages (the default is fetched from the web)


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    page = get_swagger_ui_html(
        openapi_url=_openapi_url(request), title="govtrace · API",
        swagger_js_url="/docs/static/swagger-ui-bundle.js",
        swagger_css_url="/docs/static/swagger-ui.css", swagger_favicon_url=_FAVICON,
        oauth2_redirect_url=OAUTH2_REDIRECT,
        # The online validator's badge would be a request to the web.
        swagger_ui_parameters={"validatorUrl": None})
    page.headers["Content-Security-Policy"] = POLICY
    return page


@router.get(OAUTH2_REDIRECT)
def swagger_ui_oauth2_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    page = get_redoc_html(openapi_url=_openapi_url(request), title="govtrace · API",
                          redoc_js_url="/docs/static/redoc.standalone.js",
                          redoc_favicon_url=_FAVICON, with_google_fonts=False)
    page.headers["Content-Security-Policy"] = POLICY
    return page


@router.get("/docs/static/{name}")
def docs_asset(name: str) -> Response:
    if name not in ASSETS:
        raise ApiError(API_NO_ROUTE, f"GET /docs/static/{name}: no such file")
    return Response(_asset(name), media_type=ASSETS[name],
                    headers={"Cache-Control": "public, max-age=604800"})


@cache
def _asset(name: str) -> bytes:
    return (files(fastapi_offline) / "static" / name).read_bytes()


def _openapi_url(request: Request) -> str:
    app: FastAPI = request.app
    return str(request.scope.get("root_path", "")) + (app.openapi_url or "/openapi.json")
