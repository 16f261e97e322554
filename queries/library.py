"""The saved-query library: documented ``*.rq`` files with typed, safely bound parameters.

Each ``.rq`` file in this package opens with a comment header the library reads::

    # title: Lineage of a task up to the national outline
    # description: one or more lines …
    # param: task (type: iri) — the task to start from
    # param: adcode (type: string, default: UNDEF) — … (UNDEF: the VALUES row binds nothing)
    # example: task=https://w3id.org/govtrace/id/doc/150626-2024-work_plan-47b40eba/task/5

and names each parameter's place as ``$name`` inside a ``VALUES`` block, or as the object
of a triple pattern (``?item gt:number $item .``) when it has no ``UNDEF`` default.
:func:`render` never pastes user text into SPARQL: a value is validated for its type and
written as an RDF term by rdflib (``URIRef(…).n3()``, ``Literal(…).n3()``, which escape
quotes and line breaks), so a value can only ever be one term.

Why objects too: Oxigraph joins a ``VALUES`` row with its pattern after matching the pattern
store-wide, but looks a constant object up in its index. ``implementers`` found national
item 9 by ``gt:number`` in 550 ms at 30,000 documents through ``VALUES`` and in under 1 ms
with the number in the pattern (issue 16).

A query with a long answer pages it (issue 16) with two ``count`` parameters, the only
ones placed outside ``VALUES``, in the solution modifiers ``LIMIT $limit OFFSET $offset``
(SPARQL gives LIMIT and OFFSET no variable to bind)::

    # param: limit (type: count, default: 1000, max: 10000) — rows per page
    # param: offset (type: count, default: 0, max: 100000000) — rows to skip

A count is written as ASCII digits and nothing else, checked against its ``max``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

from rdflib import Literal, URIRef

from govtrace.errors import (
    QUERY_LIBRARY_INVALID,
    QUERY_PARAM_INVALID,
    QUERY_PARAM_MISSING,
    QUERY_PARAM_UNKNOWN,
    QUERY_UNKNOWN,
    Location,
    QueryError,
)
from govtrace.graph.term_index import index_terms
from govtrace.queries.division_codes import known_division

UNDEF = "UNDEF"  # a default that leaves the VALUES variable unbound: the query matches any value

_HEADER_LINE = re.compile(r"#\s*(?P<key>title|description|param|example):\s?(?P<value>.*)")
_PARAM = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*) \(type: (?P<type>[a-z]+)"
                    r"(?:, default: (?P<default>[^,)]*))?(?:, max: (?P<max>[0-9]{1,18}))?\)"
                    r" — (?P<description>.+)")
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_PLACEHOLDER = re.compile(rf"\$({_NAME})")
_VALUES_PLACEHOLDER = re.compile(rf"VALUES\s+\?{_NAME}\s*\{{\s*\$({_NAME})\s*\}}")
_OBJECT_PLACEHOLDER = re.compile(rf"[\w:>]\s+\$({_NAME})\s*[.;,}}]")
"""``$name`` after a predicate (a prefixed name or an IRI) and before the pattern's end."""
_PAGE_PLACEHOLDER = re.compile(rf"\b(?P<modifier>LIMIT|OFFSET)\s+\$(?P<name>{_NAME})\b")
# Characters the SPARQL IRIREF production forbids, plus whitespace and controls.
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\s\x00-\x20\x7f]')
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")  # ASCII digits only (int() would take ٣ too)
_COUNT = re.compile(r"[0-9]{1,18}")


class ParamType(StrEnum):
    IRI = "iri"
    STRING = "string"
    INTEGER = "integer"
    ADCODE = "adcode"
    """A division's 6-digit code (or its name), checked in the gazetteer: an unknown one is
    GT-DIV-001, not a query that silently matches nothing."""
    TERM = "term"
    """A Chinese term of the glossary, the values of the materialized gt:mentionsTerm: any
    other is GT-QUERY-003, not a query that silently matches nothing."""
    COUNT = "count"
    """A whole number from 0 to the parameter's ``max``, written bare after LIMIT or OFFSET:
    the page of a long answer."""


@dataclass(frozen=True)
class QueryParam:
    """One declared parameter; ``default`` None means required, UNDEF means optional;
    ``maximum`` bounds a count."""

    name: str
    type: ParamType
    description: str
    default: str | None = None
    maximum: int | None = None

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class SavedQuery:
    """A saved query as its file declares it."""

    name: str
    title: str
    description: str
    params: tuple[QueryParam, ...]
    text: str
    example: str = ""

    def param(self, name: str) -> QueryParam:
        for param in self.params:
            if param.name == name:
                return param
        raise QueryError(QUERY_PARAM_UNKNOWN, f"the query {self.name!r} has no parameter "
                         f"{name!r} (it has: {', '.join(p.name for p in self.params) or 'none'})")

    @property
    def page(self) -> tuple[QueryParam, QueryParam] | None:
        """The parameters after ``LIMIT`` and ``OFFSET`` (None: the query does not page)."""
        modifiers = _page_modifiers(self.text)
        if not modifiers:
            return None
        return self.param(modifiers["LIMIT"]), self.param(modifiers["OFFSET"])

    def example_params(self) -> dict[str, str]:
        """The ``# example:`` line as parameters (``a=1&b=2`` or ``a=1``)."""
        pairs = (item.partition("=") for item in self.example.split("&") if item)
        return {name.strip(): value.strip() for name, _, value in pairs}


def parse_query(name: str, text: str) -> SavedQuery:
    """Read one ``.rq`` file's header; a malformed header is GT-QUERY-005 at its line."""
    fields: dict[str, list[str]] = {"title": [], "description": [], "example": []}
    params: list[QueryParam] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER_LINE.fullmatch(line.strip())
        if match is None:
            continue  # an ordinary comment
        key, value = match["key"], match["value"].strip()
        if key == "param":
            params.append(_parse_param(value, Location(file=f"{name}.rq", line=number)))
        else:
            fields[key].append(value)
    if not fields["title"] or not fields["description"]:
        raise QueryError(QUERY_LIBRARY_INVALID, f"{name}.rq has no `# title:` or no "
                         "`# description:` line", location=Location(file=f"{name}.rq"))
    query = SavedQuery(name=name, title=" ".join(fields["title"]),
                       description=" ".join(fields["description"]), params=tuple(params),
                       text=text, example=" ".join(fields["example"]))
    _check_placeholders(query)
    return query


def _parse_param(value: str, where: Location) -> QueryParam:
    match = _PARAM.fullmatch(value)
    if match is None or match["type"] not in ParamType.__members__.values():
        raise QueryError(QUERY_LIBRARY_INVALID, f"cannot read the parameter {value!r}",
                         location=where)
    default = match["default"].strip() if match["default"] is not None else None
    maximum = int(match["max"]) if match["max"] is not None else None
    kind = ParamType(match["type"])
    if (kind is ParamType.COUNT) != (maximum is not None):
        raise QueryError(QUERY_LIBRARY_INVALID, f"the parameter {value!r}: a count needs a "
                         "`max:` (a page must be bounded), and only a count takes one",
                         location=where)
    return QueryParam(match["name"], kind, match["description"].strip(), default, maximum)


def _check_placeholders(query: SavedQuery) -> None:
    """Every declared parameter is used, in a VALUES block or as a triple's object (a count
    after LIMIT or OFFSET), and nothing undeclared is."""
    body = query_body(query.text)
    declared = {param.name for param in query.params}
    counts = {param.name for param in query.params if param.type is ParamType.COUNT}
    undefined = {param.name for param in query.params if param.default == UNDEF}
    used = set(_PLACEHOLDER.findall(body))
    in_values = set(_VALUES_PLACEHOLDER.findall(body))
    as_objects = set(_OBJECT_PLACEHOLDER.findall(body)) - undefined
    in_modifiers = {match["name"] for match in _PAGE_PLACEHOLDER.finditer(body)}
    problems = []
    if declared - used:
        problems.append(f"declared but unused: {sorted(declared - used)}")
    if used - declared:
        problems.append(f"used but not declared: {sorted(used - declared)}")
    if (used - counts) - in_values - as_objects:
        problems.append(f"neither in a `VALUES ?var {{ $name }}` block nor a triple's object "
                        f"(an UNDEF default needs VALUES): "
                        f"{sorted((used - counts) - in_values - as_objects)}")
    if (used & counts) - in_modifiers:
        problems.append(f"a count outside `LIMIT $name` or `OFFSET $name`: "
                        f"{sorted((used & counts) - in_modifiers)}")
    if len(_page_modifiers(query.text)) == 1:
        problems.append("a page needs both `LIMIT $name` and `OFFSET $name`")
    if problems:
        raise QueryError(QUERY_LIBRARY_INVALID, f"{query.name}.rq placeholders: "
                         + "; ".join(problems), location=Location(file=f"{query.name}.rq"))


def _page_modifiers(text: str) -> dict[str, str]:
    """The parameter after ``LIMIT`` and the one after ``OFFSET``, by modifier."""
    return {match["modifier"]: match["name"]
            for match in _PAGE_PLACEHOLDER.finditer(query_body(text))}


def query_body(text: str) -> str:
    """The query without its comment lines (placeholders in comments do not count)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


@cache
def load_library() -> dict[str, SavedQuery]:
    """Every saved query shipped in this package, by name (the file name without ``.rq``)."""
    library = {}
    for resource in sorted(files("govtrace.queries").iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".rq"):
            name = resource.name.removesuffix(".rq")
            library[name] = parse_query(name, resource.read_text(encoding="utf-8"))
    return library


def saved_query(name: str) -> SavedQuery:
    """The saved query called ``name``, or GT-QUERY-001."""
    library = load_library()
    if name not in library:
        raise QueryError(QUERY_UNKNOWN, f"there is no saved query {name!r} (there are: "
                         f"{', '.join(sorted(library))})")
    return library[name]


def params_from_pairs(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Parameters from (name, value) pairs; a name given twice is GT-QUERY-003, not last-wins."""
    params: dict[str, str] = {}
    for name, value in pairs:
        if name in params:
            raise QueryError(QUERY_PARAM_INVALID, f"the parameter {name!r} is given twice")
        params[name] = value
    return params


def render(name: str, params: Mapping[str, str]) -> str:
    """The saved query ``name`` with its parameters bound (see :func:`render_query`)."""
    return render_query(saved_query(name), params)


def render_query(query: SavedQuery, params: Mapping[str, str], *, lookahead: int = 0) -> str:
    """The query with each ``$param`` replaced by the validated value as an RDF term;
    ``lookahead`` rows are asked for beyond the page's LIMIT (one tells whether there is a
    next page)."""
    for given in params:
        query.param(given)  # GT-QUERY-004 for a parameter the query does not declare
    terms = {param.name: _term(param, params.get(param.name)) for param in query.params}
    page = query.page
    if page is not None and lookahead:
        terms[page[0].name] = str(int(terms[page[0].name]) + lookahead)
    return _PLACEHOLDER.sub(lambda match: terms[match[1]], query_body(query.text))


@dataclass(frozen=True)
class Page:
    """The rows a paged query's answer holds at most (``limit``) and starts at (``offset``),
    with the names of the parameters that say so."""

    limit: int
    offset: int
    limit_param: str
    offset_param: str

    def following(self) -> dict[str, str]:
        """The parameters of the next page."""
        return {self.limit_param: str(self.limit),
                self.offset_param: str(self.offset + self.limit)}


def requested_page(query: SavedQuery, params: Mapping[str, str]) -> Page | None:
    """The page ``params`` ask ``query`` for, validated (None: the query does not page)."""
    if query.page is None:
        return None
    limit, offset = query.page
    return Page(int(_term(limit, params.get(limit.name))),
                int(_term(offset, params.get(offset.name))), limit.name, offset.name)


def _term(param: QueryParam, value: str | None) -> str:
    if value is None:
        if param.default is None:
            raise QueryError(QUERY_PARAM_MISSING, f"the parameter {param.name!r} "
                             f"({param.type}) is required: {param.description}")
        if param.default == UNDEF:
            return UNDEF
        value = param.default
    if param.type is ParamType.IRI:
        return URIRef(valid_iri(param.name, value)).n3()
    if param.type is ParamType.INTEGER:
        if _INTEGER.fullmatch(value.strip()) is None:
            raise QueryError(QUERY_PARAM_INVALID, f"the parameter {param.name!r} must be a "
                             f"whole number, not {value!r}")
        return Literal(int(value)).n3()
    if param.type is ParamType.ADCODE:
        return Literal(known_division(value).adcode).n3()
    if param.type is ParamType.TERM:
        return Literal(glossary_term(param.name, value)).n3()
    if param.type is ParamType.COUNT:
        return str(count(param, value))
    return Literal(value).n3()


def count(param: QueryParam, value: str) -> int:
    """``value`` as a whole number from 0 to the parameter's maximum (digits only: a sign, a
    space inside or anything after would be pasted beside LIMIT or OFFSET)."""
    maximum = param.maximum if param.maximum is not None else 0
    if _COUNT.fullmatch(value.strip()) is None or int(value) > maximum:
        raise QueryError(QUERY_PARAM_INVALID, f"the parameter {param.name!r} must be a whole "
                         f"number from 0 to {maximum}, not {value!r}")
    return int(value)


def glossary_term(name: str, value: str) -> str:
    """``value`` if it is a term ``gt:mentionsTerm`` indexes (a Chinese term of the glossary)."""
    term = value.strip()
    if term not in index_terms():
        raise QueryError(QUERY_PARAM_INVALID, f"the parameter {name!r} must be a Chinese term "
                         f"of the glossary (govtrace/data/glossary.tsv, such as 行政规范性文件), "
                         f"not {value!r}: for any keyword, ask /api/mandates?q=… (the server's "
                         f"text index)")
    return term


def valid_iri(name: str, value: str) -> str:
    """``value`` if it is an absolute http(s) IRI that SPARQL can hold in ``<…>``."""
    bad = _IRI_FORBIDDEN.search(value)
    if bad is not None:
        raise QueryError(QUERY_PARAM_INVALID, f"the parameter {name!r} holds {bad[0]!r}, "
                         f"which an IRI cannot contain", location=Location(offset=bad.start()))
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise QueryError(QUERY_PARAM_INVALID, f"the parameter {name!r} must be an absolute "
                         f"http(s) IRI, not {value!r}")
    return value
