"""Linking a corpus: document links, then each item's parent(s) among the items of the
documents above it, nearest level first."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from itertools import groupby

from govtrace.graph.lineage.corpus import CorpusIndex, DivisionLineage, DocView, Unit
from govtrace.graph.lineage.decide import Choice, Thresholds, choose
from govtrace.graph.lineage.documents import document_links
from govtrace.graph.lineage.model import DocumentLink, LinkKind, LinkSet, TaskLink
from govtrace.graph.lineage.phrases import evidence, shared_phrases, text_reuse
from govtrace.graph.lineage.reports import ReportThresholds, choose_reported
from govtrace.graph.lineage.similarity import ParentPool
from govtrace.graph.lineage.temporal import IssueOrder
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.divisions_model import Level
from govtrace.settings import Settings

METHOD = "char-ngram-tfidf"
METHOD_MERGE = "char-ngram-tfidf+merge"
METHOD_SENTENCES = "char-ngram-tfidf+sentences"


def link_corpus(records: Sequence[DocumentRecord], gazetteer: DivisionLineage, *,
                settings: Settings) -> LinkSet:
    """Every lineage link of a corpus; the same records in any order give the same links."""
    index = CorpusIndex(gazetteer, records)
    return link_documents(index, [v.doc_id for v in index.views], settings=settings)


def link_documents(index: CorpusIndex, doc_ids: Iterable[str], *, settings: Settings) -> LinkSet:
    """The links *from* the given documents (document links and item links)."""
    linkset = LinkSet()
    for doc_id in sorted(set(doc_ids)):
        view = index[doc_id]
        doc_links = document_links(view, index)
        linkset.document_links += doc_links
        linkset.task_links += item_links(view, doc_links, index, settings)
    return linkset.sorted()


def relink(index: CorpusIndex, linkset: LinkSet, changed: DocumentRecord | str, *,
           settings: Settings) -> LinkSet:
    """Update ``linkset`` after one document was added, replaced (a record) or deleted
    (its doc_id): recompute the links from it and from every document that may link to
    it: those below its division and those that cite it. ``index`` is updated in place.

    Only the affected documents are re-linked; their count depends on the
    division's subtree, not on the corpus.
    """
    if isinstance(changed, str):
        doc_id = changed
        affected = index.dependents(doc_id)
        index.remove(doc_id)
    else:
        doc_id = changed.source.doc_id
        old = index.dependents(doc_id) if doc_id in index else set()
        index.add(changed)
        affected = old | index.dependents(doc_id) | {doc_id}
    affected = {d for d in affected if d in index}
    kept = linkset.without(affected | {doc_id})
    fresh = link_documents(index, affected, settings=settings)
    return LinkSet(kept.task_links + fresh.task_links,
                   kept.document_links + fresh.document_links).sorted()


def parent_levels(view: DocView, doc_links: list[DocumentLink],
                  index: CorpusIndex) -> list[list[DocView]]:
    """The documents whose items may be parents, grouped by level, nearest level first:
    the documents ``view`` implements when the corpus holds any with items, else the
    plans of the divisions above it."""
    if view.is_report:
        return [index.report_targets(view)]
    cited = [index[x.parent_doc] for x in doc_links
             if x.parent_doc is not None and index[x.parent_doc].units]
    parents = cited or index.chain_parents(view)
    parents = sorted(parents, key=lambda p: (-level_rank(p), p.doc_id))
    return [list(group) for _, group in groupby(parents, key=level_rank)]


def level_rank(view: DocView) -> int:
    jurisdiction = view.record.jurisdiction
    return Level(jurisdiction.level).rank if jurisdiction else 0


def item_links(view: DocView, doc_links: list[DocumentLink], index: CorpusIndex,
               settings: Settings) -> list[TaskLink]:
    """Each item of ``view`` linked to its parent(s) at the nearest level that has a fit."""
    return links_among(view, parent_levels(view, doc_links, index), index, settings)


def links_among(view: DocView, candidates: list[list[DocView]], index: CorpusIndex,
                settings: Settings) -> list[TaskLink]:
    """Each item of ``view`` linked to its parent(s) among the items of ``candidates``
    (documents grouped by level, nearest first), at the nearest level that has a fit."""
    pools = [_POOLS.get(level) for level in candidates if level]
    limits = Thresholds.of(settings)
    report_limits = ReportThresholds.of(settings)
    links: list[TaskLink] = []
    for unit in view.units:
        for pool in pools:
            choices = (choose_reported(unit, pool, report_limits) if view.is_report
                       else choose(unit, pool, limits))
            if choices:
                links += [_link(view, unit, c, index, settings) for c in choices]
                break
    return links


class PoolCache:
    """Parent pools by the documents they hold, least recently used dropped first.

    Siblings share parents (every county of a city links into the city's plan),
    and vectorising a parent pool is most of the cost of linking a small child.
    A pool is keyed by the identity of its document views and keeps them alive,
    so a replaced document (a new view) never meets its old pool.
    """

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._pools: OrderedDict[tuple[int, ...], tuple[list[DocView], ParentPool]] = (
            OrderedDict())

    def get(self, level: list[DocView]) -> ParentPool:
        key = tuple(id(view) for view in level)
        hit = self._pools.get(key)
        if hit is not None:
            self._pools.move_to_end(key)
            return hit[1]
        pool = ParentPool([u for doc in level for u in doc.units])
        self._pools[key] = (list(level), pool)
        if len(self._pools) > self._size:
            self._pools.popitem(last=False)
        return pool


_POOLS = PoolCache()


def _method(choice: Choice) -> str:
    if choice.by_sentence:
        return METHOD_SENTENCES
    return METHOD_MERGE if choice.merged else METHOD


def _link(view: DocView, child: Unit, choice: Choice, index: CorpusIndex,
          settings: Settings) -> TaskLink:
    kind, uncertain = LinkKind.REPORTS_ON, False
    if not view.is_report:
        order = index.order(index[choice.parent.ref.doc_id], view)
        kind = LinkKind.ALIGNED_WITH if order is IssueOrder.AFTER else LinkKind.IMPLEMENTS
        uncertain = order is IssueOrder.UNCERTAIN
    matches = shared_phrases(child.text, choice.parent.text, settings.lineage_min_phrase)
    return TaskLink(child.ref, choice.parent.ref, kind, choice.confidence,
                    _method(choice),
                    text_reuse(child.text, matches),
                    evidence(child, choice.parent, matches, settings.lineage_max_evidence),
                    order_uncertain=uncertain)
