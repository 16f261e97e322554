"""Statements written straight to N-Triples, for the build's hot paths.

Why not an rdflib ``Graph``: extraction and linking emit about 1,700
triples per document, and building them as rdflib terms in an indexed
in-memory graph, then serializing, took 75% of extraction time and half of
linking time (profiled on the synthetic corpus of bench/scale_bench.py). The
store parses N-Triples natively, so the workers write the text directly;
:meth:`Statements.graph` still gives an rdflib graph to callers that want one
(tests, the reference graph, ``govtrace ingest --format ttl``).

Terms are kept as their N-Triples form (``<iri>``, ``"text"@zh``,
``"5"^^<…#integer>``), so a statement is a plain tuple of strings that
hashes, compares and joins cheaply.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import Graph
from rdflib.namespace import XSD

Statement = tuple[str, str, str]

_INTEGER = f"<{XSD.integer}>"
_NON_NEGATIVE = f"<{XSD.nonNegativeInteger}>"
_DECIMAL = f"<{XSD.decimal}>"
_DATE = f"<{XSD.date}>"
_GYEAR = f"<{XSD.gYear}>"


def iri(value: str) -> str:
    """An IRI term. ``value`` is an IRI the IRI scheme minted (already valid)."""
    return f"<{value}>"


def literal(text: str, lang: str | None = None) -> str:
    """A literal tagged with ``lang`` (text in a human language), else an ``xsd:string``
    (codes and identifiers): the ontology's one literal convention."""
    quoted = '"' + _escape(text) + '"'
    return f"{quoted}@{lang}" if lang else quoted


TEXT_LANGUAGE = "zh"
"""The language tag of every human-language literal govtrace writes (titles, text, quotes,
cues, phrases, labels); codes and identifiers stay untagged ``xsd:string``."""


def zh(text: str) -> str:
    """A literal of the documents' language (``"…"@zh``)."""
    return literal(text, TEXT_LANGUAGE)


def typed(lexical: str, datatype: str) -> str:
    """A typed literal; ``datatype`` is an IRI term (``<…>``)."""
    return f'"{_escape(lexical)}"^^{datatype}'


def integer(value: int) -> str:
    return typed(str(value), _INTEGER)


def non_negative(value: int) -> str:
    """An ``xsd:nonNegativeInteger`` (the range of ``oa:start`` and ``oa:end``)."""
    if value < 0:
        raise ValueError(f"{value} is negative")
    return typed(str(value), _NON_NEGATIVE)


def decimal(lexical: str) -> str:
    return typed(lexical, _DECIMAL)


def date(iso: str) -> str:
    return typed(iso, _DATE)


def gyear(year: int) -> str:
    return typed(f"{year:04d}", _GYEAR)


def _escape(text: str) -> str:
    # The four characters N-Triples forbids raw inside a quoted literal (ECHAR).
    return (text.replace("\\", "\\\\").replace('"', '\\"')
            .replace("\n", "\\n").replace("\r", "\\r"))


class Statements:
    """An insertion-ordered set of statements (a graph without indexes)."""

    def __init__(self, statements: Iterable[Statement] = ()) -> None:
        self._items: dict[Statement, None] = dict.fromkeys(statements)

    def add(self, s: str, p: str, o: str) -> None:
        self._items[(s, p, o)] = None

    def update(self, statements: Iterable[Statement]) -> None:
        self._items.update(dict.fromkeys(statements))

    def __iter__(self) -> Iterator[Statement]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, statement: object) -> bool:
        return statement in self._items

    def ntriples(self) -> str:
        return "".join(f"{s} {p} {o} .\n" for s, p, o in self._items)

    def graph(self) -> Graph:
        graph = Graph()
        graph.parse(data=self.ntriples(), format="nt")
        return graph


class Terms:
    """A namespace's terms in N-Triples form, each looked up once: rdflib's ``Namespace``
    builds a new ``URIRef`` on every attribute access, which the hot paths would repeat
    tens of thousands of times per document."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        value = iri(self._namespace[name])
        self.__dict__[name] = value
        return value
