"""The remote backend: any SPARQL 1.1 server (Oxigraph, Jena Fuseki, GraphDB, Virtuoso).

It speaks the SPARQL 1.1 Protocol for queries and updates and the Graph Store
Protocol for bulk loads, over httpx. Document replacement is one multi-operation
Update request, which the servers named in docs/store.md run as one
transaction. Queries on the default graph expect the server to treat it as the
union of the named graphs (``oxigraph serve --union-default-graph``, Fuseki
``tdb2:unionDefaultGraph true``); docs/store.md says how for each server.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from govtrace.errors import (
    SPARQL_SYNTAX,
    SPARQL_TIMEOUT,
    STORE_FAULT,
    STORE_NOT_CONFIGURED,
    STORE_UNAVAILABLE,
    SparqlError,
    StoreError,
)
from govtrace.graph.layout import SHA_PREFIX, GraphLayout
from govtrace.graph.results import QueryForm, QueryResult, solutions_json
from govtrace.graph.store import (
    EXPORT_FORMATS,
    UNION,
    DocumentEntry,
    DocumentGraph,
    ExportFormat,
    LayoutWrites,
    QueryDataset,
)
from govtrace.ontology.iris import IriScheme
from govtrace.settings import Settings

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


class RemoteStore(LayoutWrites):
    """A :class:`~govtrace.graph.store.GraphStore` on a SPARQL 1.1 server."""

    def __init__(self, query_url: str, update_url: str, store_url: str, layout: GraphLayout,
                 *, timeout: float) -> None:
        self.query_url, self.update_url, self.store_url = query_url, update_url, store_url
        self.layout = layout
        self._timeout = timeout
        self._client = httpx.Client(timeout=timeout)

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteStore:
        urls = (settings.remote_query_url, settings.remote_update_url, settings.remote_store_url)
        if any(url is None for url in urls):
            raise StoreError(STORE_NOT_CONFIGURED,
                             "store_backend is `remote` but a remote_*_url setting is unset")
        query_url, update_url, store_url = (str(url) for url in urls)
        return cls(query_url, update_url, store_url, GraphLayout(IriScheme(settings.base_iri)),
                   timeout=settings.query_timeout)

    def query(self, sparql: str, *, dataset: QueryDataset = UNION,
              timeout: float | None = None, limit: int | None = None) -> QueryResult:
        params: list[tuple[str, str]] = [("query", sparql)]
        params += [("default-graph-uri", iri) for iri in dataset.default_graphs]
        params += [("named-graph-uri", iri) for iri in dataset.named_graphs]
        response = self._send("POST", self.query_url, timeout, content=urlencode(params),
                              headers={"Accept": _ACCEPT,
                                       "Content-Type": "application/x-www-form-urlencoded"})
        if response.headers.get("content-type", "").startswith("application/n-triples"):
            return _graph_result(response.content, limit)
        return _solutions_result(response.json(), limit)

    def update(self, sparql: str, *, timeout: float | None = None) -> None:
        self._send("POST", self.update_url, timeout, content=sparql.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update"})

    def close(self) -> None:
        self._client.close()

    def documents(self) -> dict[str, DocumentEntry]:
        rows = self.query(self.layout.documents_query()).bindings()
        return {str(row["id"]): DocumentEntry(str(row["id"]),
                                              str(row["version"]).removeprefix(SHA_PREFIX))
                for row in rows}

    def _write(self, update: str) -> None:
        self.update(update)

    def bulk_load(self, documents: Iterable[DocumentGraph]) -> int:
        """Graph Store Protocol PUT per graph (no SPARQL parsing), then the manifest entry."""
        loaded = 0
        for document in documents:
            for graph_iri, text in (
                    (self.layout.document(document.doc_id), document.ntriples()),
                    (self.layout.inferred_document(document.doc_id),
                     document.inferred_ntriples())):
                body = text.encode("utf-8")
                self._send("PUT", self.store_url, None, content=body,
                           params={"graph": str(graph_iri)},
                           headers={"Content-Type": "application/n-triples"})
                loaded += body.count(b"\n")
            self.update(self.layout.manifest_update(document.doc_id, document.sha256))
        return loaded

    def named_graphs(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").bindings()
        return sorted(str(row["g"]) for row in rows)

    def triple_count(self, graph_iri: str | None = None) -> int:
        pattern = ("{ GRAPH ?g { ?s ?p ?o } }" if graph_iri is None
                   else f"{{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
        rows = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {pattern}").bindings()
        return int(str(rows[0]["n"]))

    def export(self, fmt: ExportFormat) -> Iterator[bytes]:
        rdf_format = EXPORT_FORMATS[fmt]
        solutions = ox.parse_query_results(self.query(_ALL_QUADS).payload,
                                           format=ox.QueryResultsFormat.JSON)
        assert isinstance(solutions, ox.QuerySolutions)
        quads = [ox.Quad(row["s"], row["p"], row["o"],
                         row["g"] if rdf_format.supports_datasets else ox.DefaultGraph())
                 for row in solutions]
        yield ox.serialize(quads, format=rdf_format) or b""


    def _send(self, method: str, url: str, timeout: float | None, **kwargs: Any
              ) -> httpx.Response:
        try:
            response = self._client.request(method, url, timeout=timeout or self._timeout,
                                            **kwargs)
        except httpx.TimeoutException as exc:
            raise SparqlError(SPARQL_TIMEOUT,
                              f"the remote store did not answer within {timeout or self._timeout} s"
                              ) from exc
        except httpx.TransportError as exc:
            raise StoreError(STORE_UNAVAILABLE, f"cannot reach {url}: {exc}") from exc
        if response.status_code == 400:
            raise SparqlError(SPARQL_SYNTAX, f"the remote store rejected the request: "
                                             f"{response.text.strip()}")
        if response.is_error:
            raise StoreError(STORE_FAULT, f"{url} answered {response.status_code}: "
                                          f"{response.text.strip()[:500]}")
        return response


def _solutions_result(document: dict[str, Any], limit: int | None) -> QueryResult:
    if "boolean" in document:
        return QueryResult(QueryForm.ASK, json.dumps(document).encode("utf-8"))
    rows = document["results"]["bindings"]
    truncated = limit is not None and len(rows) > limit
    kept = rows[:limit] if truncated else rows
    return QueryResult(QueryForm.SELECT,
                       solutions_json(document["head"].get("vars", []), kept),
                       truncated)


def _graph_result(ntriples: bytes, limit: int | None) -> QueryResult:
    lines = [line for line in ntriples.splitlines(keepends=True) if line.strip()]
    truncated = limit is not None and len(lines) > limit
    kept = lines[:limit] if truncated else lines
    return QueryResult(QueryForm.GRAPH, b"".join(kept), truncated)
