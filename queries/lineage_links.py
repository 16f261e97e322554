"""Lineage answers: a task's chain up to the national outline and its implementers below.

Both read the qualified ``gt:LineageLink`` nodes (confidence, method, evidence) rather than
the bare ``gt:implements`` triples, so every link comes with why it was drawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from govtrace.errors import QUERY_PARAM_INVALID, QueryError
from govtrace.graph.store import SparqlService
from govtrace.ontology.namespaces import GT
from govtrace.queries.down_links import DownLinks
from govtrace.queries.link_details import LINK_DETAIL, LINK_HEAD, LinkDetails
from govtrace.queries.models import LineageStep, Link, LinkEvidence, SpanRef, TaskRef
from govtrace.queries.refs import task_refs
from govtrace.queries.rows import Ids, Row, iri_values, local_name, select, values_chunks


def chains_up(service: SparqlService, ids: Ids, tasks: Iterable[str]
              ) -> dict[str, list[LineageStep]]:
    """For each task, the chain of ``gt:implements`` up to the top (best parent per step)."""
    starts = sorted(set(tasks))
    parents = best_parents(service, starts)
    return chains(starts, parents, task_refs(service, ids, [*starts, *chain_tasks(parents)]))


def best_parents(service: SparqlService, tasks: Iterable[str]
                 ) -> dict[str, tuple[str, float | None]]:
    """Every task above ``tasks`` by ``gt:implements``, with its most confident parent.

    Read a level at a time: the parents of the tasks not read yet (``VALUES`` blocks of
    :data:`~govtrace.queries.rows.VALUES_CHUNK`) with every link of each child, each of the
    link's triples an OPTIONAL of its own, and each arc's own ``gt:implements`` links picked
    here. In this shape Oxigraph looks a child's few links up per row. With the link's four
    triples in one group, it began from the parent's links (thousands for a national item):
    the ``gt:implements*`` path this replaced took 5 s of CPU for one task at 30,000
    documents and 62 s for the build's 16,972 cited tasks, now 1 ms and 2 s (issue 16); as
    plain patterns beside the ``VALUES``, it joins every link of the store per block."""
    best: dict[str, tuple[str, float | None]] = {}
    seen = set(tasks)
    level = sorted(seen)
    while level:
        rows: list[Row] = []
        for chunk in values_chunks(level):
            rows += select(service, f"""SELECT DISTINCT ?from ?to ?link ?linkTo ?type ?confidence
WHERE {{
  {iri_values("from", chunk)}
  ?from gt:implements ?to .
  OPTIONAL {{ ?link gt:linkFrom ?from .
    OPTIONAL {{ ?link gt:linkTo ?linkTo }} OPTIONAL {{ ?link gt:linkType ?type }}
    OPTIONAL {{ ?link gt:confidence ?confidence }} }}
}}""")
        best.update(_most_confident(rows))
        level = sorted({row["to"] for row in rows} - seen)
        seen.update(level)
    return best


_IMPLEMENTS = str(GT.implements)


def _most_confident(rows: list[Row]) -> dict[str, tuple[str, float | None]]:
    """Each ``from``'s ``to`` of the highest confidence, an arc's confidences those of its
    ``gt:implements`` links (none: 0)."""
    confidences: dict[tuple[str, str], set[float | None]] = {}
    for row in rows:
        arc = (row["from"], row["to"])
        found = confidences.setdefault(arc, set())
        if (row.get("linkTo") == row["to"] and row.get("type") == _IMPLEMENTS
                and "confidence" in row):
            found.add(row["confidence"])
    best: dict[str, tuple[str, float | None]] = {}
    for (child, parent), found in confidences.items():
        for confidence in found or {None}:
            kept = best.get(child)
            # Equal confidences go to the parent with the smaller IRI: the store's row order
            # is not the same on every read, and a chain a researcher cites must be.
            if kept is None or ((confidence or 0.0), kept[0]) > ((kept[1] or 0.0), parent):
                best[child] = (parent, confidence)
    return best


def chain_tasks(parents: dict[str, tuple[str, float | None]]) -> list[str]:
    """The tasks the chains pass through (whose refs :func:`chains` needs)."""
    return [to for to, _ in parents.values()]


def chains(starts: Iterable[str], parents: dict[str, tuple[str, float | None]],
           refs: dict[str, TaskRef]) -> dict[str, list[LineageStep]]:
    """Each start's chain; ``refs`` must describe :func:`chain_tasks` (callers fetch them
    together with refs of their own, in one query)."""
    return {start: _walk(start, parents, refs) for start in starts}


def _walk(start: str, parents: dict[str, tuple[str, float | None]],
          refs: dict[str, TaskRef]) -> list[LineageStep]:
    steps: list[LineageStep] = []
    seen = {start}
    current = start
    while current in parents:
        parent, confidence = parents[current]
        if parent in seen or parent not in refs:
            break  # a cycle would be a linking fault; the chain stops rather than loops
        steps.append(LineageStep(task=refs[parent], confidence=confidence))
        seen.add(parent)
        current = parent
    return steps


@dataclass(frozen=True)
class LinksAround:
    """A task's links: ``up`` to the top (whole), ``down`` a page of the links of everything
    implementing it, of ``down_total`` in all, and ``refs``: ``task`` and every linked task."""

    up: list[Link]
    down: list[Link]
    down_total: int
    refs: dict[str, TaskRef]


def links_around(service: SparqlService, ids: Ids, task: str, *, offset: int = 0,
                 limit: int | None = None, down_links: DownLinks | None = None,
                 details: LinkDetails | None = None) -> LinksAround:
    """The links from ``task`` up to the top, and ``limit`` (all by default) of those of
    everything implementing it below from ``offset`` on, in the order govtrace lists tasks
    (their child's ``gt:listingOrder``, then their parent's, then their IRI).

    Three queries, so that details and evidence are read for the page only (national item 9
    has 6,160 implementers at 30,000 documents): the page's link IRIs with the number of
    links in all (ordered and counted on one integer per link, no details read: this part
    still visits every link below, 10–25 ms for item 9's 212 at 1,000 documents); then the
    details and evidence of the links up and of the page's links, in one UNION (the anchor
    and link details inside each branch: joined outside it, Oxigraph takes five to twenty
    times longer); then the refs of all their ends and ``task``. With ``down_links`` (the
    build's lists, of this very state of the store), the page and the number are read from
    them instead of the first query (item 9's at 30,000 documents: 3.5 s of CPU); with
    ``details`` (the build's table of every link, of the same state), the links' details
    and evidence are read from it instead of the second (108 ms of CPU for item 9's first
    page of 200 at 30,000 documents, 0.5 ms a link)."""
    if offset < 0 or (limit is not None and limit < 0):
        raise QueryError(QUERY_PARAM_INVALID, f"a page of links down starts at an offset ≥ 0 "
                         f"and holds a limit ≥ 0 of them, not offset {offset}, limit {limit}")
    page, total = (down_links.page(task, offset, limit) if down_links is not None
                   else _page_down(service, task, offset, limit))
    if details is not None:
        rows = [{**row, "up": True} for row in details.link_rows(details.links_up_from(task))]
        rows += details.link_rows(page)
    else:
        anchor = iri_values("task", [task])
        rows = select(service, f"""SELECT DISTINCT * WHERE {{
  {{ {anchor} ?task gt:implements* ?from . {LINK_DETAIL} BIND(true AS ?up) }}
  UNION {{ {iri_values("link", page)} {LINK_DETAIL} }}
}}""")
    refs = task_refs(service, ids, [task, *(row[key] for row in rows for key in ("from", "to"))])
    down = {link.iri: link for link in _links([row for row in rows if "up" not in row], refs)}
    return LinksAround(up=_links([row for row in rows if "up" in row], refs),
                       down=[down[link] for link in page if link in down],
                       down_total=total, refs=refs)


def _page_down(service: SparqlService, task: str, offset: int, limit: int | None
               ) -> tuple[list[str], int]:
    """:meth:`DownLinks.page` asked of the store: every link below ``task`` is counted and
    ordered (on one integer per link, no details read) before the page is cut."""
    below = f"""{iri_values("task", [task])} ?to gt:implements* ?task .
    ?link gt:linkTo ?to ; gt:linkFrom ?from ; gt:linkType gt:implements ."""
    # Counts, checked by the caller, are written bare (SPARQL binds no variable after
    # LIMIT/OFFSET).
    window = f"LIMIT {limit:d} OFFSET {offset:d}" if limit is not None else f"OFFSET {offset:d}"
    # The total and the page in one evaluation each, the page OPTIONAL so that a page past
    # the end still says how many there are.
    counted = select(service, f"""SELECT ?total ?link ?order ?parentOrder WHERE {{
  {{ SELECT (COUNT(DISTINCT ?link) AS ?total) WHERE {{ {below} }} }}
  OPTIONAL {{ SELECT DISTINCT ?link ?order ?parentOrder WHERE {{ {below}
    OPTIONAL {{ ?from gt:listingOrder ?order }} OPTIONAL {{ ?to gt:listingOrder ?parentOrder }}
  }} ORDER BY ?order ?parentOrder ?link {window} }}
}} ORDER BY ?order ?parentOrder ?link""")
    return [row["link"] for row in counted if "link" in row], counted[0]["total"]


def links_from_document(service: SparqlService, ids: Ids, document: str) -> list[Link]:
    """Every lineage link from a task of ``document`` (an IRI) to the task it implements
    or is aligned with, qualified like :func:`links_around`'s."""
    rows = select(service, f"""SELECT DISTINCT * WHERE {{
  {iri_values("doc", [document])} ?from gt:inDocument ?doc ; a gt:Task . {LINK_DETAIL}
}}""")
    return _qualified(service, ids, rows)


def links_up(service: SparqlService, ids: Ids, tasks: Iterable[str], *, evidence: bool = True
             ) -> list[Link]:
    """Every lineage link from ``tasks`` (IRIs) and from every task above them by
    ``gt:implements`` or ``gt:alignedWith``, up to the top, qualified like
    :func:`links_around`'s (without ``evidence``: each link's list empty, and neither the
    phrases' rows nor their offsets read). The tasks above are a query of their own:
    joined with the link details, the path with its alternative took three times as long
    (200 ms against 11 + 53 for 乌审旗 2024's 32 tasks, demo store)."""
    starts = sorted(set(tasks))
    if not starts:
        return []
    above = select(service, f"""SELECT DISTINCT ?from WHERE {{
  {iri_values("task", starts)} ?task (gt:implements|gt:alignedWith)* ?from }}""")
    rows = select(service, f"""SELECT DISTINCT * WHERE {{
  {iri_values("from", sorted(row["from"] for row in above))}
  {LINK_DETAIL if evidence else LINK_HEAD}
}}""")
    return _qualified(service, ids, rows)


def _qualified(service: SparqlService, ids: Ids, rows: list[Row]) -> list[Link]:
    """The links of ``rows`` (of :data:`LINK_DETAIL`) with their ends read."""
    refs = task_refs(service, ids, (row[key] for row in rows for key in ("from", "to")))
    return _links(rows, refs)


def span_offsets(service: SparqlService, ids: Ids, spans: Iterable[str]
                 ) -> dict[str, SpanRef]:
    """Each span node's offsets (a node without both has none).

    A span IRI minted by the scheme names its offsets (``doc/{doc_id}/span/{start}-{end}``,
    :meth:`Ids.span_offsets`), so those are read from the IRI: a parent item's span node is
    written in the graph of every child whose link cites it, and the union default graph
    gives its selector's triples once per graph (every county linking to a national item at
    30,000 documents), so asking the store for them grew with the corpus. Any other span is
    asked for in one query (fetched with the nodes in an OPTIONAL, Oxigraph hash-joins every
    span of the store)."""
    named = {span: ids.span_offsets(span) for span in set(spans)}
    found = {span: SpanRef(start=bounds[0], end=bounds[1])
             for span, bounds in named.items() if bounds is not None}
    wanted = sorted(span for span, bounds in named.items() if bounds is None)
    if not wanted:
        return found
    bounds: dict[str, dict[str, int]] = {}
    for row in select(service, f"""SELECT DISTINCT * WHERE {{ {iri_values("span", wanted)}
  {{ ?span oa:hasSelector/oa:start ?start }} UNION {{ ?span oa:hasSelector/oa:end ?end }} }}"""):
        bounds.setdefault(row["span"], {}).update(
            (key, row[key]) for key in ("start", "end") if key in row)
    return found | {span: SpanRef(start=read["start"], end=read["end"])
                    for span, read in bounds.items() if "start" in read and "end" in read}


_Range = tuple[int, int] | None
_Evidence = tuple[str, _Range, _Range]  # a LinkEvidence's phrase, child and parent ranges


def _links(rows: list[Row], refs: dict[str, TaskRef]) -> list[Link]:
    # Each link and each distinct evidence made a model once, from plain values: made per
    # row and compared as models, they were most of a 200-link page's CPU (issue 16).
    heads: dict[str, Row] = {}
    evidence: dict[str, dict[_Evidence, None]] = {}  # (a set in the rows' order)
    for row in rows:
        if row["from"] not in refs or row["to"] not in refs:
            continue  # an endpoint outside any document (never in a built store)
        heads.setdefault(row["link"], row)
        found = evidence.setdefault(row["link"], {})
        if "phrase" in row:
            found.setdefault((row["phrase"], _range(row, "cs", "ce"), _range(row, "ps", "pe")))
    links = [Link(
        iri=iri, child=refs[row["from"]], parent=refs[row["to"]],
        type=local_name(row["type"]) or "", confidence=row.get("confidence"),
        method=row.get("method"), text_reuse=row.get("reuse"),
        reuse_basis=row.get("reuseBasis"), evidence=[
            LinkEvidence(phrase=phrase, child_span=_span(child), parent_span=_span(parent))
            # DISTINCT hands rows back in no set order
            for phrase, child, parent in sorted(evidence[iri], key=_evidence_order)])
        for iri, row in heads.items()]
    return sorted(links, key=lambda link: (
        -(link.child.document.division.level.rank or 0)
        if link.child.document.division and link.child.document.division.level else 0,
        link.child.id, link.parent.id))


def _range(row: Row, start: str, end: str) -> _Range:
    """An evidence range from its offsets (ontology 3.0.0: on the gt:Evidence itself)."""
    return (row[start], row[end]) if start in row and end in row else None


def _span(bounds: _Range) -> SpanRef | None:
    return SpanRef(start=bounds[0], end=bounds[1]) if bounds else None


def _evidence_order(evidence: _Evidence) -> tuple[int, int, str]:
    phrase, child, parent = evidence
    return (child[0] if child else -1, parent[0] if parent else -1, phrase)
