"""Running SELECTs for the answer functions: safe value binding, plain Python rows, ids.

Values reach SPARQL only as rdflib ``n3()`` terms inside ``VALUES`` blocks (the same rule as
:mod:`govtrace.queries.library`); the query text around them is constant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from rdflib import Literal, URIRef
from rdflib.term import Node

from govtrace.errors import QUERY_PARAM_INVALID, QueryError
from govtrace.graph.store import SparqlService
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import PREFIXES

# Every prefix govtrace binds, declared before each query (a query may use any of them).
PREFIX_DECLARATIONS = "".join(f"PREFIX {prefix}: <{namespace}>\n"
                              for prefix, namespace in PREFIXES.items())

Row = dict[str, Any]


def values(variable: str, terms: Iterable[Node]) -> str:
    """``VALUES ?variable { … }`` of rdflib terms (each written by rdflib, so escaped)."""
    return f"VALUES ?{variable} {{ {' '.join(term.n3() for term in terms)} }}"


def iri_values(variable: str, iris: Iterable[str]) -> str:
    return values(variable, (URIRef(iri) for iri in iris))


def literal_values(variable: str, texts: Iterable[str | int]) -> str:
    return values(variable, (Literal(text) for text in texts))


def python(term: Node) -> Any:
    """An IRI as its string, a literal as its Python value (decimals as float)."""
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        return value if isinstance(value, (int, float, str, bool)) else str(term)
    return str(term)


@runtime_checkable
class RowSource(Protocol):
    """A service that gives a SELECT's solutions as rows itself, skipping the SPARQL JSON
    round trip (:class:`govtrace.queries.oxigraph_rows.OxigraphRows`)."""

    def select_rows(self, sparql: str) -> list[Row]:
        """The solutions, each as a dict of :func:`python` values."""
        ...


def select(service: SparqlService, body: str) -> list[Row]:
    """The solutions of ``PREFIX_DECLARATIONS + body`` as dicts of Python values."""
    if isinstance(service, RowSource):
        return service.select_rows(PREFIX_DECLARATIONS + body)
    result = service.query(PREFIX_DECLARATIONS + body)
    return [{name: python(term) for name, term in row.items()} for row in result.bindings()]


def describe_query(iri: str) -> str:
    """The ``DESCRIBE`` of one IRI (what an entity IRI answers when RDF is asked for)."""
    return f"DESCRIBE {URIRef(iri).n3()}"


def local_name(iri: str | None) -> str | None:
    return iri.rsplit("#", 1)[-1] if iri else None


_SPAN = re.compile(r"doc/[A-Za-z0-9._-]+/span/([0-9]{1,12})-([0-9]{1,12})")


@dataclass(frozen=True)
class Ids:
    """Short ids for the API's paths ↔ the IRIs minted by :class:`IriScheme`."""

    scheme: IriScheme

    def task_iri(self, doc_id: str, number: int) -> str:
        return str(self.scheme.task(_segment("doc_id", doc_id), number))

    def document_iri(self, doc_id: str) -> str:
        return str(self.scheme.document(_segment("doc_id", doc_id)))

    def regulation_iri(self, key: str) -> str:
        return self.scheme.base + "regulation/" + _segment("id", key)

    def agency_iri(self, key: str) -> str:
        return self.scheme.base + "agency/" + _segment("id", key)

    def division_iri(self, adcode: str) -> str:
        return str(self.scheme.division(_segment("adcode", adcode)))

    def span_offsets(self, iri: str) -> tuple[int, int] | None:
        """The offsets a span IRI minted by :meth:`IriScheme.span` names (``…/doc/{doc_id}/
        span/{start}-{end}``), None for any other IRI."""
        match = _SPAN.fullmatch(iri.removeprefix(self.scheme.base)) if iri.startswith(
            self.scheme.base) else None
        return (int(match[1]), int(match[2])) if match else None

    def short(self, iri: str, kind: str) -> str:
        """The part of ``iri`` after ``{base}{kind}/`` (``doc/X/task/5`` → ``X/5`` for tasks)."""
        rest = iri.removeprefix(self.scheme.base).removeprefix(kind + "/")
        return rest.replace("/task/", "/") if kind == "doc" and "/task/" in rest else rest


def _segment(name: str, value: str) -> str:
    """A path segment of an id; anything but ``[A-Za-z0-9._-]`` is refused (GT-QUERY-003)."""
    if not value or any(not (ch.isascii() and (ch.isalnum() or ch in "._-")) for ch in value):
        raise QueryError(QUERY_PARAM_INVALID, f"the {name} {value!r} is not an id "
                         "(letters, digits, '.', '_' and '-' only)")
    return value


VALUES_CHUNK = 2000  # IRIs per VALUES block: larger blocks gain nothing and grow the text


def values_chunks(iris: list[str]) -> Iterator[list[str]]:
    """``iris`` in runs of :data:`VALUES_CHUNK`, one ``VALUES`` block each."""
    for start in range(0, len(iris), VALUES_CHUNK):
        yield iris[start:start + VALUES_CHUNK]
