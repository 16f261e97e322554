"""The documents lineage links, reduced to what linking needs, and the index that finds a
document's candidate parents without comparing it with the whole corpus."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from govtrace.graph.lineage.model import ItemRef
from govtrace.graph.lineage.titles import bucket, titles_match
from govtrace.ingest.record import DocType, DocumentRecord, Span, WorkKind
from govtrace.ontology.divisions_model import Division

JOINT = "\n"
"""Joins a unit's title and body; no shared phrase runs across it (the source has
other characters between the two)."""
PLAN_TYPES = frozenset({DocType.OUTLINE, DocType.IMPLEMENTATION_SCHEME, DocType.WORK_PLAN})


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
    def adcode(self) -> str | None:
        return self.record.jurisdiction.adcode if self.record.jurisdiction else None

    @property
    def date(self) -> date | None:
        """When the document was made: written date, else publication date."""
        fact = self.record.written or self.record.published
        return fact.value if fact else None

    @property
    def is_plan(self) -> bool:
        return self.record.doc_type in PLAN_TYPES

    @property
    def is_report(self) -> bool:
        return self.record.doc_type is DocType.WORK_REPORT

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


def cited_titles(record: DocumentRecord) -> list[str]:
    """The policy documents a record's document-level citations name."""
    return [c.work.canonical for c in record.citations if c.work.kind is WorkKind.POLICY_DOCUMENT]


def own_titles(record: DocumentRecord) -> tuple[str, ...]:
    if record.title is None or record.canonical_title is None:
        return ()
    return (record.canonical_title, record.title.value)


def _sort_key(view: DocView) -> tuple[date, str]:
    return (view.date or date.min, view.doc_id)


class CorpusIndex:
    """Documents by division and date, so a document's parents are found by walking its
    division's lineage (a handful of look-ups) instead of scanning the corpus."""

    def __init__(self, gazetteer: DivisionLineage, records: Iterable[DocumentRecord] = ()) -> None:
        self.gazetteer = gazetteer
        self._views: dict[str, DocView] = {}
        self._plans: defaultdict[str, list[DocView]] = defaultdict(list)
        self._below: defaultdict[str, set[str]] = defaultdict(set)
        self._at: defaultdict[str, set[str]] = defaultdict(set)
        self._citing: defaultdict[str, set[str]] = defaultdict(set)
        self._titled: defaultdict[str, set[str]] = defaultdict(set)
        for record in records:
            self.add(record)

    def add(self, record: DocumentRecord) -> DocView:
        """Index a document (replacing an earlier version with the same doc_id)."""
        self.remove(record.source.doc_id)
        view = view_of(record)
        self._views[view.doc_id] = view
        if view.is_plan and view.adcode is not None:
            bisect.insort(self._plans[view.adcode], view, key=_sort_key)
        for adcode in self.ancestors(view):
            self._below[adcode].add(view.doc_id)
        if view.adcode is not None:
            self._at[view.adcode].add(view.doc_id)
        for title in cited_titles(record):
            self._citing[bucket(title)].add(view.doc_id)
        for title in own_titles(record):
            self._titled[bucket(title)].add(view.doc_id)
        return view

    def remove(self, doc_id: str) -> None:
        old = self._views.pop(doc_id, None)
        if old is None:
            return
        if old.adcode is not None and old in self._plans[old.adcode]:
            self._plans[old.adcode].remove(old)
        for adcode in self.ancestors(old):
            self._below[adcode].discard(doc_id)
        if old.adcode is not None:
            self._at[old.adcode].discard(doc_id)
        for title in cited_titles(old.record):
            self._citing[bucket(title)].discard(doc_id)
        for title in own_titles(old.record):
            self._titled[bucket(title)].discard(doc_id)

    def dependents(self, doc_id: str) -> set[str]:
        """Documents whose links may involve ``doc_id`` as a parent: those in divisions
        below its division, those at its own division (reports on it) and those citing
        its title."""
        view = self._views.get(doc_id)
        if view is None:
            return set()
        found: set[str] = set()
        if view.adcode is not None:
            found |= self._below.get(view.adcode, set()) | self._at.get(view.adcode, set())
        for title in own_titles(view.record):
            found |= self._citing.get(bucket(title), set())
        return found - {doc_id}

    def resolve_title(self, cited: str, exclude: str) -> DocView | None:
        """The document a cited title names (the first by doc_id if several do)."""
        for doc_id in sorted(self._titled.get(bucket(cited), set()) - {exclude}):
            view = self._views[doc_id]
            if any(titles_match(cited, t) for t in own_titles(view.record)):
                return view
        return None

    def __getitem__(self, doc_id: str) -> DocView:
        return self._views[doc_id]

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._views

    @property
    def views(self) -> list[DocView]:
        """All documents in doc_id order."""
        return [self._views[k] for k in sorted(self._views)]

    def plans_at(self, adcode: str) -> Sequence[DocView]:
        """The plans of one division, oldest first."""
        return self._plans.get(adcode, [])

    def ancestors(self, view: DocView) -> list[str]:
        """adcodes strictly above the document's division, nearest first."""
        if view.adcode is None:
            return []
        return [d.adcode for d in self.gazetteer.lineage(self.gazetteer.by_code(view.adcode))[1:]]

    def chain_parents(self, view: DocView) -> list[DocView]:
        """One plan per higher division, nearest first: the latest issued on or before the
        document, else (no earlier plan there) the earliest issued after it."""
        found: list[DocView] = []
        for adcode in self.ancestors(view):
            plans = [p for p in self.plans_at(adcode) if p.units]
            if not plans:
                continue
            before = [p for p in plans if not issued_after(p, view)]
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


def issued_after(parent: DocView, child: DocView) -> bool:
    """Whether ``parent`` was made after ``child`` (unknown dates never count as after)."""
    return parent.date is not None and child.date is not None and parent.date > child.date
