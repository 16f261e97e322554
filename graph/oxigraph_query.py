"""Run one SPARQL query or update on a pyoxigraph Store, its failures as coded errors.

Shared by the in-process embedded store and the killable query workers, so
both answer identically. pyoxigraph raises ``SyntaxError`` for a request that does not
parse, ``RuntimeError`` for one that parses but cannot be carried out (DROP of a missing
graph, SERVICE on an unbound variable) and ``OSError`` for the store's own I/O and for a
SERVICE endpoint or LOAD source that fails; :func:`engine_error` tells them apart (a remote
failure only where the request has a SERVICE or LOAD, which the
:class:`~govtrace.graph.federation.FederationPolicy` let through).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

import pyoxigraph as ox

from govtrace.errors import (
    SPARQL_BAD_GRAPH_IRI,
    SPARQL_NOT_APPLICABLE,
    SPARQL_REMOTE_FAILED,
    SPARQL_SYNTAX,
    STORE_FAULT,
    GovtraceError,
    Location,
    SparqlError,
    StoreError,
)
from govtrace.graph.federation import remote_accesses
from govtrace.graph.results import (
    QueryForm,
    QueryResult,
    boolean_json,
    solutions_json,
    term_json,
)
from govtrace.graph.sparql_lexer import has_dataset_clause
from govtrace.graph.store import QueryDataset

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

Item = TypeVar("Item")

_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
# The word first, the look-behind after it: with the look-behind first, re tried it at every
# character, 30 µs for the 0.9 KB lineage query (0.7 µs so; issue 16).
_FROM_WORD = re.compile(r"FROM(?<![^\W_]FROM)(?![\w:])")
_SMALL_RESULT = 1 << 20
"""Bytes of SPARQL JSON Oxigraph writes before a result is taken as large (cut row by row)."""


def syntax_error(exc: SyntaxError, sparql: str) -> SparqlError:
    """A coded error carrying the line and column pyoxigraph reports (``error at 2:9: …``)."""
    message = str(exc)
    match = _POSITION.match(message)
    if match is None:
        return SparqlError(SPARQL_SYNTAX, message)
    line, column, reason = int(match[1]), int(match[2]), match[3].strip()
    lines = sparql.split("\n")
    offset = sum(len(text) + 1 for text in lines[: line - 1]) + column - 1
    return SparqlError(SPARQL_SYNTAX, reason,
                       location=Location(line=line, column=column, offset=offset))


def engine_error(exc: SyntaxError | RuntimeError | OSError, sparql: str) -> GovtraceError:
    """What pyoxigraph raised for ``sparql``, as the coded error that names its cause."""
    remote = bool(remote_accesses(sparql))
    if isinstance(exc, SyntaxError) and (not remote or _POSITION.match(str(exc))):
        return syntax_error(exc, sparql)  # the request's own text, located
    if remote and isinstance(exc, SyntaxError | OSError):
        return SparqlError(SPARQL_REMOTE_FAILED, f"a SERVICE endpoint or LOAD source failed: "
                                                 f"{exc}")
    if isinstance(exc, RuntimeError):
        return SparqlError(SPARQL_NOT_APPLICABLE, str(exc))
    return StoreError(STORE_FAULT, f"reading the store failed: {exc}")


def check_graph_iris(dataset: QueryDataset,
                     names: tuple[str, str] = ("default-graph-uri", "named-graph-uri")) -> None:
    """Refuse (GT-SPARQL-014) a dataset graph that is no IRI, before Oxigraph is given it;
    ``names`` are the request parameters the two lists came from, for the message."""
    if dataset.is_union:  # what nearly every query asks for: nothing to check
        return
    for name, iris in zip(names, (dataset.default_graphs, dataset.named_graphs), strict=True):
        for iri in iris:
            try:
                ox.NamedNode(iri)
            except ValueError as exc:
                raise SparqlError(SPARQL_BAD_GRAPH_IRI, f"{name} {iri!r} is not an absolute "
                                                        f"IRI: {exc}") from None


def run_update(store: ox.Store, sparql: str) -> None:
    """Run an update; an ``OSError`` not caused by a LOAD (the store's own write failing,
    a full disk) is left to the caller, which knows what it was writing."""
    try:
        store.update(sparql)
    except (SyntaxError, RuntimeError) as exc:
        raise engine_error(exc, sparql) from None
    except OSError as exc:
        if not remote_accesses(sparql):
            raise
        raise engine_error(exc, sparql) from None


def run_query(store: ox.Store, sparql: str, dataset: QueryDataset, limit: int | None, *,
              small: bool = False) -> QueryResult:
    """Evaluate with Oxigraph's engine; at most ``limit`` rows or triples are kept. ``small``:
    the query was seen to finish in milliseconds, so its solutions are written to bytes at
    once, not through the Python writer that stops a large result (12 µs of an 80 µs COUNT on
    the demo store, issue 16); milliseconds of Oxigraph's work write far less than
    ``_SMALL_RESULT``."""
    check_graph_iris(dataset)
    try:
        return _answer(store, sparql, dataset, limit, small)
    except (SyntaxError, RuntimeError, OSError) as exc:  # raised when run or while iterated
        raise engine_error(exc, sparql) from None


def _answer(store: ox.Store, sparql: str, dataset: QueryDataset, limit: int | None,
            small: bool) -> QueryResult:
    answer = _evaluate(store, sparql, dataset)
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(QueryForm.ASK, boolean_json(bool(answer)))
    if isinstance(answer, ox.QuerySolutions):
        written = _oxigraph_json(answer, limit, small)
        if written is not None:
            return written
        # Past _SMALL_RESULT bytes Oxigraph's writer was stopped part-way and the solutions
        # are spent: evaluate again, cut row by row.
        answer = _evaluate(store, sparql, dataset)
        assert isinstance(answer, ox.QuerySolutions)
        variables = [variable.value for variable in answer.variables]
        rows = [
            {name: term_json(solution[name]) for name in variables if solution[name] is not None}
            for solution in _capped(answer, limit)
        ]
        truncated = limit is not None and len(rows) > limit
        rows = rows[:limit] if truncated else rows
        return QueryResult(QueryForm.SELECT, solutions_json(variables, rows), truncated)
    triples = list(_capped(answer, limit))
    truncated = limit is not None and len(triples) > limit
    kept = triples[:limit] if truncated else triples
    return QueryResult(QueryForm.GRAPH,
                       ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES) or b"", truncated)


class _TooLargeError(Exception):
    pass


class _BoundedBuffer(io.BytesIO):
    """What Oxigraph's serializer writes to, refusing (``_TooLargeError``) past ``size``
    bytes."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def write(self, data: ReadableBuffer, /) -> int:
        if self.tell() + memoryview(data).nbytes > self.size:
            raise _TooLargeError
        return super().write(data)


def _oxigraph_json(answer: ox.QuerySolutions, limit: int | None, small: bool
                   ) -> QueryResult | None:
    """The solutions as SPARQL JSON written by Oxigraph (cut to ``limit`` rows when there
    are more), or None past ``_SMALL_RESULT`` bytes unless ``small`` (then they are cut row
    by row, in Python).

    Oxigraph cannot stop after *n* solutions, and the Python writer costs ~0.3 ms for a
    handful of rows, more than Oxigraph takes to answer the lineage query (issue 16): so the
    common small answer is written by Oxigraph, at most ``_SMALL_RESULT`` bytes of it."""
    if small:
        payload = answer.serialize(format=ox.QueryResultsFormat.JSON) or b""
    else:
        buffer = _BoundedBuffer(_SMALL_RESULT)
        try:
            answer.serialize(buffer, format=ox.QueryResultsFormat.JSON)
        except _TooLargeError:
            return None
        payload = buffer.getvalue()
    # n rows take at least 3n - 1 bytes ("{}," each): only a longer payload may hold more.
    if limit is not None and len(payload) >= 3 * limit:
        parsed = json.loads(payload)
        rows = parsed["results"]["bindings"]
        if len(rows) > limit:
            return QueryResult(QueryForm.SELECT,
                               solutions_json(parsed["head"]["vars"], rows[:limit]), True)
    return QueryResult(QueryForm.SELECT, payload)


def _capped(items: Iterable[Item], limit: int | None) -> list[Item]:
    # One item beyond the cap tells "exactly limit" from "truncated".
    return list(items if limit is None else islice(items, limit + 1))


def _evaluate(store: ox.Store, sparql: str, dataset: QueryDataset
              ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    if dataset.is_union:  # pyoxigraph's union option would override the query's own FROM
        return store.query(sparql, use_default_graph_as_union=not _names_dataset(sparql))
    named: list[ox.NamedNode | ox.BlankNode] | None = [
        ox.NamedNode(iri) for iri in dataset.named_graphs] or None
    if not dataset.default_graphs:  # named-graph-uri alone keeps the union default graph
        return store.query(sparql, use_default_graph_as_union=True, named_graphs=named)
    default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
        ox.NamedNode(iri) for iri in dataset.default_graphs]
    return store.query(sparql, default_graph=default, named_graphs=named)


def _names_dataset(sparql: str) -> bool:
    # Lexing a 2 KB query takes ~0.4 ms, more than Oxigraph takes to answer a small one; a
    # text with no FROM the lexer could read as a word needs none. Its keyword test is
    # ``text.upper()`` (which maps character by character), and a letter or digit before
    # FROM, or a word character or colon after it, would be part of the same token.
    return bool(_FROM_WORD.search(sparql.upper())) and has_dataset_clause(sparql)
