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
whatever order or steps brought the documents in. A document's graph only names the works
it cites; every statement naming one is rewritten to the IRI it gets (its graphs, its own
and its entailments, in one SPARQL Update). A stored document rewritten under a mapping
that changed since (a document came or went) is extracted again first, because its graph
no longer holds the IRIs it cited. ``owl:sameAs`` is never asserted: what can be merged is
merged at build time, and what cannot (an ambiguous title) stays two works. The lineage
links' graphs name a work only when the corpus lacks it (``graph/lineage/rdf.py``), so
they need no rewriting.

Each work is described once, in the works graph (``graph/works``, its entailments in
``graph/inferred/works``), made from the records of every build's corpus: a work the
corpus cites under the IRI it gets (a rule merged into its numbered version keeps that
version's rank: the rank is the work's), none for a corpus document (it describes
itself). Restated in every citing document's graph, a work's labels were repeated per
citing document (137 times for the most cited at 1,000 documents) and so were the rows
of any query joining them. The graph is replaced when what it is made from changed (its
hash is in the manifest, as the reference graph's is), so a work no longer cited leaves
with the last document citing it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib.namespace import DCTERMS

from govtrace.graph.entailment import ontology_entailment
from govtrace.graph.layout import SHA_PREFIX, GraphLayout
from govtrace.graph.store import GraphStore
from govtrace.ingest.rdf import described_works, work_statements
from govtrace.ingest.record import CitedWork, DocumentRecord, Origin
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.ntriples import Statements, iri

if TYPE_CHECKING:
    from govtrace.graph.build_workers import Job

Applied = dict[str, frozenset[tuple[str, str]]]
"""By doc_id: the (IRI minted at ingest, IRI it became) pairs its graphs were rewritten with."""

Extract = Callable[[list["Job"]], dict[str, DocumentRecord]]
"""Extract and store files again (the build's own extraction); their records."""

_CHUNK = 200
"""Documents per update: one request each, small enough for a remote server's limit."""


@dataclass(frozen=True)
class Target:
    iri: str
    document: bool
    """A corpus document (which describes itself: the works graph does not) rather than
    another work."""


@dataclass
class WorksOutcome:
    applied: Applied = field(default_factory=dict)
    extracted: dict[str, DocumentRecord] = field(default_factory=dict)
    """Documents extracted again because the works they cite moved."""
    rewritten: int = 0
    described: bool = False
    """The works graph was replaced."""

    @property
    def changed(self) -> bool:
        return bool(self.rewritten or self.extracted or self.described)


def cited_works(record: DocumentRecord) -> Iterator[CitedWork]:
    """Every work the record cites (its graph's, :func:`described_works`) or implements."""
    yield from described_works(record)
    yield from (citation.work for citation in record.implements)


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
    stored as ingest wrote them) and those rewritten ``before`` under another mapping; then
    describe every work they cite in the works graph, if that changed."""
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
        store.update(rewrite_update(layout, chunk))
    outcome.rewritten = len(todo)
    outcome.described = describe_works(store, layout, works_statements(
        [outcome.extracted.get(d, r) for d, r in sorted(records.items())], mapping,
        layout.iris))
    return outcome


def works_statements(records: Iterable[DocumentRecord], mapping: Mapping[str, Target],
                     iris: IriScheme) -> Statements:
    """The description of every work ``records`` cite, under the IRI it gets."""
    out = Statements()
    for record in records:
        for work in described_works(record):
            minted = str(iris.regulation(work.key))
            target = mapping.get(minted)
            if target is None:
                work_statements(out, iri(minted), work)
            elif not target.document:
                work_statements(out, iri(target.iri), work, rank=False)
    return out


def describe_works(store: GraphStore, layout: GraphLayout, works: Statements) -> bool:
    """Replace the works graph and its entailments with ``works`` unless the store holds
    them already (by the hash of both, so an ontology change counts, in the manifest);
    whether it did."""
    graph, inferred, manifest = layout.works, layout.inferred_works, layout.manifest
    ntriples, entailed = (
        "".join(sorted(statements.ntriples().splitlines(keepends=True)))
        for statements in (works, ontology_entailment().entail(works)))
    version = SHA_PREFIX + hashlib.sha256((ntriples + entailed).encode("utf-8")).hexdigest()
    rows = store.query(f"SELECT ?v WHERE {{ GRAPH <{manifest}> {{ "
                       f"<{graph}> <{DCTERMS.hasVersion}> ?v }} }}").bindings()
    if rows and str(rows[0]["v"]) == version:
        return False
    store.update(layout.replace_graphs_update({graph: ntriples, inferred: entailed}))
    # recorded after the graphs (as the reference graph's version is): a build killed
    # between the two updates writes the graphs again
    store.update(f"DELETE WHERE {{ GRAPH <{manifest}> {{ <{graph}> <{DCTERMS.hasVersion}> ?v }} }}"
                 f" ;\nINSERT DATA {{ GRAPH <{manifest}> {{ <{graph}> <{DCTERMS.hasVersion}> "
                 f'"{version}" }} }}')
    return True


def rewrite_update(layout: GraphLayout, rewrites: Mapping[str, frozenset[tuple[str, str]]]
                   ) -> str:
    """One SPARQL Update pointing every statement of each document's graphs (its own and
    its entailments) that names a work minted at ingest to the IRI the work gets."""
    rows = "\n".join(f"(<{graph}> <{old}> <{new}>)"
                     for doc_id, pairs in sorted(rewrites.items())
                     for graph in (layout.document(doc_id), layout.inferred_document(doc_id))
                     for old, new in sorted(pairs))
    return ("DELETE { GRAPH ?g { ?s ?p ?old } } INSERT { GRAPH ?g { ?s ?p ?new } } "
            f"WHERE {{ VALUES (?g ?old ?new) {{ {rows} }} GRAPH ?g {{ ?s ?p ?old }} }}")
