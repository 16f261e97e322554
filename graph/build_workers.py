"""The parallel half of a build: extraction and linking in worker processes.

Workers get chunks of work and send back compact results: a document's graph
and its entailments as N-Triples text and the slim record linking needs
(:func:`slim`), or a document's derived links (with their entailments) as
N-Triples. For a first build's bulk load they send the N-Quads the loader reads instead
(:func:`extract_for_load`, :func:`link_chunk_nquads`): rendering them took a fifth of the
build process's CPU while it read the corpus, and the build process was the stage's
bottleneck (the workers waited on it). The parent keeps a bounded number of
chunks in flight (:func:`run_chunks`), so results never pile up faster than the
store takes them, and it writes each result as it arrives.

Workers are forked: they inherit the parent's warm caches (gazetteer, OpenCC,
the lineage index) without pickling them. With ``workers == 1`` the same
functions run in the calling process.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from govtrace.graph.entailment import ontology_entailment
from govtrace.graph.layout import GraphLayout
from govtrace.graph.store import DocumentGraph
from govtrace.graph.store_oxigraph import (
    DocumentNQuads,
    statements_document_nquads,
    statements_nquads,
)
from govtrace.ingest.failure import IngestFailure
from govtrace.ontology.iris import IriScheme
from govtrace.settings import Settings

if TYPE_CHECKING:
    from govtrace.graph.duplicates import Fingerprint
    from govtrace.graph.lineage.corpus import CorpusIndex
    from govtrace.ingest.metadata import DocumentMetadata
    from govtrace.ingest.offsets import MappedText
    from govtrace.ingest.record import DocumentRecord
    from govtrace.ingest.source import SourceDocument
    from govtrace.ontology.ntriples import Statements

T = TypeVar("T")
R = TypeVar("R")
D = TypeVar("D", DocumentGraph, DocumentNQuads)
CHUNK = 16
"""Documents per task sent to a worker: large enough to amortize the round trip, small
enough that a worker's results stay a few megabytes."""


@dataclass(frozen=True)
class Extracted(Generic[D]):
    file: Path
    """The file read: a write of its graph that fails is reported by it."""
    document: D
    """Its graph to write (:func:`extract_jobs`), or to bulk load (:func:`extract_for_load`)."""
    record: DocumentRecord
    """Slim: only what linking reads (:func:`slim`)."""
    fingerprint: Fingerprint
    """What the dedupe step compares (:mod:`govtrace.graph.duplicates`)."""


@dataclass(frozen=True)
class Job:
    path: Path
    metadata: DocumentMetadata | None
    disambiguated: bool = False
    """Another file of the corpus has this document's identity: its id gains a hash of its
    file name (:func:`govtrace.ingest.identity.disambiguate`)."""


def slim(record: DocumentRecord) -> DocumentRecord:
    """The record without what linking and the works step never read (units, deadlines,
    targets and figures of items; sections): a fraction of its size, kept per document. An
    item's whole span, a copy of its text, shrinks to its title's span."""
    tasks = [t.model_copy(update={"lead_units": [], "responsible_units": [],
                                  "deadlines": [], "targets": [], "span": t.title_span})
             for t in record.tasks]
    items = [r.model_copy(update={"figures": [], "span": r.title_span})
             for r in record.report_items]
    return record.model_copy(update={"tasks": tasks, "report_items": items, "sections": []})


Extraction = Callable[[list[Job], Settings], list[Extracted[D] | IngestFailure]]
"""What extracts a chunk of jobs: :func:`extract_jobs` or :func:`extract_for_load`."""


def extract_jobs(jobs: Sequence[Job], settings: Settings
                 ) -> list[Extracted[DocumentGraph] | IngestFailure]:
    """Ingest each file (:func:`~govtrace.ingest.pipeline.ingest_file`): its graph as
    N-Triples, its slim record and its fingerprint, or its failure."""
    return _extract(jobs, settings, lambda doc_id, sha256, graph, inferred: DocumentGraph(
        doc_id, sha256, graph.ntriples(), inferred.ntriples()))


def extract_for_load(jobs: Sequence[Job], settings: Settings
                     ) -> list[Extracted[DocumentNQuads] | IngestFailure]:
    """:func:`extract_jobs`, each graph rendered for the bulk loader (with its entailments
    and manifest entry, :func:`~govtrace.graph.store_oxigraph.statements_document_nquads`:
    the bytes of ``document_nquads``, written from the statements)."""
    layout = GraphLayout(IriScheme(settings.base_iri))
    return _extract(jobs, settings, partial(statements_document_nquads, layout))


def _extract(jobs: Sequence[Job], settings: Settings,
             render: Callable[[str, str, Statements, Statements], D]
             ) -> list[Extracted[D] | IngestFailure]:
    """Each job's document, its graph and entailments given to ``render`` with its doc_id
    and file hash."""
    from govtrace.ingest.extract import extract_record
    from govtrace.ingest.pipeline import ingest_file
    from govtrace.ingest.rdf import record_statements

    iris = IriScheme(settings.base_iri)

    def extracted(disambiguated: bool, source: SourceDocument, text: MappedText
                  ) -> Extracted[D]:
        record = extract_record(source, text, disambiguated=disambiguated)
        statements = record_statements(record, iris)
        inferred = ontology_entailment().entail(statements)
        return Extracted(source.path,
                         render(record.source.doc_id, source.sha256, statements, inferred),
                         slim(record), _fingerprint(record, source, text))

    out: list[Extracted[D] | IngestFailure] = []
    for job in jobs:
        outcome = ingest_file(job.path, settings=settings,
                              extract=partial(extracted, job.disambiguated),
                              metadata=job.metadata)
        out.append(outcome if isinstance(outcome, IngestFailure) else outcome.record)
    return out


def fingerprint_jobs(pairs: Sequence[tuple[Job, DocumentRecord]], settings: Settings
                     ) -> list[Fingerprint]:
    """Fingerprints of files already extracted (their records given): read and normalize
    only. A file that cannot be read any more gets none (the build reports it next time)."""
    from govtrace.ingest.pipeline import ingest_file

    out = []
    for job, record in pairs:
        outcome = ingest_file(job.path, settings=settings, extract=partial(_fingerprint, record),
                              metadata=job.metadata)
        if not isinstance(outcome, IngestFailure):
            out.append(outcome.record)
    return out


def _fingerprint(record: DocumentRecord, source: SourceDocument, text: MappedText
                 ) -> Fingerprint:
    from govtrace.graph.duplicates import fingerprint

    return fingerprint(record, text.text, source.content.text)


_INDEX: CorpusIndex | None = None
"""The lineage index linking workers read; set in the parent before the fork."""


def link_chunk(doc_ids: Sequence[str], settings: Settings) -> list[tuple[str, str, int]]:
    """The derived links of each document, with their entailments, as (doc_id, N-Triples,
    link count)."""
    return _link(doc_ids, settings,
                 lambda doc_id, graphs: "".join(graph.ntriples() for graph in graphs))


def link_chunk_nquads(doc_ids: Sequence[str], settings: Settings
                      ) -> list[tuple[str, bytes, int]]:
    """:func:`link_chunk`, each document's links as N-Quads in its derived graph, what the
    bulk loader reads."""
    layout = GraphLayout(IriScheme(settings.base_iri))
    return _link(doc_ids, settings,
                 lambda doc_id, graphs: statements_nquads(str(layout.derived(doc_id)), graphs))


def _link(doc_ids: Sequence[str], settings: Settings,
          render: Callable[[str, tuple[Statements, Statements]], T]
          ) -> list[tuple[str, T, int]]:
    from govtrace.graph.lineage import LinkSet, link_documents
    from govtrace.graph.lineage.rdf import link_statements

    assert _INDEX is not None, "set_index() before linking"
    iris = IriScheme(settings.base_iri)
    out = []
    for doc_id in doc_ids:
        links: LinkSet = link_documents(_INDEX, [doc_id], settings=settings)
        statements = link_statements(
            links, iris, implements_min_confidence=settings.implements_min_confidence)
        entailed = ontology_entailment().entail(statements)
        out.append((doc_id, render(doc_id, (statements, entailed)),
                    len(links.task_links) + len(links.document_links)))
    return out


def set_index(index: CorpusIndex | None) -> None:
    global _INDEX
    _INDEX = index


def warm_up() -> None:
    """Load what every worker needs before forking them, so they share it (the gazetteer
    and the extraction modules take seconds to load in each process otherwise)."""
    from importlib import import_module

    from govtrace.ontology.divisions import get_gazetteer

    for module in ("govtrace.ingest.extract", "govtrace.ingest.rdf",
                   "govtrace.graph.lineage.rdf"):
        import_module(module)
    get_gazetteer()
    ontology_entailment()


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_chunks(work: Callable[[list[T], Settings], list[R]], batches: Iterable[list[T]],
               settings: Settings) -> Iterator[R]:
    """``work`` over each batch on ``settings.build_workers`` processes, results in batch
    order, at most two batches per worker in flight (the bound on memory)."""
    workers = settings.build_workers
    if workers == 1:
        for batch in batches:
            yield from work(batch, settings)
        return
    warm_up()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque[Future[list[R]]] = deque()
        for batch in batches:
            pending.append(pool.submit(work, batch, settings))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
