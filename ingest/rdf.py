"""A :class:`DocumentRecord` as RDF in the govtrace vocabulary (ontology 4.0.0).

Every extracted node gets ``gt:span`` → a ``gt:SourceSpan``, an ``oa:SpecificResource`` of
the source file (``oa:hasSource``) with a position selector (offsets) and a quote selector
(the exact characters), as Web Annotation defines them. A node whose class is the range of
the one property that reaches it states no type of its own (ontology 4.0.0): a span
(gt:span), a citation (gt:hasCitation), a deadline (gt:hasDeadline), a target or a reported
figure (gt:hasTarget, gt:hasFigure), a fact's provenance (gt:factProvenance). IRIs come from
:class:`IriScheme`: documents, sections and tasks by position, spans by offsets, agencies by
their canonical names and cited works by their keys, so the same regulation cited by two
documents is one node; a document's graph names the works it cites and a store describes
each work once (:func:`work_statements`, in its works graph). A work's legal rank is a value
(gt:legalRank), not a class; a mandate is gt:basedOn (根据《…》) or gt:carriesOut (贯彻落实《…》)
besides gt:mandatedBy. Human-language text is ``@zh``, codes are plain strings, and every
entity a generic tool shows has an ``rdfs:label``. The output depends on the record only.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from govtrace.ingest.extract.citations import LEGAL_BASIS_CUES
from govtrace.ingest.extract.works import canonical_title, classify
from govtrace.ingest.record import (
    AgencyRef,
    Citation,
    CitationKind,
    CitedWork,
    DocumentRecord,
    Origin,
    Provenance,
    Quantity,
    ReportItem,
    Section,
    Span,
    Task,
    WorkKind,
)
from govtrace.ontology.document_kinds import NOTICE
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import ELI, GT, OA, PREFIXES
from govtrace.ontology.ntriples import (
    Statements,
    Terms,
    date,
    decimal,
    gyear,
    integer,
    iri,
    literal,
    non_negative,
    zh,
)

G, DC, SK, OA_, EL = Terms(GT), Terms(DCTERMS), Terms(SKOS), Terms(OA), Terms(ELI)
TYPE, LABEL = iri(RDF.type), iri(RDFS.label)
ORIGINS: dict[Origin, URIRef] = {
    Origin.TEXT: GT.OriginText,
    Origin.OCR: GT.OriginOcr,
    Origin.HTML_META: GT.OriginHtmlMeta,
    Origin.URL: GT.OriginUrl,
    Origin.FILENAME: GT.OriginFilename,
    Origin.METADATA: GT.OriginMetadata,
    Origin.INFERRED: GT.OriginInferred,
}
LEGAL_RANKS: dict[WorkKind, URIRef] = {
    WorkKind.LAW: GT.RankLaw,
    WorkKind.ADMINISTRATIVE_REGULATION: GT.RankAdministrativeRegulation,
    WorkKind.LOCAL_REGULATION: GT.RankLocalRegulation,
    WorkKind.GOVERNMENT_RULE: GT.RankGovernmentRule,
    WorkKind.NORMATIVE_DOCUMENT: GT.RankNormativeDocument,
    WorkKind.POLICY_DOCUMENT: GT.RankPolicyDocument,
    WorkKind.OTHER: GT.RankOther,
}
"""A cited work's gt:legalRank (a value of gt:LegalRanks), from the kind its title tells."""
CITATION_KINDS: dict[CitationKind, URIRef] = {
    CitationKind.MANDATE: GT.Mandate,
    CitationKind.DELIVERABLE: GT.Deliverable,
    CitationKind.MENTION: GT.Mention,
}


class _Writer:
    """Writes one record's statements; subjects and objects are N-Triples terms."""

    def __init__(self, record: DocumentRecord, iris: IriScheme) -> None:
        self.record = record
        self.iris = iris
        self.doc_id = record.source.doc_id
        self.out = Statements()
        self.add = self.out.add
        self.file = iri(iris.source_file(self.doc_id))

    def text(self, s: str, p: str, value: str | None) -> None:
        if value:
            self.add(s, p, zh(value))

    def named(self, node: str, title: str | None, prop: str = G.title) -> None:
        """``title`` under ``prop`` and as the node's rdfs:label."""
        self.text(node, prop, title)
        self.text(node, LABEL, title)

    def span(self, node: str, span: Span | None, prop: str = G.span) -> None:
        if span is None:
            return
        self.add(node, prop, span_node(self.out, self.iris, self.doc_id, span.start, span.end,
                                       span.exact, self.file))

    def agency(self, ref: AgencyRef) -> str:
        node = iri(self.iris.agency(ref.name))
        self.add(node, TYPE, G.Agency)
        self.named(node, ref.name, SK.prefLabel)
        if ref.label != ref.name:
            self.text(node, SK.altLabel, ref.label)
        if ref.jurisdiction:
            self.add(node, G.jurisdiction, iri(self.iris.division(ref.jurisdiction)))
        self.span(node, ref.span)
        return node

    def citation(self, owner: str, citation: Citation) -> None:
        # The work is only named here: its description is the works graph's (one per store,
        # govtrace.graph.works), not restated in every citing document's graph.
        work_node = iri(self.iris.regulation(citation.work.key))
        node = self.part("citation", f"{citation.span.start}-{citation.span.end}")
        self.add(owner, G.hasCitation, node)
        self.add(node, G.citedWork, work_node)
        self.add(node, G.citationKind, iri(CITATION_KINDS[citation.kind]))
        self.text(node, G.cue, citation.cue)
        self.span(node, citation.span)
        self.add(owner, G.cites, work_node)
        if citation.kind is CitationKind.MANDATE:
            # gt:mandatedBy stays asserted, so queries need no reasoning to find mandates.
            self.add(owner, G.mandatedBy, work_node)
            self.add(owner, mandate_property(citation.cue), work_node)
        elif citation.kind is CitationKind.DELIVERABLE:
            self.add(owner, G.produces, work_node)

    def quantity(self, owner: str, prop: str, q: Quantity) -> None:
        node = self.part("quantity", f"{q.span.start}-{q.span.end}")
        self.add(owner, prop, node)  # its class is prop's range (gt:hasTarget, gt:hasFigure)
        self.text(node, G.measure, q.measure)
        self.add(node, G.value, decimal(format(q.value, "f")))
        self.add(node, G.unit, literal(q.unit))
        self.add(node, G.comparator, literal(q.comparator.value))
        if q.change is not None:
            self.add(node, G.change, literal(q.change.value))
        self.text(node, G.text, q.text)
        self.span(node, q.span)

    def part(self, kind: str, key: str) -> str:
        return iri(self.iris.part(self.doc_id, kind, key))


def described_works(record: DocumentRecord) -> Iterator[CitedWork]:
    """The works the record's graph cites: those of its citations (of the document, its
    tasks and report items; the titles it implements are lineage candidates, not citations)."""
    for citation in [*record.citations, *(c for t in record.tasks for c in t.citations),
                     *(c for r in record.report_items for c in r.citations)]:
        yield citation.work


def work_statements(out: Statements, node: str, work: CitedWork, *, rank: bool = True) -> None:
    """The description of a cited ``work`` under ``node`` (an IRI term): gt:CitedWork, its
    canonical title as skos:prefLabel and rdfs:label, the title as written as skos:altLabel,
    its order number, and (``rank``) its gt:legalRank."""
    out.add(node, TYPE, G.CitedWork)
    if rank:
        out.add(node, G.legalRank, iri(LEGAL_RANKS[work.kind]))
    out.add(node, SK.prefLabel, zh(work.canonical))
    out.add(node, LABEL, zh(work.canonical))
    if work.title != work.canonical:
        out.add(node, SK.altLabel, zh(work.title))
    if work.order_number:
        out.add(node, G.orderNumber, literal(work.order_number))


def legal_rank(canonical: str | None) -> str:
    """A corpus document's (or notice's) rank, told from its canonical title as a cited
    work's is, so a document and the work citing it get the same rank when the build makes
    them one (:mod:`govtrace.graph.works`); a document without a title: gt:RankOther, the
    rank that cannot be told."""
    kind = classify(canonical)[0] if canonical else WorkKind.OTHER
    return iri(LEGAL_RANKS[kind])


def mandate_property(cue: str | None) -> str:
    """gt:basedOn for a legal-basis cue (根据《…》), else gt:carriesOut (贯彻落实《…》)."""
    return G.basedOn if cue in LEGAL_BASIS_CUES else G.carriesOut


def span_node(out: Statements, iris: IriScheme, doc_id: str, start: int, end: int,
              exact: str, file: str) -> str:
    """The span ``[start, end)`` of document ``doc_id``'s source ``file`` (its term, from
    :meth:`IriScheme.source_file`), written to ``out``: an oa:SpecificResource of the file
    with its position selector and its quote selector (``exact``, the characters)."""
    node = iri(iris.span(doc_id, start, end))
    position = iri(iris.span_position(doc_id, start, end))
    quote = iri(iris.span_quote(doc_id, start, end))
    # No rdf:type gt:SourceSpan (ontology 4.0.0): gt:span's range says it, for a reasoner
    # or a query anchored on gt:span. The selectors keep their types: Web Annotation
    # requires a selector's, and they tell the position from the quote.
    out.add(node, OA_.hasSource, file)
    out.add(node, OA_.hasSelector, position)
    out.add(position, TYPE, OA_.TextPositionSelector)
    out.add(position, OA_.start, non_negative(start))
    out.add(position, OA_.end, non_negative(end))
    out.add(node, OA_.hasSelector, quote)
    out.add(quote, TYPE, OA_.TextQuoteSelector)
    out.add(quote, OA_.exact, zh(exact))
    return node


def record_statements(record: DocumentRecord, iris: IriScheme) -> Statements:
    """The statements of one record (to be stored in the document's named graph). The works
    it cites are named, not described: a store describes each once (its works graph), and
    :func:`record_to_graph` adds their descriptions for a record read on its own."""
    w = _Writer(record, iris)
    doc = iri(iris.document(w.doc_id))
    _document(w, doc)
    for section in record.sections:
        _section(w, doc, section)
    for task in record.tasks:
        _task(w, doc, task)
    for item in record.report_items:
        _report_item(w, doc, item)
    return w.out


def record_to_graph(record: DocumentRecord, iris: IriScheme) -> Graph:
    """The record's statements and the descriptions of the works it cites, as an rdflib
    graph with govtrace's prefixes bound."""
    statements = record_statements(record, iris)
    for work in described_works(record):
        work_statements(statements, iri(iris.regulation(work.key)), work)
    graph = statements.graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _document(w: _Writer, doc: str) -> None:
    r = w.record
    w.add(doc, TYPE, iri(r.doc_type.iri))
    w.add(doc, G.legalRank, legal_rank(r.canonical_title))
    if r.title is not None:
        w.text(doc, G.title, r.title.value)
        w.span(doc, r.title.span)
    w.named(doc, r.canonical_title or r.label, SK.prefLabel)
    _source_file(w, doc)
    if r.source.identity_basis:
        w.add(doc, G.identityBasis, literal(r.source.identity_basis))
    for ref in r.issuers:
        w.add(doc, G.issuedBy, w.agency(ref))
    for number in r.document_numbers:
        w.add(doc, G.documentNumber, literal(number.canonical))
    if r.written:
        w.add(doc, DC.created, date(r.written.value.isoformat()))
    if r.issued:
        issued = date(r.issued.value.isoformat())
        w.add(doc, DC.issued, issued)
        w.add(doc, EL.date_document, issued)
    if r.published:
        w.add(doc, G.publishedOn, date(r.published.value.isoformat()))
    if r.issued_bounds.earliest:
        w.add(doc, G.issuedNotBefore, date(r.issued_bounds.earliest.isoformat()))
    if r.issued_bounds.latest:
        w.add(doc, G.issuedNotAfter, date(r.issued_bounds.latest.isoformat()))
    if r.covers:
        for year in range(r.covers.first, r.covers.last + 1):
            w.add(doc, G.coversYear, gyear(year))
    if r.jurisdiction:
        w.add(doc, G.jurisdiction, iri(w.iris.division(r.jurisdiction.adcode)))
    _provenance(w, doc)
    for citation in r.citations:
        w.citation(doc, citation)
    if r.notice:
        _notice(w, doc)


def _provenance(w: _Writer, doc: str) -> None:
    """One gt:FactProvenance per document-level fact, so a query can keep the facts read
    from the text apart from those guessed."""
    r = w.record
    facts: list[tuple[str, str, Provenance | None]] = [
        ("kind", TYPE, r.kind), ("title", G.title, r.title),
        ("jurisdiction", G.jurisdiction, r.jurisdiction), ("written", DC.created, r.written),
        ("issued", DC.issued, r.issued), ("published", G.publishedOn, r.published),
        ("covers", G.coversYear, r.covers)]
    for name, prop, fact in facts:
        if fact is None:
            continue
        node = w.part("provenance", name)
        w.add(doc, G.factProvenance, node)
        w.add(node, G.aboutProperty, prop)
        w.add(node, G.origin, iri(ORIGINS[fact.origin]))
        w.add(node, G.factConfidence, decimal(format(fact.confidence, "f")))
        if fact.basis:
            w.add(node, G.basis, literal(fact.basis))
        w.span(node, fact.span)


def _source_file(w: _Writer, doc: str) -> None:
    s, file = w.record.source, w.file
    w.add(doc, G.sourceFile, file)
    w.add(file, TYPE, G.SourceFile)
    w.add(file, G.fileName, literal(s.file_name))
    w.add(file, LABEL, literal(s.file_name))  # a file name is a code, not Chinese text
    w.add(file, G.sha256, literal(s.sha256))
    w.add(file, G.mediaType, literal(s.media_type))
    if s.encoding:
        w.add(file, G.encoding, literal(s.encoding))


def _notice(w: _Writer, doc: str) -> None:
    notice = w.record.notice
    assert notice is not None
    node = w.part("notice", "1")
    w.add(node, TYPE, iri(NOTICE.iri))  # the covering notice is a document of its own
    w.add(node, G.carries, doc)
    w.add(node, G.legalRank, legal_rank(canonical_title(notice.title.value)))
    w.named(node, notice.title.value)
    w.span(node, notice.span)
    for number in notice.document_numbers:
        w.add(node, G.documentNumber, literal(number.canonical))
    for ref in notice.issuers:
        w.add(node, G.issuedBy, w.agency(ref))
    if notice.written:
        w.add(node, DC.created, date(notice.written.value.isoformat()))


def _heading(w: _Writer, node: str, number: int, number_text: str, title: str) -> None:
    w.add(node, G.number, integer(number))
    w.text(node, G.numberText, number_text)
    w.named(node, title)


def _section(w: _Writer, doc: str, section: Section) -> None:
    node = iri(w.iris.section(w.doc_id, section.ordinal))
    w.add(node, TYPE, G.Section)
    w.add(doc, G.hasSection, node)
    w.add(node, G.inDocument, doc)
    _heading(w, node, section.number, section.number_text, section.title)
    w.span(node, section.span)


def _task(w: _Writer, doc: str, task: Task) -> None:
    node = iri(w.iris.task(w.doc_id, task.ordinal))
    w.add(node, TYPE, G.Task)
    w.add(doc, G.hasTask, node)
    w.add(node, G.inDocument, doc)
    w.add(node, G.inSection, iri(w.iris.section(w.doc_id, task.section)))
    _heading(w, node, task.number, task.number_text, task.title)
    w.text(node, G.text, task.body)
    w.span(node, task.span)
    for ref in task.lead_units:
        w.add(node, G.leadUnit, w.agency(ref))
    for ref in task.responsible_units:
        w.add(node, G.responsibleUnit, w.agency(ref))
    for citation in task.citations:
        w.citation(node, citation)
    for deadline in task.deadlines:
        d = w.part("deadline", f"{deadline.span.start}-{deadline.span.end}")
        w.add(node, G.hasDeadline, d)
        w.add(d, G.dueDate, date(deadline.due.isoformat()))
        w.text(d, G.text, deadline.text)
        w.span(d, deadline.span)
    for target in task.targets:
        w.quantity(node, G.hasTarget, target)


def _report_item(w: _Writer, doc: str, item: ReportItem) -> None:
    node = iri(w.iris.report_item(w.doc_id, item.path))
    w.add(node, TYPE, G.ReportItem)
    w.add(doc, G.hasReportItem, node)
    w.add(node, G.inDocument, doc)
    w.add(node, G.path, literal(item.path))
    _heading(w, node, item.number, item.number_text, item.title)
    w.text(node, G.text, item.body)
    w.span(node, item.span)
    for citation in item.citations:
        w.citation(node, citation)
    for figure in item.figures:
        w.quantity(node, G.hasFigure, figure)
