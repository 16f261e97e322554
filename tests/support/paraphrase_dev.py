"""The paraphrase benchmark's dev documents (bench/paraphrase/dev) read with the seeds, and
linked by the configured linker: what the report-item tests score."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from govtrace.graph.lineage import CorpusIndex, LinkSet
from govtrace.graph.lineage.evaluate import doc_id_of
from govtrace.graph.lineage.linker import link_documents
from govtrace.graph.lineage.seeds import seed_records
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ontology.divisions import Gazetteer
from govtrace.settings import Settings

DEV = Path(__file__).resolve().parents[2] / "bench" / "paraphrase" / "dev"


def dev_index(gazetteer: Gazetteer) -> CorpusIndex:
    """The seeds and every dev document, read as a build reads them."""
    settings = Settings()
    batch = ingest_paths([DEV], settings=settings, extract=extract_record)
    assert not batch.failures, batch.failures
    return CorpusIndex(gazetteer, [*seed_records(settings), *batch.records])


def dev_links(index: CorpusIndex, names: Iterable[str]) -> LinkSet:
    """The links of the named documents ("001", "d05", …) with the default settings."""
    return link_documents(index, [doc_id_of(name, index) for name in names],
                          settings=Settings())
