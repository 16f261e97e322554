"""SPARQL text as tokens with their brace depth: enough to find a query's dataset clause and
an update's WITH / USING / WHERE keywords without being fooled by strings, IRIs, comments,
variables or prefixed names.

Hand-written because no parser at hand exposes what is needed: pyoxigraph (0.5, the newest)
parses inside ``Store.query``/``Store.update`` and shows neither the query's dataset nor an
update's operations, and rdflib's parser rejects SPARQL 1.2 syntax that Oxigraph runs (triple
terms) and spends about 1 s of the server's GIL on a 0.5 MB query. The terminals follow the
SPARQL 1.1 grammar (§19.8); Oxigraph still parses every text this module only inspects or
rewrites, so a misread can make a request fail to parse, never run differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_PN_CHARS = r"\w\-\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_TERMINALS = re.compile("|".join([
    r"(?P<space>\s+|#[^\r\n]*)",
    r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\r\n]|\\.)*"|\'(?:[^\'\\\r\n]|\\.)*\')',
    r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
    rf"(?P<var>[?$][{_PN_CHARS}]+)",
    r"(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",
    rf"(?P<bnode>_:(?:[{_PN_CHARS}.]|{_PLX})*)",
    rf"(?P<pname>(?:[^\W\d_][{_PN_CHARS}.]*)?:(?:[{_PN_CHARS}.:]|{_PLX})*)",
    r"(?P<word>[^\W\d_]\w*)",
    r"(?P<number>\d[\w.]*|\.\d[\w.]*)",
    r"(?P<punct>.)",
]), re.DOTALL)


@dataclass(frozen=True)
class Token:
    """One terminal: its kind (a group name of the grammar above), text, offset and depth."""

    kind: str
    text: str
    start: int
    depth: int
    """How many ``{`` enclose it (a brace itself counts the depth outside it)."""

    def is_keyword(self, *names: str) -> bool:
        return self.kind == "word" and self.text.upper() in names

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def tokens(sparql: str) -> Iterator[Token]:
    """The text's terminals, whitespace and comments left out."""
    depth = 0
    for match in _TERMINALS.finditer(sparql):
        kind = match.lastgroup
        assert kind is not None
        if kind == "space":
            continue
        text = match.group()
        if text == "}":
            depth = max(depth - 1, 0)
        yield Token(kind, text, match.start(), depth)
        if text == "{":
            depth += 1


def has_dataset_clause(sparql: str) -> bool:
    """Whether a query names its dataset (FROM / FROM NAMED): in the grammar, FROM is the
    dataset clause's keyword and nothing else's."""
    return any(token.is_keyword("FROM") for token in tokens(sparql))
