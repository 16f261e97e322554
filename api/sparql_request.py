"""One ``/sparql`` request as the SPARQL 1.1 Protocol defines it, and the text sent to the store.

The Protocol's encodings (GET parameters, a form-encoded POST, a direct POST of
``application/sparql-query`` or ``application/sparql-update``) become one
:class:`ProtocolRequest`. What the store then runs is the client's text with two kinds of
insertion, each kept so that a syntax error's line and column point into the client's text:

* ``BASE <endpoint>`` in front, so relative IRIs resolve against the endpoint's URL (the
  Protocol lets the service choose the base, and its test suggests the endpoint). Sent to
  the remote backend too, so both backends resolve alike and never against the remote
  store's internal URL.
* ``USING <g>`` / ``USING NAMED <g>`` before each update operation's ``WHERE`` for
  ``using-graph-uri`` / ``using-named-graph-uri`` (Protocol §2.2.3): pyoxigraph's
  ``Store.update`` takes no dataset, and USING clauses are how the Update language says the
  same thing. ``DELETE WHERE { Q }`` cannot carry USING, so it is sent as its definition,
  ``DELETE { Q } USING … WHERE { Q }`` (SPARQL 1.1 Update §3.1.3.3).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import Request
from starlette.datastructures import URL

from govtrace.errors import (
    SPARQL_BAD_REQUEST,
    SPARQL_UNSUPPORTED_MEDIA,
    Location,
    SparqlError,
)
from govtrace.graph.sparql_lexer import Token, tokens
from govtrace.graph.store import QueryDataset

FORM = "application/x-www-form-urlencoded"
QUERY_MEDIA = "application/sparql-query"
UPDATE_MEDIA = "application/sparql-update"
_QUERY_DATASET = ("default-graph-uri", "named-graph-uri")
_UPDATE_DATASET = ("using-graph-uri", "using-named-graph-uri")


@dataclass(frozen=True)
class Insertion:
    offset: int
    """Where in the client's text (before the character at this offset)."""
    text: str


@dataclass(frozen=True)
class PreparedText:
    """The client's SPARQL with insertions: :attr:`sparql` goes to the store, and an error's
    location in it maps back to the client's text with :meth:`relocate`."""

    original: str
    insertions: tuple[Insertion, ...] = ()

    @property
    def sparql(self) -> str:
        parts, last = [], 0
        for insertion in self.insertions:
            parts += [self.original[last:insertion.offset], insertion.text]
            last = insertion.offset
        return "".join(parts) + self.original[last:]

    def relocate(self, error: SparqlError) -> SparqlError:
        """The same error, located in the client's text instead of :attr:`sparql`."""
        if error.location is None or error.location.offset is None or not self.insertions:
            return error
        # Insertion i starts in the sent text at its offset plus the lengths inserted before
        # it; a position inside inserted text maps to where that insertion was made.
        added = list(accumulate((len(i.text) for i in self.insertions), initial=0))
        starts = [i.offset + before for i, before in zip(self.insertions, added, strict=False)]
        sent = error.location.offset
        index = bisect_right(starts, sent) - 1
        if index < 0:
            original = sent
        else:
            insertion = self.insertions[index]
            original = max(insertion.offset, sent - added[index + 1])
        return SparqlError(error.error, error.detail, hint=error.hint,
                           location=Location.in_text(self.original, original))


@dataclass(frozen=True)
class ProtocolRequest:
    """One request's operation, after the Protocol's several encodings are unified."""

    query: str | None
    update: str | None
    dataset: QueryDataset
    """``default-graph-uri`` / ``named-graph-uri`` (queries)."""
    using: QueryDataset
    """``using-graph-uri`` / ``using-named-graph-uri`` (updates)."""
    base_iri: str | None

    def query_text(self) -> PreparedText:
        assert self.query is not None
        return PreparedText(self.query, _base(self.base_iri))

    def update_text(self) -> PreparedText:
        assert self.update is not None
        return PreparedText(self.update, _base(self.base_iri) + _using(self.update, self.using))


def get_request(request: Request) -> ProtocolRequest:
    """A GET's operation (its query string)."""
    return get_operation(request.scope["query_string"], endpoint_iri(request))


def get_operation(query_string: bytes, base_iri: str | None) -> ProtocolRequest:
    """The operation of a GET's query string, its relative IRIs against ``base_iri``."""
    read = _known_get if len(query_string) <= _KEPT_QUERY_STRING else _get_operation
    return read(query_string, base_iri)


def _get_operation(query_string: bytes, base_iri: str | None) -> ProtocolRequest:
    return _operation(_parameters(query_string), base_iri)


# Clients send the same queries again and again, and decoding a 1 KB query string (parse_qsl)
# took 30-50 µs, a tenth of /sparql's own time for a small query (issue 16). An operation is
# immutable, and a request that is refused raises, which is not kept.
_known_get = lru_cache(maxsize=256)(_get_operation)
_KEPT_QUERY_STRING = 8192
"""Bytes of a query string whose operation :func:`get_request` keeps (256 at most)."""


def post_request(request: Request, body: bytes) -> ProtocolRequest:
    """A POST's operation: its body read by its media type, with the URL's parameters."""
    content_type = request.headers.get("content-type", "")
    media, *parameters = (part.strip() for part in content_type.split(";"))
    media = media.lower()
    params = _parameters(request.scope["query_string"])
    base = endpoint_iri(request)
    if not media and not body:  # everything is in the URL, or the request is empty (400)
        return _operation(params, base)
    if media not in (FORM, QUERY_MEDIA, UPDATE_MEDIA):
        raise SparqlError(SPARQL_UNSUPPORTED_MEDIA,
                          f"cannot read a body of type {media or 'none'!r}")
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip(' "').lower() not in ("utf-8",
                                                                                  "utf8"):
            raise SparqlError(SPARQL_UNSUPPORTED_MEDIA,
                              f"the body is declared {value.strip()!r}; SPARQL Protocol "
                              "bodies are UTF-8", hint="Encode the body as UTF-8.")
    text = _utf8(body)
    if media == FORM:
        return _operation(params + parse_qsl(text, keep_blank_values=True), base)
    if media == QUERY_MEDIA:
        return _operation(params, base, query=text)
    return _operation(params, base, update=text)


def endpoint_iri(request: Request) -> str | None:
    """The endpoint's own URL, the base IRI of every operation; None if the Host header makes
    it no valid IRI (relative IRIs then fail to parse, as they would with no base)."""
    scope = request.scope
    server = scope.get("server")  # a list from some servers: hashed as a tuple
    return endpoint_iri_of(scope.get("scheme", "http"), tuple(server) if server else None,
                           scope["path"], request.headers.get("host"))


@lru_cache(maxsize=64)
def endpoint_iri_of(scheme: str, server: tuple[str, int | None] | None, path: str,
                    host: str | None) -> str | None:
    """:func:`endpoint_iri` of a request's parts."""
    # Cached: building the URL and checking it took a tenth of an `ASK {}`'s time (issue 16),
    # and a server is reached under a handful of names.
    headers = [(b"host", host.encode("latin-1"))] if host is not None else []
    url = str(URL(scope={"scheme": scheme, "server": server, "path": path, "headers": headers}))
    try:
        ox.NamedNode(url)
    except ValueError:
        return None
    return url


def _parameters(query_string: bytes) -> list[tuple[str, str]]:
    # What Starlette's query_params holds, without the multidict it builds around it.
    return parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SparqlError(SPARQL_BAD_REQUEST, f"the body is not UTF-8 (byte {exc.start})"
                          ) from None


def _operation(params: list[tuple[str, str]], base_iri: str | None, *,
               query: str | None = None, update: str | None = None) -> ProtocolRequest:
    queries = [value for name, value in params if name == "query"]
    updates = [value for name, value in params if name == "update"]
    queries += [query] if query is not None else []
    updates += [update] if update is not None else []
    if len(queries) + len(updates) > 1:
        raise SparqlError(SPARQL_BAD_REQUEST,
                          "send exactly one query or update per request, not several")
    names = {name for name, _ in params}
    misplaced = names & set(_UPDATE_DATASET if queries else _QUERY_DATASET if updates else ())
    if misplaced:
        raise SparqlError(SPARQL_BAD_REQUEST,
                          f"{', '.join(sorted(misplaced))} does not apply to "
                          f"{'a query' if queries else 'an update'}",
                          hint="A query's dataset is default-graph-uri / named-graph-uri, an "
                               "update's using-graph-uri / using-named-graph-uri.")
    return ProtocolRequest(
        queries[0] if queries else None, updates[0] if updates else None,
        dataset=_dataset(params, *_QUERY_DATASET), using=_dataset(params, *_UPDATE_DATASET),
        base_iri=base_iri)


def _dataset(params: list[tuple[str, str]], default: str, named: str) -> QueryDataset:
    return QueryDataset(default_graphs=tuple(value for name, value in params if name == default),
                        named_graphs=tuple(value for name, value in params if name == named))


def _base(base_iri: str | None) -> tuple[Insertion, ...]:
    return (Insertion(0, f"BASE <{base_iri}> "),) if base_iri is not None else ()


def _using(update: str, using: QueryDataset) -> tuple[Insertion, ...]:
    """USING clauses before each operation's WHERE (only operations with a WHERE read data)."""
    if using.is_union:
        return ()
    clauses = "".join([f"USING {_iri(iri)} " for iri in using.default_graphs]
                      + [f"USING NAMED {_iri(iri)} " for iri in using.named_graphs])
    found = list(tokens(update))
    insertions = []
    for index, token in enumerate(found):
        if token.is_keyword("USING", "WITH"):
            raise SparqlError(
                SPARQL_BAD_REQUEST, f"the update has {token.text.upper()} (character "
                f"{token.start}) and the request using-graph-uri / using-named-graph-uri",
                hint="Name the update's dataset once: in the update text or in the "
                     "request's parameters (SPARQL 1.1 Protocol §2.2.3).")
        if token.depth == 0 and token.is_keyword("WHERE"):
            after_delete = index > 0 and found[index - 1].is_keyword("DELETE")
            pattern = _group_text(update, found, index + 1) if after_delete else ""
            insertions.append(Insertion(token.start, pattern + clauses))
    return tuple(insertions)


def _group_text(update: str, found: list[Token], opening: int) -> str:
    """The ``{ … }`` that starts at token ``opening``, with a space after it."""
    if opening >= len(found) or found[opening].text != "{":
        return ""  # not DELETE WHERE { … }: Oxigraph reports the syntax error
    closing = next((token for token in found[opening + 1:]
                    if token.text == "}" and token.depth == 0), None)
    end = closing.end if closing is not None else len(update)
    return update[found[opening].start:end] + " "


def _iri(iri: str) -> str:
    """An IRI as SPARQL text; refused unless absolute and valid, since it is spliced in."""
    try:
        return str(ox.NamedNode(iri))
    except ValueError as exc:
        raise SparqlError(SPARQL_BAD_REQUEST, f"the graph IRI {iri!r} is not a valid "
                          f"absolute IRI: {exc}",
                          hint="Give absolute IRIs in using-graph-uri / using-named-graph-uri."
                          ) from None
