"""Read China's divisions (province, prefecture, county) from jionlp's gazetteer.

jionlp's ``china_location.txt`` is a three-level tree province → city →
county with each node's GB/T 2260 code and abbreviation (乌中旗 for 乌拉特中旗);
``china_location_change.txt`` lists names changed since 2002 (襄樊市 → 襄阳市).
The tree has quirks this module straightens out, recording what it leaves out:

* municipalities and SARs repeat themselves as their own city (北京市 under
  北京市, same code): their counties belong to the province directly;
* groupings such as 省直辖行政区划 (429000) and 市直辖行政区划 are no divisions:
  their members (仙桃市) belong to the province, the groupings are skipped;
* Hong Kong's and Macau's districts carry the SAR's own code (810000), so
  they cannot be told apart by code and are skipped;
* a code listed twice keeps its first entry;
* NBS statistical units (development zones, 管理区; county codes ending
  71–79) are kept, marked ``functional_zone``.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from govtrace.ontology.divisions_model import (
    GENERICS,
    Division,
    Level,
    designation_of,
    split_name,
)
from govtrace.ontology.divisions_pinyin import pinyin_of

NATIONAL_ADCODE = "100000"
NATIONAL = Division(NATIONAL_ADCODE, "中华人民共和国", Level.NATIONAL, None, aliases=("中国",),
                    pinyin="Zhōnghuá Rénmín Gònghéguó")
_GROUPING_SUFFIX = "直辖行政区划"
_ZONE_CODES = range(71, 80)


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """A gazetteer entry left out, and why."""

    name: str
    adcode: str
    reason: str


@dataclass(frozen=True)
class GazetteerData:
    divisions: tuple[Division, ...]
    skipped: tuple[SkippedEntry, ...]


@dataclass(frozen=True, slots=True)
class _Raw:
    name: str
    adcode: str
    aliases: tuple[str, ...]
    level: Level
    parent: str
    path: tuple[str, ...]


@dataclass
class _Collector:
    raws: dict[str, _Raw] = field(default_factory=dict)
    skipped: list[SkippedEntry] = field(default_factory=list)

    def add(self, raw: _Raw) -> None:
        if raw.adcode in self.raws:
            first = self.raws[raw.adcode].name
            self.skipped.append(SkippedEntry(raw.name, raw.adcode,
                                             f"adcode already used by {first}"))
        else:
            self.raws[raw.adcode] = raw


@contextlib.contextmanager
def jionlp_quietly() -> Iterator[None]:
    """Import jionlp inside this: on first import it prints a banner (and jiojio a
    greeting) on stdout, which would corrupt `govtrace divisions --json` and any
    other machine-read output."""
    with contextlib.redirect_stdout(io.StringIO()):
        yield


def _jionlp_tables() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    with jionlp_quietly():
        from jionlp.dictionary.dictionary_loader import (
            china_location_change_loader,
            china_location_loader,
        )
    return china_location_loader(), china_location_change_loader()


def _children(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    return (child for key, child in node.items() if not key.startswith("_"))


def _aliases(node: dict[str, Any]) -> tuple[str, ...]:
    given = node["_alias"]
    listed = given if isinstance(given, list) else [given]
    return tuple(alias for entry in listed for alias in entry.split("/")
                 if alias and alias != node["_full_name"] and not alias.endswith("直辖"))


def _raw(node: dict[str, Any], level: Level, parent: str, path: tuple[str, ...]) -> _Raw:
    name = node["_full_name"]
    return _Raw(name, node["_admin_code"], _aliases(node), level, parent, (*path, name))


def _walk(tree: dict[str, Any], collector: _Collector) -> None:
    for province in tree.values():
        top = _raw(province, Level.PROVINCIAL, NATIONAL_ADCODE, ())
        collector.add(top)
        for city in _children(province):
            grouping = (city["_admin_code"] == top.adcode
                        or city["_full_name"].endswith(_GROUPING_SUFFIX))
            middle = _raw(city, Level.PREFECTURAL, top.adcode, top.path)
            if grouping and city["_admin_code"] != top.adcode:
                collector.skipped.append(SkippedEntry(middle.name, middle.adcode,
                                                      "a grouping, not a division"))
            elif not grouping:
                collector.add(middle)
            for county in _children(city):
                leaf = _raw(county, Level.COUNTY, top.adcode if grouping else middle.adcode,
                            middle.path)
                if leaf.name.endswith(_GROUPING_SUFFIX):
                    collector.skipped.append(SkippedEntry(leaf.name, leaf.adcode,
                                                          "a grouping, not a division"))
                else:
                    collector.add(leaf)


def _former_names(changes: list[dict[str, Any]], raws: dict[str, _Raw],
                  skipped: list[SkippedEntry]) -> dict[str, list[str]]:
    """adcode → names it had before a change jionlp records."""
    by_path = {raw.path: raw.adcode for raw in raws.values()}
    former: dict[str, list[str]] = {}
    for change in changes:
        new_path = tuple(part for part in change["new_loc"] if part)
        old_name = next(pair[0] for pair in reversed(change["old_loc"]) if pair[0])
        adcode = by_path.get(new_path)
        if adcode is None:
            skipped.append(SkippedEntry(old_name, "", f"renamed to {'/'.join(new_path)}, "
                                                      "which the gazetteer does not list"))
        elif old_name != raws[adcode].name and old_name not in former.setdefault(adcode, []):
            former[adcode].append(old_name)
    return former


def _short_name(raw: _Raw, zone: bool) -> tuple[str, ...]:
    """The name without its generic (乌审 for 乌审旗) when that is a usable name."""
    parts = split_name(raw.name)
    if zone or parts.generic not in GENERICS or parts.generic.startswith("自治"):
        return ()
    stem = raw.name[: len(raw.name) - len(parts.generic)]
    return (stem,) if len(stem) >= 2 and stem not in raw.aliases else ()


def _division(raw: _Raw, former: list[str], parents: list[Division]) -> Division:
    zone = raw.level is Level.COUNTY and int(raw.adcode[4:]) in _ZONE_CODES
    aliases = raw.aliases + _short_name(raw, zone)
    specifics = [*aliases, *(alias for parent in parents for alias in parent.aliases)]
    return Division(
        adcode=raw.adcode, name=raw.name, level=raw.level, parent_adcode=raw.parent,
        aliases=aliases, former_names=tuple(former),
        designation=designation_of(raw.name, raw.level, zone), functional_zone=zone,
        pinyin=pinyin_of(split_name(raw.name, specifics)),
    )


def load_gazetteer_data() -> GazetteerData:
    """Every province-, prefecture- and county-level division jionlp lists, plus the nation."""
    tree, changes = _jionlp_tables()
    collector = _Collector()
    _walk(tree, collector)
    former = _former_names(changes, collector.raws, collector.skipped)
    national = NATIONAL
    built: dict[str, Division] = {NATIONAL_ADCODE: national}
    for raw in collector.raws.values():  # parents come before their children
        parents = [built[raw.parent]]
        if parents[0].parent_adcode is not None:
            parents.append(built[parents[0].parent_adcode])
        built[raw.adcode] = _division(raw, former.get(raw.adcode, []), parents)
    return GazetteerData(tuple(built.values()), tuple(collector.skipped))
