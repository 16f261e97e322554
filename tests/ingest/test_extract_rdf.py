"""Records as RDF: spans on nodes, shared IRIs for shared works, the literal convention,
Web Annotation spans, legal ranks, mandates by cue, the JSON schema."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from govtrace.ingest.outline import national_outline_record
from govtrace.ingest.rdf import record_to_graph
from govtrace.ingest.record import DocumentRecord, record_json_schema
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import ELI, GT, OA

IRIS = IriScheme()
# The properties whose values are text in a human language (contract of ontology 2.0.0).
TEXT_PROPERTIES = (GT.title, GT.text, GT.measure, GT.cue, GT.numberText, OA.exact,
                   SKOS.prefLabel, SKOS.altLabel)
# Codes and identifiers: plain xsd:string.
CODE_PROPERTIES = (GT.documentNumber, GT.orderNumber, GT.fileName, GT.sha256, GT.mediaType,
                   GT.encoding, GT.path, GT.unit, GT.comparator, GT.change, GT.basis)


def _graphs(seed_records: dict[str, DocumentRecord]) -> Iterator[tuple[str, Graph]]:
    for key, record in sorted(seed_records.items()):
        yield key, record_to_graph(record, IRIS)
    yield "outline", record_to_graph(national_outline_record(), IRIS)


def _work(record: DocumentRecord, canonical: str) -> URIRef:
    return next(IRIS.regulation(c.work.key)
                for c in [*record.citations, *(c for t in record.tasks for c in t.citations)]
                if c.work.canonical == canonical)


def test_task_graph(seed_records: dict[str, DocumentRecord]) -> None:
    record = seed_records["000"]
    graph = record_to_graph(record, IRIS)
    task = IRIS.task(record.source.doc_id, 5)
    work = _work(record, "内蒙古自治区行政规范性文件管理办法")
    assert (task, GT.mandatedBy, work) in graph
    assert (work, GT.orderNumber, Literal("内蒙古自治区人民政府令第262号")) in graph
    span = graph.value(task, GT.span)
    assert span is not None and not set(graph.objects(span, RDF.type))  # gt:span's range
    assert graph.value(span, OA.hasSource) is not None


def test_every_extracted_node_has_a_span(seed_records: dict[str, DocumentRecord]) -> None:
    graph = record_to_graph(seed_records["003"], IRIS)
    kinds = [set(graph.subjects(RDF.type, cls)) for cls in (GT.Task, GT.Section)]
    # citations, deadlines and targets are typed by the range of the property reaching them
    kinds += [set(graph.objects(None, prop)) for prop in (GT.hasCitation, GT.hasDeadline,
                                                          GT.hasTarget)]
    for nodes in kinds:
        assert nodes and all(graph.value(n, GT.span) is not None for n in nodes), nodes


def test_range_typed_nodes_state_no_type_issue_16(
        seed_records: dict[str, DocumentRecord]) -> None:
    """A node the range of the one property reaching it types states no rdf:type (ontology
    4.0.0): spans, citations, deadlines, targets, figures, facts' provenance."""
    for key, graph in _graphs(seed_records):
        reached = {o for prop in (GT.span, GT.hasCitation, GT.hasDeadline, GT.hasTarget,
                                  GT.hasFigure, GT.factProvenance)
                   for o in graph.objects(None, prop)}
        assert reached, key
        assert not {n for n in reached if (n, RDF.type, None) in graph}, key


def test_same_regulation_one_iri(seed_records: dict[str, DocumentRecord]) -> None:
    """《行政复议法》 (000) and the outline's title forms meet in one IRI each."""
    outline = IRIS.regulation(national_outline_record().canonical_title or "")
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


def test_text_is_zh_and_codes_are_plain_issue_18(
        seed_records: dict[str, DocumentRecord]) -> None:
    """One literal convention: a title joins a phrase without STR()."""
    for key, graph in _graphs(seed_records):
        files = set(graph.subjects(RDF.type, GT.SourceFile))
        for prop in (*TEXT_PROPERTIES, RDFS.label):
            values = [(s, o) for s, o in graph.subject_objects(prop) if s not in files]
            assert all(isinstance(o, Literal) and o.language == "zh" for _, o in values), \
                (key, prop, [o for _, o in values if getattr(o, "language", None) != "zh"][:3])
        for prop in CODE_PROPERTIES:
            assert all(isinstance(o, Literal) and o.language is None
                       and o.datatype in (None, XSD.string)
                       for o in graph.objects(None, prop)), (key, prop)
        assert all(isinstance(o, Literal) and o.language is None
                   for f in files for o in graph.objects(f, RDFS.label)), key


def test_every_entity_has_a_label_issue_18(seed_records: dict[str, DocumentRecord]) -> None:
    for key, graph in _graphs(seed_records):
        for cls in (GT.Section, GT.Task, GT.ReportItem, GT.Agency, GT.CitedWork, GT.Notice,
                    GT.SourceFile):
            nodes = set(graph.subjects(RDF.type, cls))
            assert all(graph.value(n, RDFS.label) is not None for n in nodes), (key, cls)
        doc = IRIS.document(seed_records[key].source.doc_id if key != "outline"
                            else national_outline_record().source.doc_id)
        assert graph.value(doc, RDFS.label) is not None, key


def test_spans_are_web_annotation_resources_issue_18(
        seed_records: dict[str, DocumentRecord]) -> None:
    """Each span: the file it selects from and both selectors; the v1 terms are gone."""
    for key, graph in _graphs(seed_records):
        spans = set(graph.objects(None, GT.span))
        assert spans, key
        for span in spans:
            assert (graph.value(span, OA.hasSource), RDF.type, GT.SourceFile) in graph
            selectors = set(graph.objects(span, OA.hasSelector))
            [position] = [s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph]
            [quote] = [s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph]
            start, end = graph.value(position, OA.start), graph.value(position, OA.end)
            assert isinstance(start, Literal) and start.datatype == XSD.nonNegativeInteger
            assert isinstance(end, Literal) and start.toPython() <= end.toPython()
            assert graph.value(quote, OA.exact) is not None
        for old in (GT.charStart, GT.charEnd, GT.exact, GT.inFile, GT.releasedOn):
            assert not list(graph.triples((None, old, None))), (key, old)


def test_cited_works_have_a_legal_rank_not_a_class_issue_18(
        seed_records: dict[str, DocumentRecord]) -> None:
    record = seed_records["000"]
    graph = record_to_graph(record, IRIS)
    rule = _work(record, "内蒙古自治区行政规范性文件管理办法")
    assert set(graph.objects(rule, RDF.type)) == {GT.CitedWork}
    assert graph.value(rule, GT.legalRank) == GT.RankGovernmentRule
    law = IRIS.regulation("中华人民共和国行政复议法")
    assert graph.value(law, GT.legalRank) == GT.RankLaw
    deprecated = {GT.Law, GT.AdministrativeRegulation, GT.LocalRegulation, GT.GovernmentRule,
                  GT.NormativeDocument, GT.OtherWork, GT.Regulation}
    for _, g in _graphs(seed_records):
        assert not deprecated & set(g.objects(None, RDF.type))
    # the corpus document keeps its kind's class, and is a work with a rank of its own,
    # told from its title as a cited work's is (its covering notice too)
    doc = IRIS.document(record.source.doc_id)
    assert (doc, RDF.type, GT.WorkPlan) in graph
    assert graph.value(doc, GT.legalRank) == GT.RankPolicyDocument
    notice = next(graph.subjects(GT.carries, doc))
    assert graph.value(notice, GT.legalRank) == GT.RankNormativeDocument
    for _, g in _graphs(seed_records):
        works = set(g.subjects(RDF.type, GT.CitedWork)) | set(g.subjects(GT.sourceFile))
        assert all(len(set(g.objects(w, GT.legalRank))) == 1 for w in works)


def test_mandates_split_by_cue_issue_18(seed_records: dict[str, DocumentRecord]) -> None:
    """根据《纲要》 names a legal basis (gt:basedOn), 贯彻落实《办法》 carries a rule out
    (gt:carriesOut); both stay gt:mandatedBy, on a document as on a task."""
    record = seed_records["000"]
    graph = record_to_graph(record, IRIS)
    doc, task = IRIS.document(record.source.doc_id), IRIS.task(record.source.doc_id, 5)
    outline = _work(record, "法治政府建设实施纲要（2021—2025年）")
    rule = _work(record, "内蒙古自治区行政规范性文件管理办法")
    assert {(doc, GT.basedOn, outline), (doc, GT.mandatedBy, outline)} <= set(graph)
    assert (doc, GT.carriesOut, outline) not in graph
    assert {(task, GT.carriesOut, rule), (task, GT.mandatedBy, rule)} <= set(graph)
    assert (task, GT.basedOn, rule) not in graph
    mandated = set(graph.subject_objects(GT.mandatedBy))
    assert mandated == set(graph.subject_objects(GT.basedOn)) | set(
        graph.subject_objects(GT.carriesOut))


def test_dates_issue_18(seed_records: dict[str, DocumentRecord]) -> None:
    """The issue date is dcterms:issued and eli:date_document; the date the text was
    published is gt:publishedOn; dcterms:created stays the written date."""
    for key, record in seed_records.items():
        graph = record_to_graph(record, IRIS)
        doc = IRIS.document(record.source.doc_id)
        issued = record.issued.value.isoformat() if record.issued else None
        published = record.published.value.isoformat() if record.published else None
        assert [str(d) for d in graph.objects(doc, DCTERMS.issued)] == ([issued] if issued
                                                                         else []), key
        assert [str(d) for d in graph.objects(doc, ELI.date_document)] == ([issued] if issued
                                                                           else []), key
        assert [str(d) for d in graph.objects(doc, GT.publishedOn)] == ([published] if published
                                                                        else []), key
    published_any = [r for r in seed_records.values() if r.published]
    assert published_any  # the demo has a page date to test with


def test_the_outline_is_issued_on_its_promulgation_day_issue_18() -> None:
    record = national_outline_record()
    graph = record_to_graph(record, IRIS)
    doc = IRIS.document(record.source.doc_id)
    for prop in (DCTERMS.issued, ELI.date_document, GT.publishedOn):
        assert [str(d) for d in graph.objects(doc, prop)] == ["2021-08-11"], prop
