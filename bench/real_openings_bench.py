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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support
from tests.support.real_openings import (
    FIELDS,
    OPENINGS,
    accuracy,
    expected_rows,
    readings,
)


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
