"""``/viz/static/vendor/{package}/{name}``: the third-party browser bundles shipped in the
package as their registries ship them (YASGUI for the SPARQL editor), served by govtrace
itself so that its pages need no network beyond this server. viz/static/vendor/README.md
says where each comes from and how to update it.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from govtrace.errors import API_NO_ROUTE, ApiError
from govtrace.viz.templating import STATIC_TYPES, VENDOR_NAMES, static_text

router = APIRouter(include_in_schema=False)


@router.get("/viz/static/vendor/{package}/{name}")
def vendor_asset(package: str, name: str) -> Response:
    path = f"{package}/{name}"
    if path not in VENDOR_NAMES:
        raise ApiError(API_NO_ROUTE, f"GET /viz/static/vendor/{path}: no such file")
    suffix = "." + name.rsplit(".", 1)[-1]
    # A release's files never change under one version, so a browser may keep them a week.
    return Response(static_text(f"vendor/{path}"), media_type=STATIC_TYPES[suffix],
                    headers={"Cache-Control": "public, max-age=604800"})
