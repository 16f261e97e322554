"""Lineage: trace each local task back through the directives above it to the national
outline (gt:implements, gt:alignedWith, gt:reportsOn, gt:implementsDocument)."""

from govtrace.graph.lineage.corpus import CorpusIndex
from govtrace.graph.lineage.linker import link_corpus, link_documents, relink
from govtrace.graph.lineage.model import (
    DocumentLink,
    Evidence,
    ItemRef,
    LinkKind,
    LinkSet,
    SourceRange,
    TaskLink,
)

__all__ = ["CorpusIndex", "DocumentLink", "Evidence", "ItemRef", "LinkKind", "LinkSet",
           "SourceRange", "TaskLink", "link_corpus", "link_documents", "relink"]
