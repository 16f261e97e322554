"""How well govtrace reads real documents' headers: the real openings against EXPECTED.tsv.

    python bench/real_openings_bench.py [--openings DIR] [--with-url] [--details]

Ingests every opening of ``shared/corpus/real-openings`` (fifteen openings of real
法治政府建设 pages, with what a person reads from each in ``EXPECTED.tsv``) and prints,
per field, the share of openings where govtrace's record agrees with the person:
kind, level, adcode, covered year(s), issue date, title and implemented titles.
``--with-url`` gives each file its ``url`` column as ``source_url`` in a metadata
sidecar (the page address a scraper records), nothing else.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from govtrace.ingest import read_and_extract
from govtrace.ingest.extract.works import canonical_title
from govtrace.ingest.metadata import load_sidecar, metadata_for
from govtrace.ingest.record import DocType, DocumentRecord
from govtrace.settings import Settings

OPENINGS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real-openings"

KIND_NAMES: dict[DocType, str] = {
    DocType.OUTLINE: "outline", DocType.IMPLEMENTATION_SCHEME: "scheme",
    DocType.WORK_PLAN: "plan", DocType.WORK_REPORT: "report", DocType.REGULATION: "regulation",
    DocType.INTERPRETATION: "other", DocType.NOTICE: "other", DocType.OTHER: "other",
}
"""govtrace's kinds → EXPECTED.tsv's (which has no notice or interpretation)."""
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
        "kind": KIND_NAMES[record.doc_type],
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--openings", type=Path, default=OPENINGS)
    parser.add_argument("--with-url", action="store_true")
    parser.add_argument("--details", action="store_true", help="print every wrong field")
    args = parser.parse_args(argv)
    rows = expected_rows(args.openings)
    found, failed = readings(args.openings, with_url=args.with_url)
    print(f"openings: {len(rows)}, ingested: {len(rows) - len(failed)}"
          f"{' (source_url given)' if args.with_url else ''}")
    print("| field | accuracy |\n| --- | --- |")
    for field in FIELDS:
        print(f"| {field} | {accuracy(found, field):.2f} |")
    for line in failed:
        print("FAILED", line)
    if args.details:
        for r in found:
            if not r.right:
                print(f"  {r.opening} {r.field}: expected {r.expected!r}, got {r.got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
