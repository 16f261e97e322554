"""Every lineage link's details and every document node's own description, as the build
read them: what a lineage page shows, without asking the store (issue 16).

A page of ``/api/tasks/{id}/lineage`` shows each link with its confidence, method and
evidence (a phrase and where each side states it) and its two ends described (number,
title, document). Asked of the store, that cost about 0.5 ms of CPU a link at 30,000
documents (about 50 µs per evidence row: the union default graph hands back every copy),
so a national item's first page of 200 links took 108 ms, and an ordinary task's answer
5.5 ms. The build reads them all once (:mod:`govtrace.queries.serving_index`), with the
``gt:implements`` arcs a task's links up are found by, and a page is dictionary look-ups.

The rows are kept as the store's own queries give them (:data:`LINK_DETAIL`, which
:mod:`govtrace.queries.lineage_links` asks when there is no table, and :data:`NODE_PATTERN`,
which :func:`govtrace.queries.refs.task_refs` asks for the nodes the table does not hold),
so the answers are built by the same code from the same rows whichever way they were read.

Stored compactly, since a server holds it as long as its snapshot (at 30,000 documents
about 365,000 links with 1.8 million evidence rows, and half a million nodes): each record
is its own pickle inside one byte array, unpickled when a page asks for it, and the IRIs
are found through a hash table stored with them
(:class:`~govtrace.queries.index_files.PackedStrings`), so that opening the table builds no
object per link or node: mapped arrays, shared by the serving processes (a dictionary of
the 910,594 IRIs took 0.5 s of CPU in each, issue 16).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from govtrace.graph.store import SparqlService
from govtrace.queries.down_links import tasks_above
from govtrace.queries.index_files import PackedBytes, PackedStrings
from govtrace.queries.rows import Row, select

LINK_HEAD = """
  ?link gt:linkFrom ?from ; gt:linkTo ?to ; gt:linkType ?type .
  OPTIONAL { ?link gt:confidence ?confidence }
  OPTIONAL { ?link gt:method ?method }
  OPTIONAL { ?link gt:textReuse ?reuse }
  OPTIONAL { ?link gt:reuseBasis ?reuseBasis }
"""
_OFFSETS = """OPTIONAL { ?ev gt:childStart ?cs . OPTIONAL { ?ev gt:childEnd ?ce } }
    OPTIONAL { ?ev gt:parentStart ?ps . OPTIONAL { ?ev gt:parentEnd ?pe } }
    OPTIONAL { ?ev gt:phrase ?statedPhrase }"""
EVIDENCE_OFFSETS = f"""?link gt:hasEvidence ?ev ; gt:linkFrom ?from .
    {_OFFSETS}"""
QUOTE = """?from gt:span ?fromSpan .
      OPTIONAL { ?fromSpan oa:hasSelector/oa:start ?fromStart }
      OPTIONAL { ?fromSpan oa:hasSelector/oa:exact ?fromExact }"""
EVIDENCE = f"""{EVIDENCE_OFFSETS}
    OPTIONAL {{ {QUOTE} }}
    BIND(COALESCE(?statedPhrase, SUBSTR(?fromExact, ?cs - ?fromStart + 1, ?ce - ?cs))
         AS ?phrase)"""
# The phrase is the child's characters at the evidence's offsets, in the quote of the
# child item's span, unless the evidence states another gt:phrase (ontology 4.0.0).
# One pattern per inner OPTIONAL, each nested under the one binding its subject, so that
# Oxigraph looks an evidence's offsets up per row: `OPTIONAL { ?ev gt:childStart ?cs ;
# gt:childEnd ?ce }` is evaluated for every evidence of the store first, and item 9's links
# down took over five minutes at 1,000 documents (issue 16).
LINK_DETAIL = LINK_HEAD + f"OPTIONAL {{ {EVIDENCE} }}"
"""A link's details (``?link``, from the ends to the evidence) as lineage answers read them."""
NODE_PATTERN = """?task gt:inDocument ?doc .
  OPTIONAL { ?task gt:number ?number } OPTIONAL { ?task gt:numberText ?numberText }
  OPTIONAL { ?task gt:title ?title }"""
"""What a task reference says of the node ``?task`` itself (its document is described
apart)."""

LINK_HEAD_KEYS = ("from", "to", "type", "confidence", "method", "reuse", "reuseBasis")
EVIDENCE_KEYS = ("phrase", "cs", "ce", "ps", "pe")
NODE_ROW_KEYS = ("doc", "number", "numberText", "title")

_Values = tuple[Any, ...]
_LinkRecord = tuple[_Values, tuple[_Values, ...]]  # head, evidence rows
_NodeRecord = tuple[tuple[_Values, ...], tuple[str, ...], tuple[str, ...]]
"""A node's description rows (none when it has no ``gt:inDocument``), the tasks it
``gt:implements`` and the links from it."""
_CodedNode = tuple[tuple[_Values, ...], tuple[int, ...], tuple[int, ...]]
"""A :data:`_NodeRecord` as stored: the tasks and links by their terms' ordinals."""
_TERMS_OF_HEAD = (True, True, True, False, True, False, True)  # which LINK_HEAD_KEYS are terms
_TERMS_OF_NODE = (True, False, False, False)  # which NODE_ROW_KEYS are


class LinkDetails:
    """Each link's rows and each node's description rows, arcs up and links from it.

    Inside a record, an IRI or a recurring word (a link's ends, type and method, a node's
    document) is the ordinal of its text in one list of terms, the links' and nodes' own
    IRIs first: at 1,000 documents a third of the size of the records spelled out."""

    INDEX_FORMAT = 2  # 1: the terms a list, made a dictionary at open (index_files' doc)

    def __init__(self, links: Mapping[str, _LinkRecord], nodes: Mapping[str, _NodeRecord]
                 ) -> None:
        terms: dict[str, int] = {}
        for iri in [*links, *nodes]:
            terms.setdefault(iri, len(terms))
        self._links, self._records = len(links), len(terms)

        def coded(values: _Values, which: tuple[bool, ...]) -> _Values:
            return tuple(terms.setdefault(value, len(terms)) if term and value is not None
                         else value for value, term in zip(values, which, strict=True))

        self._packed = PackedBytes(pickle.dumps(record, pickle.HIGHEST_PROTOCOL) for record in [
            *((coded(head, _TERMS_OF_HEAD), evidence) for head, evidence in links.values()),
            *((tuple(coded(row, _TERMS_OF_NODE) for row in rows),
               tuple(terms.setdefault(parent, len(terms)) for parent in parents),
               tuple(terms[link] for link in froms))
              for rows, parents, froms in nodes.values())])
        self._terms = PackedStrings(terms)

    def _record(self, at: int) -> Any:
        return pickle.loads(self._packed[at])  # our own bytes (serving_index's doc)

    def _node(self, iri: str) -> _CodedNode | None:
        at = self._terms.find(iri)
        return (self._record(at) if at is not None and self._links <= at < self._records
                else None)

    def _row(self, keys: tuple[str, ...], which: tuple[bool, ...], values: _Values) -> Row:
        return {key: self._terms[value] if term else value for key, term, value
                in zip(keys, which, values, strict=True) if value is not None}

    def link_rows(self, links: Iterable[str]) -> list[Row]:
        """The rows :data:`LINK_DETAIL` gives for ``links`` (one per evidence row; the head
        alone for a link without evidence; none for an IRI that is no link)."""
        rows: list[Row] = []
        for link in links:
            at = self._terms.find(link)
            if at is None or at >= self._links:
                continue
            head_values, evidence = self._record(at)
            head = {"link": link, **self._row(LINK_HEAD_KEYS, _TERMS_OF_HEAD, head_values)}
            rows += ([{**head, **_present(EVIDENCE_KEYS, values)} for values in evidence]
                     or [head])
        return rows

    def node_rows(self, nodes: Iterable[str]) -> tuple[list[Row], list[str]]:
        """The rows :data:`NODE_PATTERN` gives for the ``nodes`` the table holds, and the
        nodes it does not hold (which the store may know)."""
        rows: list[Row] = []
        unknown: list[str] = []
        for node in nodes:
            record = self._node(node)
            if record is None:
                unknown.append(node)
            else:
                rows += [{"task": node, **self._row(NODE_ROW_KEYS, _TERMS_OF_NODE, values)}
                         for values in record[0]]
        return rows, unknown

    def heads_from(self, node: str) -> list[Row]:
        """The heads (:data:`LINK_HEAD`'s rows, ``?link`` too, no evidence) of the links
        from ``node``."""
        rows: list[Row] = []
        for at in self._ordinals(node, 2):
            head_values, _ = self._record(at)
            rows.append({"link": self._terms[at],
                         **self._row(LINK_HEAD_KEYS, _TERMS_OF_HEAD, head_values)})
        return rows

    def links_up_from(self, task: str) -> list[str]:
        """The links from ``task`` and from every task above it by ``gt:implements``."""
        return [link for node in tasks_above(task, self._parents)
                for link in self._part(node, 2)]

    def _parents(self, task: str) -> list[str]:
        return self._part(task, 1)

    def _part(self, node: str, part: Literal[1, 2]) -> list[str]:
        return [self._terms[at] for at in self._ordinals(node, part)]

    def _ordinals(self, node: str, part: Literal[1, 2]) -> tuple[int, ...]:
        record = self._node(node)
        return record[part] if record else ()


def _present(keys: tuple[str, ...], values: _Values) -> Row:
    return {key: value for key, value in zip(keys, values, strict=True) if value is not None}


def _values(row: Row, keys: tuple[str, ...]) -> _Values:
    return tuple(row.get(key) for key in keys)


def _evidence(service: SparqlService, froms: Mapping[str, list[str]]
              ) -> dict[tuple[str, _Values], None]:
    """The rows :data:`EVIDENCE` gives (DISTINCT ``?link`` and :data:`EVIDENCE_KEYS`) for
    the links of ``froms`` (each link's ``gt:linkFrom``s, as the links' heads read them),
    each phrase cut from its item's quote here rather than in the query: there, each
    evidence row looked its item's quote up again (1.8 million rows at 30,000 documents),
    and at 1,000 documents the query took 7.6 s of CPU against 4.9 s for these two (issue
    16). The same characters as ``SUBSTR``'s (its positions are characters, counted from 1;
    those before the first are none), and a phrase per quote when an item has several.

    The evidence is read without its link's ``gt:linkFrom`` (joined and written out on
    every evidence row, where the links' heads have it) nor DISTINCT (which the dict of
    rows does, without holding every row a second time): at 1,000 documents 3.3 → 2.1 s of
    CPU for the query, and the link table 86.7 → 69.2 s at 10,000 (issue 16). A link's rows
    keep their order, that of its evidence nodes in the store. Its OPTIONALs stay looked up
    row by row: as subqueries, which Oxigraph joins by hashing one scan of each property,
    they took half the CPU but 970 MB more memory at 10,000 documents, where the 30,000
    documents' index step already runs near its 4 GB."""
    quotes: dict[str, list[tuple[Any, Any]]] = {}
    # Every link's source item's, evidence or not: cheaper than a subquery for those with.
    # Each item once (the subquery), not once per link from it: a quarter less CPU at
    # 1,000 documents (issue 16), the same rows of each item in the same order.
    for row in select(service, f"""SELECT DISTINCT ?from ?fromStart ?fromExact WHERE {{
  {{ SELECT DISTINCT ?from WHERE {{ ?link gt:linkFrom ?from }} }} {QUOTE} }}"""):
        quotes.setdefault(row["from"], []).append((row.get("fromStart"), row.get("fromExact")))
    rows: dict[tuple[str, _Values], None] = {}  # a set in the order read
    for row in select(service, f"""SELECT ?link ?statedPhrase ?cs ?ce ?ps ?pe WHERE {{
  ?link gt:hasEvidence ?ev . {_OFFSETS} }}"""):
        cs, ce = row.get("cs"), row.get("ce")
        for source in froms.get(row["link"], ()):
            for start, exact in quotes.get(source) or [(None, None)]:
                phrase = row.get("statedPhrase")
                if phrase is None and _integers(cs, ce, start) and isinstance(exact, str):
                    first = cs - start  # (0-based)
                    phrase = exact[max(first, 0):max(first + ce - cs, 0)]
                rows[row["link"], (phrase, cs, ce, row.get("ps"), row.get("pe"))] = None
    return rows


def _integers(*values: object) -> bool:
    return all(type(value) is int for value in values)


def read_link_details(service: SparqlService) -> LinkDetails:
    """Every link and node of the store, from five whole-store queries (the union default
    graph repeats a triple once per graph holding it: DISTINCT, or rows kept by key): the
    links' heads, their
    evidence (:data:`LINK_DETAIL`'s two parts; the quotes its phrases are cut from apart),
    the nodes (:data:`NODE_PATTERN`) and the ``gt:implements`` arcs."""
    heads: dict[str, _Values] = {}
    evidence: dict[str, list[_Values]] = {}
    froms: dict[str, list[str]] = {}
    sources: dict[str, dict[str, None]] = {}  # each link's items, in the order read
    for row in select(service, f"SELECT DISTINCT * WHERE {{ {LINK_HEAD} }}"):
        if row["link"] not in heads:
            froms.setdefault(row["from"], []).append(row["link"])
        heads.setdefault(row["link"], _values(row, LINK_HEAD_KEYS))
        sources.setdefault(row["link"], {})[row["from"]] = None
    for link, values in _evidence(service, {link: [*items] for link, items in sources.items()}):
        evidence.setdefault(link, []).append(values)
    described: dict[str, list[_Values]] = {}
    for row in select(service, f"SELECT DISTINCT * WHERE {{ {NODE_PATTERN} }}"):
        described.setdefault(row["task"], []).append(_values(row, NODE_ROW_KEYS))
    parents: dict[str, list[str]] = {}
    for arc in select(service, "SELECT DISTINCT ?a ?b WHERE { ?a gt:implements ?b }"):
        parents.setdefault(arc["a"], []).append(arc["b"])
    links = {link: (head, tuple(evidence.get(link, ()))) for link, head in heads.items()}
    # In the order read, not a set's: the same store gives the same file.
    nodes = {node: (tuple(described.get(node, ())), tuple(parents.get(node, ())),
                    tuple(froms.get(node, ())))
             for node in dict.fromkeys([*described, *parents, *froms])}
    return LinkDetails(links, nodes)

