"""The two size limits of ``/sparql``: the request body it reads and the rows it returns.

A body is read chunk by chunk and refused (413, GT-SPARQL-005) as soon as it passes
``max_query_bytes``, or before any of it is read when its Content-Length already does: a
client cannot make the server hold more than the limit in memory.

A result past ``result_limit`` is cut there and stays exactly a W3C result in every format
(a marker inside would break strict parsers and the XML, CSV and TSV writers); the cut is
said in headers, which CORS exposes to scripts (docs/store.md, "Result limit").
"""

from __future__ import annotations

from fastapi import Request

from govtrace.errors import SPARQL_TOO_LARGE, SparqlError
from govtrace.graph.results import QueryResult

TRUNCATED_HEADER = "GovTrace-Truncated"
RESULT_LIMIT_HEADER = "GovTrace-Result-Limit"
EXPOSED_HEADERS = (TRUNCATED_HEADER, RESULT_LIMIT_HEADER)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, read no further than ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise _too_large(f"the request body is {declared} bytes (Content-Length)", limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(f"the request body passed {limit} bytes", limit)
    return bytes(body)


def truncation_headers(result: QueryResult, limit: int) -> dict[str, str]:
    """The headers that say a result was cut at ``limit`` rows (or triples); none if not."""
    if not result.truncated:
        return {}
    return {TRUNCATED_HEADER: "true", RESULT_LIMIT_HEADER: str(limit)}


def _too_large(what: str, limit: int) -> SparqlError:
    return SparqlError(SPARQL_TOO_LARGE, f"{what}, more than the {limit} allowed; it was not "
                                         "read")
