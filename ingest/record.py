"""The extraction record: what govtrace knows about one document, as versioned JSON.

A :class:`DocumentRecord` is the boundary between extraction and the graph:
``ingest.rdf`` turns it into triples and ``docs/record-schema.json`` is
generated from these models (:func:`record_json_schema`). Bump
:data:`SCHEMA_VERSION` on any change that breaks a reader of the JSON.

Conventions every model follows:

* ``span`` locates an extracted object in the *source text*
  (``SourceDocument.source_text``): 0-based, end-exclusive code-point offsets,
  with ``exact`` holding those source characters verbatim (for the pinyin-laden
  report 002 that is traditional text with pinyin, while the object's own text
  fields hold the normalized, simplified text).
* A document-level fact carries ``origin``: ``text`` (found in the document, so
  it has a span) or ``metadata`` (from the corpus sidecar, no span).
* Text fields (``title``, ``body`` …) hold *normalized* text.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Model):
    """Characters ``[start, end)`` of the source text, and those characters."""

    start: int = Field(ge=0, description="Offset of the first source character (code points).")
    end: int = Field(ge=0, description="Offset just after the last source character.")
    exact: str = Field(description="source_text[start:end], verbatim.")


class Origin(StrEnum):
    """Where a document-level fact came from."""

    TEXT = "text"
    METADATA = "metadata"


class DocType(StrEnum):
    """What kind of policy document a text is."""

    OUTLINE = "outline"
    IMPLEMENTATION_SCHEME = "implementation_scheme"
    WORK_PLAN = "work_plan"
    WORK_REPORT = "work_report"
    NOTICE = "notice"


class WorkKind(StrEnum):
    """What a cited work is (drives its gt: class)."""

    LAW = "law"
    ADMINISTRATIVE_REGULATION = "administrative_regulation"
    LOCAL_REGULATION = "local_regulation"
    GOVERNMENT_RULE = "government_rule"
    NORMATIVE_DOCUMENT = "normative_document"
    POLICY_DOCUMENT = "policy_document"
    OTHER = "other"


class CitationKind(StrEnum):
    """How a task relates to a work it cites."""

    MANDATE = "mandate"  # the task carries it out (贯彻落实《…》)
    DELIVERABLE = "deliverable"  # the task produces it (编制《…清单》)
    MENTION = "mention"  # anything else


class Comparator(StrEnum):
    GE = "ge"
    LE = "le"
    EQ = "eq"
    GT = "gt"
    LT = "lt"
    APPROX = "approx"


class Change(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class TextFact(_Model):
    """A string-valued document fact (a title, a publisher …)."""

    value: str
    origin: Origin
    span: Span | None = None


class DateFact(_Model):
    value: date
    origin: Origin
    span: Span | None = None


class YearsFact(_Model):
    """The year(s) a document covers: one year for an annual plan, a range for a scheme."""

    first: int
    last: int
    origin: Origin
    span: Span | None = None


class DocumentNumber(_Model):
    """A 文号 such as 乌司发〔2024〕43号, in canonical form (〔〕) and as written."""

    canonical: str
    written: str
    prefix: str = Field(description="The issuer code, e.g. 乌司发.")
    year: int
    serial: int
    origin: Origin
    span: Span | None = None


class Division(_Model):
    """An administrative division resolved through the gazetteer."""

    adcode: str
    name: str
    level: str = Field(description="gt: level local name: National, Provincial, Prefectural …")
    origin: Origin
    span: Span | None = None


class AgencyRef(_Model):
    """An agency named in the document, qualified by jurisdiction (区司法局 → 东河区司法局)."""

    name: str = Field(description="Qualified canonical name; the agency's IRI key.")
    label: str = Field(description="The name as written (normalized text).")
    jurisdiction: str | None = Field(default=None, description="adcode of the agency's division.")
    origin: Origin = Origin.TEXT
    span: Span | None = None


class CitedWork(_Model):
    """A work cited in 《》: its title as written and canonical, and what kind it is."""

    title: str = Field(description="Title as written (normalized text, brackets stripped).")
    canonical: str = Field(description="Canonical title; the work's IRI key.")
    kind: WorkKind
    rule: str = Field(description="Name of the classification rule that matched.")
    order_number: str | None = Field(default=None, description="e.g. 内蒙古自治区人民政府令第262号")
    issuer: str | None = Field(default=None, description="Issuer written before the title.")


class Citation(_Model):
    work: CitedWork
    kind: CitationKind
    cue: str | None = Field(default=None, description="The cue word, e.g. 贯彻落实, 编制.")
    repaired: bool = Field(default=False, description="True when unbalanced 《》 were repaired.")
    span: Span = Field(description="The 《…》 title with its brackets (and order number).")


class Deadline(_Model):
    text: str = Field(description="As written, e.g. 2022年4月底前.")
    due: date
    rule: str = Field(description="jionlp, or the name of the rule that resolved it.")
    span: Span


class Quantity(_Model):
    """A quantitative target (plans) or a reported figure (reports)."""

    measure: str
    value: Decimal
    unit: str
    comparator: Comparator
    change: Change | None = None
    text: str = Field(description="The matched text, normalized.")
    span: Span


class Section(_Model):
    ordinal: int = Field(description="1-based position in the document.")
    number: int
    number_text: str = Field(description="The number as written, e.g. 一、")
    title: str
    title_rule: str
    span: Span = Field(description="The whole section, heading to last item.")
    title_span: Span


class Units(_Model):
    lead: list[AgencyRef] = Field(default_factory=list)
    responsible: list[AgencyRef] = Field(default_factory=list)


class Task(_Model):
    ordinal: int = Field(description="1-based position in the document (IRI key).")
    number: int
    number_text: str
    section: int = Field(description="Ordinal of the section holding the task.")
    title: str
    title_rule: str = Field(description="How the title boundary was found.")
    body: str
    span: Span
    title_span: Span
    body_span: Span | None = None
    citations: list[Citation] = Field(default_factory=list)
    lead_units: list[AgencyRef] = Field(default_factory=list)
    responsible_units: list[AgencyRef] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    targets: list[Quantity] = Field(default_factory=list)


class ReportItem(_Model):
    path: str = Field(description="Position like 2 (a section) or 2.1 (its first item).")
    number: int
    number_text: str
    title: str
    title_rule: str
    body: str
    span: Span
    title_span: Span
    body_span: Span | None = None
    citations: list[Citation] = Field(default_factory=list)
    figures: list[Quantity] = Field(default_factory=list)


class SourceInfo(_Model):
    doc_id: str
    file_name: str
    media_type: str
    encoding: str | None
    sha256: str
    size_bytes: int


class Notice(_Model):
    """A 印发…的通知 wrapper carrying the document."""

    title: TextFact
    carries: str = Field(description="Title of the carried document as the notice writes it.")
    document_numbers: list[DocumentNumber] = Field(default_factory=list)
    issuers: list[AgencyRef] = Field(default_factory=list)
    written: DateFact | None = None
    span: Span


class DocumentRecord(_Model):
    """Everything extracted from one document."""

    schema_version: Literal["1.0"] = "1.0"
    source: SourceInfo
    doc_type: DocType
    doc_type_origin: Origin
    title: TextFact
    canonical_title: str
    notice: Notice | None = None
    issuers: list[AgencyRef] = Field(default_factory=list)
    document_numbers: list[DocumentNumber] = Field(default_factory=list)
    written: DateFact | None = None
    published: DateFact | None = None
    covers: YearsFact | None = None
    jurisdiction: Division | None = None
    publisher: TextFact | None = None
    source_url: TextFact | None = None
    citations: list[Citation] = Field(
        default_factory=list, description="Document-level citations (the preamble's 根据《…》)."
    )
    sections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    report_items: list[ReportItem] = Field(default_factory=list)

    def to_json(self) -> str:
        """Deterministic JSON (UTF-8 text, keys in model order)."""
        return self.model_dump_json(indent=2)


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`DocumentRecord` (docgen writes it to docs/record-schema.json)."""
    schema = DocumentRecord.model_json_schema()
    schema["$id"] = f"https://w3id.org/govtrace/record/{SCHEMA_VERSION}"
    return schema


def record_json_schema_text() -> str:
    return json.dumps(record_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
