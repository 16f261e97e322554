"""Near-duplicate documents (issue 12): a mirror of a seed is stored as a copy of it, its
tasks counted once, lineage unaffected; incremental builds decide as a build from scratch;
documents that only share wording stay apart."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from opencc import OpenCC
from pypinyin import Style, pinyin

from govtrace.graph.build import BuildReport, build, demo_corpus
from govtrace.graph.duplicates import (
    THRESHOLD,
    Fingerprint,
    Identity,
    choose,
    fingerprint,
    resolve,
)
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ingest.extract import extract_record
from govtrace.ingest.normalize import normalize
from govtrace.ingest.readers import read_source
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.iris import key_of
from govtrace.settings import Settings
from tests.support.demo import D000, D003, D004, seed_file

WUSHEN, REGION, DONGHE = D000, D004, D003
MIRROR = "000_mirror"
MIRROR_ID = f"{WUSHEN}-{key_of(MIRROR + '.txt', 8)}"
"""The mirror has the seed's identity (its 文号): the build gives it the seed's id with its
file name's hash (issue 18)."""
GT = "https://w3id.org/govtrace/ontology#"
DOC = "https://w3id.org/govtrace/id/doc/"
WATERMARK = "本文转载自法治政府镜像网fzzf.example.com"


def mirror_text(text: str, marks: int = 6) -> str:
    """What a mirror site serves: traditional characters, pinyin in parentheses after each
    Han character (as seed 002 arrived), and a watermark injected mid-word in long lines."""
    traditional = OpenCC("s2t").convert(text)
    readings = pinyin(text, style=Style.TONE, errors=lambda chars: [[""] for _ in chars])
    lines = "".join(f"{c}({r[0]})" if r[0] and "\u4e00" <= c <= "\u9fff" else c
                    for c, r in zip(traditional, readings, strict=True)).split("\n")
    long_lines = [i for i, line in enumerate(lines) if len(line) > 300]
    for i in random.Random(12).sample(long_lines, min(marks, len(long_lines))):
        cut = lines[i].index(")", 120) + 1  # after a character's pinyin, inside a sentence
        lines[i] = lines[i][:cut] + WATERMARK + lines[i][cut:]
    return "\n".join(lines)


def _corpus(root: Path, *doc_ids: str, mirror: bool = False) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for doc_id in doc_ids:
        shutil.copy(demo_corpus() / seed_file(doc_id), root / seed_file(doc_id))
    if mirror:
        seed = (demo_corpus() / seed_file(WUSHEN)).read_text(encoding="utf-8")
        (root / f"{MIRROR}.txt").write_text(mirror_text(seed), encoding="utf-8")
    return root


def _record(path: Path, disambiguated: bool = False) -> tuple[DocumentRecord, str, str]:
    source = read_source(path, settings=Settings())
    normalized = normalize(source.content)
    return (extract_record(source, normalized, disambiguated=disambiguated), normalized.text,
            source.content.text)


def _print(path: Path, disambiguated: bool = False) -> Fingerprint:
    return fingerprint(*_record(path, disambiguated))


class Built:
    """What a build left in the store: copies, task count, lineage links."""

    def __init__(self, settings: Settings, report: BuildReport) -> None:
        self.report = report
        store = EmbeddedStore.open(settings, read_only=True)
        try:
            self.tasks = int(str(store.query(
                f"PREFIX gt: <{GT}> SELECT (COUNT(DISTINCT ?t) AS ?n) "
                "WHERE { ?t a gt:Task }").bindings()[0]["n"]))
            self.copies = {(_id(r["c"]), _id(r["o"])) for r in store.query(
                f"PREFIX gt: <{GT}> SELECT ?c ?o WHERE {{ ?c gt:copyOf ?o }}").bindings()}
            self.links = {(_id(r["child"]), _id(r["parent"])) for r in store.query(
                f"PREFIX gt: <{GT}> SELECT ?child ?parent WHERE {{ ?child gt:implements "
                "?parent }").bindings()}
            self.ids = {Path(str(r["name"])).stem: _id(r["d"]) for r in store.query(
                f"PREFIX gt: <{GT}> SELECT ?d ?name WHERE {{ ?d gt:sourceFile/gt:fileName "
                "?name }").bindings()}
            self.copy_tasks = int(str(store.query(
                f"PREFIX gt: <{GT}> SELECT (COUNT(*) AS ?n) WHERE {{ ?d gt:copyOf ?x ; "
                "gt:hasTask ?t }").bindings()[0]["n"]))
        finally:
            store.close()


def _id(node: object) -> str:
    return str(node).removeprefix(DOC)


def _build(tmp: Path, corpus: Path, name: str = "data") -> Built:
    settings = Settings(data_dir=tmp / name, store_dir=tmp / name / "store", workers=1)
    return Built(settings, build(settings, [corpus]))


# --- detection, no store ------------------------------------------------------------------


def test_mirror_is_similar_and_the_simplified_seed_is_canonical_issue_12(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c", WUSHEN, mirror=True)
    # the mirror has the seed's identity: a build gives the second file a disambiguated id
    seed = _print(corpus / seed_file(WUSHEN))
    mirror = _print(corpus / f"{MIRROR}.txt", disambiguated=True)
    assert mirror.converted and not seed.converted
    assert mirror.length > seed.length  # the watermarks: still not "more complete"
    assert seed.similarity(mirror) >= THRESHOLD
    assert seed.identity == mirror.identity
    prints = {seed.doc_id: seed, mirror.doc_id: mirror}
    assert resolve(prints) == resolve(dict(reversed(prints.items())))
    copy = resolve(prints)[mirror.doc_id]
    assert copy.canonical == seed.doc_id and THRESHOLD <= copy.similarity <= 1


def test_shared_opening_is_not_a_copy_issue_12(tmp_path: Path) -> None:
    """A plan reusing another's first half word for word (and the same division and year:
    only the text can tell them apart) is a different document."""
    seed = (demo_corpus() / seed_file(WUSHEN)).read_text(encoding="utf-8")
    other = (demo_corpus() / seed_file(DONGHE)).read_text(encoding="utf-8")
    half = seed[: len(seed) * 3 // 5] + other[len(other) // 2:]
    (tmp_path / "a.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "b.txt").write_text(half, encoding="utf-8")
    a, b = _print(tmp_path / "a.txt"), _print(tmp_path / "b.txt")
    a, b = (_unknown(a), _unknown(b))
    assert a.similarity(b) < THRESHOLD - 0.2
    assert resolve({"a": a, "b": b}) == {}


def _unknown(fp: Fingerprint, doc_id: str | None = None) -> Fingerprint:
    from dataclasses import replace

    return replace(fp, identity=Identity(), doc_id=doc_id or fp.doc_id)


def test_identical_texts_of_different_divisions_or_years_stay_apart() -> None:
    signature = bytes(range(256)) * 4
    base = Fingerprint("a", "x", signature, 1000, 10, False, False,
                       Identity("150626", (2024, 2024)))
    for other in (Identity("150627", (2024, 2024)), Identity("150626", (2025, 2025)),
                  Identity("150626", (2024, 2024), frozenset({"乌司发〔2024〕1号"}))):
        numbered = Identity("150626", (2024, 2024), frozenset({"乌司发〔2024〕43号"}))
        first = Fingerprint("a", "x", signature, 1000, 10, False, False, numbered)
        second = Fingerprint("b", "y", signature, 1000, 10, False, False, other)
        assert resolve({"a": first, "b": second}) == {}
    # the enclosing division (a text read without its sidecar) and unknowns are compatible
    city = Fingerprint("b", "y", signature, 1000, 10, False, False, Identity("150600"))
    assert resolve({"a": base, "b": city})["b"].canonical == "a"


def test_the_nation_encloses_every_division_not_only_codes_starting_with_1() -> None:
    """Nesting follows the gazetteer: 100000 contains 广东省 (440000), whose code shares no
    prefix with it; two counties of one prefecture stay apart."""
    assert not Identity("100000").conflicts(Identity("440000"))
    assert not Identity("440000").conflicts(Identity("100000"))
    assert not Identity("150600").conflicts(Identity("150626"))
    assert Identity("150626").conflicts(Identity("150627"))


def test_choice_prefers_official_then_complete_then_simplified_then_doc_id() -> None:
    sig = bytes(1024)

    def fp(doc_id: str, *, official: bool = False, items: int = 10, length: int = 1000,
           converted: bool = False) -> Fingerprint:
        return Fingerprint(doc_id, doc_id, sig, length, items, official, converted)

    assert choose([fp("a"), fp("b", official=True, items=2)]).doc_id == "b"
    assert choose([fp("a", items=9), fp("b")]).doc_id == "b"
    assert choose([fp("a", length=800), fp("b", converted=True)]).doc_id == "b"
    assert choose([fp("a", length=1040, converted=True), fp("b")]).doc_id == "b"
    assert choose([fp("b"), fp("a")]).doc_id == "a"
    # a chain: b resembles a and c, a and c do not resemble each other; c is official
    assert {c.doc_id: c.canonical for c in _chain().values()} == {"b": "c"}


def _chain() -> dict[str, object]:
    import numpy as np

    def sig(values: list[int]) -> bytes:
        return np.array(values, dtype="<u4").tobytes()

    base = list(range(256))
    x, y = list(range(1000, 1020)), list(range(2000, 2020))
    a, b, c = base, x + base[20:], x + y + base[40:]
    prints = {"a": Fingerprint("a", "a", sig(a), 1000, 10, False, False),
              "b": Fingerprint("b", "b", sig(b), 1000, 10, False, False),
              "c": Fingerprint("c", "c", sig(c), 1000, 10, True, False)}
    assert prints["a"].similarity(prints["c"]) < THRESHOLD <= prints["a"].similarity(prints["b"])
    return dict(resolve(prints))


def test_resolution_ignores_order() -> None:
    copies = _chain()
    assert copies == _chain()


# --- builds -------------------------------------------------------------------------------

pytest_slow = pytest.mark.slow


@pytest_slow
def test_mirror_builds_as_copy_of_seed_issue_12(tmp_path: Path) -> None:
    baseline = _build(tmp_path, _corpus(tmp_path / "plain", WUSHEN, REGION), "plain")
    corpus = _corpus(tmp_path / "corpus", WUSHEN, REGION, mirror=True)
    built = _build(tmp_path, corpus)

    assert [(c.doc_id, c.canonical) for c in built.report.copies] == [(MIRROR_ID, WUSHEN)]
    assert built.report.copies[0].file.endswith(f"{MIRROR}.txt")
    assert built.report.copies[0].canonical_file.endswith(seed_file(WUSHEN))
    assert built.copies == {(MIRROR_ID, WUSHEN)}
    assert built.tasks == baseline.tasks and built.copy_tasks == 0
    assert built.links == baseline.links and built.links
    assert not any(child.startswith(MIRROR_ID) for child, _ in built.links)

    # the region's scheme changes: the copy stays a copy, nothing is counted twice
    region = corpus / seed_file(REGION)
    region.write_text(region.read_text(encoding="utf-8") + "\n附件：无\n", encoding="utf-8")
    changed = _build(tmp_path, corpus)
    assert changed.report.changes.replaced == (REGION,)
    assert changed.copies == {(MIRROR_ID, WUSHEN)} and changed.tasks == built.tasks

    # the canonical is deleted: the mirror becomes canonical, with its tasks and links
    seed = (corpus / seed_file(WUSHEN)).read_bytes()
    (corpus / seed_file(WUSHEN)).unlink()
    promoted = _build(tmp_path, corpus)
    assert promoted.copies == set() and promoted.report.copies == []
    assert promoted.tasks == baseline.tasks
    assert {p for c, p in promoted.links if c.startswith(MIRROR_ID)} == {
        p for c, p in baseline.links if c.startswith(WUSHEN)}

    # the seed comes back: it is canonical again and the mirror a copy, as from scratch
    (corpus / seed_file(WUSHEN)).write_bytes(seed)
    again = _build(tmp_path, corpus)
    scratch = _build(tmp_path, corpus, "scratch")
    assert again.copies == scratch.copies == {(MIRROR_ID, WUSHEN)}
    assert again.tasks == scratch.tasks == changed.tasks
    assert again.links == scratch.links == changed.links


@pytest_slow
def test_copy_added_later_and_next_years_plan_issue_12(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", WUSHEN, REGION)
    first = _build(tmp_path, corpus)
    # next year's plan reuses this year's wording: the same division, another year
    seed = (corpus / seed_file(WUSHEN)).read_text(encoding="utf-8")
    (corpus / "000_next_year.txt").write_text(seed.replace("2024", "2025"), encoding="utf-8")
    seed_text = (demo_corpus() / seed_file(WUSHEN)).read_text(encoding="utf-8")
    (corpus / f"{MIRROR}.txt").write_text(mirror_text(seed_text), encoding="utf-8")
    later = _build(tmp_path, corpus)
    assert later.copies == {(MIRROR_ID, WUSHEN)}
    assert [c.doc_id for c in later.report.copies] == [MIRROR_ID] and later.copy_tasks == 0
    assert later.report.changes.unchanged == tuple(sorted((WUSHEN, REGION)))
    next_id = later.ids["000_next_year"]  # another 文号: another document
    next_year = {p for c, p in later.links if c.startswith(next_id)}
    assert next_year  # linked like any plan, not merged into this year's
    assert {(c, p) for c, p in later.links if not c.startswith(next_id)} == first.links
    assert later.report.copies[0].similarity >= THRESHOLD

    # a store built before the dedupe step (no fingerprint cache): unchanged files are only
    # fingerprinted, and nothing is rewritten
    for cached in (tmp_path / "data" / "cache").glob("fingerprints-*.pickle"):
        cached.unlink()
    again = _build(tmp_path, corpus)
    assert again.copies == later.copies and again.tasks == later.tasks
    assert not again.report.changes.changed and again.links == later.links
