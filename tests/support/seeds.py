"""Seed facts for store and endpoint tests.

The documents are the real seed facts of ontology/examples/wushen-lineage.ttl (cut from
the demo corpus), split into one graph per source document the way the build stores them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph

from govtrace.graph.inference import materialize
from govtrace.graph.query_pool import QueryPool
from govtrace.graph.store import DocumentGraph
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ontology.loading import load_example, load_ontology
from govtrace.settings import Settings

BASE = "https://w3id.org/govtrace/id/"
DEMO = Path(__file__).resolve().parents[2] / "govtrace" / "data" / "demo"
OUTLINE = "national-outline-2021-2025"


def _owner(subject: object) -> str | None:
    """The demo document a subject belongs to (``doc/{id}/…``), None for reference data."""
    text = str(subject)
    if not text.startswith(BASE + "doc/"):
        return None
    doc_id = text[len(BASE + "doc/"):].split("/")[0].removesuffix("-notice")
    return None if doc_id == OUTLINE else doc_id


def split_example() -> tuple[list[DocumentGraph], Graph]:
    """The example graph as per-document graphs (with the real files' sha256) + reference."""
    graphs: dict[str, Graph] = {}
    reference = Graph()
    for triple in load_example():
        owner = _owner(triple[0])
        (reference if owner is None else graphs.setdefault(owner, Graph())).add(triple)
    documents = [DocumentGraph(doc_id, hashlib.sha256(_seed_file(doc_id).read_bytes())
                               .hexdigest(), graph) for doc_id, graph in sorted(graphs.items())]
    return documents, reference


def _seed_file(doc_id: str) -> Path:
    """The demo file of an example document, named by its file (older examples) or by the
    id of its identity, as a build names it (issue 18)."""
    named = DEMO / f"{doc_id}.txt"
    if named.exists():
        return named
    from tests.support.demo import seed_file

    return DEMO / seed_file(doc_id)




def build_seed_store(store_dir: Path) -> None:
    """An embedded store of the seed facts with ontology and inference, as a build leaves it."""
    documents, reference = split_example()
    store = EmbeddedStore.open(Settings(store_dir=store_dir))
    store.bulk_load(documents)
    store.set_reference(reference + load_ontology())
    materialize(store, store.layout)
    store.close()


ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
"""Four-way cross product of the seed store's triples: billions of rows to count."""


@contextmanager
def seed_pool(root: Path, *, size: int, timeout: float) -> Iterator[QueryPool]:
    """A query pool of ``size`` workers over a seed store built under ``root``, closed
    after."""
    build_seed_store(root / "store")
    pool = QueryPool(root / "store", size=size, timeout=timeout)
    try:
        yield pool
    finally:
        pool.close()
