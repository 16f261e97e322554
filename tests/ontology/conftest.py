"""Shared fixtures and node IRIs: the bundled ontology, shapes and example graph."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace

from govtrace.ontology.loading import load_example, load_ontology, load_shapes

ID = Namespace("https://w3id.org/govtrace/id/")
WUSHEN_TASK = ID["doc/000_6b53b361d8411ab5/task/5"]
REGION_TASK = ID["doc/004_c5645c69c3d939d1/task/6"]
NATIONAL_TASK = ID["doc/national-outline-2021-2025/task/9"]
WUSHEN = ID["division/150626"]


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
