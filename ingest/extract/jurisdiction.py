"""Which division a document governs, when its title does not say.

A person reading a report with no title finds the government speaking (县人民政府,
全区各级人民政府, 省司法厅: the *level*), then the place: the division named as the
speaker's own (《岳阳县人民政府常务会会前学法制度》, 朔城区2023年度…), the one the
body keeps naming, and the site the page was published on (yyx.gov.cn is 岳阳县:
government domains spell the division in pinyin or its initials). The clues are
weighed per division; the level the text speaks at picks among them, so the
province named in a cited regulation's title does not outvote the county whose
site published the notice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from pypinyin import Style, lazy_pinyin

from govtrace.ontology.divisions import Division, Gazetteer, Level
from govtrace.ontology.divisions_model import GENERICS

LEVEL_CUES: tuple[tuple[re.Pattern[str], Level], ...] = (
    (re.compile(r"(?:中共中央|党中央|国务院)(?:办公厅)?(?:、国务院)?(?:印发|关于|发布)"),
     Level.NATIONAL),
    (re.compile(r"(?:自治区|省)(?:人民)?政府|全省|我省|[省厅]委|省司法厅|自治区党委|全区各级人民政府"),
     Level.PROVINCIAL),
    (re.compile(r"(?<![县区旗])市(?:人民)?政府(?!各部门)|全市|我市|市司法局|(?<![县区旗])市委(?!、市政府和)"),
     Level.PREFECTURAL),
    (re.compile(r"[县旗](?:人民)?政府|全[县旗]|我[县旗]|[县旗]司法局|[县旗]委|[县旗]直|"
                r"(?<!自治)区(?:人民)?政府|我区|区司法局|(?<!自治)区委"), Level.COUNTY),
)
"""How a government speaks of itself → its level (全区 alone is a district or a region)."""

OWN_CONTEXT = re.compile(r"(?:人民政府|政府|党委|委员会|司法局|(?:19|20)\d{2}年|全面依法治)")
"""What follows a division's name when the text speaks of its own government or plan."""

_CITED = re.compile(r"《[^《》]*》|[(（][^()（）\n]{0,40}[)）]")
_ADDRESSEE_LINE = re.compile(r"^[^\n。]{2,80}[:：][ \t\u3000]*$", re.M)
ADDRESSEES: tuple[tuple[re.Pattern[str], Level], ...] = (
    (re.compile(r"各(?:苏木)?乡镇|各街道|[县旗区]直"), Level.COUNTY),
    (re.compile(r"各(?:旗)?县|各区县|各县市区|各(?:市)?辖区"), Level.PREFECTURAL),
    (re.compile(r"各(?:盟)?市|各州|各地级"), Level.PROVINCIAL),
)
"""Whom a notice addresses (各苏木乡镇人民政府，旗直各有关部门：) → the level it is issued at:
a government writes to the units one level down and to its own departments."""
DATELINE_PLACE = re.compile(r"(?:新华社|本报|中新社|人民网)$")

_DOMAIN_NOISE = frozenset({
    "www", "gov", "cn", "com", "net", "org", "m", "wap", "mobile", "sft", "sfj", "sfting",
    "zfxxgk", "xxgk", "fzb", "fzj", "sfw", "zwgk", "portal", "web", "edu", "info",
})


@dataclass(frozen=True)
class DivisionClue:
    """A division named in the text, the site's address or the file name, with how much
    that naming says the document governs it."""

    division: Division
    weight: float
    start: int | None
    end: int | None
    source: str  # 'text', 'url' or 'filename'


@dataclass(frozen=True)
class Inferred:
    division: Division
    confidence: float
    basis: str
    start: int | None
    end: int | None
    from_url: bool


def level_spoken(text: str, limit: int = 3000) -> Level | None:
    """The level the document's government speaks at, by the cues it uses most."""
    counts: dict[Level, int] = defaultdict(int)
    # a cited title or a bracketed order number speaks for its issuer (《中共中央办公厅
    # 国务院办公厅关于印发…》, (自治区人民政府令第256号)), not for the text
    window = _CITED.sub("《》", text[:limit])
    for pattern, level in LEVEL_CUES:
        counts[level] += len(pattern.findall(window))
    addressees = _ADDRESSEE_LINE.search(window, 0, 800)
    if addressees is not None:
        level_addressed = next((level for pattern, level in ADDRESSEES
                                if pattern.search(addressees.group())), None)
        if level_addressed is not None:
            counts[level_addressed] += 3
    if "全区" in window and ("自治区" in window or "内蒙古" in window or "广西" in window
                            or "西藏" in window or "宁夏" in window or "新疆" in window):
        counts[Level.PROVINCIAL] += window.count("全区")
    best = max(counts.items(), key=lambda kv: kv[1], default=None)
    if best is None or best[1] == 0:
        return None
    tied = [level for level, n in counts.items() if n == best[1]]
    return best[0] if len(tied) == 1 else None


def text_clues(gazetteer: Gazetteer, text: str) -> list[DivisionClue]:
    """Every division named in the text, weighted: its own government or plan counts more."""
    found: list[DivisionClue] = []
    for mention in gazetteer.find_in_text(text):
        division = mention.division
        if division is None:
            continue
        if DATELINE_PLACE.search(text, max(0, mention.start - 4), mention.start):
            continue  # 新华社北京12月7日电: where the news agency filed, not the document's place
        own = OWN_CONTEXT.match(text, mention.end) is not None
        found.append(DivisionClue(division, 3.0 if own else 1.0, mention.start, mention.end,
                                  "text"))
    return found


def url_clues(gazetteer: Gazetteer, url: str) -> list[DivisionClue]:
    """Divisions a government site's host name spells (tjjh.gov.cn, yyx.gov.cn,
    sft.jiangsu.gov.cn); only .gov.cn hosts and their mirrors' paths are trusted."""
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    if not host.endswith(".gov.cn"):
        return []
    index = _domain_index(gazetteer)
    found: list[DivisionClue] = []
    for label in host.split(".")[:-2]:
        if label in _DOMAIN_NOISE:
            continue
        for adcode in index.get(label, ()):
            found.append(DivisionClue(gazetteer.by_code(adcode), 4.0, None, None, "url"))
    return found


@cache
def _domain_index(gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Host labels each division's site may use: the pinyin of its name with and without
    the generic, their initials, and its parent's initials before its own."""
    keys: dict[str, set[str]] = defaultdict(set)
    for division in gazetteer:
        if division.level is Level.NATIONAL or division.functional_zone:
            continue
        parent = (gazetteer.by_code(division.parent_adcode)
                  if division.parent_adcode else None)
        for name in _names(division):
            full = "".join(lazy_pinyin(name))
            initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))
            for key in (full, initials):
                if len(key) >= 3:
                    keys[key].add(division.adcode)
            if parent is not None and parent.level is not Level.NATIONAL:
                for parent_name in _names(parent):
                    head = "".join(lazy_pinyin(parent_name, style=Style.FIRST_LETTER))
                    keys[head + initials].add(division.adcode)
    return {k: tuple(sorted(v)) for k, v in keys.items()}


def _names(division: Division) -> list[str]:
    short = division.name
    for generic in GENERICS:
        if short.endswith(generic) and len(short) > len(generic) + 1:
            short = short[: -len(generic)]
            break
    # 鄂温克族自治旗 → 鄂温克族 → 鄂温克: sites spell the people's name without 族
    bare = short[:-1] if short.endswith("族") and len(short) > 2 else short
    return list(dict.fromkeys([division.name, short, bare]))


def infer(gazetteer: Gazetteer, clues: list[DivisionClue], level: Level | None) -> Inferred | None:
    """The division the clues point to, at the spoken level when one is heard."""
    if level is Level.NATIONAL:
        nation = gazetteer.by_code("100000")
        return Inferred(nation, 0.8, "the central Party and state organs speak", None, None,
                        False)
    scores: dict[str, float] = defaultdict(float)
    first: dict[str, DivisionClue] = {}
    for item in clues:  # the text's clues come first: its span is the one kept
        scores[item.division.adcode] += item.weight
        first.setdefault(item.division.adcode, item)
    if not scores:
        return None
    candidates = list(scores)
    if level is not None:
        at_level = [c for c in candidates if gazetteer.by_code(c).level is level]
        candidates = at_level or candidates
    ranked = sorted(candidates, key=lambda c: (-scores[c], -gazetteer.by_code(c).level.rank, c))
    best = ranked[0]
    if len(ranked) > 1 and scores[ranked[1]] == scores[best] and \
            gazetteer.by_code(ranked[1]).level is gazetteer.by_code(best).level:
        return None  # lcx.gov.cn is 凉城县 or 洛川县: nothing tells which
    total = sum(scores[c] for c in candidates)
    chosen = first[best]
    from_url = all(e.source == "url" for e in clues if e.division.adcode == best)
    share = scores[best] / total if total else 0.0
    agrees = level is None or chosen.division.level is level
    confidence = round(min(0.95, 0.4 + 0.4 * share + (0.15 if agrees and level else 0.0)), 2)
    sources = sorted({e.source for e in clues if e.division.adcode == best})
    basis = (f"named {sum(1 for e in clues if e.division.adcode == best)}× "
             f"({'+'.join(sources)}), speaking at {level.value if level else 'an unknown'} level")
    return Inferred(chosen.division, confidence, basis, chosen.start, chosen.end, from_url)
