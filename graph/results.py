"""SPARQL results in one backend-neutral shape, and their serializations.

A :class:`QueryResult` carries the answer as bytes in one canonical format —
SPARQL 1.1 Query Results JSON for ``SELECT``/``ASK``, N-Triples for
``CONSTRUCT``/``DESCRIBE`` — because results must cross a process boundary
(embedded queries run in killable worker processes) or arrive over HTTP
(remote store) anyway. Every other format is produced from it by Oxigraph's
own serializers, so only this one JSON writer is hand-made: Oxigraph cannot
serialize the first *n* solutions of a result, which the result-size cap needs
(a small result is written by Oxigraph itself: :mod:`govtrace.graph.oxigraph_query`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from govtrace.errors import SPARQL_NOT_ACCEPTABLE, SparqlError


class QueryForm(StrEnum):
    SELECT = "select"
    ASK = "ask"
    GRAPH = "graph"  # CONSTRUCT and DESCRIBE


SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_TRIPLE_TERMS_HINT = ("Ask for text/turtle, application/n-triples or application/rdf+xml, "
                      "which can hold RDF 1.2 triple terms (<<( s p o )>>).")


@dataclass(frozen=True)
class QueryResult:
    """An answer: SPARQL JSON (SELECT/ASK) or N-Triples (graph forms) bytes."""

    form: QueryForm
    payload: bytes
    truncated: bool = False

    @property
    def boolean(self) -> bool:
        if self.form is not QueryForm.ASK:
            raise ValueError(f"a {self.form} result has no boolean")
        return bool(json.loads(self.payload)["boolean"])

    @property
    def variables(self) -> list[str]:
        return list(self._json()["head"].get("vars", []))

    def bindings(self) -> list[dict[str, Node]]:
        """The solutions as rdflib terms, unbound variables left out."""
        rows = self._json()["results"]["bindings"]
        return [{name: _rdflib_term(value) for name, value in row.items()} for row in rows]

    def graph(self) -> Graph:
        if self.form is not QueryForm.GRAPH:
            raise ValueError(f"a {self.form} result is not a graph")
        return Graph().parse(data=self.payload.decode("utf-8"), format="nt")

    def serialize(self, media_type: str) -> bytes:
        """The result in ``media_type`` (one of SOLUTION_FORMATS or GRAPH_FORMATS)."""
        if self.form is QueryForm.GRAPH:
            triples = ox.parse(self.payload, format=ox.RdfFormat.N_TRIPLES)
            try:
                return ox.serialize(triples, format=GRAPH_FORMATS[media_type]) or b""
            except OSError as exc:  # e.g. "JSON-LD does not support RDF 1.2 yet": triple terms
                raise SparqlError(SPARQL_NOT_ACCEPTABLE, f"this result cannot be written as "
                                  f"{media_type}: {exc}", hint=_TRIPLE_TERMS_HINT) from None
        fmt = SOLUTION_FORMATS[media_type]
        if fmt is ox.QueryResultsFormat.JSON:
            return self.payload
        parsed = ox.parse_query_results(self.payload, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=fmt) or b""

    def _json(self) -> dict[str, Any]:
        if self.form is not QueryForm.SELECT:
            raise ValueError(f"a {self.form} result has no bindings")
        data: dict[str, Any] = json.loads(self.payload)
        return data


def solutions_json(variables: list[str], rows: list[dict[str, Any]]) -> bytes:
    """SPARQL 1.1 Query Results JSON, nothing else in it: strict parsers (Oxigraph's own,
    which the other formats are made with) refuse any extra member, so a truncated result
    says so in HTTP headers only (:mod:`govtrace.api.sparql_limits`)."""
    document = {"head": {"vars": variables}, "results": {"bindings": rows}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def boolean_json(value: bool) -> bytes:
    return _BOOLEANS[value]


# Written once: every ASK answer is one of the two (json.dumps for each was 2 % of the
# server's time answering `ASK {}`, issue 16).
_BOOLEANS = {value: json.dumps({"head": {}, "boolean": value}).encode("utf-8")
             for value in (False, True)}


def term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict[str, Any]:
    """One RDF term in SPARQL 1.1 Query Results JSON (with SPARQL 1.2 triple terms)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {
        "subject": term_json(term.subject),
        "predicate": term_json(term.predicate),
        "object": term_json(term.object),
    }}


def _rdflib_term(value: dict[str, Any]) -> Node:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        datatype = value.get("datatype")
        return Literal(value["value"], lang=value.get("xml:lang"),
                       datatype=URIRef(datatype) if datatype else None)
    raise ValueError(f"unsupported result term type {kind!r}")
