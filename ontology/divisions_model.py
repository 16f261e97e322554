"""The data model of administrative divisions: levels, divisions and how names are built.

A Chinese division name is a *specific* part (专名, 乌审), for autonomous units
one or more ethnic groups (蒙古, 土家族苗族) and a *generic* designation (通名,
旗, 自治州). :func:`split_name` takes a name apart this way; short names,
pinyin words and the designation shown to users all follow from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from rdflib import URIRef

from govtrace.ontology.namespaces import GT


class Level(StrEnum):
    """The administrative levels divisions come in; values are the gt: local names."""

    NATIONAL = "National"
    PROVINCIAL = "Provincial"
    PREFECTURAL = "Prefectural"
    COUNTY = "County"

    @property
    def iri(self) -> URIRef:
        return GT[self.value]

    @property
    def label_zh(self) -> str:
        return _LEVEL_ZH[self]

    @property
    def rank(self) -> int:
        """1 for national … 4 for county, as gt:rank in the ontology."""
        return list(Level).index(self) + 1


_LEVEL_ZH = {
    Level.NATIONAL: "国家级",
    Level.PROVINCIAL: "省级",
    Level.PREFECTURAL: "地级",
    Level.COUNTY: "县级",
}

# Generic designations (通名) a division name can end with, longest first so
# that 自治县 wins over 县. The list is the closed set of GB/T 2260 types, not
# data: the divisions themselves all come from jionlp's gazetteer.
GENERICS: tuple[str, ...] = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区",
    "省", "市", "县", "旗", "盟", "区",
)

# What a generic means at each level, for people (市 is a 直辖市 at provincial,
# a 地级市 at prefectural and a 县级市 at county level).
_DESIGNATIONS: dict[tuple[Level, str], str] = {
    (Level.PROVINCIAL, "市"): "直辖市",
    (Level.PREFECTURAL, "市"): "地级市",
    (Level.COUNTY, "市"): "县级市",
    (Level.COUNTY, "区"): "市辖区",
}

FUNCTIONAL_ZONE = "功能区"


@dataclass(frozen=True, slots=True)
class NameParts:
    """A division name taken apart: 专名, ethnic groups (autonomous units only), 通名."""

    specific: str
    ethnic: tuple[str, ...]
    generic: str

    @property
    def words(self) -> tuple[str, ...]:
        """The name as written words, following GB/T 16159 (专名 and 通名 apart)."""
        return tuple(word for word in (self.specific, *self.ethnic, self.generic) if word)


def split_name(name: str, known_specifics: Iterable[str] = ()) -> NameParts:
    """Take ``name`` apart; ``known_specifics`` (aliases, parents' short names) mark the 专名.

    Without a known specific, everything before the generic is the specific.
    A remainder that is not ethnic (a development zone's 经济技术开发区) stays
    with the generic as one word.
    """
    generic = next((g for g in GENERICS if name.endswith(g) and len(name) > len(g)), "")
    stem = name[: len(name) - len(generic)]
    prefixes = [s for s in known_specifics if s and len(s) < len(stem) and stem.startswith(s)]
    specific = max(prefixes, key=len) if prefixes else stem
    rest = stem[len(specific):]
    if not rest:
        return NameParts(specific, (), generic)
    if generic.startswith("自治"):
        return NameParts(specific, _ethnic_groups(rest), generic)
    return NameParts(specific, (), rest + generic)


def _ethnic_groups(text: str) -> tuple[str, ...]:
    """土家族苗族 → (土家族, 苗族); 蒙古 → (蒙古,): each group ends with 族 except the last."""
    groups: list[str] = []
    start = 0
    for index, char in enumerate(text):
        if char == "族":
            groups.append(text[start: index + 1])
            start = index + 1
    if start < len(text):
        groups.append(text[start:])
    return tuple(groups)


def designation_of(name: str, level: Level, functional_zone: bool) -> str:
    """The division's type as people say it: 旗, 县级市, 自治州, 功能区 …"""
    if functional_zone:
        return FUNCTIONAL_ZONE
    generic = split_name(name).generic
    if generic not in GENERICS:  # a non-standard unit such as 大柴旦行政委员会
        return ""
    return _DESIGNATIONS.get((level, generic), generic)


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division: a GB/T 2260 code (or NBS statistical code) and its names.

    ``aliases`` are other current names (jionlp's abbreviations such as 乌中旗
    and the short name without the generic, 乌审); ``former_names`` are names
    it had before a change approved since 2002 (襄樊市 for 襄阳市).
    ``functional_zone`` marks units that only the National Bureau of
    Statistics' statistical codes list (development zones, 管理区, codes
    ending 71–79): they are no administrative divisions in law.
    """

    adcode: str
    name: str
    level: Level
    parent_adcode: str | None
    aliases: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    designation: str = ""
    functional_zone: bool = False
    pinyin: str = ""

    @property
    def code(self) -> str | None:
        """Its GB/T 2260 code; None for the nation, whose ``adcode`` (100000) is only
        govtrace's key for it: GB/T 2260 gives the nation no code."""
        return None if self.level is Level.NATIONAL else self.adcode


@dataclass(frozen=True, slots=True)
class DivisionMention:
    """A division name found in a text, with every division it may denote.

    ``start``/``end`` are 0-based, end-exclusive code-point offsets; an
    ambiguous name (朝阳区) keeps all candidates that the rest of the text
    did not rule out.
    """

    start: int
    end: int
    surface: str
    candidates: tuple[Division, ...]

    @property
    def division(self) -> Division | None:
        """The division meant, when only one is possible."""
        return self.candidates[0] if len(self.candidates) == 1 else None
