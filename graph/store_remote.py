"""The remote backend: any SPARQL 1.1 server (Oxigraph, Jena Fuseki, GraphDB, Virtuoso).

It speaks the SPARQL 1.1 Protocol for queries and updates over httpx. Every document
write (replacement, deletion, a bulk load's insertion) is one Update request, which
Oxigraph, Fuseki and GraphDB run as one transaction (Virtuoso: see its dialect); a bulk
load prepares the next request while the server runs one, or keeps several in flight.
Queries on the default graph expect the server to treat it as the union of the named
graphs (``oxigraph serve --union-default-graph``, Fuseki ``tdb2:unionDefaultGraph true``);
docs/store.md says how for each server. A server's dialect (Virtuoso's:
:mod:`govtrace.graph.store_virtuoso`) is a subclass overriding the hooks at the bottom of
:class:`RemoteStore`, never a change to the queries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
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

    bulk_in_flight = 1
    """Document updates a bulk load keeps in flight. One: four measured slower on both tested
    servers (`oxigraph serve` 0.7–0.9×, which applies updates one at a time; Virtuoso 0.6× at
    1k documents, its concurrent inserts into one quad table colliding), docs/store.md."""

    def __init__(self, query_url: str, update_url: str, store_url: str, layout: GraphLayout,
                 *, timeout: float, user: str | None = None, password: str | None = None
                 ) -> None:
        self.query_url, self.update_url, self.store_url = query_url, update_url, store_url
        self.layout = layout
        self._timeout = timeout
        # writes only: the query endpoint is public on every server we know
        self._write_auth = None if user is None else self._auth(user, password or "")
        self._client = httpx.Client(timeout=timeout, limits=httpx.Limits(
            max_keepalive_connections=max(self.bulk_in_flight, 2)))

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteStore:
        urls = (settings.remote_query_url, settings.remote_update_url, settings.remote_store_url)
        if any(url is None for url in urls):
            raise StoreError(STORE_NOT_CONFIGURED,
                             f"store_backend is `{settings.store_backend}` but a remote_*_url "
                             "setting is unset")
        query_url, update_url, store_url = (str(url) for url in urls)
        return cls(query_url, update_url, store_url, GraphLayout(IriScheme(settings.base_iri)),
                   timeout=settings.query_timeout, user=settings.remote_user,
                   password=settings.remote_password)

    def query(self, sparql: str, *, dataset: QueryDataset = UNION,
              timeout: float | None = None, limit: int | None = None) -> QueryResult:
        params: list[tuple[str, str]] = [("query", self._query_text(sparql))]
        params += [("default-graph-uri", iri) for iri in dataset.default_graphs]
        params += [("named-graph-uri", iri) for iri in dataset.named_graphs]
        params += self._query_params(limit)
        response = self._send("POST", self.query_url, timeout, content=urlencode(params),
                              headers={"Accept": self._accept(sparql),
                                       "Content-Type": "application/x-www-form-urlencoded"})
        capped = self._server_cut(response, limit)
        if response.headers.get("content-type", "").startswith("application/n-triples"):
            return _graph_result(response.content, limit, capped)
        return _solutions_result(self._solutions(response.json()), limit, capped)

    def update(self, sparql: str, *, timeout: float | None = None) -> None:
        self._send("POST", self.update_url, timeout, content=self._update_text(sparql).encode(),
                   headers={"Content-Type": "application/sparql-update"}, auth=self._write_auth)

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
        """Each document in one Update request (its graphs and its manifest entry together,
        so a document the server refuses leaves nothing of itself), ``bulk_in_flight`` at a
        time. The first refusal is raised once the requests already sent have finished."""
        loaded = 0
        with ThreadPoolExecutor(self.bulk_in_flight, thread_name_prefix="bulk-load") as pool:
            pending: list[Future[None]] = []
            for document in documents:
                if len(pending) >= 2 * self.bulk_in_flight:  # bound what waits in memory
                    pending.pop(0).result()
                ntriples, inferred = document.ntriples(), document.inferred_ntriples()
                loaded += ntriples.count("\n") + inferred.count("\n")
                pending.append(pool.submit(self.update, self.layout.replace_document_update(
                    document.doc_id, document.sha256, ntriples, inferred)))
            for future in pending:
                future.result()
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
                                             f"{response.text.strip()[:2000]}")
        if response.status_code in (401, 403):
            raise StoreError(STORE_UNAVAILABLE,
                             f"{url} refused govtrace's credentials ({response.status_code}): "
                             "set GOVTRACE_REMOTE_USER and GOVTRACE_REMOTE_PASSWORD to a user "
                             "allowed to update (docs/store.md)")
        if response.is_error:
            raise StoreError(STORE_FAULT, f"{url} answered {response.status_code}: "
                                          f"{response.text.strip()[:500]}")
        return response

    # The dialect hooks: a standard SPARQL 1.1 server needs none of them.

    @staticmethod
    def _auth(user: str, password: str) -> httpx.Auth:
        return httpx.BasicAuth(user, password)

    def _query_text(self, sparql: str) -> str:
        """A query as the server answers it correctly, same meaning."""
        return sparql

    def _accept(self, sparql: str) -> str:
        """The Accept header of a query: results JSON, or N-Triples for a graph."""
        return _ACCEPT

    def _query_params(self, limit: int | None) -> list[tuple[str, str]]:
        """Extra protocol parameters of a query asked for at most ``limit`` rows."""
        return []

    def _server_cut(self, response: httpx.Response, limit: int | None) -> bool:
        """Whether the server itself left rows out of ``response``."""
        return False

    def _solutions(self, document: dict[str, Any]) -> dict[str, Any]:
        """The server's SPARQL JSON results as a standard server writes them."""
        return document

    def _update_text(self, sparql: str) -> str:
        """An update as the server can run it, same effect."""
        return sparql


def _solutions_result(document: dict[str, Any], limit: int | None,
                      capped: bool = False) -> QueryResult:
    if "boolean" in document:
        return QueryResult(QueryForm.ASK, json.dumps(
            {"head": {}, "boolean": document["boolean"]}).encode("utf-8"))
    rows = document["results"]["bindings"]
    truncated = limit is not None and len(rows) > limit
    kept = rows[:limit] if truncated else rows
    return QueryResult(QueryForm.SELECT,
                       solutions_json(document["head"].get("vars", []), kept),
                       truncated or capped)


def _graph_result(ntriples: bytes, limit: int | None, capped: bool = False) -> QueryResult:
    lines = [line for line in ntriples.splitlines(keepends=True) if line.strip()]
    truncated = limit is not None and len(lines) > limit
    kept = lines[:limit] if truncated else lines
    return QueryResult(QueryForm.GRAPH, b"".join(kept), truncated or capped)
