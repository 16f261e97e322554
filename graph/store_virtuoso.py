"""The Virtuoso 7 dialect of the remote backend: what differs from a standard SPARQL 1.1 server.

Each difference was measured on Virtuoso Open Source 7.2 (Debian's ``virtuoso-opensource``)
and is handled here, so the saved queries stay standard SPARQL (docs/store.md lists them):

* **Updates need a login.** The public ``/sparql`` runs as the ``SPARQL`` user, which may
  not write; ``/sparql-auth`` and ``/sparql-graph-crud-auth`` take a user with HTTP Digest
  (Basic is refused).
* **A request is one transaction, committed even when it failed.** Virtuoso's ``/sparql``
  handler runs the request, then commits whatever ran (``exec`` then ``commit work``): an
  operation failing at run time keeps the operations before it. Errors found while the
  request compiles (syntax, ``"abc"^^xsd:integer``, a blank node) stop it before anything
  runs, and a document's new triples are one ``INSERT DATA``, so a document Virtuoso refuses
  leaves its old version whole (tested); the ``DROP``s before it cannot fail.
* **The parser's stack.** One ``GRAPH <g> { … }`` block of more than about 4,900 triples
  fails to parse (``SP030 … memory exhausted``), so big N-Triples blocks are cut into blocks
  of :data:`TRIPLES_PER_BLOCK` inside the same ``INSERT DATA``: still one operation, one
  transaction.
* **No empty block in INSERT DATA**: ``GRAPH <g> {\n}`` (a document with no entailments) is a
  syntax error (``SP030``), so empty blocks are left out.
* **No blank nodes in INSERT DATA** (``SP031``, though SPARQL 1.1 allows them), and an
  ``INSERT { … } WHERE {}`` template of thousands of them overflows its SQL compiler. The
  reference graph (the ontology's OWL axioms are blank nodes) goes by Graph Store Protocol
  PUT instead, which Virtuoso's Turtle loader takes whole.
* **A result-row cap.** ``[SPARQL] ResultSetMaxRows`` in virtuoso.ini cuts every result
  silently but for an ``X-SPARQL-MaxRows`` header: a capped answer is marked truncated, and
  an internal query (no limit: it needs every row) that hit the cap is an error naming the
  setting, never a short answer.
* **Content negotiation.** Asked for ``application/sparql-results+json`` first, Virtuoso
  answers a CONSTRUCT in it too (a table of s/p/o): a graph query asks for N-Triples alone.
* **A one-row VALUES as a path's start.** ``{ VALUES ?t { <x> } ?t gt:implements* ?p .
  ?p gt:inDocument ?d }`` makes Virtuoso 7.2 walk the path from every node of the store (205
  rows where Oxigraph gives 3), or fail (``TR…: transitive start not given``); two rows, an
  inline IRI or ``BIND(<x> AS ?t)`` are right. In a query with a ``*`` or ``+`` path, a
  one-row, one-IRI VALUES opening a group is sent as that BIND (the same solutions: it
  extends the group's empty start the same way). Only there: elsewhere the BIND of an IRI
  the store has never seen fails Virtuoso's compiler (``SP031 … no SPART_VARR_FIXED``).
* **Booleans in results** are ``"1"``/``"0"`` (``xsd:boolean``), and the JSON uses the SPARQL
  1.0 ``typed-literal`` type: both are rewritten to the standard form.
* **Integer datatypes are kept** (``"5"^^xsd:nonNegativeInteger``, our ``oa:start``), where
  Oxigraph stores every type derived from ``xsd:integer`` as ``xsd:integer``: solutions report
  them as ``xsd:integer``, as the embedded store does (same value, same answers).
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import httpx
from rdflib import Graph
from rdflib.namespace import XSD

from govtrace.errors import STORE_FAULT, StoreError
from govtrace.graph.entailment import entailed_ntriples
from govtrace.graph.sparql_lexer import tokens
from govtrace.graph.store_remote import RemoteStore

TRIPLES_PER_BLOCK = 2000
"""Triples per ``GRAPH`` block in an update: well under the ~4,900 Virtuoso's parser takes,
and as fast as larger blocks (20,000 triples: 0.54 s in blocks of 1,000, 0.86 s of 4,000)."""

_MAX_ROWS_HEADER = "X-SPARQL-MaxRows"
_GRAPH_OPENING = re.compile(r"(?:INSERT DATA \{ )?GRAPH <[^>\s]*> \{")
_EMPTY_BLOCK = re.compile(r"^GRAPH <[^>\s]*> \{\n\}\n", re.MULTILINE)
_BOOLEANS = {"1": "true", "0": "false"}
_INTEGER_TYPES = {str(XSD[name]) for name in (
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long",
    "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


class VirtuosoStore(RemoteStore):
    """A :class:`RemoteStore` on Virtuoso 7 (``store_backend = virtuoso``)."""

    @staticmethod
    def _auth(user: str, password: str) -> httpx.Auth:
        return httpx.DigestAuth(user, password)

    def _query_text(self, sparql: str) -> str:
        return _one_row_values_as_bind(sparql)

    def _accept(self, sparql: str) -> str:
        form = next((token.text.upper() for token in tokens(sparql)
                     if token.depth == 0 and token.is_keyword(*_FORMS)), "SELECT")
        if form in ("CONSTRUCT", "DESCRIBE"):
            return "application/n-triples"
        return "application/sparql-results+json"

    def _query_params(self, limit: int | None) -> list[tuple[str, str]]:
        # one row more than the limit tells a cut answer from an exact one
        return [] if limit is None else [("maxrows", str(limit + 1))]

    def _server_cut(self, response: httpx.Response, limit: int | None) -> bool:
        cap = response.headers.get(_MAX_ROWS_HEADER)
        if cap is None:
            return False
        if limit is None:
            raise StoreError(STORE_FAULT, f"Virtuoso cut a result at {cap} rows, its "
                                          "ResultSetMaxRows: raise [SPARQL] ResultSetMaxRows in "
                                          "virtuoso.ini above the largest answer govtrace needs "
                                          "(docs/store.md)")
        return True

    def _solutions(self, document: dict[str, Any]) -> dict[str, Any]:
        if "results" in document:
            for row in document["results"]["bindings"]:
                for term in row.values():
                    _standard_term(term)
        return document

    def _update_text(self, sparql: str) -> str:
        return _blocks_cut(_without_empty_blocks(sparql), TRIPLES_PER_BLOCK)

    def set_reference(self, graph: Graph) -> None:
        """Graph Store Protocol PUT of the reference graph and its entailments (blank nodes:
        see the module's docstring). Two requests: a build records the reference's version
        only after both, so one killed between them is redone by the next build."""
        text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        for graph_iri, ntriples in ((self.layout.reference, text),
                                    (self.layout.inferred_reference, entailed_ntriples(text))):
            self._send("PUT", self.store_url, None, content=ntriples.encode("utf-8"),
                       params={"graph": str(graph_iri)}, auth=self._write_auth,
                       headers={"Content-Type": "application/n-triples"})


def _standard_term(term: dict[str, str]) -> None:
    if term.get("type") == "typed-literal":
        term["type"] = "literal"
    if term.get("datatype") == str(XSD.boolean) and term["value"] in _BOOLEANS:
        term["value"] = _BOOLEANS[term["value"]]
    elif term.get("datatype") in _INTEGER_TYPES:
        term["datatype"] = str(XSD.integer)


def _without_empty_blocks(update: str) -> str:
    """The update with the empty ``GRAPH <g> {`` + ``}`` lines of its closing ``INSERT DATA``
    left out (only there: in a WHERE clause an empty GRAPH pattern is a test)."""
    start = update.rfind("\nINSERT DATA { ")
    if start < 0:
        return update
    return update[:start] + _EMPTY_BLOCK.sub("", update[start:])


def _one_row_values_as_bind(sparql: str) -> str:
    """``{ VALUES ?v { <iri> }`` as ``{ BIND(<iri> AS ?v)`` in a query with a ``*`` or ``+``
    path: the tokens must be exactly these (an opening brace, then VALUES, one variable, one
    IRI or prefixed name)."""
    found = list(tokens(sparql))
    if not any(step.kind in ("iri", "pname") and modifier.text in ("*", "+")
               for step, modifier in pairwise(found)):
        return sparql
    out: list[str] = []
    done = 0
    for at in range(1, len(found) - 4):
        brace, keyword, variable, opening, term, closing = found[at - 1:at + 5]
        if (brace.text == "{" and keyword.is_keyword("VALUES") and variable.kind == "var"
                and opening.text == "{" and term.kind in ("iri", "pname")
                and closing.text == "}"):
            out += [sparql[done:keyword.start], f"BIND({term.text} AS {variable.text})"]
            done = closing.end
    return "".join(out) + sparql[done:]


def _blocks_cut(update: str, size: int) -> str:
    """``update`` with every ``GRAPH <g> {`` block of N-Triples lines longer than ``size``
    closed and reopened on the same graph after each ``size`` lines: the same triples in the
    same operation. A block holding anything but one-line triples is left as it is."""
    if update.count("\n") <= size:
        return update
    out: list[str] = []
    graph: str | None = None
    count = 0
    for line in update.splitlines(keepends=True):
        if graph is not None and count == size and _is_triple(line):
            out.append("}\n" + graph + "\n")
            count = 0
        out.append(line)
        opening = _GRAPH_OPENING.fullmatch(line.rstrip("\n"))
        if opening is not None:
            graph, count = opening.group(0).removeprefix("INSERT DATA { "), 0
        elif graph is not None and _is_triple(line):
            count += 1
        else:
            graph = None  # the block ended, or holds something else: leave it whole
    return "".join(out)


def _is_triple(line: str) -> bool:
    return line.startswith(("<", "_:")) and line.rstrip().endswith(" .")
