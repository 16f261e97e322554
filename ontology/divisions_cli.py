"""``govtrace divisions ADCODE|NAME``: show a division, its level and its parents.

govtrace.cli loads this module at start-up (an entry point), so it imports
nothing heavy (jionlp, rdflib) at module level.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from govtrace.ontology.divisions import Division, Gazetteer


def _level_text(division: Division) -> str:
    level = division.level
    kind = f"/{division.designation}" if division.designation else ""
    return f"{level.value} level ({level.label_zh}{kind})"


def _named(division: Division) -> str:
    """The code and the name; the nation has no code (GB/T 2260 gives it none)."""
    return f"{division.code} {division.name}" if division.code else division.name


def _as_json(division: Division, gazetteer: Gazetteer) -> dict[str, Any]:
    def brief(d: Division) -> dict[str, Any]:
        return {"adcode": d.code, "name": d.name, "level": d.level.value}

    return {
        **brief(division),
        "pinyin": division.pinyin,
        "designation": division.designation,
        "aliases": list(division.aliases),
        "former_names": list(division.former_names),
        "functional_zone": division.functional_zone,
        "parent_adcode": division.parent_adcode,
        "within": [brief(d) for d in gazetteer.lineage(division)[1:]],
    }


def divisions(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="adcode or name (150626, 乌审旗, 乌中旗, "
                                              "鄂尔多斯市乌审旗)")],
    json_output: Annotated[bool, typer.Option("--json", help="Print a JSON object.")] = False,
) -> None:
    """Show an administrative division with its level and the divisions it lies within."""
    from govtrace.ontology.divisions import get_gazetteer

    gazetteer = get_gazetteer()
    division = gazetteer.resolve(query)
    if json_output:
        typer.echo(json.dumps(_as_json(division, gazetteer), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{_named(division)} ({division.pinyin}) — {_level_text(division)}")
    for parent in gazetteer.lineage(division)[1:]:
        typer.echo(f"  within {_named(parent)} — {parent.level.value}")
