"""Divisions named in a question: checked against the gazetteer before any query runs, so
that an unknown one is GT-DIV-001 (404) and never an empty answer."""

from __future__ import annotations

from govtrace.ontology.divisions import Division, get_gazetteer


def known_division(name_or_code: str) -> Division:
    """The division a 6-digit code or a name (乌审旗, 鄂尔多斯市乌审旗) denotes; GT-DIV-001
    when none does, GT-DIV-002 when several do."""
    return get_gazetteer().resolve(name_or_code)
