"""The documents a text says it implements or follows, apart from those it only mentions.

A document states its higher basis in its preamble (根据《纲要》…，结合实际，制定本方案;
按照《纲要》目标要求; 全面贯彻落实《纲要》和市、区《工作方案》). In the body a report
also says what it carried out (严格执行《党政主要负责人履行推进法治建设第一责任人职责
规定》), but there most titles are its own work (制定了《…学法制度》) or its own
government's lists (严格执行《朔城区2023年度…工作清单》): only a mandate-cued title of
law-based-government policy that is not the document's own division's counts.
"""

from __future__ import annotations

import re

from govtrace.ingest.record import Citation, CitationKind, WorkKind

DOMAIN = re.compile(r"法治|依法行政|依法治|法制|纲要|督察")
"""What a body title must be about to count as the basis of a law-based-government text."""

_ABBREVIATION = re.compile(r"以下简称《(?P<short>[^《》]{1,20})》")


def implemented(preamble: list[Citation], body: list[Citation], own: set[str],
                own_places: tuple[str, ...], text: str) -> list[Citation]:
    """The implemented works among the citations, once each (an abbreviation such as
    《纲要》 resolves to the title it abbreviates)."""
    shorts = {m.group("short") for m in _ABBREVIATION.finditer(text)}
    chosen: dict[str, Citation] = {}
    candidates = [c for c in preamble if _mandate(c)]
    candidates += [c for c in body if _mandate(c) and DOMAIN.search(c.work.canonical)
                   and not c.work.canonical.startswith(own_places)]
    for citation in candidates:
        key = citation.work.canonical
        if key in own or (key in shorts and _abbreviates(key, chosen)):
            continue
        chosen.setdefault(key, citation)
    return list(chosen.values())


def _mandate(citation: Citation) -> bool:
    return citation.kind is CitationKind.MANDATE and citation.work.kind in (
        WorkKind.POLICY_DOCUMENT, WorkKind.NORMATIVE_DOCUMENT, WorkKind.OTHER,
        WorkKind.GOVERNMENT_RULE)


def _abbreviates(short: str, chosen: dict[str, Citation]) -> bool:
    """Whether ``short`` (纲要) is the abbreviation of a title already chosen."""
    return any(short in key for key in chosen)
