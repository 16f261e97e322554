"""Shared fixtures: the bundled ontology, shapes and example graph, the example's nodes (found
by what they are, not by IRI: the example is regenerated from a build), and a demo build."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from govtrace.graph.store import GraphStore
from govtrace.graph.store_factory import open_store
from govtrace.ontology.loading import load_example, load_ontology, load_shapes
from govtrace.ontology.namespaces import GT, RDF
from govtrace.settings import Settings
from tests.support.demo import build_demo


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture
def example() -> Graph:
    """A fresh copy per test: the failing cases edit it."""
    return load_example()


@dataclass(frozen=True)
class ExampleNodes:
    """The example's lineage chain: 乌审旗's task, the region's, the national item."""

    county_task: URIRef
    region_task: URIRef
    national_task: URIRef
    county: URIRef


def _value(graph: Graph, subject: URIRef, predicate: URIRef) -> URIRef:
    found = graph.value(subject, predicate)
    assert isinstance(found, URIRef), (subject, predicate)
    return found


@pytest.fixture(scope="session")
def nodes() -> ExampleNodes:
    graph = load_example()
    by_level: dict[URIRef, URIRef] = {}
    for task in graph.subjects(RDF.type, GT.Task):
        assert isinstance(task, URIRef)
        division = _value(graph, _value(graph, task, GT.inDocument), GT.jurisdiction)
        by_level[_value(graph, division, GT.level)] = task
    county_task = by_level[GT.County]
    county = _value(graph, _value(graph, county_task, GT.inDocument), GT.jurisdiction)
    return ExampleNodes(county_task, by_level[GT.Provincial], by_level[GT.National], county)


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The demo corpus built once for the session, as `govtrace build` leaves it."""
    return build_demo(tmp_path_factory.mktemp("ontology-demo"))


@pytest.fixture(scope="session")
def demo_store(demo_settings: Settings) -> Iterator[GraphStore]:
    store = open_store(demo_settings, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def demo_root(demo_settings: Settings) -> Path:
    return demo_settings.data_dir.parent
