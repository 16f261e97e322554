"""Build the graph from a corpus: ingest, store per document, reference data, links, inference.

A build is incremental by the sha256 of each source file: an unchanged file is
not read beyond its hash, a changed one replaces its named graph (and drops its
old derived links) in one atomic update, and a document no longer in the corpus
is deleted with its links. Every build of an embedded store writes a sibling
copy (a first build with the fast, non-transactional bulk loader into an empty
one) that takes the store's place only when complete, so a build that fails or
is killed, the disk full included, leaves the previous store (or none) as it
was; builds of one store take turns by a lock file beside it.

Extraction and linking run on ``settings.build_workers`` processes (one per core unless
set; :mod:`govtrace.graph.build_workers`); each document's graph is written to the
store as it arrives, and the build keeps only each document's slim record (the
item texts and facts linking reads). Those records are cached beside the store
(:class:`RecordCache`), with the document id each file was stored under (ids come from
what identifies a document, not from its file name: :mod:`govtrace.ingest.identity`),
so an update re-extracts only the changed files and relinks only the documents whose
candidate parents changed. Once the documents are stored, cited works are reconciled
with the corpus and with each other (:mod:`govtrace.graph.works`). The reference graph
is rewritten only when its inputs changed, and inference is skipped when
nothing changed at all.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rdflib import Graph
from rdflib.namespace import DCTERMS

from govtrace.errors import (
    INGEST_DUPLICATE,
    STORE_DISK_FULL,
    STORE_UNAVAILABLE,
    GovtraceError,
    IngestError,
    Location,
)
from govtrace.graph import build_cache
from govtrace.graph.build_lock import build_lock
from govtrace.graph.build_memory import frozen, give_back_free_memory, share_fields_sets
from govtrace.graph.build_staging import build_staged, recover
from govtrace.graph.build_workers import (
    D,
    Extracted,
    Extraction,
    Job,
    chunks,
    extract_for_load,
    extract_jobs,
    link_chunk,
    link_chunk_nquads,
    run_chunks,
    set_index,
)
from govtrace.graph.copies import CopyOutcome, settle_copies
from govtrace.graph.inference import materialize
from govtrace.graph.layout import GraphLayout
from govtrace.graph.store import GraphStore
from govtrace.graph.store_factory import open_store, store_exists
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.graph.store_state import DataFiles, data_files
from govtrace.graph.works import Applied, settle_works
from govtrace.ingest.fact_tally import FactTally
from govtrace.ingest.failure import IngestFailure
from govtrace.ingest.identity import DISAMBIGUATED
from govtrace.ingest.source import doc_id_for
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT
from govtrace.settings import Settings

if TYPE_CHECKING:
    from govtrace.graph.duplicates import Fingerprint
    from govtrace.ingest.record import DocumentRecord


@dataclass(frozen=True)
class DocumentChanges:
    """What a build did to the documents; the lineage step recomputes links from it."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()

    @property
    def changed(self) -> tuple[str, ...]:
        return self.added + self.replaced


@dataclass(frozen=True)
class CopyFound:
    """A file stored as a copy of another (:mod:`govtrace.graph.copies`)."""

    doc_id: str
    file: str
    canonical: str
    canonical_file: str
    similarity: float


@dataclass
class BuildReport:
    changes: DocumentChanges = field(default_factory=DocumentChanges)
    failures: list[IngestFailure] = field(default_factory=list)
    """Files not read, extracted or stored; a stored document keeps its old version."""
    documents: int = 0
    tasks: int = 0
    links: int = 0
    inferred: int = 0
    """Statements of the corpus-wide transitive closures this build computed."""
    triples: int = 0
    copies: list[CopyFound] = field(default_factory=list)
    """Every near-duplicate in the corpus, stored as a copy of its canonical document."""
    facts: FactTally = field(default_factory=FactTally)
    """How many documents' title, kind, jurisdiction and year were read or guessed."""


@dataclass(frozen=True)
class BuildStep:
    """What a build is doing, for a progress display: a stage (``reference data``, before
    ``reading`` in a first build and after it otherwise; ``reading``, ``duplicates``,
    ``works``, ``linking``, ``inference``, ``compaction``, ``index …``, or waiting for
    another build), and in the counted stages (reading, linking) how many documents of how
    many are done."""

    stage: str
    done: int | None = None
    total: int | None = None

    def __str__(self) -> str:
        return self.stage if self.total is None else f"{self.stage} {self.done}/{self.total}"


Progress = Callable[[BuildStep], None]
T = TypeVar("T")


def _counted(items: Iterable[T], progress: Progress | None, stage: str, total: int
             ) -> Iterator[T]:
    """``items``, reporting ``stage`` done/total to ``progress`` as each one passes."""
    if progress:
        progress(BuildStep(stage, 0, total))
    for done, item in enumerate(items, 1):
        yield item
        if progress:
            progress(BuildStep(stage, done, total))


@dataclass
class CachedBuild:
    """What a build remembers of the stored documents."""

    records: dict[str, DocumentRecord] = field(default_factory=dict)
    """The slim record of each document, by doc_id."""
    files: dict[str, str] = field(default_factory=dict)
    """The doc_id each file (its path as given) was stored under."""
    works: Applied = field(default_factory=dict)
    """The cited works' IRIs each document's graph was rewritten with
    (:mod:`govtrace.graph.works`)."""


class RecordCache:
    """The slim records of the stored documents, kept between builds in ``data_dir``.

    Keyed by the store's location and checked against the store's manifest
    (a record is used only for a document whose sha256 the store still has),
    and by govtrace's version, so a new extractor never links with old records.
    A pickle, because it is our own file written by this code.
    """

    def __init__(self, settings: Settings, cached: CachedBuild | None = None) -> None:
        self.path = build_cache.cache_path(settings, "link-records")
        cached = cached or CachedBuild()
        self.records = cached.records
        self.files = cached.files
        self.works = cached.works

    @classmethod
    def load(cls, settings: Settings) -> RecordCache:
        pieces = build_cache.load_pieces(build_cache.cache_path(settings, "link-records"))
        cached = next(pieces, None)
        if not isinstance(cached, CachedBuild):
            return cls(settings)  # a cache an older govtrace wrote: its documents are read again
        for piece in pieces:
            cached.records.update(piece)
        for record in cached.records.values():
            share_fields_sets(record)
        return cls(settings, cached)

    def doc_id(self, path: Path) -> str | None:
        """The id the file ``path`` was stored under, if it was."""
        return self.files.get(str(path))

    def has(self, doc_id: str, sha256: str | None) -> bool:
        """Whether the cached record of ``doc_id`` was extracted from the file ``sha256``
        (a build killed before saving the cache leaves the store newer than the cache)."""
        record = self.records.get(doc_id)
        return record is not None and record.source.sha256 == sha256

    def write_aside(self, cached: CachedBuild) -> Path:
        """The records go in pieces after the rest, into a file no load reads until
        :func:`build_cache.put_in_place` renames it (:func:`build_cache.write_aside`)."""
        ordered = list(cached.records.items())
        return build_cache.write_aside(self.path, replace(cached, records={}), (
            dict(ordered[start:start + build_cache.PIECE])
            for start in range(0, len(ordered), build_cache.PIECE)))


@dataclass
class CacheSave:
    """The record cache a build saves once the store it wrote is in place (a cache newer than
    its store could miss the records of documents the store still has): pickled ahead into a
    file beside it where the build has a core to spare (:meth:`write`), renamed into place by
    :meth:`commit`. ``pending`` None: nothing changed, nothing is saved."""

    cache: RecordCache
    pending: CachedBuild | None
    written: Path | None = None

    def write(self) -> None:
        if self.pending is not None and self.written is None:
            self.written = self.cache.write_aside(self.pending)

    def commit(self) -> None:
        self.write()
        if self.written is not None:
            build_cache.put_in_place(self.written, self.cache.path)


def demo_corpus() -> Path:
    """The bundled demo corpus (five seed documents)."""
    from importlib.resources import files

    return Path(str(files("govtrace.data") / "demo"))


def build(settings: Settings, corpus: Iterable[Path], *, link: bool = True,
          progress: Progress | None = None) -> BuildReport:
    """Build (or update) the store ``settings`` points at from the corpus paths.

    One build of a store at a time (:mod:`govtrace.graph.build_lock`); an embedded store
    is built in a copy swapped in whole (:mod:`govtrace.graph.build_staging`), so a build
    that fails leaves it as it was."""
    paths = list(corpus)
    store_dir = settings.resolved_store_dir
    on_wait = (lambda message: progress(BuildStep(message))) if progress else None
    with build_lock(store_dir, wait=settings.build_wait, on_wait=on_wait):
        recover(store_dir)
        try:
            return _build_locked(settings, store_dir, paths, link, progress)
        finally:
            # a record cache written aside for a build that then failed (at 30,000
            # documents some 440 MB, beside a store whose disk may be what filled)
            build_cache.discard_aside(RecordCache(settings).path)


def _build_locked(settings: Settings, store_dir: Path, paths: list[Path], link: bool,
                  progress: Progress | None) -> BuildReport:
    """:func:`build` holding the build lock: a first build, an update, or a remote one."""
    if not store_exists(settings):  # only an embedded store can be missing
        report = _commit(build_staged(settings, store_dir, lambda staged: _first_build(
            staged, settings, paths, link, progress)))
        _write_indexes(settings, progress)
        return report
    store = open_store(settings)
    if isinstance(store, EmbeddedStore):
        store.close()
        del store  # build_staged opens it again to copy it (and closes it before the swap)
        started_from = data_files(store_dir)  # under the build lock: no build changes it
        report = _commit(build_staged(settings, store_dir, lambda staged: _update_build(
            staged, settings, paths, link, progress)))
        _write_indexes(settings, progress, started_from)
        return report
    try:  # a remote server: each document's update is atomic, the build as a whole not
        return _commit(_update_build(store, settings, paths, link, progress))
    finally:
        store.close()


def _update_build(store: GraphStore, settings: Settings, paths: list[Path], link: bool,
                  progress: Progress | None) -> Built:
    report, cache = _build_into(store, settings, paths, link, progress, bulk=False)
    _count(store, report)
    return report, cache


def _first_build(store: EmbeddedStore, settings: Settings, paths: list[Path],
                 link: bool, progress: Progress | None) -> Built:
    report, cache = _build_into(store, settings, paths, link, progress, bulk=True)
    if progress:
        progress(BuildStep("compaction"))
    # The bulk loader leaves one set of files per batch; until they are compacted every
    # look-up reads them all. Measured at 10,000 documents: 72 s here, and afterwards the
    # lineage query takes 3.9 ms instead of 22 ms, the store's document list 1.3 s
    # instead of 5.5 s (a read-only server never compacts). It runs after inference, though
    # inference would read a compacted store faster (9–10 s of CPU at 10,000 documents
    # instead of 41): written after the compaction, the inferred graph sat in files of its
    # own, the saved queries took 25–40% more CPU on every store so built (1k), and
    # compacting a second time costs as much as the first.
    # Oxigraph's optimize() lets go of the GIL and keeps to one core: the counting and the
    # record cache's pickling run beside it on the other (at 10,000 documents 2.4 and 3.7 s
    # of CPU, which came after the compaction's 20–21), the records frozen (build_memory).
    with frozen(), ThreadPoolExecutor(max_workers=1) as compaction:
        compacted = compaction.submit(store.oxigraph.optimize)
        _count(store, report)
        cache.write()
        compacted.result()
    return report, cache


INDEX_STEPS = "govtrace.indexes"
"""The entry-point group of what a build runs over the store it has put in place: each a
function of the settings that writes an index of the store into it, and returns whether it
wrote one (the queries part's ``govtrace.queries.serving_index:write_index``); given the
state the build started from (:func:`~govtrace.graph.store_state.data_files`), it may keep
what it knows the build did not change."""


def _write_indexes(settings: Settings, progress: Progress | None,
                   started_from: DataFiles | None = None) -> None:
    """Run the index steps, holding the build lock. Loaded by name because they belong to
    parts downstream of this one (``tests/test_architecture.py``), as the core loads the
    parts' commands. Run after the swap, on the closed store: its files are then final, so
    the state an index is stamped with is the state a server opens."""
    give_back_free_memory()  # the build's records are gone; index workers fork from here
    for step in entry_points(group=INDEX_STEPS):
        if progress:
            progress(BuildStep(f"index {step.name}"))
        step.load()(settings, started_from)


Built = tuple[BuildReport, CacheSave]
"""A build's report (counted: :func:`_count`), and its record cache to save once the store it
wrote is in place."""


def _commit(built: Built) -> BuildReport:
    report, cache = built
    cache.commit()
    return report


def _build_into(store: GraphStore, settings: Settings, paths: list[Path],
                link: bool, progress: Progress | None, *, bulk: bool) -> Built:
    layout = GraphLayout(IriScheme(settings.base_iri))
    report = BuildReport()
    known = {doc_id: entry.sha256 for doc_id, entry in store.documents().items()}
    cache = RecordCache.load(settings) if known else RecordCache(settings)
    plan = plan_corpus(paths, known, cache)
    report.failures = plan.failures
    # A first build writes it before the documents: into the empty store its statements
    # go at the cost of their own; after the bulk load each was a look-up through every
    # batch's files, and the step took 21 s of CPU at 30,000 documents (4 at 1,000). Any
    # other build writes it after them: its version stamp says the links and inference
    # match it, and a remote store (not staged) keeps what a failed build wrote, so the
    # stamp comes as late as it came before.
    reference_first = _update_reference(store, layout, progress) if bulk else None
    prints: dict[str, Fingerprint] = {}
    fresh = _store_fresh(store, settings, plan, report, progress, bulk=bulk, prints=prints)
    seen = set(fresh) | set(plan.unchanged) | plan.failed_ids
    deleted = sorted(doc_id for doc_id in known if doc_id not in seen)
    for doc_id in deleted:
        store.delete_document(doc_id)
    report.changes = DocumentChanges(
        added=tuple(sorted(d for d in fresh if d not in known)),
        replaced=tuple(sorted(d for d in fresh if d in known)),
        unchanged=tuple(sorted(plan.unchanged)), deleted=tuple(deleted))
    reference_changed = (reference_first if reference_first is not None
                         else _update_reference(store, layout, progress))
    records = {**{d: cache.records[d] for d in plan.unchanged}, **fresh}
    report.facts = FactTally.of(records.values())
    if progress:
        progress(BuildStep("duplicates"))
    def again(jobs: list[Job]) -> dict[str, DocumentRecord]:
        return _store_fresh(store, settings, plan.again(jobs), report, progress, bulk=False)

    with frozen():  # the records (build_memory)
        copies = settle_copies(store, layout, settings, records=records, fresh=prints,
                               jobs=plan.entries, extract=again)
        report.copies = _copies_found(copies, plan)
        # Copies hold no tasks or citations: they are neither linked nor linked to; a
        # document that became a copy is relinked around like a deleted one.
        linkable = {d: r for d, r in records.items() if d not in copies.copies}
        if progress:
            progress(BuildStep("works"))
        works = settle_works(store, layout, linkable, fresh=set(fresh) | set(copies.promoted),
                             before=cache.works, jobs=plan.entries, extract=again)
    records.update(works.extracted)
    linkable.update(works.extracted)
    changed = bool(report.changes.changed or deleted or reference_changed or copies.changed
                   or works.changed)
    if link and changed:
        everything = reference_changed or bulk
        gone = {d: cache.records[d] for d in [*deleted, *sorted(copies.demoted)]
                if d in cache.records}
        # The link workers are forked with every page this process holds: what reading
        # freed goes back first (build_memory).
        give_back_free_memory()
        report.links = link_records(store, layout, linkable, settings,
                                    None if everything else
                                    (set(fresh) | set(copies.promoted)) - set(copies.copies),
                                    gone, bulk=bulk, progress=progress)
    if changed:
        if progress:
            progress(BuildStep("inference"))
        with frozen():  # the records (build_memory)
            report.inferred = materialize(store, layout, bulk=bulk).inferred_triples
    files = {str(job.path): doc_id for doc_id, job in plan.entries.items() if doc_id in records}
    # put in place last (CacheSave.commit): a build killed before re-extracts its documents
    return report, CacheSave(cache, CachedBuild(records, files, works.applied) if changed
                             else None)


@dataclass
class CorpusPlan:
    """What a build must do with each file of the corpus."""

    jobs: list[Job] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    entries: dict[str, Job] = field(default_factory=dict)
    """Every file stored or unchanged, by doc_id (the dedupe and works steps may
    fingerprint or extract them again)."""
    failures: list[IngestFailure] = field(default_factory=list)
    failed_ids: set[str] = field(default_factory=set)
    """Documents whose file failed this time: their stored version stays."""
    previous: dict[str, str] = field(default_factory=dict)
    """The doc_id each file was stored under by the builds before."""

    def again(self, jobs: list[Job]) -> CorpusPlan:
        """A plan extracting ``jobs`` (again) within this one: same ids claimed."""
        return CorpusPlan(jobs=jobs, entries=self.entries, failed_ids=self.failed_ids,
                          previous=self.previous)

    def stored_id(self, path: Path) -> str:
        """The doc_id of the file ``path`` had when stored; for a file never stored, the id
        its name gives (only failures, which have no record, are reported by it)."""
        return self.previous.get(str(path)) or doc_id_for(path)


def plan_corpus(paths: list[Path], known: dict[str, str], cache: RecordCache) -> CorpusPlan:
    """Files whose bytes hash as the store remembers (and whose slim record is cached) are
    unchanged and not read further; the others become extraction jobs."""
    from govtrace.ingest.batch import expand

    plan = CorpusPlan(previous=cache.files)
    for entry in expand(paths):
        if not isinstance(entry, tuple):
            continue  # an unsupported extension met while walking a directory
        path, metadata = entry
        doc_id = cache.doc_id(path)
        if isinstance(metadata, IngestFailure):
            plan.failures.append(metadata)
            plan.failed_ids.add(plan.stored_id(path))
        elif (doc_id is not None and (sha := _sha256(path)) == known.get(doc_id)
              and cache.has(doc_id, sha)):
            plan.unchanged.append(doc_id)
            basis = cache.records[doc_id].source.identity_basis or ""
            plan.entries[doc_id] = Job(path, metadata, basis.endswith(DISAMBIGUATED))
        else:
            plan.jobs.append(Job(path, metadata))
    return plan


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # extraction reports the unreadable file with its code


def _store_fresh(store: GraphStore, settings: Settings, plan: CorpusPlan, report: BuildReport,
                 progress: Progress | None, *, bulk: bool,
                 prints: dict[str, Fingerprint] | None = None) -> dict[str, DocumentRecord]:
    """Extract the jobs in parallel and write each document's graph as it arrives; returns
    the slim records (all the build keeps of a document), and fills ``prints`` with their
    fingerprints. A file that fails to extract or (outside a bulk load) to store is
    reported and keeps its old version, if any: each write replaces a document whole."""
    records: dict[str, DocumentRecord] = {}
    jobs = {job.path: job for job in plan.jobs}

    def fail(failure: IngestFailure) -> None:
        report.failures.append(failure)
        plan.failed_ids.add(plan.stored_id(failure.file))

    def extracted(extract: Extraction[D]) -> Iterator[Extracted[D]]:
        for result in _counted(run_chunks(extract, chunks(plan.jobs), settings),
                               progress, "reading", len(plan.jobs)):
            claimed = result if isinstance(result, IngestFailure) else _claim(
                result, jobs[result.file], plan, settings, extract)
            if isinstance(claimed, IngestFailure):
                fail(claimed)
                continue
            yield claimed

    def keep(result: Extracted[D]) -> D:
        # shared as it arrives: sets shared later are freed into pymalloc's pools, which
        # the process keeps (build_memory)
        records[result.document.doc_id] = share_fields_sets(result.record)
        plan.entries[result.document.doc_id] = replace(
            jobs[result.file], disambiguated=(result.record.source.identity_basis or ""
                                              ).endswith(DISAMBIGUATED))
        if prints is not None:
            prints[result.document.doc_id] = result.fingerprint
        # The records live to the build's end and are never garbage, yet each full
        # collection walked all those read so far, more as more came: moved out of the
        # collector's reach as they arrive (with what else the process holds; reference
        # counts still free what is dropped), and returned to it when all are read.
        gc.freeze()
        return result.document

    with frozen():  # given back when all are read (keep)
        if bulk and isinstance(store, EmbeddedStore):
            # one load into a staging store that only a whole build puts in place; the
            # workers render the N-Quads it reads, so this process only passes bytes on
            store.bulk_load_rendered(keep(result) for result in extracted(extract_for_load))
            return records
        for result in extracted(extract_jobs):
            try:
                store.replace_document(result.document)
            except GovtraceError as exc:
                if exc.error in (STORE_UNAVAILABLE, STORE_DISK_FULL):
                    raise  # the store or its disk failed, not this document's write
                fail(IngestFailure.of(result.file, exc))
                continue
            keep(result)
        return records


def _claim(result: Extracted[D], job: Job, plan: CorpusPlan, settings: Settings,
           extract: Extraction[D]) -> Extracted[D] | IngestFailure:
    """``result`` under an id no other file of the corpus has: a file whose identity another
    file claimed first (an unchanged file, else the first in corpus order) is extracted
    again under its disambiguated id; the dedupe step then decides whether it is a copy."""
    holder = plan.entries.get(result.document.doc_id)
    if holder is None or holder.path == result.file:
        return result
    if job.disambiguated:
        return IngestFailure.of(result.file, IngestError(
            INGEST_DUPLICATE, f"document id {result.document.doc_id!r} was already given by "
            f"{holder.path}", location=Location(file=str(result.file))))
    again = extract([replace(job, disambiguated=True)], settings)[0]
    return again if isinstance(again, IngestFailure) else _claim(
        again, replace(job, disambiguated=True), plan, settings, extract)


def link_records(store: GraphStore, layout: GraphLayout, records: dict[str, DocumentRecord],
                 settings: Settings, changed: set[str] | None = None,
                 deleted: dict[str, DocumentRecord] | None = None, *, bulk: bool = False,
                 progress: Progress | None = None) -> int:
    """Give each document whose links may have changed its own derived graph.

    ``changed`` None relinks every document; otherwise the changed documents and those
    that may link to them or to a ``deleted`` one (below their division, or citing
    them) are relinked, which is what makes an update cost its neighbourhood, not the
    corpus. Linking runs on ``settings.build_workers`` processes.
    """
    from govtrace.graph.lineage import CorpusIndex
    from govtrace.ingest.outline import national_outline_record
    from govtrace.ontology.divisions import get_gazetteer

    # The records and the index made of them live through the whole stage and are never
    # garbage: frozen, the collector stops walking them at each full collection (6% of link
    # CPU at 1,000 documents) and forked link workers stop copying their pages to do so.
    # The records first: the index's allocations set off a full collection that walked every
    # record (at 10,000 documents 1.8 s of CPU before the workers fork, now 1.0; issue 16).
    with frozen():
        index = CorpusIndex(get_gazetteer(), [*records.values(), national_outline_record()])
        if changed is None:
            affected = set(records)
        else:
            affected = set(changed)
            for doc_id in changed:
                affected |= index.dependents(doc_id)
            for doc_id, record in (deleted or {}).items():
                index.add(record)
                affected |= index.dependents(doc_id)
                index.remove(doc_id)
        affected &= set(records)
        set_index(index)
        gc.freeze()  # the index too
        try:
            batches = chunks(sorted(affected))
            if bulk and isinstance(store, EmbeddedStore):
                # the workers render the N-Quads the bulk loader reads: this process passes
                # bytes
                rendered = _counted(run_chunks(link_chunk_nquads, batches, settings),
                                    progress, "linking", len(affected))
                return _bulk_load_derived(store, rendered)
            derived = _counted(run_chunks(link_chunk, batches, settings),
                               progress, "linking", len(affected))
            return _write_derived(store, layout, derived)
        finally:
            set_index(None)


def _bulk_load_derived(store: EmbeddedStore, rendered: Iterable[tuple[str, bytes, int]]
                       ) -> int:
    total = 0

    def nquads() -> Iterator[bytes]:
        nonlocal total
        for _, chunk, count in rendered:
            total += count
            yield chunk

    store.bulk_load_nquads(nquads())
    return total


def _write_derived(store: GraphStore, layout: GraphLayout,
                   derived: Iterable[tuple[str, str, int]]) -> int:
    total = 0
    for doc_id, ntriples, count in derived:
        total += count
        store.update(layout.replace_graphs_update({layout.derived(doc_id): ntriples}))
    return total


def _update_reference(store: GraphStore, layout: GraphLayout, progress: Progress | None) -> bool:
    """Replace the reference graph when its inputs changed; whether it did."""
    version = reference_version(layout.iris)
    rows = store.query(f"SELECT ?v WHERE {{ GRAPH <{layout.manifest}> {{ "
                       f"<{layout.reference}> <{DCTERMS.hasVersion}> ?v }} }}").bindings()
    if rows and str(rows[0]["v"]) == version:
        return False
    if progress:
        progress(BuildStep("reference data"))
    store.set_reference(reference_graph(layout.iris))
    # rdflib's graph is held by its own cycles (its namespace manager points back at it):
    # collected, then its pages given back, before a first build's reading workers fork
    gc.collect()
    give_back_free_memory()
    store.update(f"DELETE WHERE {{ GRAPH <{layout.manifest}> {{ <{layout.reference}> "
                 f"<{DCTERMS.hasVersion}> ?v }} }} ;\n"
                 f"INSERT DATA {{ GRAPH <{layout.manifest}> {{ <{layout.reference}> "
                 f"<{DCTERMS.hasVersion}> \"{version}\" }} }}")
    return True


def reference_version(iris: IriScheme) -> str:
    """A hash of what the reference graph is made from: the ontology and outline files,
    the gazetteer's package version, govtrace's version and the base IRI."""
    from importlib.metadata import version
    from importlib.resources import files

    digest = hashlib.sha256(iris.base.encode("utf-8"))
    for package, pattern in (("govtrace.ontology", "*.ttl"), ("govtrace.data", "*.tsv")):
        for path in sorted(Path(str(files(package))).glob(pattern)):
            digest.update(path.read_bytes())
    for dist in ("govtrace", "jionlp"):
        digest.update(version(dist).encode("utf-8"))
    return "sha256:" + digest.hexdigest()


def reference_graph(iris: IriScheme) -> Graph:
    """Ontology + divisions + the national outline, the graph every document links into."""
    from govtrace.ingest.outline import national_outline_record
    from govtrace.ingest.rdf import record_to_graph
    from govtrace.ontology.divisions import divisions_graph
    from govtrace.ontology.loading import load_ontology

    graph = load_ontology()
    graph += divisions_graph(iris)
    graph += record_to_graph(national_outline_record(), iris)
    return graph


def _count(store: GraphStore, report: BuildReport) -> None:
    row = store.query(
        "SELECT (COUNT(DISTINCT ?d) AS ?docs) (COUNT(DISTINCT ?t) AS ?tasks)"
        f" (COUNT(DISTINCT ?l) AS ?links) WHERE {{ {{ ?d a <{GT.PolicyDocument}> }} UNION"
        f" {{ ?t a <{GT.Task}> }} UNION {{ ?l a <{GT.LineageLink}> }} }}").bindings()[0]
    report.documents = len(store.documents())
    report.tasks = int(str(row["tasks"]))
    report.links = max(report.links, int(str(row["links"])))
    report.triples = store.triple_count()


def _copies_found(outcome: CopyOutcome, plan: CorpusPlan) -> list[CopyFound]:
    def file(doc_id: str) -> str:
        entry = plan.entries.get(doc_id)
        return str(entry.path) if entry else doc_id

    return [CopyFound(c.doc_id, file(c.doc_id), c.canonical, file(c.canonical), c.similarity)
            for c in sorted(outcome.copies.values(), key=lambda c: c.doc_id)]

