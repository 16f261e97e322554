"""Agency names qualified by the jurisdiction they belong to.

Documents name agencies relative to themselves: in 东河区's plan 区司法局 is
东河区司法局 and 区政府各部门 is 东河区人民政府各部门; in 乌审旗's plan
市人民政府 is 鄂尔多斯市人民政府. :data:`RELATIVE_PREFIXES` says which
level a bare prefix refers to; :data:`EXPANSIONS` spells out abbreviations
after the division name. The written form is kept as the agency's label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govtrace.ingest.record import AgencyRef, Origin, Span
from govtrace.ontology.divisions import Division, Level

RELATIVE_PREFIXES: tuple[tuple[str, tuple[Level, ...]], ...] = (
    ("自治区", (Level.PROVINCIAL,)),
    ("省", (Level.PROVINCIAL,)),
    ("盟", (Level.PREFECTURAL,)),
    ("市", (Level.PREFECTURAL, Level.COUNTY)),
    ("旗", (Level.COUNTY,)),
    ("县", (Level.COUNTY,)),
    ("区", (Level.COUNTY,)),
)
"""Bare prefix → the level(s) of the division it stands for, nearest first."""

EXPANSIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^政府"), "人民政府"),
)
"""Applied to what follows the division name: 政府… → 人民政府…"""

_BLANK = re.compile(r"\s+")


def qualify(label: str, lineage: Sequence[Division]) -> tuple[str, Division | None]:
    """(qualified name, its division) for a written agency name.

    ``lineage`` is the document's division and its ancestors (nearest first).
    A name starting with a full division name keeps it; one starting with a
    bare prefix (区, 旗, 自治区 …) gets the matching division of the lineage.
    """
    name = _BLANK.sub("", label)
    for index, division in enumerate(lineage):
        parent = lineage[index + 1].name if index + 1 < len(lineage) else ""
        for written in (parent + division.name, division.name):
            if name.startswith(written):
                return written + _expand(name[len(written):]), division
    for prefix, levels in RELATIVE_PREFIXES:
        if not name.startswith(prefix):
            continue
        target = _nearest(lineage, levels, prefix)
        if target is not None:
            return target.name + _expand(name[len(prefix):]), target
    return name, None


def _nearest(lineage: Sequence[Division], levels: tuple[Level, ...],
             prefix: str) -> Division | None:
    for division in lineage:
        if division.level in levels and division.name.endswith(prefix):
            return division
    return None


def _expand(rest: str) -> str:
    for pattern, replacement in EXPANSIONS:
        rest = pattern.sub(replacement, rest)
    return rest


def agency(label: str, lineage: Sequence[Division], span: Span | None,
           origin: Origin = Origin.TEXT) -> AgencyRef:
    name, division = qualify(label, lineage)
    return AgencyRef(name=name, label=_BLANK.sub("", label),
                     jurisdiction=division.adcode if division else None, origin=origin,
                     span=span)
