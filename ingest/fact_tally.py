"""How many documents' key facts were read, and how many guessed or unknown: the end of
``govtrace ingest`` and ``govtrace build``, so a researcher knows what to check and what
to add to ``metadata.toml``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from govtrace.ingest.record import DocumentRecord, Origin, Provenance

FACTS: dict[str, str] = {
    "title": "title",
    "kind": "doc_type",
    "jurisdiction": "jurisdiction",
    "year": "covers_year",
}
"""Key fact → the metadata.toml field that supplies it."""


def _fact(record: DocumentRecord, name: str) -> Provenance | None:
    return {"title": record.title, "kind": record.kind, "jurisdiction": record.jurisdiction,
            "year": record.covers}[name]


def _bucket(fact: Provenance | None) -> str:
    if fact is None:
        return "unknown"
    if fact.origin in (Origin.TEXT, Origin.OCR):
        return "text"
    return "inferred" if fact.origin is Origin.INFERRED else "elsewhere"


@dataclass
class FactTally:
    """Per key fact, how many documents had it from the text, from beside the text (page
    markup, address, file name, sidecar), by inference, or not at all."""

    documents: int = 0
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {name: dict.fromkeys(
            ("text", "elsewhere", "inferred", "unknown"), 0) for name in FACTS})
    missing: dict[str, list[str]] = field(default_factory=dict)
    """File name → the metadata.toml fields it still lacks."""

    @classmethod
    def of(cls, records: Iterable[DocumentRecord]) -> FactTally:
        tally = cls()
        for record in records:
            tally.documents += 1
            lacking = []
            for name, sidecar_field in FACTS.items():
                bucket = _bucket(_fact(record, name))
                tally.counts[name][bucket] += 1
                # a missing year is worth reporting only for a kind about one year
                if bucket == "unknown" and (name != "year" or record.doc_type.covers_one_year):
                    lacking.append(sidecar_field)
            if lacking:
                tally.missing[record.source.file_name] = lacking
        return tally

    def render(self) -> str:
        lines = [f"facts of {self.documents} documents (from the text / beside it / "
                 "inferred / unknown):"]
        for name in FACTS:
            c = self.counts[name]
            lines.append(f"  {name:<13} {c['text']:>5} / {c['elsewhere']:>5} / "
                         f"{c['inferred']:>5} / {c['unknown']:>5}")
        if self.missing:
            lines.append(f"{len(self.missing)} documents with facts still unknown; add them "
                         "to metadata.toml beside the files:")
            lines.extend(f"  {name}: {', '.join(fields)}"
                         for name, fields in sorted(self.missing.items()))
        return "\n".join(lines)
