"""A deterministic synthetic corpus at national scale, with its ground-truth lineage.

    python bench/synthetic_corpus.py --size 1000 --seed 7 --out /tmp/corpus-1k

For divisions of jionlp's gazetteer it writes what the real corpus holds: one
implementation scheme per province (2022), and per year a work plan and a work
report for each prefecture and each county. Every text is recombined from the
seed documents: a province's scheme re-words the regional scheme (seed 004),
item by item; a city's plan takes a subset of its province's items, keeps part
of each item's sentences, re-words them and adds local units, numbers and
dates; a county's plan does the same with its city's plan (or its province's
scheme where no city sits between); a report sums up its own plan item by
item, in the past tense, with figures. A share of county tasks are local
innovations with no parent (a linker must abstain).

With ``--rewording SHARE`` (0 by default in ``generate``, 0.5 on the command line) that
share of city and county tasks is reworded beyond synonym swaps, by the operators a county
drafter uses (``rewrite``): policy terms replaced from a glossary (bench/policy_glossary.py),
clauses reordered and dropped, two upper tasks merged into one, one split over two or three
tasks, concrete local measures added; a heavy rewording keeps at most three of its parent's
clauses and is titled by the first of them, not by the parent's title. Rewording draws
from its own random stream, so a
corpus without it is the same corpus the generator wrote before rewording existed.

A share of the files carry the seeds' messiness: page furniture, a title
broken over two lines, stray spaces, traditional characters with pinyin after
each one (as seed 002), and GB18030 instead of UTF-8.

Files go to ``OUT/<province adcode>/<adcode>-<year>-<kind>.txt`` with a
``metadata.toml`` sidecar per folder (doc type, jurisdiction, year, dates) and
the ground truth to ``OUT/truth.tsv``: ``child_doc  child_item  parent_doc
parent_item  kind  difficulty`` (``parent_doc`` ``-`` for an expected abstention;
``national`` for the national outline; a merged task has one row per parent;
``difficulty`` is light, medium, heavy, merge, split, local, scheme or report).
Generation streams: one document is held at a time, plus the item texts of the plans
later documents derive from.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from govtrace.ontology.divisions import Gazetteer, get_gazetteer
from govtrace.ontology.divisions_model import Division, Level

# bench/ is no package: its scripts import their siblings by name, whether this module runs
# as a script (python bench/synthetic_corpus.py) or is imported as bench.synthetic_corpus.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from policy_glossary import substitute

SCHEME_YEAR = 2022
SIZES = {"1k": 1000, "10k": 10000, "30k": 30000}
MESSY_SHARE = 0.2
INNOVATION_PLANS = 0.6
"""Share of county plans with one local innovation (an item no upper level asked for)."""
NATIONAL = "national"
REGION_SEED = "004_"

# Synonym swaps a drafter makes when copying an upper level's wording.
SYNONYMS = (
    ("进一步", "更加"), ("加强", "强化"), ("推进", "推动"), ("完善", "健全"),
    ("严格", "切实"), ("持续", "不断"), ("全面", "深入"), ("落实", "执行"),
    ("建立健全", "健全完善"), ("依法", "依规"), ("提升", "提高"), ("规范", "严格规范"),
)
PAST = (("推进", "推进了"), ("完善", "完善了"), ("加强", "加强了"), ("开展", "开展了"),
        ("落实", "落实了"), ("建立", "建立了"))
AGENCIES = ("司法局", "发展和改革委员会", "市场监督管理局", "财政局", "人力资源和社会保障局",
            "生态环境局", "应急管理局", "政务服务局", "自然资源局", "公安局")
MEASURES = (("督查检查", "次"), ("整改问题", "个"), ("工作调度", "次"), ("专项督办", "件"))
"""Topic-neutral measures: a figure must not tie an item to another item's topic."""
LOCAL_MARKS = ("牵头", "不少于", "先行试点", "工作台账", "考核分值")
"""Sentences a level adds for itself; the next level down writes its own instead."""
INNOVATIONS = (
    ("打造“枫桥式”司法所示范点", "选取{n}个乡镇开展“枫桥式”司法所创建，配齐人民调解员，"
     "建立矛盾纠纷多元化解台账，实行周排查、月研判、季通报。"),
    ("建设智慧普法驿站", "在{place}图书馆、文化广场布设{n}个智慧普法驿站，接入普法云平台，"
     "提供民法典查询、法律援助预约和在线调解服务。"),
    ("开展“法律明白人”骨干培养工程", "每个行政村培养{n}名法律明白人骨干，建立积分考评档案，"
     "参与村规民约修订和婚丧事宜调处。"),
    ("推行企业合规第三方监督评估", "会同检察机关建立涉案企业合规第三方监督评估机制，"
     "组建{n}人专家库，对涉案企业合规整改开展跟踪回访。"),
)
LOCAL_MEASURES = ("在{place}选取{n}个乡镇先行试点，年底前总结推广。",
                  "建立{place}工作台账，实行月调度、季通报。",
                  "将完成情况纳入{place}年度考核，考核分值不低于{n}分。")
"""Concrete local measures a reworded task adds; topic-neutral, like ``MEASURES``, and
marked (``LOCAL_MARKS``) so the next level down does not inherit them."""
REWORDINGS = (("medium", 0.35), ("heavy", 0.3), ("merge", 0.15), ("split", 0.2))
"""How a reworded task is reworded, with its weight."""
FURNITURE_TOP = ("您当前位置：首页 > 政务公开 > 法治政府建设\n【字体：大 中 小】 打印本页\n"
                 "浏览次数：{n}\n")
FURNITURE_BOTTOM = "\n【打印】\n【关闭】\n返回顶部\n"
_SENTENCE = re.compile(r"(?<=[。；])")
_CLAUSE = re.compile(r"[，,；;。]")
_TARGET = re.compile(r"全年(\w+?)不少于\d+(\w+?)。")


@dataclass(frozen=True)
class Item:
    """A numbered task: its text and where it comes from (the ground truth)."""

    title: str
    body: str
    section: str
    parents: tuple[tuple[str, str], ...]
    """(parent doc id, parent item number) of each parent; none for a local innovation."""
    difficulty: str = "light"
    """How it rewords its parent(s): the truth file's ``difficulty`` column."""


@dataclass(frozen=True)
class Style:
    """A rewording operator chain: glossary terms swapped, clauses dropped and reordered."""

    difficulty: str
    terms: float
    """Share of glossary terms replaced."""
    drop: float
    """Share of clauses dropped (at least one per sentence stays)."""
    shuffle: bool
    """Clauses within a sentence, and the sentences, reordered."""
    most: int | None = None
    """At most this many of the parent's sentences kept (a heavy rewording says less)."""
    clauses: int | None = None
    """At most this many clauses kept in all: a heavy rewording keeps two or three of the
    parent's points and says the rest in its own words (the concrete local measures)."""
    retitle: bool = False
    """The task titled by what its first kept clause does, not by the parent's title (as
    the hand-written heavy rewordings are: 给各类企业吃下定心丸 for 优化法治化营商环境)."""


STYLES = {"medium": Style("medium", 0.5, 0.2, True),
          "heavy": Style("heavy", 1.0, 0.5, True, most=2, clauses=3, retitle=True)}


@dataclass
class Doc:
    doc_id: str
    folder: str
    kind: str
    division: Division
    year: int
    title: str
    written: str
    items: list[Item] = field(default_factory=list)
    reports_on: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class World:
    """What later documents derive from: each plan's items by doc id (texts only)."""

    gazetteer: Gazetteer
    rng: random.Random
    region: list[tuple[str, str, str, str]]
    """Seed 004's items: (title, body, section title, national item)."""
    plans: dict[str, list[Item]] = field(default_factory=dict)
    rewording: float = 0.0
    """Share of city and county tasks reworded beyond synonym swaps."""
    wrng: random.Random = field(default_factory=random.Random)
    """Rewording's own random stream: the rest of the corpus does not depend on it."""


def seed_region_items() -> list[tuple[str, str, str, str]]:
    """Seed 004's items with the national item each implements (from the seed gold)."""
    from govtrace.graph.lineage.gold import load_gold
    from govtrace.graph.lineage.seeds import seed_records
    from govtrace.settings import Settings

    record = next(r for r in seed_records(Settings()) if r.source.file_name.startswith(REGION_SEED))
    national = {row.item: min(row.expected) for row in load_gold()
                if row.child == REGION_SEED[:-1] and row.parent == NATIONAL and row.expected}
    sections = {s.ordinal: s.title for s in record.sections}
    return [(t.title, t.body, sections.get(t.section, "总体要求"), national[str(t.number)])
            for t in record.tasks if str(t.number) in national]


def localize(text: str, division: Division, province: Division) -> str:
    """The regional seed's place words as they read in another province."""
    text = text.replace("内蒙古自治区", province.name).replace("内蒙古", province.name)
    if province.adcode.startswith("15"):
        return text
    upper = "市" if province.name.endswith("市") else "省"
    for old, new in (("自治区", upper), ("盟市", "市"), ("旗县（市、区）", "县（市、区）"),
                     ("旗县", "县区"), ("苏木乡镇", "乡镇"), ("苏木镇", "乡镇"), ("嘎查村", "村")):
        text = text.replace(old, new)
    del division
    return text


def reword(text: str, rng: random.Random, share: float = 0.5) -> str:
    for old, new in SYNONYMS:
        if old in text and rng.random() < share:
            text = text.replace(old, new, 1)
    return text


def sentences(body: str) -> list[str]:
    return [s for s in _SENTENCE.split(body) if s.strip()]


@dataclass(frozen=True)
class Draft:
    """A lower level's version of one parent before the operators: title, the parent's
    kept text, and the sentences the level adds for itself (lead unit, deadline, target)."""

    title: str
    text: str
    local: str


def draft(parent: Item, division: Division, year: int, rng: random.Random) -> Draft:
    """Part of ``parent``'s sentences, synonyms swapped, plus local units, dates, targets."""
    inherited = [s for s in sentences(parent.body) if not any(m in s for m in LOCAL_MARKS)]
    kept = [s for s in inherited if rng.random() < 0.7] or inherited[:1]
    lead = rng.choice(AGENCIES)
    month = rng.randint(6, 12)
    local = (f"由{division.name}{lead}牵头，各有关部门按职责分工负责，"
             f"{year}年{month}月底前完成。")
    if rng.random() < 0.4:
        measure, unit = rng.choice(MEASURES)
        local += f"全年{measure}不少于{rng.randint(5, 300)}{unit}。"
    text = reword("".join(kept), rng)
    return Draft(reword(parent.title, rng, 0.3), text, local)


def derive(parent: Item, ref: tuple[str, str], division: Division, year: int,
           rng: random.Random) -> Item:
    """A lower level's version of ``parent``: part of its sentences, re-worded, localized."""
    d = draft(parent, division, year, rng)
    return Item(d.title, d.text + d.local, parent.section, (ref,))


def rewrite(text: str, style: Style, rng: random.Random) -> str:
    """``text`` as a drafter rewords it: clauses dropped and reordered, terms replaced."""
    out = []
    kept_sentences = sentences(text)
    if style.most is not None and len(kept_sentences) > style.most:
        kept_sentences = rng.sample(kept_sentences, style.most)
    for sentence in kept_sentences:
        clauses = [c for c in _CLAUSE.split(sentence) if c.strip()]
        kept = [c for c in clauses if rng.random() >= style.drop] or clauses[:1]
        if style.shuffle:
            rng.shuffle(kept)
        out.append(kept)
    if style.shuffle:
        rng.shuffle(out)
    if style.clauses is not None:
        out = _at_most(out, style.clauses)
    return substitute("".join("，".join(kept) + "。" for kept in out), rng, style.terms)


def _at_most(sentences_: list[list[str]], clauses: int) -> list[list[str]]:
    """The first ``clauses`` clauses of the sentences, the sentences they fall in kept."""
    out, left = [], clauses
    for kept in sentences_:
        if left <= 0:
            break
        out.append(kept[:left])
        left -= len(out[-1])
    return out


def concrete(division: Division, rng: random.Random) -> str:
    return rng.choice(LOCAL_MEASURES).format(place=division.name, n=rng.randint(2, 20))


def reworded(parents: list[tuple[Item, tuple[str, str]]], division: Division, year: int,
             world: World, difficulty: str) -> list[Item]:
    """The tasks a lower level makes of ``parents`` (two for a merge, else one) when it
    rewords them: ``difficulty`` is medium, heavy, merge or split."""
    rng, wrng = world.rng, world.wrng
    drafts = [draft(parent, division, year, rng) for parent, _ in parents]
    refs = tuple(ref for _, ref in parents)
    section = parents[0][0].section
    style = STYLES["heavy" if difficulty == "heavy" else "medium"]
    if difficulty == "merge":
        first, second = drafts
        title = first.title if wrng.random() < 0.5 else f"{first.title}与{second.title}"
        body = rewrite(first.text + second.text, style, wrng) + concrete(division, wrng)
        return [Item(substitute(title, wrng, style.terms), body + first.local, section, refs,
                     "merge")]
    (only,) = drafts
    parts = sentences(only.text)
    if difficulty == "split" and len(parts) >= 2:
        count = min(len(parts), wrng.randint(2, 3))
        cuts = sorted(wrng.sample(range(1, len(parts)), count - 1))
        groups = [parts[a:b] for a, b in zip([0, *cuts], [*cuts, len(parts)], strict=True)]
        return [Item(_part_title(only.title, group, n), rewrite("".join(group), style, wrng)
                     + concrete(division, wrng) + only.local, section, refs, "split")
                for n, group in enumerate(groups)]
    if difficulty == "split":
        difficulty = "medium"
    reworded_text = rewrite(only.text, style, wrng)
    title = (_titled_by(reworded_text) if style.retitle
             else substitute(only.title, wrng, style.terms))
    return [Item(title, reworded_text + concrete(division, wrng) + only.local, section, refs,
                 difficulty)]


def _part_title(title: str, group: list[str], n: int) -> str:
    """The first part keeps the parent's title; the others are titled by their first
    clause, as a drafter names a task after what it does."""
    return title if n == 0 else _titled_by(group[0])


def _titled_by(text: str) -> str:
    """A title naming what the text's first clause does."""
    clause = next((c for c in _CLAUSE.split(text) if len(c) >= 4), text)
    return clause[:16]


def innovation(division: Division, rng: random.Random) -> Item:
    title, body = rng.choice(INNOVATIONS)
    return Item(title, body.format(n=rng.randint(2, 30), place=division.name), "其他工作", (),
                "local")


def scheme(world: World, province: Division) -> Doc:
    rng = world.rng
    doc = Doc(f"{province.adcode}-{SCHEME_YEAR}-scheme", province.adcode, "ImplementationScheme",
              province, SCHEME_YEAR,
              f"{province.name}贯彻《法治政府建设实施纲要（2021—2025年）》实施方案",
              f"{SCHEME_YEAR}-0{rng.randint(3, 8)}-{rng.randint(10, 28)}")
    for title, body, section, item in world.region:
        text = localize(body, province, province)
        doc.items.append(Item(reword(title, rng, 0.2), reword(text, rng, 0.3), section,
                              ((NATIONAL, item),), "scheme"))
    world.plans[doc.doc_id] = doc.items
    return doc


def plan(world: World, division: Division, province: Division, year: int,
         parent_id: str, month: int) -> Doc:
    """A city's or county's yearly plan, derived from ``parent_id``'s items."""
    rng = world.rng
    parents = world.plans[parent_id]
    count = min(len(parents), rng.randint(8, 16))
    chosen = sorted(rng.sample(range(len(parents)), count))
    doc = Doc(f"{division.adcode}-{year}-plan", province.adcode, "WorkPlan", division, year,
              f"{division.name}{year}年法治政府建设工作计划",
              f"{year}-{month:02d}-{rng.randint(10, 28)}")
    picks = [(index, _difficulty(world)) for index in chosen]
    while picks:
        (index, difficulty), picks = picks[0], picks[1:]
        ref = (parent_id, str(index + 1))
        if difficulty == "light":
            items = [derive(parents[index], ref, division, year, rng)]
        else:
            merged = []
            if difficulty == "merge" and picks:
                (other, _), picks = picks[0], picks[1:]
                merged = [(parents[other], (parent_id, str(other + 1)))]
            elif difficulty == "merge":  # the plan's last task has no neighbour to merge
                difficulty = "medium"
            items = reworded([(parents[index], ref), *merged], division, year, world,
                             difficulty)
        doc.items += [Item(localize(item.title, division, province),
                           localize(item.body, division, province), item.section,
                           item.parents, item.difficulty) for item in items]
    if division.level is Level.COUNTY and rng.random() < INNOVATION_PLANS:
        doc.items.append(innovation(division, rng))
    world.plans[doc.doc_id] = doc.items
    return doc


def _difficulty(world: World) -> str:
    """light, or with probability ``world.rewording`` one of ``REWORDINGS``."""
    if world.rewording <= 0 or world.wrng.random() >= world.rewording:
        return "light"
    names = [name for name, _ in REWORDINGS]
    return world.wrng.choices(names, [weight for _, weight in REWORDINGS])[0]


def report(world: World, plan_doc: Doc, province: Division) -> Doc:
    """The year's report on ``plan_doc``: one item per plan item, in the past tense."""
    rng = world.rng
    division, year = plan_doc.division, plan_doc.year
    doc = Doc(f"{division.adcode}-{year}-report", province.adcode, "WorkReport", division, year,
              f"{division.name}{year}年法治政府建设工作报告",
              f"{year + 1}-0{rng.randint(1, 3)}-{rng.randint(10, 28)}")
    for number, item in enumerate(plan_doc.items, 1):
        said = [s for s in sentences(item.body) if "牵头" not in s][:3] or [item.title]
        body = "".join(reword(_past(s), rng, 0.3) for s in said)
        target = _TARGET.search(item.body)
        if target:  # the figure answers the plan item's own target
            body += f"全年完成{target[1]}{rng.randint(3, 500)}{target[2]}。"
        doc.items.append(Item(item.title, body, "", ((plan_doc.doc_id, str(number)),),
                              "report"))
    return doc


def _past(sentence: str) -> str:
    for old, new in PAST:
        if old in sentence:
            return sentence.replace(old, new, 1)
    return sentence


def render(doc: Doc) -> str:
    """The document as a government web page would carry it."""
    if doc.kind == "WorkReport":
        lines = [doc.title, "",
                 f"现将{doc.division.name}{doc.year}年度法治政府建设工作情况报告如下：",
                 "一、主要工作开展情况"]
        lines += [f"（{_cn(n)}）{it.title}。{it.body}" for n, it in enumerate(doc.items, 1)]
        lines += ["二、存在的问题和下一步打算",
                  "下一步，我们将坚持以习近平法治思想为指导，补齐短板弱项，"
                  "推动法治政府建设再上新台阶。"]
        return "\n".join(lines) + "\n"
    lines = [doc.title, "",
             f"为深入推进依法行政，全面建设法治政府，结合{doc.division.name}实际，"
             f"制定本{_noun(doc)}。", ""]
    section, sections = None, 0
    for number, item in enumerate(doc.items, 1):
        if item.section != section:
            section, sections = item.section, sections + 1
            lines += [f"{_cn(sections)}、{section}", ""]
        lines += [f"（{_cn(number)}）{item.title}。{item.body}", ""]
    return "\n".join(lines)


def _noun(doc: Doc) -> str:
    return "方案" if doc.kind == "ImplementationScheme" else "计划"


_DIGITS = "零一二三四五六七八九"


def _cn(n: int) -> str:
    """Chinese numerals up to 99, as documents number their items."""
    tens, ones = divmod(n, 10)
    if not tens:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def messy(text: str, title: str, rng: random.Random) -> tuple[str, str, str]:
    """One of the seeds' kinds of mess, picked by ``rng``: (text, encoding, which)."""
    kind = rng.choice(("furniture", "broken-title", "stray-spaces", "pinyin", "gb18030"))
    if kind == "furniture":
        page = FURNITURE_TOP.format(n=rng.randint(10, 9999)) + text + FURNITURE_BOTTOM
        return page, "utf-8", kind
    if kind == "broken-title":
        cut = len(title) // 2
        return text.replace(title, f"{title[:cut]}\n\n{title[cut:]}", 1), "utf-8", kind
    if kind == "stray-spaces":
        chars = list(text)
        for _ in range(6):
            at = rng.randrange(len(title) + 1, len(chars))
            if "\u4e00" <= chars[at] <= "\u9fff" and "\u4e00" <= chars[at - 1] <= "\u9fff":
                chars[at] = " " + chars[at]
        return "".join(chars), "utf-8", kind
    if kind == "pinyin":
        return _traditional_with_pinyin(text), "utf-8", kind
    return text, "gb18030", kind


def _traditional_with_pinyin(text: str) -> str:
    from opencc import OpenCC
    from pypinyin import Style, pinyin

    traditional = OpenCC("s2t").convert(text)
    readings = pinyin(text, style=Style.TONE, errors=lambda chars: [[""] for _ in chars])
    out = []
    for char, reading in zip(traditional, readings, strict=True):
        out.append(f"{char}({reading[0]})" if reading[0] and "\u4e00" <= char <= "\u9fff"
                   else char)
    return "".join(out)


def corpus(world: World, size: int) -> Iterator[Doc]:
    """Documents in an order where every parent precedes its children, ``size`` in all."""
    gazetteer, rng = world.gazetteer, world.rng
    counties = sorted((d for d in gazetteer if d.level is Level.COUNTY and not d.functional_zone),
                      key=lambda d: d.adcode)
    rng.shuffle(counties)
    years = _years(size, len(counties))
    made: set[str] = set()
    emitted = 0
    for county in counties:
        line = gazetteer.lineage(county)
        province, city = line[-2], (line[1] if line[1].level is Level.PREFECTURAL else None)
        for doc in _division_docs(world, county, city, province, years, made):
            yield doc
            emitted += 1
            if emitted >= size:
                return


def _years(size: int, counties: int) -> list[int]:
    """Enough years that the counties hold ``size`` documents (two per county and year)."""
    per_year = 2 * counties
    return list(range(2023, 2023 + min(5, max(1, -(-size // per_year)))))


def _division_docs(world: World, county: Division, city: Division | None, province: Division,
                   years: list[int], made: set[str]) -> Iterator[Doc]:
    scheme_id = f"{province.adcode}-{SCHEME_YEAR}-scheme"
    if scheme_id not in made:
        made.add(scheme_id)
        yield scheme(world, province)
    for year in years:
        parent = scheme_id
        if city is not None:
            parent = f"{city.adcode}-{year}-plan"
            if parent not in made:
                made.add(parent)
                city_plan = plan(world, city, province, year, scheme_id, month=3)
                yield city_plan
                yield report(world, city_plan, province)
        county_plan = plan(world, county, province, year, parent, month=5)
        yield county_plan
        yield report(world, county_plan, province)
        del world.plans[county_plan.doc_id]  # no document derives from a county's plan


def write(doc: Doc, out: Path, rng: random.Random) -> str:
    """Write one document; returns its entry for the folder's metadata.toml."""
    folder = out / doc.folder
    folder.mkdir(parents=True, exist_ok=True)
    text, encoding, mess = render(doc), "utf-8", "clean"
    if rng.random() < MESSY_SHARE:
        text, encoding, mess = messy(text, doc.title, rng)
    (folder / f"{doc.doc_id}.txt").write_bytes(text.encode(encoding))
    dated = "published" if doc.kind == "WorkReport" else "written"
    return (f'[files."{doc.doc_id}"]\ndoc_type = "{doc.kind}"\n'
            f'jurisdiction = "{doc.division.adcode}"\n'
            f"covers_year = {doc.year if doc.kind != 'ImplementationScheme' else 2025}\n"
            f"{dated} = {doc.written}\nnotes = \"synthetic; {mess}\"\n\n")


def truth_rows(doc: Doc) -> Iterator[str]:
    kind = "reportsOn" if doc.kind == "WorkReport" else "implements"
    for number, item in enumerate(doc.items, 1):
        label = f"1.{number}" if doc.kind == "WorkReport" else str(number)
        for parent_doc, parent_item in item.parents or (("-", "-"),):
            yield (f"{doc.doc_id}\t{label}\t{parent_doc}\t{parent_item}\t{kind}\t"
                   f"{item.difficulty}\n")


def generate(size: int, seed: int, out: Path, rewording: float = 0.0) -> int:
    """Write a corpus of ``size`` documents to ``out``, ``rewording`` of its city and county
    tasks reworded by the operators; returns the count written."""
    rng = random.Random(seed)
    world = World(get_gazetteer(), rng, seed_region_items(), rewording=rewording,
                  wrng=random.Random(f"rewording-{seed}"))
    out.mkdir(parents=True, exist_ok=True)
    sidecars: dict[str, list[str]] = {}
    count = 0
    with (out / "truth.tsv").open("w", encoding="utf-8") as truth:
        truth.write("child_doc\tchild_item\tparent_doc\tparent_item\tkind\tdifficulty\n")
        for doc in corpus(world, size):
            sidecars.setdefault(doc.folder, []).append(write(doc, out, rng))
            truth.writelines(truth_rows(doc))
            count += 1
    for folder, entries in sidecars.items():
        (out / folder / "metadata.toml").write_text("schema = 1\n\n" + "".join(entries),
                                                   encoding="utf-8")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1k", help="documents: 1k, 10k, 30k or a number")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rewording", type=float, default=0.5,
                        help="share of city and county tasks reworded beyond synonym swaps "
                             "(0: copies only, as the generator wrote before)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    size = SIZES.get(args.size) or int(args.size)
    count = generate(size, args.seed, args.out, args.rewording)
    print(f"{count} documents written to {args.out}")


if __name__ == "__main__":
    main()
