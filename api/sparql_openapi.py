"""What ``/sparql`` takes and answers, for the OpenAPI description (``/docs``, ``/redoc``).

The routes read their parameters themselves (:mod:`govtrace.api.sparql_request`: repeated
graph IRIs, direct bodies, the Protocol's own errors), so FastAPI cannot infer them from a
signature; this describes them and validates nothing (``openapi_extra``).
"""

from __future__ import annotations

from typing import Any

from govtrace.api.models import problems
from govtrace.graph.results import GRAPH_FORMATS, SOLUTION_FORMATS

_TEXT: dict[str, Any] = {"type": "string"}
_IRIS: dict[str, Any] = {"type": "array", "items": {"type": "string", "format": "iri"}}
_DESCRIPTIONS = {
    "query": "A SPARQL 1.1 query. Without `query` (and by GET), the endpoint answers its "
             "service description (RDF), or the SPARQL editor (HTML) to a client that "
             "prefers `text/html`.",
    "update": "A SPARQL 1.1 update: POST only, with `Authorization: Bearer <update_token>`.",
    "default-graph-uri": "A graph of the query's default graph (repeatable). With neither "
                         "this nor `named-graph-uri`, and no FROM, the default graph is the "
                         "union of all named graphs.",
    "named-graph-uri": "A named graph of the query's dataset (repeatable).",
    "using-graph-uri": "A graph of the update's default graph (repeatable), as USING.",
    "using-named-graph-uri": "A named graph of the update's dataset (repeatable), as "
                             "USING NAMED.",
}


def _parameter(name: str) -> dict[str, Any]:
    many = name.endswith("-uri")
    return {"name": name, "in": "query", "required": False, "description": _DESCRIPTIONS[name],
            "schema": _IRIS if many else _TEXT, **({"explode": True} if many else {})}


_RESULTS = {
    "description": "Query results: SELECT and ASK in a SPARQL results format, CONSTRUCT and "
                   "DESCRIBE (and the service description) in an RDF format, by `Accept`.",
    "content": {media: {"schema": _TEXT}
                for media in ("text/html", *SOLUTION_FORMATS, *GRAPH_FORMATS)},
}
GET_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: _RESULTS, **problems(400, 406, 413, 422, 503, 504)}
POST_RESPONSES: dict[int | str, dict[str, Any]] = {
    **GET_RESPONSES, 204: {"description": "The update was carried out."},
    **problems(401, 403, 415)}
GET_EXTRA: dict[str, Any] = {
    "parameters": [_parameter(name) for name in ("query", "default-graph-uri",
                                                 "named-graph-uri")]}
POST_EXTRA: dict[str, Any] = {
    "description": "A query or an update, form-encoded or as a direct body; the graph IRIs "
                   "may also be given in the URL.",
    "parameters": [_parameter(name) for name in ("default-graph-uri", "named-graph-uri",
                                                 "using-graph-uri", "using-named-graph-uri")],
    "requestBody": {"required": True, "content": {
        "application/x-www-form-urlencoded": {"schema": {
            "type": "object",
            "properties": {name: {**(_IRIS if name.endswith("-uri") else _TEXT),
                                  "description": text}
                           for name, text in _DESCRIPTIONS.items()},
            "description": "Exactly one of `query` and `update`."}},
        "application/sparql-query": {"schema": {**_TEXT, "description": "A query."}},
        "application/sparql-update": {"schema": {**_TEXT, "description": "An update."}},
    }},
}
