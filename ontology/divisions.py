"""China's administrative divisions: look them up, walk their hierarchy, find them in text.

The data are jionlp's gazetteer (see :mod:`govtrace.ontology.divisions_source`)
plus the national root 中华人民共和国, keyed 100000 (``NATIONAL_ADCODE``) within
govtrace, as its IRI ``division/100000`` is: no GB/T 2260 code, so the graph gives it
none. :func:`get_gazetteer` loads it once per process and every caller shares it: from the
user's cache when it is there (:mod:`govtrace.ontology.divisions_cache`; read from jionlp,
about a second).

Names resolve in tiers, the first tier with a match winning: the current
full name (乌审旗), then aliases (乌中旗, the short name 乌审), then former
names (襄樊市). A name shared by several divisions (朝阳区) is ambiguous
unless narrowed by ``within`` or written with its parent (北京市朝阳区).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache, cached_property

from rapidfuzz import fuzz, process
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from govtrace.errors import DIVISION_AMBIGUOUS, DIVISION_NOT_FOUND, DivisionError
from govtrace.ontology.divisions_cache import cached_gazetteer_data
from govtrace.ontology.divisions_model import (
    Division,
    DivisionMention,
    Level,
    split_name,
)
from govtrace.ontology.divisions_source import (
    NATIONAL_ADCODE,
    GazetteerData,
    SkippedEntry,
    jionlp_quietly,
)
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT

__all__ = ["NATIONAL_ADCODE", "Division", "DivisionMention", "Gazetteer", "Level",
           "SkippedEntry", "divisions_graph", "get_gazetteer"]

_ADCODE = re.compile(r"\d{6}")
# Characters a written abbreviation ends with when it still names a division
# on its own in running text (乌中旗, 克州), unlike bare short names (东河, 朝阳).
_DESIGNATION_ENDINGS = ("旗", "县", "州", "盟", "区", "市")
PINYIN_LANGUAGE = "zh-Latn-pinyin"


class Gazetteer:
    """All divisions, indexed by code, by name and by parent."""

    def __init__(self, data: GazetteerData) -> None:
        self.skipped: tuple[SkippedEntry, ...] = data.skipped
        self._by_code = {division.adcode: division for division in data.divisions}
        children: defaultdict[str, list[Division]] = defaultdict(list)
        for division in data.divisions:
            if division.parent_adcode is not None:
                children[division.parent_adcode].append(division)
        self._children = dict(children)
        self._tiers = (
            _index((d.adcode, (d.name,)) for d in data.divisions),
            _index((d.adcode, d.aliases) for d in data.divisions),
            _index((d.adcode, d.former_names) for d in data.divisions),
        )
        self._scan_names = _index((d.adcode, _text_names(d, self._tiers[1]))
                                  for d in data.divisions)

    @cached_property
    def _trie(self) -> _NameTrie:
        """Built on the first text scanned: its matcher is jionlp's, whose import (a quarter
        of a second) a server looking divisions up by code or name never needs (issue 16)."""
        return _NameTrie(self._scan_names)

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Division]:
        return iter(self._by_code.values())

    def by_code(self, adcode: str) -> Division:
        """The division with this 6-digit code."""
        try:
            return self._by_code[adcode]
        except KeyError:
            raise DivisionError(DIVISION_NOT_FOUND,
                                f"no division has the code {adcode!r}") from None

    def children(self, adcode: str) -> list[Division]:
        """The divisions directly below the one with this code, in code order."""
        self.by_code(adcode)
        return sorted(self._children.get(adcode, []), key=lambda d: d.adcode)

    def lineage(self, division: Division) -> list[Division]:
        """The division, its parent, … up to 中华人民共和国."""
        chain = [division]
        while chain[-1].parent_adcode is not None:
            chain.append(self._by_code[chain[-1].parent_adcode])
        return chain

    def is_within(self, division: Division, ancestor: Division) -> bool:
        """Whether ``ancestor`` is above ``division`` (a division is not within itself)."""
        return any(d.adcode == ancestor.adcode for d in self.lineage(division)[1:])

    def resolve(self, name_or_code: str, within: str | None = None) -> Division:
        """The one division a code, name, alias or 'parent+name' (鄂尔多斯市乌审旗) denotes.

        ``within`` (itself a code or name) keeps only divisions below it.
        Raises :class:`DivisionError` DIVISION_NOT_FOUND or DIVISION_AMBIGUOUS.
        """
        query = name_or_code.strip()
        scope = self.resolve(within) if within is not None else None
        if _ADCODE.fullmatch(query):
            found = [self.by_code(query)]
        else:
            found = self._match(query, scope) or self._match_path(query, scope)
        found = [d for d in found if scope is None or self.is_within(d, scope)]
        if len(found) == 1:
            return found[0]
        if not found:
            raise self._not_found(query, scope)
        raise self._ambiguous(query, found)

    def find_in_text(self, text: str) -> list[DivisionMention]:
        """Division names in ``text``, longest match first, left to right.

        Scanned are full and former names and the abbreviations that still
        read as a division (内蒙古, 乌中旗); bare short names (东河) and
        one-character ones (城区) are too common as words. A name several
        divisions share keeps the candidates below a division the text names
        unambiguously elsewhere (朝阳区 after 北京市), or all of them.
        """
        raw: list[tuple[int, int, list[Division]]] = []
        position = 0
        while position < len(text):
            length, name = self._trie.search(text[position: position + self._trie.depth])
            if name is None:
                position += 1
                continue
            codes = self._scan_names[name]
            raw.append((position, position + length, [self._by_code[c] for c in codes]))
            position += length
        context = list({found[0].adcode: found[0] for _, _, found in raw
                        if len(found) == 1}.values())
        return [DivisionMention(start, end, text[start:end], self._narrow(found, context))
                for start, end, found in raw]

    def _narrow(self, found: list[Division], context: list[Division]) -> tuple[Division, ...]:
        if len(found) == 1:
            return tuple(found)
        kept = [d for d in found if any(self.is_within(d, c) for c in context)]
        return tuple(kept or found)

    def _match(self, name: str, scope: Division | None) -> list[Division]:
        for tier in self._tiers:
            found = [self._by_code[code] for code in tier.get(name, ())]
            found = [d for d in found if scope is None or self.is_within(d, scope)]
            if found:
                return found
        return []

    def _match_path(self, query: str, scope: Division | None) -> list[Division]:
        """Divisions a name qualified by its parents denotes: 包头市东河区, 内蒙古乌审旗."""
        results: dict[str, Division] = {}
        for cut in range(2, len(query) - 1):
            head, tail = query[:cut], query[cut:]
            for parent in self._match(head, scope):
                for found in self._match(tail, parent) or self._match_path(tail, parent):
                    results[found.adcode] = found
        return list(results.values())

    def _describe(self, division: Division) -> str:
        parents = "，".join(d.name for d in self.lineage(division)[1:-1])
        return f"{division.adcode} {division.name}" + (f"（{parents}）" if parents else "")

    def _not_found(self, query: str, scope: Division | None) -> DivisionError:
        where = f" within {scope.adcode} {scope.name}" if scope else ""
        names = {name: codes for tier in self._tiers for name, codes in tier.items()}
        close = process.extract(query, list(names), scorer=fuzz.ratio, limit=5, score_cutoff=50)
        suggestions = dict.fromkeys(f"{self._by_code[code].name} ({code})"
                                    for name, _, _ in close for code in names[name])
        hint = None
        if suggestions:
            hint = f"Did you mean {'、'.join(list(suggestions)[:3])}? {DIVISION_NOT_FOUND.hint}"
        return DivisionError(DIVISION_NOT_FOUND, f"no division is named {query!r}{where}",
                             hint=hint)

    def _ambiguous(self, query: str, found: list[Division]) -> DivisionError:
        found = sorted(found, key=lambda d: d.adcode)
        listing = "; ".join(self._describe(d) for d in found)
        example = next((d for d in found if d.parent_adcode != NATIONAL_ADCODE), None)
        qualified = (f" or the parent too ({self._by_code[example.parent_adcode].name}"
                     f"{example.name})" if example and example.parent_adcode else "")
        return DivisionError(DIVISION_AMBIGUOUS, f"{query!r} may be any of: {listing}",
                             hint=f"Give the adcode ({found[0].adcode}){qualified}.")


def _index(pairs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, tuple[str, ...]]:
    """name → codes of the divisions bearing it, in division order."""
    index: defaultdict[str, list[str]] = defaultdict(list)
    for adcode, names in pairs:
        for name in names:
            if adcode not in index[name]:
                index[name].append(adcode)
    return {name: tuple(codes) for name, codes in index.items()}


def _text_names(division: Division, aliases: dict[str, tuple[str, ...]]) -> list[str]:
    """The names ``find_in_text`` looks for; ``aliases`` is the alias index (name → codes)."""
    names = [n for n in (division.name, *division.former_names) if len(split_name(n).specific) >= 2]
    for alias in division.aliases:
        if division.level is Level.PROVINCIAL or (
                alias.endswith(_DESIGNATION_ENDINGS) and not division.functional_zone
                and len(aliases.get(alias, ())) == 1):
            names.append(alias)
    return names


class _NameTrie:
    """Longest-match lookup of names at a text position.

    jionlp's TrieTree does the matching; this wrapper gives it types.
    """

    def __init__(self, names: Iterable[str]) -> None:
        with jionlp_quietly():
            from jionlp.gadget.trie_tree import TrieTree
        self._tree = TrieTree()
        for name in names:
            self._tree.add_node(name, name)  # the "type" is the name itself: no conflicts
        self.depth: int = self._tree.depth

    def search(self, text: str) -> tuple[int, str | None]:
        """(length, name) of the longest name ``text`` starts with, or (1, None)."""
        length, name = self._tree.search(text)
        return int(length), (str(name) if name is not None else None)


@cache
def get_gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use and shared by the whole process."""
    return Gazetteer(cached_gazetteer_data())


_ZONE_NOTES = (
    Literal("国家统计局统计用区划代码中的功能区（开发区、新区、管理区等），不是法定行政区划。",
            lang="zh"),
    Literal("A functional zone (development zone, new area, administrative area) listed only "
            "in the NBS statistical division codes; not an administrative division in law.",
            lang="en"),
)


def divisions_graph(iris: IriScheme, gazetteer: Gazetteer | None = None) -> Graph:
    """Every division as RDF: a concept of the SKOS scheme gt:Divisions with its code,
    labels (zh, pinyin), level and parent.

    The levels (gt:National …) and the scheme itself are defined by the ontology, not here.
    """
    gazetteer = gazetteer or get_gazetteer()
    graph = Graph()
    graph.bind("gt", GT)
    graph.bind("skos", SKOS)
    for division in gazetteer:
        for triple in _division_triples(division, iris):
            graph.add(triple)  # Graph.__iadd__ checks each triple first: twice as slow
    return graph


def _division_triples(division: Division, iris: IriScheme) -> Iterator[
        tuple[URIRef, URIRef, Node]]:
    node = iris.division(division.adcode)
    # A functional zone is administered at county level (its gt:level) but is no county.
    yield node, RDF.type, GT.FunctionalZone if division.functional_zone \
        else GT.AdministrativeDivision
    yield node, RDF.type, SKOS.Concept
    yield node, SKOS.inScheme, GT.Divisions
    if division.code is None:  # the nation: its key 100000 is govtrace's, no GB/T 2260 code
        yield node, SKOS.topConceptOf, GT.Divisions
        yield GT.Divisions, SKOS.hasTopConcept, node
    else:
        yield node, GT.adminCode, Literal(division.code)
        yield node, SKOS.notation, Literal(division.code, datatype=GT.GBT2260Code)
    yield node, GT.level, division.level.iri
    yield node, SKOS.prefLabel, Literal(division.name, lang="zh")
    yield node, RDFS.label, Literal(division.name, lang="zh")
    yield node, RDFS.label, Literal(division.pinyin, lang=PINYIN_LANGUAGE)
    for alias in division.aliases:
        yield node, SKOS.altLabel, Literal(alias, lang="zh")
    # Former names help searches but are no current name: SKOS's hidden label.
    for former in division.former_names:
        yield node, SKOS.hiddenLabel, Literal(former, lang="zh")
    if division.functional_zone:
        for note in _ZONE_NOTES:
            yield node, SKOS.note, note
    if division.parent_adcode is not None:
        parent = iris.division(division.parent_adcode)
        yield node, GT.withinDivision, parent
        yield node, SKOS.broader, parent
