"""The documents lineage links, reduced to what linking needs, and the index that finds a
document's candidate parents without comparing it with the whole corpus."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from govtrace.graph.lineage.model import ItemRef
from govtrace.graph.lineage.temporal import IssueOrder, issue_order, raised
from govtrace.graph.lineage.titles import MIN_SUFFIX, bucket, matching_keys, title_key
from govtrace.ingest.record import (
    Citation,
    CitationKind,
    DateBounds,
    DocumentRecord,
    Span,
    WorkKind,
)
from govtrace.ontology.divisions_model import Division
from govtrace.ontology.document_kinds import Structure

JOINT = "\n"
"""Joins a unit's title and body; no shared phrase runs across it (the source has
other characters between the two)."""


class DivisionLineage(Protocol):
    """What lineage needs of the gazetteer (``govtrace.ontology.divisions.Gazetteer``)."""

    def by_code(self, adcode: str) -> Division: ...

    def lineage(self, division: Division) -> list[Division]: ...


@dataclass(frozen=True)
class Unit:
    """A task or report item: the text linking compares, and where it sits in the source."""

    ref: ItemRef
    label: str
    """The task's number (5) or the report item's path (2.1): what people and the gold use."""
    title: str
    body: str
    title_span: Span
    body_span: Span | None

    @property
    def text(self) -> str:
        """Title and body as one text, joined by :data:`JOINT`; evidence offsets index it."""
        return f"{self.title}{JOINT}{self.body}" if self.body else self.title


@dataclass(frozen=True)
class DocView:
    """One document as linking sees it."""

    record: DocumentRecord
    units: tuple[Unit, ...]

    @property
    def doc_id(self) -> str:
        return self.record.source.doc_id

    @property
    def title(self) -> str:
        """The document's title as read, or "" when it has none."""
        return self.record.title.value if self.record.title else ""

    @property
    def adcode(self) -> str | None:
        return self.record.jurisdiction.adcode if self.record.jurisdiction else None

    @property
    def date(self) -> date | None:
        """When the document was made: written date, else publication date (what a plan
        without a covered year is about; the temporal rule reads bounds instead:
        :meth:`CorpusIndex.order`)."""
        fact = self.record.written or self.record.published
        return fact.value if fact else None

    @property
    def is_plan(self) -> bool:
        return self.record.doc_type.is_plan

    @property
    def is_report(self) -> bool:
        return self.record.doc_type.structure is Structure.REPORT_ITEMS

    def covers(self, year: int) -> bool:
        covers = self.record.covers
        return covers is not None and covers.first <= year <= covers.last

    @property
    def year(self) -> int | None:
        """The year a plan or report is about."""
        if self.record.covers is not None:
            return self.record.covers.last
        return self.date.year if self.date else None


def view_of(record: DocumentRecord) -> DocView:
    doc_id = record.source.doc_id
    units = [Unit(ItemRef(doc_id, str(t.ordinal)), str(t.number), t.title, t.body,
                  t.title_span, t.body_span) for t in record.tasks]
    units += [Unit(ItemRef(doc_id, r.path, is_report_item=True), r.path, r.title, r.body,
                   r.title_span, r.body_span) for r in record.report_items]
    return DocView(record, tuple(units))


def policy_citations(citations: Iterable[Citation]) -> list[Citation]:
    return [c for c in citations if c.work.kind is WorkKind.POLICY_DOCUMENT]


def cited_titles(record: DocumentRecord) -> list[str]:
    """The policy documents a record names at document level: those it says it implements
    and those its document-level citations name (what document links may resolve)."""
    return [c.work.canonical for c in policy_citations([*record.implements, *record.citations])]


def prior_titles(record: DocumentRecord) -> list[str]:
    """The policy documents a record names as already existing: all it names at document
    level but the deliverables (编制《…》 names a document still to be made)."""
    return [c.work.canonical
            for c in policy_citations([*record.implements, *record.citations])
            if c.kind is not CitationKind.DELIVERABLE]


def own_titles(record: DocumentRecord) -> tuple[str, ...]:
    if record.title is None or record.canonical_title is None:
        return ()
    return (record.canonical_title, record.title.value)


class CorpusIndex:
    """Documents by division and date, so a document's parents are found by walking its
    division's lineage (a handful of look-ups) instead of scanning the corpus."""

    def __init__(self, gazetteer: DivisionLineage, records: Iterable[DocumentRecord] = ()) -> None:
        self.gazetteer = gazetteer
        self._views: dict[str, DocView] = {}
        self._plans: defaultdict[str, set[str]] = defaultdict(set)
        self._below: defaultdict[str, set[str]] = defaultdict(set)
        self._at: defaultdict[str, set[str]] = defaultdict(set)
        self._citing: defaultdict[str, set[str]] = defaultdict(set)
        self._titled: defaultdict[str, set[str]] = defaultdict(set)
        self._keyed: defaultdict[str, set[str]] = defaultdict(set)
        """Documents by the key of their own titles (:func:`title_key`)."""
        # Derived from several documents, so any add or remove clears them.
        self._bounds: dict[str, DateBounds] = {}
        self._prior: dict[str, tuple[DocView, ...]] = {}
        self._endings: dict[str, list[tuple[str, str]]] = {}
        for record in records:
            self.add(record)

    def add(self, record: DocumentRecord) -> DocView:
        """Index a document (replacing an earlier version with the same doc_id)."""
        self.remove(record.source.doc_id)
        self._forget_derived()
        view = view_of(record)
        self._views[view.doc_id] = view
        if view.is_plan and view.adcode is not None:
            self._plans[view.adcode].add(view.doc_id)
        for adcode in self.ancestors(view):
            self._below[adcode].add(view.doc_id)
        if view.adcode is not None:
            self._at[view.adcode].add(view.doc_id)
        for title in cited_titles(record):
            self._citing[bucket(title)].add(view.doc_id)
        for title in own_titles(record):
            self._titled[bucket(title)].add(view.doc_id)
            self._keyed[title_key(title)].add(view.doc_id)
        return view

    def remove(self, doc_id: str) -> None:
        old = self._views.pop(doc_id, None)
        if old is None:
            return
        self._forget_derived()
        if old.adcode is not None:
            self._plans[old.adcode].discard(doc_id)
        for adcode in self.ancestors(old):
            self._below[adcode].discard(doc_id)
        if old.adcode is not None:
            self._at[old.adcode].discard(doc_id)
        for title in cited_titles(old.record):
            self._citing[bucket(title)].discard(doc_id)
        for title in own_titles(old.record):
            self._titled[bucket(title)].discard(doc_id)
            self._keyed[title_key(title)].discard(doc_id)

    def _forget_derived(self) -> None:
        self._bounds.clear()
        self._prior.clear()
        self._endings.clear()

    def dependents(self, doc_id: str) -> set[str]:
        """Documents whose links may involve ``doc_id``: those citing it, directly or
        through other documents (their bounds derive from its bounds), and, for it and
        each of those, the documents in divisions below its division, at its own division
        (reports on it) and citing its title."""
        if doc_id not in self._views:
            return set()
        bounded = {doc_id}
        frontier = [doc_id]
        while frontier:
            for citing in self._citers(frontier.pop()) - bounded:
                bounded.add(citing)
                frontier.append(citing)
        found = set(bounded)
        for view in (self._views[d] for d in bounded):
            if view.adcode is not None:
                found |= self._below.get(view.adcode, set()) | self._at.get(view.adcode, set())
        return found - {doc_id}

    def _citers(self, doc_id: str) -> set[str]:
        """Documents that may cite ``doc_id`` (same title bucket; a superset)."""
        found: set[str] = set()
        for title in own_titles(self._views[doc_id].record):
            found |= self._citing.get(bucket(title), set())
        return found & self._views.keys()

    def resolve_title(self, cited: str, exclude: str) -> DocView | None:
        """The document a cited title names (the first by doc_id if several do,
        :func:`~govtrace.graph.lineage.titles.titles_match`): those whose own title's key is
        the cited title's or a suffix of it, and those whose key ends with it. Looked up, not
        compared with every title of the cited title's bucket: a corpus's work plans share
        one (政府建设工作计划), so at 10,000 documents a comparison per title cost 35 ms a
        citation, 13 times what it cost at 1,000."""
        key = title_key(cited)
        found = set().union(*(self._keyed.get(k, ()) for k in matching_keys(key)))
        if len(key) >= MIN_SUFFIX:
            found |= self._ending_with(key)
        found.discard(exclude)
        return self._views[min(found)] if found else None

    def _ending_with(self, key: str) -> set[str]:
        """The documents with an own title whose key ends with ``key`` (of at least
        :data:`MIN_SUFFIX` characters): a range of their bucket's keys sorted back to front."""
        tail = key[-MIN_SUFFIX:]
        endings = self._endings.get(tail)
        if endings is None:
            endings = self._endings[tail] = sorted(
                (k[::-1], doc_id) for doc_id in self._titled.get(tail, ())
                for k in map(title_key, own_titles(self._views[doc_id].record))
                if k.endswith(tail))
        backwards = key[::-1]
        found = set()
        for at in range(bisect_left(endings, (backwards,)), len(endings)):
            if not endings[at][0].startswith(backwards):
                break
            found.add(endings[at][1])
        return found

    def __getitem__(self, doc_id: str) -> DocView:
        return self._views[doc_id]

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._views

    @property
    def views(self) -> list[DocView]:
        """All documents in doc_id order."""
        return [self._views[k] for k in sorted(self._views)]

    def plans_at(self, adcode: str) -> Sequence[DocView]:
        """The plans of one division, oldest first (by their earliest possible issue day,
        then their latest; sorted here because bounds derive from other documents)."""
        return sorted((self._views[d] for d in self._plans.get(adcode, set())),
                      key=self._age_key)

    def _age_key(self, view: DocView) -> tuple[date, date, str]:
        bounds = self.bounds(view)
        earliest = bounds.earliest or bounds.latest or date.min
        return (earliest, bounds.latest or earliest, view.doc_id)

    def prior_documents(self, view: DocView) -> tuple[DocView, ...]:
        """The corpus documents ``view`` names as already existing (:func:`prior_titles`),
        in doc_id order."""
        hit = self._prior.get(view.doc_id)
        if hit is None:
            found = {p.doc_id: p for t in prior_titles(view.record)
                     if (p := self.resolve_title(t, exclude=view.doc_id)) is not None}
            hit = self._prior[view.doc_id] = tuple(found[k] for k in sorted(found))
        return hit

    def bounds(self, view: DocView) -> DateBounds:
        """When ``view`` can have been issued, as the corpus tells: its own bounds
        (``issued_bounds``, set by extraction) with the earliest day raised to the earliest
        of each document it names as existing (those documents' bounds so derived in turn).
        The records are not changed."""
        hit = self._bounds.get(view.doc_id)
        if hit is None:
            hit = self._bounds[view.doc_id] = self._derived(view, frozenset({view.doc_id}))
        return hit

    def _derived(self, view: DocView, path: frozenset[str]) -> DateBounds:
        # Only the root's result is cached: a bound computed with ``path`` excluded (a
        # citation cycle) is partial, and caching it would make results depend on the
        # order documents are asked about.
        result = view.record.issued_bounds
        for cited in self.prior_documents(view):
            if cited.doc_id in path:
                continue
            earliest = self._derived(cited, path | {cited.doc_id}).earliest
            if earliest is None or earliest <= (result.earliest or date.min):
                continue
            if result.latest is not None and earliest > result.latest:
                # The document's own date contradicts the citation: the title was resolved
                # to a later document of the same name; it bounds nothing (document_links
                # drops that link for the same reason).
                continue
            result = raised(result, earliest, f"names {cited.record.label} ({earliest})")
        return result

    def cites(self, child: DocView, parent: DocView) -> bool:
        """Whether ``child`` names ``parent`` as existing, directly or through documents
        it names."""
        seen = {child.doc_id}
        frontier = [child]
        while frontier:
            for cited in self.prior_documents(frontier.pop()):
                if cited.doc_id == parent.doc_id:
                    return True
                if cited.doc_id not in seen:
                    seen.add(cited.doc_id)
                    frontier.append(cited)
        return False

    def order(self, parent: DocView, child: DocView) -> IssueOrder:
        """How ``parent`` was issued relative to ``child`` (the rule: :func:`issue_order`)."""
        return issue_order(self.bounds(parent), self.bounds(child),
                           cited=self.cites(child, parent))

    def ancestors(self, view: DocView) -> list[str]:
        """adcodes strictly above the document's division, nearest first."""
        if view.adcode is None:
            return []
        return [d.adcode for d in self.gazetteer.lineage(self.gazetteer.by_code(view.adcode))[1:]]

    def chain_parents(self, view: DocView) -> list[DocView]:
        """One plan per higher division, nearest first: the latest not certainly issued
        after the document, else (every plan there is) the earliest."""
        found: list[DocView] = []
        for adcode in self.ancestors(view):
            plans = [p for p in self.plans_at(adcode) if p.units]
            if not plans:
                continue
            before = [p for p in plans if self.order(p, view) is not IssueOrder.AFTER]
            found.append(before[-1] if before else plans[0])
        return found

    def report_targets(self, view: DocView) -> list[DocView]:
        """The plans a report reports on: its division's plans for its year, else the
        nearest higher division's."""
        year = view.year
        if view.adcode is None or year is None:
            return []
        for adcode in [view.adcode, *self.ancestors(view)]:
            plans = [p for p in self.plans_at(adcode)
                     if p.units and (p.covers(year) or p.year == year)]
            if plans:
                return plans
        return []

