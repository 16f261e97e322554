"""Document-level links: the preamble's 根据《…》 citations resolved to documents of the
corpus, or kept as placeholders for cited documents the corpus lacks."""

from __future__ import annotations

from govtrace.graph.lineage.corpus import CorpusIndex, DocView, issued_after
from govtrace.graph.lineage.model import DocumentLink
from govtrace.ingest.record import WorkKind

METHOD_CITED = "cited-title"
METHOD_PLACEHOLDER = "cited-title-placeholder"


def document_links(view: DocView, index: CorpusIndex) -> list[DocumentLink]:
    """What ``view`` implements according to its document-level citations of policy documents.

    A cited document issued after the citing one is dropped: it cannot be
    the basis of a document written before it (a citation resolved to the
    wrong document).
    """
    links: dict[str, DocumentLink] = {}
    for citation in view.record.citations:
        work = citation.work
        if work.kind is not WorkKind.POLICY_DOCUMENT:
            continue
        parent = index.resolve_title(work.canonical, exclude=view.doc_id)
        if parent is not None and issued_after(parent, view):
            continue
        if parent is not None:
            link = DocumentLink(view.doc_id, parent.doc_id, parent.record.canonical_title,
                                work.title, METHOD_CITED, 1.0)
        else:
            link = DocumentLink(view.doc_id, None, work.canonical, work.title,
                                METHOD_PLACEHOLDER, 1.0)
        links.setdefault(link.parent_doc or link.parent_title, link)
    return [links[k] for k in sorted(links)]
