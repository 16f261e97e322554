"""The corpus metadata sidecar: facts about a document that its text lacks.

A corpus directory may hold ``metadata.toml`` (see ``docs/ingest.md``,
"Corpus metadata sidecar")::

    schema = 1

    [files."004_c5645c69c3d939d1.txt"]
    doc_type = "ImplementationScheme"
    published = 2022-09-12
    publisher = "内蒙古日报"

A table is keyed by a file name, or by a file stem so that one entry serves
the same document saved as ``.txt``, ``.html`` and ``.docx``; an exact file
name wins over a stem.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError, WithJsonSchema

from govtrace.errors import METADATA_INVALID, IngestError, Location
from govtrace.ontology.document_kinds import KINDS, DocumentKind, kind_by_sidecar_name

SIDECAR_NAME = "metadata.toml"
SIDECAR_SCHEMA = 1


def _named_kind(value: object) -> DocumentKind:
    try:
        return kind_by_sidecar_name(str(value))
    except KeyError:
        names = ", ".join(kind.sidecar_name for kind in KINDS)
        raise ValueError(f"unknown doc_type {value!r}: one of {names}") from None


SidecarKind = Annotated[
    DocumentKind, PlainValidator(_named_kind),
    WithJsonSchema({"type": "string", "enum": [kind.sidecar_name for kind in KINDS]}),
]
"""A document kind as the sidecar names it (WorkPlan)."""


class DocumentMetadata(BaseModel):
    """What the corpus curator knows about one file beyond its text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str = Field(description="File name (or stem) the entry describes.")
    title: str | None = Field(default=None, description="Title, when the text lacks a clean one.")
    doc_type: SidecarKind | None = Field(
        default=None, description="The document's kind: WorkPlan, WorkReport …"
    )
    published: date | None = Field(default=None, description="Date made public (dcterms:issued).")
    written: date | None = Field(
        default=None, description="Date written (成文日期, dcterms:created)."
    )
    covers_year: int | None = Field(
        default=None, ge=1949, le=2100, description="The year a plan or report covers."
    )
    issuer: list[str] = Field(default_factory=list, description="Issuing agencies (发文机关).")
    jurisdiction: str | None = Field(
        default=None, description="Division the document governs: a 6-digit adcode or a name."
    )
    source_url: str | None = Field(default=None, description="Where the file was collected.")
    publisher: str | None = Field(
        default=None, description="Who published the text (a newspaper, a department's site)."
    )
    notes: str | None = Field(default=None, description="Free-text provenance notes.")


class _Sidecar(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_: Literal[1] = Field(alias="schema")
    files: dict[str, dict[str, object]] = Field(default_factory=dict)


def load_sidecar(path: Path) -> dict[str, DocumentMetadata]:
    """Read a ``metadata.toml``: file name or stem → metadata.

    Raises :class:`IngestError` ``GT-INGEST-008`` when the file is not valid
    TOML or does not follow the format.
    """
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(METADATA_INVALID, f"metadata sidecar is not valid TOML: {exc}",
                          location=Location(file=str(path))) from exc
    try:
        sidecar = _Sidecar.model_validate(raw)
        return {
            name: DocumentMetadata.model_validate({"file": name, **entry})
            for name, entry in sidecar.files.items()
        }
    except ValidationError as exc:
        raise IngestError(METADATA_INVALID, f"metadata sidecar does not follow format "
                          f"{SIDECAR_SCHEMA}: {exc}", location=Location(file=str(path))) from exc


def metadata_for(path: Path, entries: dict[str, DocumentMetadata]) -> DocumentMetadata | None:
    """The entry for ``path``: by exact file name, else by stem."""
    return entries.get(path.name) or entries.get(path.stem)
