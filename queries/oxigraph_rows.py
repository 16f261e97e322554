"""Rows straight from an in-process Oxigraph store, for the answer functions.

:func:`govtrace.queries.rows.select` otherwise takes a result the way ``/sparql`` sends it:
Oxigraph terms → SPARQL JSON → rdflib terms → Python values. Profiled over the API's
questions, those conversions took half the time of an uncached answer; this reads each
Oxigraph term as the same Python value in one step (rdflib still decides the rare datatypes,
so both paths agree; tests/api/test_answer_service.py compares them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef

from govtrace.graph.oxigraph_query import syntax_error
from govtrace.graph.results import QueryResult
from govtrace.graph.store import UNION, QueryDataset
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.queries.rows import Row, python

_XSD = "http://www.w3.org/2001/XMLSchema#"
_STRING = {_XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}
_INTEGER = {_XSD + name for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte")}
_FLOAT = {_XSD + "decimal", _XSD + "double", _XSD + "float"}


def python_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Any:
    """What :func:`govtrace.queries.rows.python` gives for the same term."""
    if not isinstance(term, ox.Literal):
        return str(term.value) if not isinstance(term, ox.Triple) else str(term)
    datatype = term.datatype.value
    try:
        if datatype in _STRING:
            return term.value
        if datatype in _INTEGER:
            return int(term.value)
        if datatype in _FLOAT:
            return float(term.value)
    except ValueError:
        pass  # an ill-typed literal: rdflib's reading below
    return python(Literal(term.value, lang=term.language,
                          datatype=None if term.language else URIRef(datatype)))


@dataclass(frozen=True)
class OxigraphRows:
    """An embedded store (a :class:`~govtrace.graph.store.SparqlService`) whose SELECTs the
    answer functions read as rows directly (:class:`govtrace.queries.rows.RowSource`)."""

    store: EmbeddedStore

    def select_rows(self, sparql: str) -> list[Row]:
        try:
            solutions = self.store.oxigraph.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise syntax_error(exc, sparql) from None
        assert isinstance(solutions, ox.QuerySolutions)  # the answer functions only SELECT
        names = [variable.value for variable in solutions.variables]
        return [{name: python_value(term) for name in names
                 if (term := solution[name]) is not None} for solution in solutions]

    def query(self, sparql: str, *, dataset: QueryDataset = UNION,
              timeout: float | None = None, limit: int | None = None) -> QueryResult:
        return self.store.query(sparql, dataset=dataset, timeout=timeout, limit=limit)

    def update(self, sparql: str, *, timeout: float | None = None) -> None:
        self.store.update(sparql, timeout=timeout)

    def close(self) -> None:
        self.store.close()
