"""The acceptance test of issue 18: the graph `govtrace build` makes of the demo corpus is
consistent with the ontology's own axioms — no triple breaks a declared domain or range,
SHACL conforms, and HermiT finds a model of ontology + data.

The store is exported as `govtrace export --format nq` writes it (every named graph: the
documents, the reference data, the derived links and the materialized entailments) and
checked as `govtrace ontology check --data` checks it; .ci/run runs that command on the
demo build too (tests/ontology/test_data_check.py tests the command on small graphs).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Dataset

from govtrace.graph.export import export_store
from govtrace.graph.store import ExportFormat
from govtrace.ontology.data_check import DataCheckReport, check_data
from tests.support.demo import build_demo
from tests.support.system_tools import JAVA, need

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_nquads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    settings = build_demo(tmp_path_factory.mktemp("consistency"))
    path = settings.data_dir / "demo.nq"
    sink = io.BytesIO()
    export_store(settings, ExportFormat.NQUADS, sink)
    path.write_bytes(sink.getvalue())
    return path


@pytest.fixture(scope="module")
def report(demo_nquads: Path) -> DataCheckReport:
    need(JAVA)
    data = Dataset()
    data.parse(demo_nquads, format="nquads")
    return check_data(data, source=str(demo_nquads))


def test_no_triple_of_the_demo_build_breaks_a_domain_or_range_issue_18(
        report: DataCheckReport) -> None:
    assert report.domain_range.total == 0, report.render()


def test_the_demo_build_conforms_to_the_shapes_issue_18(report: DataCheckReport) -> None:
    assert report.shapes_conform, report.render()


def test_hermit_finds_the_demo_build_consistent_issue_18(report: DataCheckReport) -> None:
    model = report.reasoner.model
    assert model.consistent and not model.unsatisfiable, report.render()
    # The dates and years it had to convert are said, not silently dropped.
    assert {str(c.datatype).rpartition("#")[2] for c in report.reasoner.conversions} >= {
        "date", "gYear"}

