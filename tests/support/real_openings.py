"""Scoring govtrace's reading of the real openings (shared/corpus/real-openings) against
what a person reads from each (EXPECTED.tsv): used by the tests and by
``bench/real_openings_bench.py``."""

from __future__ import annotations

import csv
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from govtrace.ingest import read_and_extract
from govtrace.ingest.extract.works import canonical_title
from govtrace.ingest.metadata import load_sidecar, metadata_for
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology import document_kinds as kinds
from govtrace.settings import Settings

OPENINGS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real-openings"

KIND_NAMES: dict[kinds.DocumentKind, str] = {
    kinds.OUTLINE: "outline", kinds.IMPLEMENTATION_SCHEME: "scheme", kinds.WORK_PLAN: "plan",
    kinds.WORK_REPORT: "report", kinds.REGULATION: "regulation",
}
"""govtrace's kinds → EXPECTED.tsv's; it calls every other kind "other"."""
LEVEL_NAMES = {"National": "national", "Provincial": "provincial",
               "Prefectural": "prefectural", "County": "county"}
FIELDS = ("kind", "level", "adcode", "covers_year", "issued_date", "title", "implements_titles")


@dataclass(frozen=True)
class Reading:
    """One field of one opening: what the person read and what govtrace read."""

    opening: str
    field: str
    expected: str
    got: str

    @property
    def right(self) -> bool:
        if self.field == "implements_titles":
            return _same_titles(self.expected, self.got)
        if self.field == "title":
            return canonical_title(self.expected) == canonical_title(self.got) \
                if self.expected else True
        return self.expected == self.got


def _same_titles(expected: str, got: str) -> bool:
    want = {canonical_title(t) for t in expected.split("|") if t}
    have = {canonical_title(t) for t in got.split("|") if t}
    return want == have


def observed(record: DocumentRecord) -> dict[str, str]:
    """The record's answer to each column of EXPECTED.tsv."""
    division = record.jurisdiction
    covers = record.covers
    year = "" if covers is None else (str(covers.first) if covers.first == covers.last
                                      else f"{covers.first}-{covers.last}")
    issued = record.written or record.issued or record.published
    return {
        "kind": KIND_NAMES.get(record.doc_type, "other"),
        "level": LEVEL_NAMES.get(division.level, "") if division else "",
        # the nation has no GB/T 2260 code: EXPECTED.tsv leaves it blank
        "adcode": division.adcode if division and division.adcode != "100000" else "",
        "covers_year": year,
        "issued_date": issued.value.isoformat() if issued else "",
        "title": record.title.value if record.title else "",
        "implements_titles": "|".join(c.work.title for c in record.implements),
    }


def expected_rows(openings: Path) -> list[dict[str, str]]:
    with (openings / "EXPECTED.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def readings(openings: Path, *, with_url: bool) -> tuple[list[Reading], list[str]]:
    """Every field of every opening, and the openings that failed to ingest."""
    rows = expected_rows(openings)
    settings = Settings()
    failed: list[str] = []
    out: list[Reading] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for row in rows:
            shutil.copy(openings / f"{row['id']}.txt", folder)
        entries = {}
        if with_url:
            sidecar = folder / "metadata.toml"
            sidecar.write_text("schema = 1\n" + "".join(
                f'[files."{row["id"]}"]\nsource_url = "{row["url"]}"\n' for row in rows),
                encoding="utf-8")
            entries = load_sidecar(sidecar)
        for row in rows:
            path = folder / f"{row['id']}.txt"
            try:
                record = read_and_extract(path, settings, metadata_for(path, entries))
            except Exception as exc:  # noqa: BLE001 - the benchmark counts any failure
                failed.append(f"{row['id']}: {exc}")
                continue
            got = observed(record)
            out += [Reading(row["id"], f, row[f], got[f]) for f in FIELDS]
    return out, failed


def accuracy(found: list[Reading], field: str) -> float:
    scored = [r for r in found if r.field == field]
    return sum(r.right for r in scored) / len(scored) if scored else 0.0
