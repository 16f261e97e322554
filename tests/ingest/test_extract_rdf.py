"""Records as RDF: spans on nodes, shared IRIs for shared works, the JSON schema."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import RDF

from govtrace.ingest.outline import national_outline_record
from govtrace.ingest.rdf import record_to_graph
from govtrace.ingest.record import DocumentRecord, record_json_schema
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT

IRIS = IriScheme()


def test_task_graph(seed_records: dict[str, DocumentRecord]) -> None:
    graph = record_to_graph(seed_records["000"], IRIS)
    task = IRIS.task("000_6b53b361d8411ab5", 5)
    work = IRIS.regulation("内蒙古自治区行政规范性文件管理办法")
    assert (task, GT.mandatedBy, work) in graph
    assert (work, RDF.type, GT.GovernmentRule) in graph
    assert (work, GT.orderNumber, Literal("内蒙古自治区人民政府令第262号")) in graph
    span = graph.value(task, GT.span)
    assert span is not None and (span, RDF.type, GT.SourceSpan) in graph
    assert graph.value(span, GT.inFile) is not None


def test_every_extracted_node_has_a_span(seed_records: dict[str, DocumentRecord]) -> None:
    graph = record_to_graph(seed_records["003"], IRIS)
    for cls in (GT.Task, GT.Section, GT.Citation, GT.Deadline, GT.QuantitativeTarget):
        nodes = set(graph.subjects(RDF.type, cls))
        assert nodes and all(graph.value(n, GT.span) is not None for n in nodes), cls


def test_same_regulation_one_iri(seed_records: dict[str, DocumentRecord]) -> None:
    """《行政复议法》 (000) and the outline's title forms meet in one IRI each."""
    outline = IRIS.regulation(national_outline_record().canonical_title)
    cited = {o for r in seed_records.values()
             for o in record_to_graph(r, IRIS).objects(None, GT.cites)}
    assert outline in cited
    assert IRIS.regulation("中华人民共和国行政复议法") in cited


def test_graph_is_deterministic(seed_records: dict[str, DocumentRecord]) -> None:
    one = record_to_graph(seed_records["002"], IRIS)
    two = record_to_graph(seed_records["002"], IRIS)
    assert set(one) == set(two)
    assert seed_records["002"].to_json() == DocumentRecord.model_validate_json(
        seed_records["002"].to_json()).to_json()


def test_json_schema() -> None:
    schema = record_json_schema()
    assert schema["properties"]["schema_version"]["const"] == "2.0"
    assert "Span" in schema["$defs"]
