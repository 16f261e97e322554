"""The link set lineage produces: task links with their evidence, document links."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class LinkKind(StrEnum):
    """How a child item relates to its parent; the value is the gt: property's local name."""

    IMPLEMENTS = "implements"
    ALIGNED_WITH = "alignedWith"
    REPORTS_ON = "reportsOn"


class ReuseBasis(StrEnum):
    """What a link's text reuse was computed on (gt:reuseBasis)."""

    TEXT = "text"
    """The child's title and text against the parent's title and text."""
    TITLE = "title"
    """The child's title against the parent's: the parent has a title only (the national
    outline's items), and measuring a whole task against a title would not compare with
    reuse measured against a parent's text."""


@dataclass(frozen=True, order=True)
class ItemRef:
    """A task (``key`` = its ordinal) or a report item (``key`` = its path) of one document."""

    doc_id: str
    key: str
    is_report_item: bool = False


@dataclass(frozen=True)
class SourceRange:
    """Characters ``[start, end)`` of a document's source text and those characters."""

    doc_id: str
    start: int
    end: int
    exact: str


@dataclass(frozen=True)
class Evidence:
    """What ties a child to its parent, located in each one's source text: a phrase both
    share, or (an exact anchor) the child's citation of the parent and the parent's title."""

    phrase: str
    child_span: SourceRange
    parent_span: SourceRange


@dataclass(frozen=True)
class Contribution:
    """How much one feature of the combined scorer moved a link's log-odds (weight ×
    value; see :mod:`features`): which evidence carried the link."""

    feature: str
    value: float
    contribution: float


@dataclass(frozen=True)
class TaskLink:
    """One derived item-to-item link."""

    child: ItemRef
    parent: ItemRef
    kind: LinkKind
    confidence: float
    method: str
    text_reuse: float
    """Share of the child's characters inside phrases (≥ ``lineage_min_phrase``) of the
    parent, both taken as ``reuse_basis`` says."""
    evidence: tuple[Evidence, ...] = ()
    order_uncertain: bool = False
    """The documents' date bounds overlap without settling which came first (the link
    may still be wrong in time; see :mod:`temporal`)."""
    contributions: tuple[Contribution, ...] = ()
    """Per-feature contributions, for links the combined scorer made."""
    reuse_basis: ReuseBasis = ReuseBasis.TEXT
    """What ``text_reuse`` was computed on."""


@dataclass(frozen=True)
class DocumentLink:
    """A document implements another: one in the corpus, or a placeholder for a cited title."""

    child_doc: str
    parent_doc: str | None
    """doc_id of the parent when it is in the corpus; None for a placeholder."""
    parent_title: str
    """The parent's canonical title (the cited title for a placeholder)."""
    cited_as: str
    """The title as the child cites it."""
    method: str
    confidence: float


@dataclass
class LinkSet:
    """Every derived link of a corpus (or of the documents an update touched)."""

    task_links: list[TaskLink] = field(default_factory=list)
    document_links: list[DocumentLink] = field(default_factory=list)

    def sorted(self) -> LinkSet:
        """The same links in a canonical order, so equal corpora give equal link sets."""
        return LinkSet(
            sorted(self.task_links, key=lambda x: (x.child, x.parent, x.kind)),
            sorted(self.document_links, key=lambda x: (x.child_doc, x.parent_title)),
        )

    def touching(self, doc_ids: set[str]) -> LinkSet:
        """The links from or to any of ``doc_ids``."""
        return LinkSet(
            [x for x in self.task_links
             if x.child.doc_id in doc_ids or x.parent.doc_id in doc_ids],
            [x for x in self.document_links
             if x.child_doc in doc_ids or x.parent_doc in doc_ids],
        )

    def without(self, doc_ids: set[str]) -> LinkSet:
        """The links neither from nor to any of ``doc_ids``."""
        touching = self.touching(doc_ids)
        return LinkSet(
            [x for x in self.task_links if x not in touching.task_links],
            [x for x in self.document_links if x not in touching.document_links],
        )
