"""One IRI per work: the build's reconciliation of cited works with the corpus and each other.

Ingest mints a cited work's IRI from its key, one document at a time
(``regulation/<hash of canonical title [| order number]>``). Knowing the whole corpus,
the build then gives

* a work that *is* a corpus document (the provincial scheme county plans cite, the national
  outline everyone cites) that document's IRI (its canonical title read from its text
  equals the work's; a title two corpus documents share is ambiguous and left alone);
* a rule cited by its title alone (《…办法》) the IRI of the rule with that title and its
  order number (…令第262号), when the corpus cites that title with one order number only;
  two order numbers under one title are two works, and the bare title then stays a third.

The mapping is a function of the corpus's records, so a build gives the same graph
whatever order or steps brought the documents in. Each document's graphs (its own and its
entailments) are rewritten by one SPARQL Update: the work's statements move to the IRI it
gets (a rule's rank stays its own: the rank is the work's), or are dropped when that is a
corpus document (it describes itself), and every statement citing it points to the new
IRI. A stored document rewritten under a mapping that changed since (a document came or
went) is extracted again first, because its graph no longer holds the IRIs it cited.
``owl:sameAs`` is never asserted: what can be merged is merged at build time, and what
cannot (an ambiguous title) stays two works. The lineage links' graphs name a work only
when the corpus lacks it (``graph/lineage/rdf.py``), so they need no rewriting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govtrace.graph.layout import GraphLayout
from govtrace.graph.store import GraphStore
from govtrace.ingest.record import CitedWork, DocumentRecord, Origin
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import ELI, GT

if TYPE_CHECKING:
    from govtrace.graph.build_workers import Job

Applied = dict[str, frozenset[tuple[str, str]]]
"""By doc_id: the (IRI minted at ingest, IRI it became) pairs its graphs were rewritten with."""

Extract = Callable[[list["Job"]], dict[str, DocumentRecord]]
"""Extract and store files again (the build's own extraction); their records."""

_RANKS = (GT.legalRank, ELI.type_document)
"""A rule's rank and its entailment: the rank of the work it merges into is the one kept."""
_CHUNK = 200
"""Documents per update: one request each, small enough for a remote server's limit."""


@dataclass(frozen=True)
class Target:
    iri: str
    document: bool
    """A corpus document (the work's statements are dropped) rather than another work."""


@dataclass
class WorksOutcome:
    applied: Applied = field(default_factory=dict)
    extracted: dict[str, DocumentRecord] = field(default_factory=dict)
    """Documents extracted again because the works they cite moved."""
    rewritten: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.rewritten or self.extracted)


def cited_works(record: DocumentRecord) -> Iterator[CitedWork]:
    """Every work the record cites: in its preamble, its tasks and report items."""
    for citation in [*record.citations, *record.implements,
                     *(c for t in record.tasks for c in t.citations),
                     *(c for r in record.report_items for c in r.citations)]:
        yield citation.work


def reconcile(records: Iterable[DocumentRecord], iris: IriScheme) -> dict[str, Target]:
    """The IRI each work minted at ingest becomes (only those that change), given the
    corpus's records (the national outline, reference data, is always one of them)."""
    from govtrace.ingest.outline import national_outline_record

    everyone = [*records, national_outline_record()]
    documents: dict[str, set[str]] = defaultdict(set)
    for record in everyone:
        if record.canonical_title and record.title and record.title.origin is not Origin.FILENAME:
            documents[record.canonical_title].add(record.source.doc_id)
    works = {work.key: work for record in everyone for work in cited_works(record)}
    orders: dict[str, set[str]] = defaultdict(set)
    for work in works.values():
        if work.order_number:
            orders[work.canonical].add(work.order_number)
    mapping: dict[str, Target] = {}
    for key, work in sorted(works.items()):
        same_title = documents.get(work.canonical, set())
        if len(same_title) == 1:
            mapping[str(iris.regulation(key))] = Target(str(iris.document(*same_title)), True)
        elif work.order_number is None and len(orders[work.canonical]) == 1:
            (order,) = orders[work.canonical]
            full = CitedWork(title=work.title, canonical=work.canonical, kind=work.kind,
                             rule=work.rule, order_number=order)
            mapping[str(iris.regulation(key))] = Target(str(iris.regulation(full.key)), False)
    return mapping


def applied(record: DocumentRecord, mapping: Mapping[str, Target], iris: IriScheme
            ) -> frozenset[tuple[str, str]]:
    """The rewrites the record's graphs need under ``mapping``."""
    minted = {str(iris.regulation(work.key)) for work in cited_works(record)}
    return frozenset((old, mapping[old].iri) for old in minted if old in mapping)


def settle_works(store: GraphStore, layout: GraphLayout, records: dict[str, DocumentRecord],
                 *, fresh: set[str], before: Applied, jobs: Mapping[str, Job],
                 extract: Extract) -> WorksOutcome:
    """Reconcile the works of ``records`` (every canonical document of the corpus; copies
    cite nothing) and rewrite the graphs that need it: the ``fresh`` documents (just
    stored as ingest wrote them) and those rewritten ``before`` under another mapping."""
    mapping = reconcile(records.values(), layout.iris)
    outcome = WorksOutcome(applied={d: applied(r, mapping, layout.iris)
                                    for d, r in records.items()})
    stale = sorted(d for d in records if d not in fresh and d in jobs
                   and before.get(d, frozenset()) != outcome.applied[d])
    if stale:
        outcome.extracted = extract([jobs[d] for d in stale])
    raw = sorted((fresh | set(outcome.extracted)) & set(records))
    todo = {d: outcome.applied[d] for d in raw if outcome.applied[d]}
    ordered = sorted(todo)
    for start in range(0, len(ordered), _CHUNK):
        chunk = {d: todo[d] for d in ordered[start:start + _CHUNK]}
        store.update(rewrite_update(layout, chunk, mapping))
    outcome.rewritten = len(todo)
    return outcome


def rewrite_update(layout: GraphLayout, rewrites: Mapping[str, frozenset[tuple[str, str]]],
                   mapping: Mapping[str, Target]) -> str:
    """One SPARQL Update rewriting each document's graphs (its own and its entailments)."""
    rows, moves = [], []
    for doc_id, pairs in sorted(rewrites.items()):
        for graph in (layout.document(doc_id), layout.inferred_document(doc_id)):
            for old, new in sorted(pairs):
                row = f"(<{graph}> <{old}> <{new}>)"
                rows.append(row)
                if not mapping[old].document:
                    moves.append(row)
    every, moved = "\n".join(rows), "\n".join(moves)
    ranks = ", ".join(f"<{p}>" for p in _RANKS)
    steps = []
    if moves:
        steps.append(
            "DELETE { GRAPH ?g { ?old ?p ?o } } INSERT { GRAPH ?g { ?new ?p ?o } } WHERE { "
            f"VALUES (?g ?old ?new) {{ {moved} }} GRAPH ?g {{ ?old ?p ?o }} "
            f"FILTER (?p NOT IN ({ranks})) }}")
    steps.append("DELETE { GRAPH ?g { ?old ?p ?o } } WHERE { "
                 f"VALUES (?g ?old ?new) {{ {every} }} GRAPH ?g {{ ?old ?p ?o }} }}")
    steps.append("DELETE { GRAPH ?g { ?s ?p ?old } } INSERT { GRAPH ?g { ?s ?p ?new } } "
                 f"WHERE {{ VALUES (?g ?old ?new) {{ {every} }} GRAPH ?g {{ ?s ?p ?old }} }}")
    return " ;\n".join(steps)
