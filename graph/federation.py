"""Which remote IRIs a SPARQL request may make the store fetch: ``SERVICE`` and ``LOAD``.

Oxigraph (and any remote SPARQL server) sends an HTTP request for every ``SERVICE <iri>``
in a query and every ``LOAD <iri>`` in an update, to any address, loopback included: run
for anonymous clients, that reads internal services through govtrace (SSRF) and lets a
self-referencing SERVICE tie up every worker. :class:`FederationPolicy` allows only the
IRIs the operator listed (``federation_allow``, ``load_allow``; both empty by default) and
is checked before a request reaches either backend.

No parser at hand says which operations a request has: pyoxigraph 0.5 parses inside
``Store.query``/``Store.update`` and exposes no algebra, and rdflib's parser rejects the
SPARQL 1.2 syntax Oxigraph runs (see :mod:`govtrace.graph.sparql_lexer`). So the request's
tokens are read, with comments, strings and IRIs set apart by that lexer, and every doubt
counts against the request:

* a keyword glued to what follows or precedes it (``SERVICEex:a``, ``1SERVICE``,
  ``SILENTex:a``), which Oxigraph's parser still reads as the keyword, is a SERVICE or LOAD
  whose endpoint cannot be told;
* an endpoint that is a variable, a relative IRI (it depends on BASE), a prefixed name of
  a prefix declared twice differently, or anything else: cannot be told, refused;
* the lexer reads ``<`` followed by IRI characters and ``>`` as an IRI; inside an
  expression Oxigraph may read it as "less than", so the text between could be code.
  When that text could change what follows (it holds a quote, ``#``, a bracket or a
  keyword), the request is refused as unreadable.

A request whose text does not contain ``service`` or ``load`` at all (case-folded) is
passed without lexing: neither keyword can then be spelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govtrace.errors import SPARQL_REMOTE_REFUSED, Location, SparqlError
from govtrace.graph.sparql_lexer import Token, tokens
from govtrace.settings import Settings

SERVICE, LOAD = "SERVICE", "LOAD"
_KEYWORDS = (SERVICE.casefold(), LOAD.casefold())
_HTTP = re.compile(r"https?://", re.IGNORECASE)
# After these an operand is expected, so a `<` is an IRI's start, never "less than".
_BEFORE_OPERAND = {"(", ",", "=", "!", "&", "|", "+", "-", "*", "/", "^", "<"}
# IRI characters that would start a string or comment, or open or close an expression,
# if the IRI were read as code.
_CODE_CHANGING = set("'#()[]")
_PLX_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class RemoteAccess:
    """One SERVICE or LOAD in a request: the IRI it fetches, or why that cannot be told."""

    keyword: str
    offset: int
    iri: str | None
    unknown_because: str = ""


@dataclass(frozen=True)
class FederationPolicy:
    """The SPARQL endpoints SERVICE may call and the sources LOAD may read (exact IRIs)."""

    services: frozenset[str] = frozenset()
    loads: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings) -> FederationPolicy:
        return cls(frozenset(settings.federation_allow), frozenset(settings.load_allow))

    @property
    def federated(self) -> bool:
        """Whether any SERVICE can be allowed (what the service description announces)."""
        return bool(self.services)

    def check(self, sparql: str) -> None:
        """Raise GT-SPARQL-012 unless every SERVICE and LOAD of ``sparql`` is allowed."""
        for access in remote_accesses(sparql):
            allowed = self.services if access.keyword == SERVICE else self.loads
            where = Location.in_text(sparql, access.offset)
            if access.iri is None:
                raise SparqlError(SPARQL_REMOTE_REFUSED, f"{access.keyword}: "
                                  f"{access.unknown_because}", location=where)
            if access.iri not in allowed:
                setting = "federation_allow" if access.keyword == SERVICE else "load_allow"
                why = (f"is not one of the IRIs {setting} allows" if allowed else
                       f"is refused: {access.keyword} is off on this endpoint ({setting} is "
                       "empty)")
                raise SparqlError(SPARQL_REMOTE_REFUSED, f"{access.keyword} <{access.iri}> {why}",
                                  location=where)


def remote_accesses(sparql: str) -> list[RemoteAccess]:
    """Every SERVICE and LOAD the store might run for ``sparql``, and what each fetches."""
    folded = sparql.casefold()  # casefold: Oxigraph must never see a keyword missed here
    if not any(keyword in folded for keyword in _KEYWORDS):
        return []
    found = list(tokens(sparql))
    prefixes = _prefixes(found)
    accesses: list[RemoteAccess] = []
    brackets: list[str] = []
    for index, token in enumerate(found):
        previous = found[index - 1] if index else None
        if token.kind == "punct":
            _track(brackets, token.text)
        elif token.kind == "iri" and _maybe_code(token, previous, brackets):
            accesses.append(RemoteAccess(
                f"{SERVICE} or {LOAD}", token.start, None,
                f"`{token.text}` may be read as a comparison (`<`, `>`) with code between; "
                "write spaces around `<` and `>` in expressions"))
        elif token.kind in ("word", "pname", "number"):
            keyword = _keyword_in(token)
            if keyword is None:
                continue
            if token.kind == "word" and token.text.casefold() == keyword:
                accesses.append(_access(keyword.upper(), found, index, prefixes))
            else:
                accesses.append(RemoteAccess(
                    keyword.upper(), token.start, None,
                    f"`{token.text}` may be read as {keyword.upper()} with what is glued to "
                    "it; write the keyword and its IRI apart"))
    return accesses


def _keyword_in(token: Token) -> str | None:
    # A prefixed name's local part is read whole by Oxigraph (`ex:service` is a name); its
    # prefix is not (`SERVICEex:a` is SERVICE and `ex:a`).
    text = token.text.split(":", 1)[0] if token.kind == "pname" else token.text
    folded = text.casefold()
    return next((keyword for keyword in _KEYWORDS if keyword in folded), None)


def _access(keyword: str, found: list[Token], index: int,
            prefixes: dict[str, str | None]) -> RemoteAccess:
    start = found[index].start
    following = found[index + 1:index + 3]
    if following and following[0].kind == "word" and following[0].text.casefold() == "silent":
        following = following[1:]
    if not following:
        return RemoteAccess(keyword, start, None, "no IRI follows")
    target = following[0]
    if target.kind == "var":
        return RemoteAccess(keyword, start, None, f"the IRI is a variable ({target.text}), "
                            "which cannot be checked before the query runs")
    if target.kind == "iri":
        iri: str | None = target.text[1:-1]
    elif target.kind == "pname":
        iri = _expand(target.text, prefixes)
        if iri is None:
            return RemoteAccess(keyword, start, None, f"the prefix of {target.text} is "
                                "undeclared or declared more than once")
    else:
        return RemoteAccess(keyword, start, None, f"`{target.text}` is not an IRI")
    if iri is None or "\\" in iri or not _HTTP.match(iri):
        return RemoteAccess(keyword, start, None, f"<{iri}> is not an absolute http(s) IRI")
    return RemoteAccess(keyword, start, iri)


def _expand(pname: str, prefixes: dict[str, str | None]) -> str | None:
    prefix, _, local = pname.partition(":")
    namespace = prefixes.get(prefix)
    if namespace is None:
        return None
    # The lexer keeps a triple's final `.` on the name; a name never ends with one.
    return namespace + _PLX_ESCAPE.sub(r"\1", local.rstrip("."))


def _prefixes(found: list[Token]) -> dict[str, str | None]:
    """Each declared prefix's IRI; None for one declared with two different IRIs."""
    declared: dict[str, str | None] = {}

    def declare(prefix: str, iri: str) -> None:
        declared[prefix] = iri if declared.get(prefix, iri) == iri else None

    for index, token in enumerate(found[:-1]):
        after = found[index + 1]
        if (token.kind == "word" and token.text.casefold() == "prefix" and index + 2 < len(found)
                and after.kind == "pname" and after.text.endswith(":")
                and found[index + 2].kind == "iri"):
            declare(after.text[:-1], found[index + 2].text[1:-1])
        # `PREFIXex: <…>` declares `ex:` to Oxigraph; both readings are kept, so a clash
        # makes the prefix unusable rather than wrong.
        if (token.kind == "pname" and token.text.casefold().startswith("prefix")
                and token.text.endswith(":") and after.kind == "iri"):
            declare(token.text[len("prefix"):-1], after.text[1:-1])
    return declared


def _track(brackets: list[str], text: str) -> None:
    if text in "({[":
        brackets.append(text)
    elif text in ")}]" and brackets:
        brackets.pop()


def _maybe_code(iri: Token, previous: Token | None, brackets: list[str]) -> bool:
    """Whether Oxigraph might read this IRI as ``<`` … ``>`` comparisons whose code changes
    how the rest is read. Only inside parentheses is there an expression, and only after an
    operand can ``<`` be "less than"."""
    if not brackets or brackets[-1] != "(":
        return False
    if previous is None or (previous.kind == "punct" and previous.text in _BEFORE_OPERAND):
        return False
    if previous.kind == "word" and previous.text.casefold() == "distinct":
        return False
    content = iri.text[1:-1]
    return bool(_CODE_CHANGING & set(content)) or any(
        keyword in content.casefold() for keyword in _KEYWORDS)
