"""The hand-written gold lineage of the seed corpus (``govtrace/data/gold/lineage-seeds.tsv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from govtrace.errors import LINEAGE_GOLD_INVALID, LineageError, Location
from govtrace.graph.lineage.model import LinkKind

ABSTAIN = "ABSTAIN"
OPTIONAL = "OPTIONAL"
COLUMNS = ("child", "item", "parent", "expected", "acceptable", "kind", "note")
DIFFICULTY = "difficulty"
"""An optional last column (benchmark sets under bench/paraphrase/): how the child rewords
its parent (light, medium, heavy, merge, split, local, report)."""


@dataclass(frozen=True)
class GoldRow:
    child: str
    """Seed prefix (000 … 004) of the child document."""
    item: str
    """Task number or report-item path."""
    parent: str
    """Seed prefix of the parent document, or ``national``."""
    expected: frozenset[str]
    """Parent item labels a linker must find (empty for ABSTAIN and OPTIONAL)."""
    acceptable: frozenset[str]
    """Further parent labels that are not wrong."""
    must_abstain: bool
    kind: LinkKind
    note: str
    difficulty: str = ""
    """The row's ``difficulty`` column; empty in a file without one."""

    @property
    def allowed(self) -> frozenset[str]:
        return self.expected | self.acceptable


def gold_path() -> Path:
    return Path(str(files("govtrace.data") / "gold" / "lineage-seeds.tsv"))


def load_gold(path: Path | None = None) -> list[GoldRow]:
    """Read the gold file; comment lines start with #."""
    path = path or gold_path()
    rows: list[GoldRow] = []
    with path.open(encoding="utf-8") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if not line.startswith("#")]
    reader = csv.reader((line for _, line in lines), delimiter="\t")
    header = next(reader, None)
    if header is None or tuple(header) not in (COLUMNS, (*COLUMNS, DIFFICULTY)):
        raise LineageError(LINEAGE_GOLD_INVALID, f"the header must be {'/'.join(COLUMNS)}"
                           f" (then optionally {DIFFICULTY})",
                           location=Location(file=str(path)))
    for (number, _), fields in zip(lines[1:], reader, strict=True):
        rows.append(_row(fields, len(header), Location(file=str(path), line=number)))
    return rows


def _row(fields: list[str], width: int, where: Location) -> GoldRow:
    if len(fields) != width:
        raise LineageError(LINEAGE_GOLD_INVALID,
                           f"{len(fields)} fields instead of {width}", location=where)
    child, item, parent, expected, acceptable, kind, note = fields[:len(COLUMNS)]
    try:
        link_kind = LinkKind(kind)
    except ValueError:
        raise LineageError(LINEAGE_GOLD_INVALID, f"unknown kind {kind!r}", location=where) from None
    special = expected in (ABSTAIN, OPTIONAL)
    if expected == ABSTAIN and acceptable:
        raise LineageError(LINEAGE_GOLD_INVALID, "an ABSTAIN row lists acceptable parents",
                           location=where)
    return GoldRow(child, item, parent,
                   frozenset() if special else _labels(expected),
                   _labels(acceptable), expected == ABSTAIN, link_kind, note,
                   fields[len(COLUMNS)] if width > len(COLUMNS) else "")


def _labels(text: str) -> frozenset[str]:
    return frozenset(p for p in text.split("+") if p)
