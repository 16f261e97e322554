"""Store fixtures: the same tests run on the embedded store and on a real `oxigraph serve`.

The documents are the real seed facts of ontology/examples/wushen-lineage.ttl (cut from
the demo corpus), split into one graph per source document the way the build stores them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from govtrace.graph.query_pool import QueryPool
from govtrace.graph.store import DocumentGraph, GraphStore
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.graph.store_remote import RemoteStore
from govtrace.settings import Settings
from tests.support.seeds import BASE, build_seed_store, split_example
from tests.support.servers import oxigraph_server


@pytest.fixture
def seed_documents() -> list[DocumentGraph]:
    return split_example()[0]


@pytest.fixture
def seed_reference() -> Graph:
    return split_example()[1]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store")


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest, settings: Settings, tmp_path: Path
          ) -> Iterator[GraphStore]:
    """An empty store of each backend."""
    if request.param == "embedded":
        embedded = EmbeddedStore.open(settings)
        yield embedded
        embedded.close()
        return
    with oxigraph_server(tmp_path / "remote") as base:
        remote = RemoteStore(base + "/query", base + "/update", base + "/store",
                             EmbeddedStore.in_memory(settings).layout, timeout=30)
        yield remote
        remote.close()


@pytest.fixture
def pool(tmp_path: Path) -> Iterator[QueryPool]:
    """Two query workers over a store of the seed facts, a one-second timeout."""
    build_seed_store(tmp_path / "store")
    pool = QueryPool(tmp_path / "store", size=2, timeout=1.0)
    assert pool.wait_ready()  # the tests below count the idle workers
    yield pool
    pool.close()


def task(doc_id: str, number: int) -> URIRef:
    return URIRef(f"{BASE}doc/{doc_id}/task/{number}")
