"""Run one SPARQL query on a pyoxigraph Store into a :class:`QueryResult`.

Shared by the in-process embedded store and the killable query workers, so
both answer identically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice
from typing import TypeVar

import pyoxigraph as ox

from govtrace.errors import SPARQL_SYNTAX, Location, SparqlError
from govtrace.graph.results import (
    QueryForm,
    QueryResult,
    boolean_json,
    solutions_json,
    term_json,
)
from govtrace.graph.store import QueryDataset

Item = TypeVar("Item")

_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
# Only a dataset clause has FROM followed by an IRI (or a prefixed name). Strings,
# comments and IRIs are blanked first so that a literal "from" never matches.
_LEXICAL_NOISE = re.compile(r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                            r"|'(?:[^'\\\n]|\\.)*'|#[^\n]*|<[^<>\"{}|^`\\\s]*>")
_FROM_CLAUSE = re.compile(r"(?i)(?:^|[\s}])FROM\s+(?:NAMED\s+)?(?:<>|[A-Za-z][\w.-]*:|:)")


def has_dataset_clause(sparql: str) -> bool:
    """Whether the query names its own dataset with FROM / FROM NAMED.

    pyoxigraph's ``use_default_graph_as_union`` silently overrides a query's
    FROM clauses, and pyoxigraph exposes no parsed query to ask, so the union
    default graph is only requested when this says there is no FROM.
    """
    blanked = _LEXICAL_NOISE.sub(lambda m: "<>" if m.group().startswith("<") else " ", sparql)
    return _FROM_CLAUSE.search(blanked) is not None


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


def run_query(store: ox.Store, sparql: str, dataset: QueryDataset, limit: int | None
              ) -> QueryResult:
    """Evaluate with Oxigraph's engine; at most ``limit`` rows or triples are kept."""
    try:
        answer = _evaluate(store, sparql, dataset)
    except SyntaxError as exc:
        raise syntax_error(exc, sparql) from None
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(QueryForm.ASK, boolean_json(bool(answer)))
    if isinstance(answer, ox.QuerySolutions):
        variables = [variable.value for variable in answer.variables]
        rows = [
            {name: term_json(solution[name]) for name in variables if solution[name] is not None}
            for solution in _capped(answer, limit)
        ]
        truncated = limit is not None and len(rows) > limit
        rows = rows[:limit] if truncated else rows
        return QueryResult(QueryForm.SELECT, solutions_json(variables, rows, truncated, limit),
                           truncated)
    triples = list(_capped(answer, limit))
    truncated = limit is not None and len(triples) > limit
    kept = triples[:limit] if truncated else triples
    return QueryResult(QueryForm.GRAPH,
                       ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES) or b"", truncated)


def _capped(items: Iterable[Item], limit: int | None) -> list[Item]:
    # One item beyond the cap tells "exactly limit" from "truncated".
    return list(items if limit is None else islice(items, limit + 1))


def _evaluate(store: ox.Store, sparql: str, dataset: QueryDataset
              ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    if dataset.is_union:
        return store.query(sparql, use_default_graph_as_union=not has_dataset_clause(sparql))
    named: list[ox.NamedNode | ox.BlankNode] | None = [
        ox.NamedNode(iri) for iri in dataset.named_graphs] or None
    if not dataset.default_graphs:  # named-graph-uri alone keeps the union default graph
        return store.query(sparql, use_default_graph_as_union=True, named_graphs=named)
    default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
        ox.NamedNode(iri) for iri in dataset.default_graphs]
    return store.query(sparql, default_graph=default, named_graphs=named)
