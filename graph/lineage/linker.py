"""Linking a corpus, the pipeline: document links; then, for each item, the candidate
levels (:mod:`candidates`), nearest first, where the configured scorers (:mod:`scorers`)
run in order and the decision (:mod:`decide`, :mod:`reports`) links the item at the first
level and by the first scorer that finds its parent(s)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from govtrace.graph.lineage.candidates import UpperDocuments
from govtrace.graph.lineage.corpus import CorpusIndex, DivisionLineage, DocView, Unit
from govtrace.graph.lineage.decide import Choice, choose, probable
from govtrace.graph.lineage.documents import document_links
from govtrace.graph.lineage.gaps import fill_gaps
from govtrace.graph.lineage.model import LinkKind, LinkSet, ReuseBasis, TaskLink
from govtrace.graph.lineage.phrases import shared_phrases, text_reuse
from govtrace.graph.lineage.reports import choose_reported
from govtrace.graph.lineage.scorers import scorers_of
from govtrace.graph.lineage.seams import CandidateGenerator, Candidates, Scorer
from govtrace.graph.lineage.temporal import IssueOrder
from govtrace.ingest.record import DocumentRecord
from govtrace.settings import Settings

CANDIDATES: CandidateGenerator = UpperDocuments()


@runtime_checkable
class PerDocument(Protocol):
    """A scorer that reads a child's siblings (the combined scorer's structure): it is
    bound to each document before that document's items are linked."""

    def bind(self, view: DocView) -> Scorer: ...


def link_corpus(records: Sequence[DocumentRecord], gazetteer: DivisionLineage, *,
                settings: Settings) -> LinkSet:
    """Every lineage link of a corpus; the same records in any order give the same links."""
    index = CorpusIndex(gazetteer, records)
    return link_documents(index, [v.doc_id for v in index.views], settings=settings)


def link_documents(index: CorpusIndex, doc_ids: Iterable[str], *, settings: Settings) -> LinkSet:
    """The links *from* the given documents (document links and item links)."""
    linkset = LinkSet()
    scorers = scorers_of(settings)  # once: loading the fitted model is not free
    for doc_id in sorted(set(doc_ids)):
        view = index[doc_id]
        doc_links = document_links(view, index)
        linkset.document_links += doc_links
        linkset.task_links += _links_among(view, CANDIDATES.levels(view, doc_links, index),
                                           index, settings, scorers)
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


def links_among(view: DocView, levels: Sequence[Candidates], index: CorpusIndex,
                settings: Settings) -> list[TaskLink]:
    """Each item of ``view`` linked to its parent(s) among the items of ``levels`` (nearest
    first), at the nearest level where a scorer finds a fit."""
    return _links_among(view, levels, index, settings, scorers_of(settings))


def _links_among(view: DocView, levels: Sequence[Candidates], index: CorpusIndex,
                 settings: Settings, unbound: Sequence[Scorer]) -> list[TaskLink]:
    scorers = [s.bind(view) if isinstance(s, PerDocument) else s for s in unbound]
    if view.is_report:
        chosen = _reported(view, scorers, levels)
    else:
        chosen = fill_gaps(view.units, [_choices(unit, scorers, levels) for unit in view.units],
                           levels, scorers, settings.lineage_gap_min_probability)
    return [_link(view, unit, c, index, settings)
            for unit, choices in zip(view.units, chosen, strict=True) for c in choices]


def _choices(unit: Unit, scorers: Sequence[Scorer], levels: Sequence[Candidates]
             ) -> list[Choice]:
    """A plan task's link(s) (a report's items go through :func:`_reported`): the first
    level's, first scorer's. A calibrated scorer's abstention is its answer at that level:
    a later scorer would only add the links it judged below the target precision."""
    for level in levels:
        for scorer in scorers:
            ranking = scorer.rank(unit, level)
            choices = choose(unit, ranking, scorer.method)
            if choices:
                return choices
            if probable(ranking):
                break
    return []


def _reported(view: DocView, scorers: Sequence[Scorer], levels: Sequence[Candidates]
              ) -> list[list[Choice]]:
    """Each report item's links: the first level's, first scorer's that links it, among the
    scorers taking part in report items. The report is read whole (:func:`choose_reported`):
    its items walk the plan, so where one stands tells where its neighbours do."""
    chosen: list[list[Choice]] = [[] for _ in view.units]
    for level in levels:
        for scorer in scorers:
            limits = scorer.report_limits
            if limits is None or all(chosen):
                continue
            found = choose_reported(view.units, scorer, level, limits, view.title)
            chosen = [mine or theirs for mine, theirs in zip(chosen, found, strict=True)]
    return chosen


def _link(view: DocView, child: Unit, choice: Choice, index: CorpusIndex,
          settings: Settings) -> TaskLink:
    kind, uncertain = LinkKind.REPORTS_ON, False
    if not view.is_report:
        order = index.order(index[choice.parent.ref.doc_id], view)
        kind = LinkKind.ALIGNED_WITH if order is IssueOrder.AFTER else LinkKind.IMPLEMENTS
        uncertain = order is IssueOrder.UNCERTAIN
    basis, reused, source = _reuse_texts(child, choice.parent)
    matches = shared_phrases(reused, source, settings.lineage_min_phrase)
    return TaskLink(child.ref, choice.parent.ref, kind, choice.confidence, choice.method,
                    text_reuse(reused, matches), choice.evidence,
                    order_uncertain=uncertain, contributions=choice.contributions,
                    reuse_basis=basis)


def _reuse_texts(child: Unit, parent: Unit) -> tuple[ReuseBasis, str, str]:
    """What text reuse compares: title and text, or titles alone when the parent has no
    text (the national outline's items): a child's whole text against a bare title would
    score low for want of anything to match, not for want of reuse. The link records the
    basis (gt:reuseBasis); values compare only within one basis."""
    if parent.body:
        return ReuseBasis.TEXT, child.text, parent.text
    return ReuseBasis.TITLE, child.title, parent.title
