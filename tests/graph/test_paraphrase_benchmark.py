"""The paraphrase benchmark (bench/paraphrase/dev and test, issue 17): hand-written plans and
reports that reword the Inner Mongolia scheme (seed 004), with gold lineage per difficulty.

The sets must parse, their gold must point at real items, both sets must cover every
difficulty in disjoint divisions, and no task may copy the scheme: a benchmark that copies
would measure nothing the seeds do not already measure.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from govtrace.errors import LineageError
from govtrace.graph.lineage.corpus import CorpusIndex, DocView
from govtrace.graph.lineage.evaluate import doc_id_of
from govtrace.graph.lineage.gold import GoldRow, load_gold
from govtrace.graph.lineage.seeds import demo_dir, seed_records
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.divisions import Gazetteer
from govtrace.ontology.divisions_model import Level
from govtrace.settings import Settings

SETS = Path(__file__).resolve().parents[2] / "bench" / "paraphrase"
NAMES = ("dev", "test")
DIFFICULTIES = {"light", "medium", "heavy", "merge", "split", "local", "report"}
COPY_RUN = 12
"""The shortest run of characters shared with seed 004 that counts as copying."""
SCHEME_ISSUED = date(2022, 9, 12)
INNER_MONGOLIA = "15"


@pytest.fixture(scope="module")
def sets() -> dict[str, list[DocumentRecord]]:
    out = {}
    for name in NAMES:
        batch = ingest_paths([SETS / name], settings=Settings(), extract=extract_record)
        assert not batch.failures, batch.failures
        out[name] = batch.records
    return out


@pytest.fixture(scope="module")
def seeds() -> list[DocumentRecord]:
    return seed_records(Settings())


def _gold(name: str) -> list[GoldRow]:
    return load_gold(SETS / name / "gold.tsv")


def _views(index: CorpusIndex, records: list[DocumentRecord]) -> list[DocView]:
    return [index[r.source.doc_id] for r in records]


@pytest.mark.parametrize("name", NAMES)
def test_paraphrase_sets_parse_into_league_and_county_plans_and_a_report_issue_17(
        name: str, sets: dict[str, list[DocumentRecord]], seeds: list[DocumentRecord],
        gazetteer: Gazetteer) -> None:
    index = CorpusIndex(gazetteer, [*seeds, *sets[name]])
    levels: list[Level] = []
    for view in _views(index, sets[name]):
        assert view.adcode and view.adcode.startswith(INNER_MONGOLIA), view.doc_id
        division = gazetteer.by_code(view.adcode)
        record = view.record
        if view.is_report:
            assert record.published and record.covers
            assert record.published.value.year > record.covers.last, view.doc_id
            continue
        assert view.is_plan and len(view.units) >= 25, (view.doc_id, len(view.units))
        assert view.date and view.date > SCHEME_ISSUED, view.doc_id
        levels.append(division.level)
    assert levels.count(Level.COUNTY) >= 2 and levels.count(Level.PREFECTURAL) >= 1
    assert sum(v.is_report for v in _views(index, sets[name])) >= 1


@pytest.mark.parametrize("name", NAMES)
def test_paraphrase_gold_names_existing_items_and_every_difficulty_issue_17(
        name: str, sets: dict[str, list[DocumentRecord]], seeds: list[DocumentRecord],
        gazetteer: Gazetteer) -> None:
    index = CorpusIndex(gazetteer, [*seeds, *sets[name]])
    labels = {v.doc_id: {u.label for u in v.units} for v in index.views}
    gold = _gold(name)
    for row in gold:
        where = f"{name} gold {row.child}:{row.item}"
        child = doc_id_of(row.child, index)
        assert child in {r.source.doc_id for r in sets[name]}, where
        assert row.item in labels[child], where
        parent = doc_id_of(row.parent, index)
        assert (row.expected | row.acceptable) <= labels[parent], where
        assert row.must_abstain == (row.difficulty == "local") or row.difficulty == "report"
        assert (row.kind.value == "reportsOn") == (row.difficulty == "report"), where
    assert {row.difficulty for row in gold} == DIFFICULTIES
    merges = [row for row in gold if row.difficulty == "merge"]
    assert all(len(row.expected) >= 2 for row in merges)
    assert any("和" not in _title(index, row) for row in merges), "every merge is titled with 和"
    split_parents = [(row.child, *row.expected) for row in gold if row.difficulty == "split"]
    assert all(split_parents.count(p) >= 2 for p in split_parents), "a split with one part"


def _title(index: CorpusIndex, row: GoldRow) -> str:
    view = index[doc_id_of(row.child, index)]
    return next(u.title for u in view.units if u.label == row.item)


def test_paraphrase_sets_share_no_division_issue_17(
        sets: dict[str, list[DocumentRecord]], seeds: list[DocumentRecord]) -> None:
    def divisions(records: list[DocumentRecord]) -> set[str]:
        return {r.jurisdiction.adcode for r in records if r.jurisdiction}

    dev, test = divisions(sets["dev"]), divisions(sets["test"])
    assert dev and test and not dev & test
    assert not (dev | test) & (divisions(seeds) - {"150000", "100000"})


def _plain(text: str) -> str:
    """Text as compared for copying: NFKC (the ingest normalizes punctuation), no
    whitespace, cited titles 《…》 dropped (a plan names the regulation it applies verbatim)."""
    out, depth = [], 0
    for char in unicodedata.normalize("NFKC", text):
        depth += char == "《"
        if not depth and not char.isspace():
            out.append(char)
        depth -= char == "》" and depth > 0
    return "".join(out)


def _runs(text: str) -> set[str]:
    return {text[i:i + COPY_RUN] for i in range(len(text) - COPY_RUN + 1)}


@pytest.mark.parametrize("name", NAMES)
def test_no_paraphrase_item_copies_a_run_of_the_scheme_issue_17(
        name: str, sets: dict[str, list[DocumentRecord]], seeds: list[DocumentRecord],
        gazetteer: Gazetteer) -> None:
    scheme = _runs(_plain(next(demo_dir().glob("004_*.txt")).read_text(encoding="utf-8")))
    index = CorpusIndex(gazetteer, [*seeds, *sets[name]])
    copied = [f"{view.doc_id}:{unit.label} {sorted(_runs(_plain(part)) & scheme)[0]}"
              for view in _views(index, sets[name]) for unit in view.units
              for part in (unit.title, unit.body) if _runs(_plain(part)) & scheme]
    assert not copied, copied


def test_gold_reads_the_difficulty_column_issue_17(tmp_path: Path) -> None:
    assert {row.difficulty for row in load_gold()} == {""}
    assert {row.difficulty for row in _gold("dev")} == DIFFICULTIES
    lines = (SETS / "dev" / "gold.tsv").read_text(encoding="utf-8").splitlines()
    header = next(n for n, line in enumerate(lines) if line.startswith("child\t"))
    broken = tmp_path / "gold.tsv"
    broken.write_text("\n".join([*lines[:header + 2], lines[header + 2].rsplit("\t", 1)[0]])
                      + "\n", encoding="utf-8")
    with pytest.raises(LineageError, match="7 fields instead of 8"):
        load_gold(broken)
