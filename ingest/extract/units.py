"""Lead and responsible units: ``(牵头单位:区发改委、区商务局;责任单位:区政府各部门)``.

The bracket closes a task in 003. Written forms vary: 牵 头单位 (stray space),
责任单住 (typo), full- or half-width colons and semicolons; :data:`ROLES`
tolerates them. Names are split on 、，, and qualified by jurisdiction
(:mod:`govtrace.ingest.extract.agencies`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from govtrace.ingest.extract.agencies import agency
from govtrace.ingest.extract.context import Context
from govtrace.ingest.record import AgencyRef
from govtrace.ontology.divisions import Division

_S = r"[ \t\u3000]*"
ROLES: dict[str, re.Pattern[str]] = {
    "lead": re.compile(rf"牵{_S}头{_S}单{_S}[位住]{_S}[:：]"),
    "responsible": re.compile(rf"责{_S}任{_S}单{_S}[位住]{_S}[:：]"),
}
"""Role → how its label is written."""

UNITS_BRACKET = re.compile(
    rf"[（(]{_S}(?=(?:牵{_S}头|责{_S}任){_S}单{_S}[位住])[^（）()]*[）)]{_S}$"
)
"""The bracket at the very end of a task."""

_NAME = re.compile(r"[^、，,;；:：\s]+(?:[ \t\u3000]+[^、，,;；:：\s]+)*")


@dataclass(frozen=True)
class UnitsFound:
    start: int  # where the bracket starts (the task body ends here)
    lead: list[AgencyRef]
    responsible: list[AgencyRef]


def find_units(ctx: Context, start: int, end: int,
               lineage: Sequence[Division]) -> UnitsFound | None:
    """The units bracket ending normalized ``[start, end)``, if there is one."""
    text = ctx.text
    stripped_end = len(text[:end].rstrip())
    m = UNITS_BRACKET.search(text, start, stripped_end)
    if m is None:
        return None
    inner_start, inner_end = m.start() + 1, m.end() - 1  # the match ends at the bracket
    roles = sorted((found.start(), found.end(), role)
                   for role, pattern in ROLES.items()
                   for found in pattern.finditer(text, inner_start, inner_end))
    result: dict[str, list[AgencyRef]] = {"lead": [], "responsible": []}
    for index, (_, label_end, role) in enumerate(roles):
        part_end = roles[index + 1][0] if index + 1 < len(roles) else inner_end
        for name in _NAME.finditer(text, label_end, part_end):
            result[role].append(agency(name.group(), lineage, ctx.span(name.start(), name.end())))
    return UnitsFound(m.start(), result["lead"], result["responsible"])
