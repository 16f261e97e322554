"""Document-level links: the documents a document says it implements (贯彻落实《…》,
根据《…》, 按照《…》) resolved to documents of the corpus, or kept as placeholders for
cited documents the corpus lacks."""

from __future__ import annotations

from govtrace.graph.lineage.corpus import CorpusIndex, DocView, policy_citations
from govtrace.graph.lineage.model import DocumentLink
from govtrace.graph.lineage.temporal import IssueOrder
from govtrace.ingest.record import Citation, DocumentRecord

METHOD_CITED = "cited-title"
METHOD_PLACEHOLDER = "cited-title-placeholder"


def implemented(record: DocumentRecord) -> list[Citation]:
    """The policy documents ``record`` implements: those it says it implements
    (``record.implements``; a title it merely mentions is not among them), or, for a record
    that says nothing of the kind, those its document-level citations name."""
    return policy_citations(record.implements or record.citations)


def document_links(view: DocView, index: CorpusIndex) -> list[DocumentLink]:
    """What ``view`` implements, as document links.

    A cited document certainly issued after the citing one is dropped: it
    cannot be the basis of a document made before it (a citation resolved to
    the wrong document).
    """
    links: dict[str, DocumentLink] = {}
    for citation in implemented(view.record):
        work = citation.work
        parent = index.resolve_title(work.canonical, exclude=view.doc_id)
        if parent is not None and index.order(parent, view) is IssueOrder.AFTER:
            continue
        if parent is not None:
            link = DocumentLink(view.doc_id, parent.doc_id,
                                parent.record.canonical_title or parent.record.label,
                                work.title, METHOD_CITED, 1.0)
        else:
            link = DocumentLink(view.doc_id, None, work.canonical, work.title,
                                METHOD_PLACEHOLDER, 1.0)
        links.setdefault(link.parent_doc or link.parent_title, link)
    return [links[k] for k in sorted(links)]
