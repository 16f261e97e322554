"""A :class:`DocumentRecord` as RDF in the govtrace vocabulary.

Every extracted node gets ``gt:span`` → a ``gt:SourceSpan`` (char offsets,
exact characters, the source file). IRIs come from :class:`IriScheme`:
documents, sections and tasks by position, spans by offsets, agencies and
cited works by their canonical names, so the same regulation cited by two
documents is one node. The output depends on the record only.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from govtrace.ingest.record import (
    AgencyRef,
    Citation,
    CitationKind,
    DocType,
    DocumentRecord,
    Quantity,
    ReportItem,
    Section,
    Span,
    Task,
    WorkKind,
)
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT, PREFIXES

DOC_CLASSES: dict[DocType, URIRef] = {
    DocType.OUTLINE: GT.Outline,
    DocType.IMPLEMENTATION_SCHEME: GT.ImplementationScheme,
    DocType.WORK_PLAN: GT.WorkPlan,
    DocType.WORK_REPORT: GT.WorkReport,
    DocType.NOTICE: GT.Notice,
}
WORK_CLASSES: dict[WorkKind, URIRef] = {
    WorkKind.LAW: GT.Law,
    WorkKind.ADMINISTRATIVE_REGULATION: GT.AdministrativeRegulation,
    WorkKind.LOCAL_REGULATION: GT.LocalRegulation,
    WorkKind.GOVERNMENT_RULE: GT.GovernmentRule,
    WorkKind.NORMATIVE_DOCUMENT: GT.NormativeDocument,
    WorkKind.POLICY_DOCUMENT: GT.PolicyDocument,
    WorkKind.OTHER: GT.OtherWork,
}
CITATION_KINDS: dict[CitationKind, URIRef] = {
    CitationKind.MANDATE: GT.Mandate,
    CitationKind.DELIVERABLE: GT.Deliverable,
    CitationKind.MENTION: GT.Mention,
}
ZH = "zh"


class _Writer:
    def __init__(self, record: DocumentRecord, iris: IriScheme) -> None:
        self.record = record
        self.iris = iris
        self.doc_id = record.source.doc_id
        self.graph = Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)
        self.file = iris.part(self.doc_id, "file", record.source.sha256[:16])

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.graph.add((s, p, o))

    def text(self, s: URIRef, p: URIRef, value: str | None) -> None:
        if value:
            self.add(s, p, Literal(value, lang=ZH))

    def span(self, node: URIRef, span: Span | None, prop: URIRef = GT.span) -> None:
        if span is None:
            return
        iri = self.iris.span(self.doc_id, span.start, span.end)
        self.add(node, prop, iri)
        self.add(iri, RDF.type, GT.SourceSpan)
        self.add(iri, GT.charStart, Literal(span.start, datatype=XSD.integer))
        self.add(iri, GT.charEnd, Literal(span.end, datatype=XSD.integer))
        self.add(iri, GT.exact, Literal(span.exact))
        self.add(iri, GT.inFile, self.file)

    def agency(self, ref: AgencyRef) -> URIRef:
        iri = self.iris.agency(ref.name)
        self.add(iri, RDF.type, GT.Agency)
        self.text(iri, SKOS.prefLabel, ref.name)
        if ref.label != ref.name:
            self.text(iri, SKOS.altLabel, ref.label)
        if ref.jurisdiction:
            self.add(iri, GT.jurisdiction, self.iris.division(ref.jurisdiction))
        self.span(iri, ref.span)
        return iri

    def citation(self, owner: URIRef, citation: Citation) -> None:
        work = citation.work
        work_iri = self.iris.regulation(work.canonical)
        self.add(work_iri, RDF.type, WORK_CLASSES[work.kind])
        self.text(work_iri, SKOS.prefLabel, work.canonical)
        if work.title != work.canonical:
            self.text(work_iri, SKOS.altLabel, work.title)
        if work.order_number:
            self.add(work_iri, GT.orderNumber, Literal(work.order_number))
        node = self.iris.part(self.doc_id, "citation", f"{citation.span.start}-{citation.span.end}")
        self.add(node, RDF.type, GT.Citation)
        self.add(owner, GT.hasCitation, node)
        self.add(node, GT.citedWork, work_iri)
        self.add(node, GT.citationKind, CITATION_KINDS[citation.kind])
        if citation.cue:
            self.add(node, GT.cue, Literal(citation.cue, lang=ZH))
        self.span(node, citation.span)
        self.add(owner, GT.cites, work_iri)
        if citation.kind is CitationKind.MANDATE:
            self.add(owner, GT.mandatedBy, work_iri)
        elif citation.kind is CitationKind.DELIVERABLE:
            self.add(owner, GT.produces, work_iri)

    def quantity(self, owner: URIRef, prop: URIRef, cls: URIRef, q: Quantity) -> None:
        node = self.iris.part(self.doc_id, "quantity", f"{q.span.start}-{q.span.end}")
        self.add(owner, prop, node)
        self.add(node, RDF.type, cls)
        self.text(node, GT.measure, q.measure)
        self.add(node, GT.value, Literal(q.value, datatype=XSD.decimal))
        self.add(node, GT.unit, Literal(q.unit))
        self.add(node, GT.comparator, Literal(q.comparator.value))
        if q.change is not None:
            self.add(node, GT.change, Literal(q.change.value))
        self.text(node, GT.text, q.text)
        self.span(node, q.span)


def record_to_graph(record: DocumentRecord, iris: IriScheme) -> Graph:
    """The triples of one record (to be stored in the document's named graph)."""
    w = _Writer(record, iris)
    doc = iris.document(w.doc_id)
    _document(w, doc)
    for section in record.sections:
        _section(w, doc, section)
    for task in record.tasks:
        _task(w, doc, task)
    for item in record.report_items:
        _report_item(w, doc, item)
    return w.graph


def _document(w: _Writer, doc: URIRef) -> None:
    r = w.record
    w.add(doc, RDF.type, DOC_CLASSES[r.doc_type])
    w.text(doc, GT.title, r.title.value)
    w.text(doc, SKOS.prefLabel, r.canonical_title)
    w.span(doc, r.title.span)
    _source_file(w, doc)
    for ref in r.issuers:
        w.add(doc, GT.issuedBy, w.agency(ref))
    for number in r.document_numbers:
        w.add(doc, GT.documentNumber, Literal(number.canonical))
    if r.written:
        w.add(doc, DCTERMS.created, Literal(r.written.value, datatype=XSD.date))
    if r.published:
        w.add(doc, DCTERMS.issued, Literal(r.published.value, datatype=XSD.date))
    if r.covers:
        for year in range(r.covers.first, r.covers.last + 1):
            w.add(doc, GT.coversYear, Literal(f"{year:04d}", datatype=XSD.gYear))
    if r.jurisdiction:
        w.add(doc, GT.jurisdiction, w.iris.division(r.jurisdiction.adcode))
    for citation in r.citations:
        w.citation(doc, citation)
    if r.notice:
        _notice(w, doc)


def _source_file(w: _Writer, doc: URIRef) -> None:
    s = w.record.source
    w.add(doc, GT.sourceFile, w.file)
    w.add(w.file, RDF.type, GT.SourceFile)
    w.add(w.file, GT.fileName, Literal(s.file_name))
    w.add(w.file, GT.sha256, Literal(s.sha256))
    w.add(w.file, GT.mediaType, Literal(s.media_type))
    if s.encoding:
        w.add(w.file, GT.encoding, Literal(s.encoding))


def _notice(w: _Writer, doc: URIRef) -> None:
    notice = w.record.notice
    assert notice is not None
    node = w.iris.part(w.doc_id, "notice", "1")
    w.add(node, RDF.type, GT.Notice)
    w.add(node, GT.carries, doc)
    w.text(node, GT.title, notice.title.value)
    w.span(node, notice.span)
    for number in notice.document_numbers:
        w.add(node, GT.documentNumber, Literal(number.canonical))
    for ref in notice.issuers:
        w.add(node, GT.issuedBy, w.agency(ref))
    if notice.written:
        w.add(node, DCTERMS.created, Literal(notice.written.value, datatype=XSD.date))


def _heading(w: _Writer, node: URIRef, number: int, number_text: str, title: str) -> None:
    w.add(node, GT.number, Literal(number, datatype=XSD.integer))
    w.add(node, GT.numberText, Literal(number_text))
    w.text(node, GT.title, title)


def _section(w: _Writer, doc: URIRef, section: Section) -> None:
    node = w.iris.section(w.doc_id, section.ordinal)
    w.add(node, RDF.type, GT.Section)
    w.add(doc, GT.hasSection, node)
    w.add(node, GT.inDocument, doc)
    _heading(w, node, section.number, section.number_text, section.title)
    w.span(node, section.span)


def _task(w: _Writer, doc: URIRef, task: Task) -> None:
    node = w.iris.task(w.doc_id, task.ordinal)
    w.add(node, RDF.type, GT.Task)
    w.add(doc, GT.hasTask, node)
    w.add(node, GT.inDocument, doc)
    w.add(node, GT.inSection, w.iris.section(w.doc_id, task.section))
    _heading(w, node, task.number, task.number_text, task.title)
    w.text(node, GT.text, task.body)
    w.span(node, task.span)
    for ref in task.lead_units:
        w.add(node, GT.leadUnit, w.agency(ref))
    for ref in task.responsible_units:
        w.add(node, GT.responsibleUnit, w.agency(ref))
    for citation in task.citations:
        w.citation(node, citation)
    for deadline in task.deadlines:
        d = w.iris.part(w.doc_id, "deadline", f"{deadline.span.start}-{deadline.span.end}")
        w.add(node, GT.hasDeadline, d)
        w.add(d, RDF.type, GT.Deadline)
        w.add(d, GT.dueDate, Literal(deadline.due, datatype=XSD.date))
        w.text(d, GT.text, deadline.text)
        w.span(d, deadline.span)
    for target in task.targets:
        w.quantity(node, GT.hasTarget, GT.QuantitativeTarget, target)


def _report_item(w: _Writer, doc: URIRef, item: ReportItem) -> None:
    node = w.iris.report_item(w.doc_id, item.path)
    w.add(node, RDF.type, GT.ReportItem)
    w.add(doc, GT.hasReportItem, node)
    w.add(node, GT.inDocument, doc)
    w.add(node, GT.path, Literal(item.path))
    _heading(w, node, item.number, item.number_text, item.title)
    w.text(node, GT.text, item.body)
    w.span(node, item.span)
    for citation in item.citations:
        w.citation(node, citation)
    for figure in item.figures:
        w.quantity(node, GT.hasFigure, GT.ReportedFigure, figure)
