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
* A document-level fact carries ``origin`` (:class:`Origin`): ``text`` or ``ocr`` (read
  from the document's characters, so it has a span), ``html-meta``, ``url``,
  ``filename`` or ``metadata`` (read from outside the text: ``basis`` names the
  field), or ``inferred`` (reasoned from other facts: ``basis`` says which), with a
  ``confidence`` in [0, 1] where the fact is not simply read.
* Text fields (``title``, ``body`` …) hold *normalized* text.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)

from govtrace.ontology.document_kinds import KINDS, DocumentKind, kind_by_key

SCHEMA_VERSION = "2.0"


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
    """Read from the document's text; the fact has a span."""
    HTML_META = "html-meta"
    """Read from the page's markup outside the article: <title>, <h1>, <meta>, canonical link."""
    FILENAME = "filename"
    URL = "url"
    """Read from the address the page was published at (``source_url``)."""
    METADATA = "metadata"
    """From the corpus sidecar (metadata.toml)."""
    INFERRED = "inferred"
    """Reasoned from other facts (``basis`` says which); may be wrong."""
    OCR = "ocr"
    """Read from text that OCR recognised in a scanned page; has a span and a confidence."""


def _stored_kind(value: object) -> DocumentKind:
    if isinstance(value, DocumentKind):
        return value
    try:
        return kind_by_key(str(value))
    except KeyError:
        raise ValueError(f"unknown document kind {value!r}") from None


DocType = Annotated[
    DocumentKind, PlainValidator(_stored_kind), PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "enum": [kind.key for kind in KINDS],
                    "description": "The document kind's key (govtrace.ontology.document_kinds)."}),
]
"""A document kind as records hold it: the registry's entry, stored as its key."""


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


class Provenance(_Model):
    """Where a fact came from and how sure govtrace is of it."""

    origin: Origin
    span: Span | None = Field(default=None, description="Source characters it was read from.")
    basis: str | None = Field(
        default=None, description="The field or rule it came from when not a span of the text, "
        "e.g. 'html-meta <title>', 'url domain tjjh.gov.cn', 'body cue 现将…报告如下'.")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0,
                              description="1.0 when read; lower when inferred or OCR'd.")


class TextFact(Provenance):
    """A string-valued document fact (a title, a publisher …)."""

    value: str


class DateFact(Provenance):
    value: date


class YearsFact(Provenance):
    """The year(s) a document covers: one year for an annual plan, a range for a scheme."""

    first: int
    last: int


class KindFact(Provenance):
    """What kind of document it is, and from what that was told."""

    value: DocType


class DateBounds(_Model):
    """When the document can have been issued at the earliest and at the latest.

    Exact when a written or published date is known; otherwise bounded by what the
    text implies (it cites a document as already in force, so it came after it;
    it reports on a year, so it came after that year began).
    """

    earliest: date | None = None
    latest: date | None = None
    basis: list[str] = Field(default_factory=list,
                             description="Why each bound holds, e.g. 'cites 《…》 (2021-08-11)'.")

    @property
    def exact(self) -> bool:
        return self.earliest is not None and self.earliest == self.latest


class DocumentNumber(_Model):
    """A 文号 such as 乌司发〔2024〕43号, in canonical form (〔〕) and as written."""

    canonical: str
    written: str
    prefix: str = Field(description="The issuer code, e.g. 乌司发.")
    year: int
    serial: int
    origin: Origin
    span: Span | None = None


class JurisdictionFact(Provenance):
    """The division a document governs, resolved through the gazetteer, and how it was told."""

    adcode: str
    name: str
    level: str = Field(description="gt: level local name: National, Provincial, Prefectural …")


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
    canonical: str = Field(description="Canonical title (with the order number, the work's "
                           "IRI key).")
    kind: WorkKind
    rule: str = Field(description="Name of the classification rule that matched.")
    order_number: str | None = Field(default=None, description="e.g. 内蒙古自治区人民政府令第262号")
    issuer: str | None = Field(default=None, description="Issuer written before the title.")

    @property
    def key(self) -> str:
        """What identifies the work, its IRI's key: the canonical title, with the order
        number of a rule (令第262号 and 令第263号 under one title are two works)."""
        return f"{self.canonical}|{self.order_number}" if self.order_number else self.canonical


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


class PageSpan(_Model):
    """Where one page of a paged format (PDF) lies in the extracted source text."""

    page: int = Field(ge=1, description="1-based page number.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    ocr: bool = Field(default=False, description="The page's text was recognised by OCR.")
    ocr_confidence: float | None = Field(default=None, ge=0.0, le=1.0,
                                         description="Mean OCR confidence of the page's text.")
    size: tuple[float, float] | None = Field(
        default=None, description="Page width and height in PDF points (1/72 inch).")
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="Box of the page's text: x0, top, x1, bottom in points from "
        "the page's top-left corner; None for a page without text.")


class SourceInfo(_Model):
    doc_id: str = Field(description="What the document's IRIs are minted from: its identity "
                        "(govtrace.ingest.identity), not its file name.")
    identity_basis: str | None = Field(
        default=None, description="How doc_id was derived: documentNumber, title+date, "
        "title+years, title or fileName (+fileName when another file had the same id).")
    file_name: str
    media_type: str
    encoding: str | None
    sha256: str
    size_bytes: int
    pages: list[PageSpan] = Field(default_factory=list,
                                  description="Pages of a PDF in the source text; empty otherwise.")
    reader: str | None = Field(default=None,
                               description="What extracted the text: pdfplumber, rapidocr, …")


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

    schema_version: Literal["2.0"] = "2.0"
    source: SourceInfo
    kind: KindFact = Field(description="What kind of document it is, and how that was told.")
    title: TextFact | None = Field(
        default=None, description="None when neither the text nor anything beside it gives one.")
    canonical_title: str | None = None
    label: str = Field(description="What to call the document: its title, else a label made "
                       "of its division, year and kind (never empty).")
    notice: Notice | None = None
    issuers: list[AgencyRef] = Field(default_factory=list)
    document_numbers: list[DocumentNumber] = Field(default_factory=list)
    written: DateFact | None = Field(default=None, description="成文日期: signed or written.")
    issued: DateFact | None = Field(
        default=None, description="Released: a news dateline (新华社北京12月7日电).")
    published: DateFact | None = Field(
        default=None, description="Made public on the page or in print (发布日期, 发布时间).")
    covers: YearsFact | None = None
    issued_bounds: DateBounds = Field(default_factory=DateBounds)
    jurisdiction: JurisdictionFact | None = None
    publisher: TextFact | None = None
    source_url: TextFact | None = None
    citations: list[Citation] = Field(
        default_factory=list, description="Document-level citations (the preamble's 根据《…》)."
    )
    implements: list[Citation] = Field(
        default_factory=list, description="The 《》 titles the document says it implements or "
        "follows (贯彻落实, 根据, 按照, 以…为遵循): gt:implementsDocument candidates, apart from "
        "titles it merely mentions.")
    sections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    report_items: list[ReportItem] = Field(default_factory=list)

    @property
    def doc_type(self) -> DocumentKind:
        return self.kind.value

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
