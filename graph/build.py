"""Build the graph from a corpus: ingest, store per document, reference data, links, inference.

A build is incremental by the sha256 of each source file: an unchanged file is
not rewritten, a changed one replaces its named graph (and drops its old
derived links) in one atomic update, and a document no longer in the corpus
is deleted with its links. A first build of an embedded store is written with
the fast, non-transactional bulk loader into a sibling directory that is
renamed into place only when complete, so a killed first build leaves no
store rather than half of one.

Lineage is recomputed from the records of every document (unchanged ones are
re-extracted, which costs milliseconds, rather than cached, so a record can
never be stale), and each document's links replace its own derived graph.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from govtrace.graph.inference import materialize
from govtrace.graph.layout import GraphLayout
from govtrace.graph.store import DocumentGraph, GraphStore, open_store
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ontology.iris import IriScheme
from govtrace.settings import Settings, StoreBackend

if TYPE_CHECKING:
    from govtrace.ingest.offsets import MappedText
    from govtrace.ingest.record import DocumentRecord
    from govtrace.ingest.source import SourceDocument

_NS_GT = "https://w3id.org/govtrace/ontology#"


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
class BuildFailure:
    file: str
    code: str
    message: str


@dataclass
class BuildReport:
    changes: DocumentChanges = field(default_factory=DocumentChanges)
    failures: list[BuildFailure] = field(default_factory=list)
    documents: int = 0
    tasks: int = 0
    links: int = 0
    inferred: int = 0
    triples: int = 0


Progress = Callable[[str], None]


def demo_corpus() -> Path:
    """The bundled demo corpus (five seed documents)."""
    from importlib.resources import files

    return Path(str(files("govtrace.data") / "demo"))


def build(settings: Settings, corpus: Iterable[Path], *, link: bool = True,
          progress: Progress | None = None) -> BuildReport:
    """Build (or update) the store ``settings`` points at from the corpus paths."""
    paths = list(corpus)
    store_dir = settings.resolved_store_dir
    if settings.store_backend is StoreBackend.EMBEDDED and not store_dir.exists():
        return _first_build(settings, paths, store_dir, link, progress)
    store = open_store(settings)
    try:
        return _build_into(store, settings, paths, link, progress, bulk=False)
    finally:
        store.close()


def _first_build(settings: Settings, paths: list[Path], store_dir: Path,
                 link: bool, progress: Progress | None) -> BuildReport:
    staging = store_dir.with_name(store_dir.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)  # left by a killed first build
    staging.parent.mkdir(parents=True, exist_ok=True)
    store = EmbeddedStore.open(settings, path=staging)
    try:
        report = _build_into(store, settings, paths, link, progress, bulk=True)
    finally:
        store.close()
        del store
    staging.rename(store_dir)
    return report


def _build_into(store: GraphStore, settings: Settings, paths: list[Path],
                link: bool, progress: Progress | None, *, bulk: bool) -> BuildReport:
    layout = GraphLayout(IriScheme(settings.base_iri))
    report = BuildReport()
    known = {doc_id: entry.sha256 for doc_id, entry in store.documents().items()}
    records, fresh, unchanged, report.failures = ingest_corpus(settings, paths, known,
                                                               layout.iris, progress)
    report.changes = _store_documents(store, fresh, unchanged, known, report.failures,
                                      bulk=bulk)
    if progress:
        progress("reference data")
    store.set_reference(reference_graph(layout.iris))
    if link:
        if progress:
            progress("lineage links")
        report.links = link_records(store, layout, records, settings)
    if progress:
        progress("inference")
    report.inferred = materialize(store, layout).inferred_triples
    _count(store, report)
    return report


def _store_documents(store: GraphStore, fresh: list[DocumentGraph], unchanged: list[str],
                     known: dict[str, str], failures: list[BuildFailure], *, bulk: bool
                     ) -> DocumentChanges:
    failed = {_doc_id_of(Path(failure.file)) for failure in failures}
    seen = {document.doc_id for document in fresh} | set(unchanged) | failed
    deleted = sorted(doc_id for doc_id in known if doc_id not in seen)
    for doc_id in deleted:
        store.delete_document(doc_id)
    if bulk:
        store.bulk_load(fresh)
    else:
        for document in fresh:
            store.replace_document(document)
    return DocumentChanges(
        added=tuple(sorted(d.doc_id for d in fresh if d.doc_id not in known)),
        replaced=tuple(sorted(d.doc_id for d in fresh if d.doc_id in known)),
        unchanged=tuple(sorted(unchanged)),
        deleted=tuple(deleted),
    )


def ingest_corpus(settings: Settings, paths: list[Path], known: dict[str, str],
                  iris: IriScheme, progress: Progress | None
                  ) -> tuple[list[DocumentRecord], list[DocumentGraph], list[str],
                             list[BuildFailure]]:
    """Read and extract every document: all records, the graphs of the changed ones (an
    unchanged one, same sha256, needs no graph), the unchanged ids and the failures."""
    from govtrace.ingest.batch import ingest_paths
    from govtrace.ingest.extract import extract_record
    from govtrace.ingest.rdf import record_to_graph

    unchanged: list[str] = []

    def extract(source: SourceDocument,
                text: MappedText) -> tuple[DocumentRecord, DocumentGraph | None]:
        if progress:
            progress(source.doc_id)
        record = extract_record(source, text)
        if known.get(source.doc_id) == source.sha256:
            unchanged.append(source.doc_id)
            return record, None
        return record, DocumentGraph(source.doc_id, source.sha256, record_to_graph(record, iris))

    batch = ingest_paths(paths, settings=settings, extract=extract)
    records = [record for record, _ in batch.records]
    fresh = [graph for _, graph in batch.records if graph is not None]
    failures = [BuildFailure(str(f.file), str(f.code), str(f.message)) for f in batch.failures]
    return records, fresh, unchanged, failures


def link_records(store: GraphStore, layout: GraphLayout, records: Sequence[DocumentRecord],
                 settings: Settings) -> int:
    """Link the corpus (with the national outline) and give each document its own derived
    graph, so that replacing or deleting a document replaces or drops exactly its links."""
    from govtrace.graph.lineage import LinkSet, link_corpus
    from govtrace.graph.lineage.rdf import links_to_graph
    from govtrace.ingest.outline import national_outline_record
    from govtrace.ontology.divisions import get_gazetteer

    linkset = link_corpus([*records, national_outline_record()], get_gazetteer(),
                          settings=settings)
    for record in records:
        doc_id = record.source.doc_id
        own = LinkSet([x for x in linkset.task_links if x.child.doc_id == doc_id],
                      [x for x in linkset.document_links if x.child_doc == doc_id])
        store.replace_derived(doc_id, links_to_graph(own, layout.iris))
    return len(linkset.task_links) + len(linkset.document_links)


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
        f"PREFIX gt: <{_NS_GT}> SELECT (COUNT(DISTINCT ?d) AS ?docs) (COUNT(DISTINCT ?t) AS ?tasks)"
        " (COUNT(DISTINCT ?l) AS ?links) WHERE { { ?d a gt:PolicyDocument } UNION"
        " { ?t a gt:Task } UNION { ?l a gt:LineageLink } }").bindings()[0]
    report.documents = len(store.documents())
    report.tasks = int(str(row["tasks"]))
    report.links = max(report.links, int(str(row["links"])))
    report.triples = store.triple_count()


def _doc_id_of(path: Path) -> str:
    from govtrace.ingest.source import doc_id_for

    return doc_id_for(path)

