"""The shapes of answers (pydantic), shared by the Python API and the HTTP API.

The HTTP API returns these models as they are, so they are also its OpenAPI schema;
``govtrace.api.models`` adds only what is HTTP's own (envelopes, problem details). A ``…Ref``
is what an answer says of a thing the graph describes (the records' ``Span`` and
``Citation``, the gazetteer's ``Division`` and ``Level``, the linker's ``Evidence`` are the
things themselves, as ingest and graph build them).
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class SpanRef(BaseModel):
    """Characters of the source file (a ``gt:span``): 0-based, end-exclusive code-point
    offsets."""

    start: int
    end: int
    exact: str | None = None


class Highlight(BaseModel):
    """A character range of a passage (0-based, end-exclusive) and what it marks."""

    start: int
    end: int
    kind: str = Field(description="`query` (the words asked for) or `citation` (the 《…》 cited)")


class LevelRef(BaseModel):
    """An administrative level (gt:AdministrativeLevel): 1 national … 6 village."""

    iri: str
    rank: int | None = None
    label: str | None = None
    label_en: str | None = None


class DivisionRef(BaseModel):
    """An administrative division (gt:AdministrativeDivision)."""

    iri: str
    adcode: str | None = None
    label: str | None = None
    label_en: str | None = Field(default=None, description="pinyin label")
    level: LevelRef | None = None


class DocumentRef(BaseModel):
    iri: str
    id: str = Field(description="the document id, as in /api/documents/{id}")
    title: str | None = Field(default=None, description="the title, when one was read")
    label: str | None = Field(
        default=None, description="what to call it (skos:prefLabel): its canonical title, or "
        "for an untitled document its division, year and kind")
    type: str | None = None
    type_en: str | None = None
    year: int | None = None
    division: DivisionRef | None = None


class TaskRef(BaseModel):
    iri: str
    id: str = Field(description="`{doc_id}/{n}`, as in /api/tasks/{doc_id}/{n}")
    number: int | None = None
    number_text: str | None = None
    title: str | None = None
    document: DocumentRef


class AgencySummary(BaseModel):
    """An agency (gt:Agency) by its name (the records' ``AgencyRef`` is a mention of one)."""

    iri: str
    id: str = Field(description="the agency's key (the last segment of its IRI)")
    label: str | None = None


class RegulationRef(BaseModel):
    iri: str
    id: str = Field(description="the hash key, as in /api/regulations/{id}")
    title: str | None = None
    type: str | None = None
    type_en: str | None = None
    order_number: str | None = Field(default=None, description="令 number or 文号 when known")


class CitationRef(BaseModel):
    """How a task cites a work (gt:Citation): its kind, cue words and source span."""

    kind: str = Field(description="Mandate, Deliverable or Mention")
    cue: str | None = None
    span: SpanRef | None = None


class LineageStep(BaseModel):
    """One task of a chain with the link that leads to it from the step before."""

    task: TaskRef
    confidence: float | None = None


class MandateEvidence(BaseModel):
    task: TaskRef
    citation: CitationRef
    passage: str = Field(description="the task's title and text")
    highlights: list[Highlight]
    task_span: SpanRef | None = None
    match: float = Field(description="how well the query matches this task (0–1)")
    lineage: list[LineageStep] = Field(description="from the task up to the national outline")


class MandateResult(BaseModel):
    regulation: RegulationRef
    score: float
    documents: int
    levels: int
    evidence: list[MandateEvidence]


class QueryInfo(BaseModel):
    given: str
    text: str = Field(description="the Chinese text matched (normalized, translated)")
    translated_from: str | None = None
    label_en: str | None = None


class MandatesAnswer(BaseModel):
    query: QueryInfo
    results: list[MandateResult]


class LinkEvidence(BaseModel):
    """A phrase shared by the two tasks of a lineage link, and where each states it."""

    phrase: str
    child_span: SpanRef | None = None
    parent_span: SpanRef | None = None


class Link(BaseModel):
    """A lineage link between two tasks (qualified: confidence, method, evidence)."""

    iri: str
    child: TaskRef
    parent: TaskRef
    type: str = Field(description="implements or alignedWith")
    confidence: float | None = None
    method: str | None = None
    text_reuse: float | None = None
    reuse_basis: str | None = Field(
        default=None, description="what text_reuse compares (gt:reuseBasis): 'text', the "
        "child's title and text against the parent's, or 'title', titles only (the national "
        "outline's items have no text); reuse compares only within one basis")
    evidence: list[LinkEvidence]


class TaskDetail(TaskRef):
    text: str | None = None
    span: SpanRef | None = None
    citations: list[CitationDetail] = []
    implements: list[TaskRef] = []


class CitationDetail(CitationRef):
    work: RegulationRef


class LineageAnswer(BaseModel):
    task: TaskRef
    up: list[Link] = Field(description="links from the task up to the national outline")
    down: list[Link] = Field(description="links of every task implementing it, at any depth, "
                             "in the order tasks are listed (level, document, number); "
                             "paged in /api: this page of them")
    down_total: int = Field(description="how many links down there are in all")


TaskDetail.model_rebuild()
