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
    if header is None or tuple(header) != COLUMNS:
        raise LineageError(LINEAGE_GOLD_INVALID, f"the header must be {'/'.join(COLUMNS)}",
                           location=Location(file=str(path)))
    for (number, _), fields in zip(lines[1:], reader, strict=True):
        rows.append(_row(fields, Location(file=str(path), line=number)))
    return rows


def _row(fields: list[str], where: Location) -> GoldRow:
    if len(fields) != len(COLUMNS):
        raise LineageError(LINEAGE_GOLD_INVALID,
                           f"{len(fields)} fields instead of {len(COLUMNS)}", location=where)
    child, item, parent, expected, acceptable, kind, note = fields
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
                   _labels(acceptable), expected == ABSTAIN, link_kind, note)


def _labels(text: str) -> frozenset[str]:
    return frozenset(p for p in text.split("+") if p)
