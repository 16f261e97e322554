"""The dedupe step of a build: store each near-duplicate as a copy of its canonical document.

After the changed files are extracted and stored, every document's fingerprint (computed
by the extraction workers, cached between builds in ``data_dir``) goes to
:func:`govtrace.graph.duplicates.resolve`. A copy's named graph then holds only its
document node, its source file and ``gt:copyOf`` its canonical document (with
``gt:copySimilarity``): no tasks, citations or links, so nothing is counted twice. The
store is the truth about what is a copy now: the step compares the resolution with the
``gt:copyOf`` statements stored, rewrites the documents whose role changed, and has
documents that stop being copies (their canonical deleted or changed) extracted again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govtrace.graph import build_cache
from govtrace.graph.duplicates import Copy, Fingerprint, resolve
from govtrace.graph.layout import GraphLayout
from govtrace.graph.store import DocumentGraph, GraphStore
from govtrace.ontology.namespaces import GT
from govtrace.ontology.ntriples import decimal, iri
from govtrace.settings import Settings

if TYPE_CHECKING:
    from govtrace.graph.build_workers import Job
    from govtrace.ingest.record import DocumentRecord

Extract = Callable[[list["Job"]], dict[str, "DocumentRecord"]]
"""Extract and store files again (the build's own extraction); their records."""


@dataclass
class CopyOutcome:
    """What the dedupe step decided and changed."""

    copies: dict[str, Copy] = field(default_factory=dict)
    """Every copy in the corpus now, by doc_id."""
    demoted: set[str] = field(default_factory=set)
    """Documents that were canonical (or new) and are copies now."""
    promoted: dict[str, DocumentRecord] = field(default_factory=dict)
    """Documents that were copies and are canonical now, with their fresh records."""
    rewritten: int = 0
    """Copy graphs written (new copies, and copies whose canonical or similarity changed)."""

    @property
    def changed(self) -> bool:
        return bool(self.rewritten or self.promoted)


class FingerprintCache:
    """The fingerprints of the stored documents, a pickle beside the record cache (our own
    file), keyed like it; an entry counts only while its sha256 matches the store's."""

    def __init__(self, settings: Settings) -> None:
        self.path = build_cache.cache_path(settings, "fingerprints")
        self.prints: dict[str, Fingerprint] = build_cache.load(self.path) or {}

    def save(self, prints: Mapping[str, Fingerprint]) -> None:
        build_cache.save(self.path, dict(prints))


def settle_copies(store: GraphStore, layout: GraphLayout, settings: Settings, *,
                  records: dict[str, DocumentRecord], fresh: Mapping[str, Fingerprint],
                  jobs: Mapping[str, Job], extract: Extract) -> CopyOutcome:
    """Resolve the corpus's copies and make the store agree.

    ``records``: the slim record of every document in the corpus (unchanged and fresh);
    ``fresh``: the fingerprints of the files just extracted and stored in full; ``jobs``:
    each document's file, to fingerprint an unchanged file the cache lacks and to extract
    a promoted copy again. ``records`` gains the promoted documents' fresh records.
    """
    cache = FingerprintCache(settings)
    prints = {d: fp for d, fp in cache.prints.items()
              if d in records and fp.sha256 == records[d].source.sha256}
    prints.update(fresh)
    missing = [d for d in sorted(records) if d not in prints and d in jobs]
    prints.update(_fingerprint_files([(jobs[d], records[d]) for d in missing], settings))
    before = stored_copies(store, layout, set(records))
    outcome = CopyOutcome(copies=resolve(prints))
    for doc_id, copy in sorted(outcome.copies.items()):
        if doc_id in fresh or before.get(doc_id) != copy:
            store.replace_document(copy_graph(records[doc_id], copy, layout))
            outcome.rewritten += 1
            if doc_id in fresh or doc_id not in before:
                outcome.demoted.add(doc_id)
    promote = sorted(d for d in before if d in records and d not in outcome.copies
                     and d not in fresh)
    if promote:
        again = extract([jobs[d] for d in promote if d in jobs])
        records.update(again)
        outcome.promoted = again
    if outcome.changed or missing or cache.prints.keys() != prints.keys():
        cache.save(prints)
    return outcome


def _fingerprint_files(pairs: list[tuple[Job, DocumentRecord]], settings: Settings
                       ) -> dict[str, Fingerprint]:
    """Fingerprints of stored files the cache lacks (a store built before dedupe)."""
    from govtrace.graph.build_workers import chunks, fingerprint_jobs, run_chunks

    return {fp.doc_id: fp for fp in run_chunks(fingerprint_jobs, chunks(pairs), settings)}


def stored_copies(store: GraphStore, layout: GraphLayout, doc_ids: set[str]) -> dict[str, Copy]:
    """The ``gt:copyOf`` statements in the documents' graphs, as copies by doc_id."""
    by_iri = {str(layout.iris.document(d)): d for d in doc_ids}
    rows = store.query(
        f"SELECT ?copy ?canonical ?similarity WHERE {{ GRAPH ?g {{ ?copy <{GT.copyOf}> "
        f"?canonical OPTIONAL {{ ?copy <{GT.copySimilarity}> ?similarity }} }} }}").bindings()
    found = {}
    for row in rows:
        copy = by_iri.get(str(row["copy"]))
        if copy is None:
            continue
        # A copy of a document gone from the corpus has canonical "": promoted or re-pointed.
        canonical = by_iri.get(str(row["canonical"]), "")
        similarity = float(str(row["similarity"])) if row.get("similarity") else 0.0
        found[copy] = Copy(copy, canonical, similarity)
    return found


def copy_graph(record: DocumentRecord, copy: Copy, layout: GraphLayout) -> DocumentGraph:
    """A copy's graph: its document node (type, title, label, dates, jurisdiction …), its
    source file, and ``gt:copyOf`` its canonical document with the similarity."""
    from govtrace.ingest.rdf import record_statements

    title = record.title.model_copy(update={"span": None}) if record.title else None
    bare = record.model_copy(update={
        "title": title, "notice": None, "issuers": [], "citations": [], "implements": [],
        "sections": [], "tasks": [], "report_items": []})
    statements = record_statements(bare, layout.iris)
    doc = iri(layout.iris.document(copy.doc_id))
    statements.add(doc, iri(GT.copyOf), iri(layout.iris.document(copy.canonical)))
    statements.add(doc, iri(GT.copySimilarity), decimal(f"{copy.similarity:.3f}"))
    return DocumentGraph(copy.doc_id, record.source.sha256, statements.ntriples())
