"""One IRI per work (issue 18): cited works reconciled with the corpus and each other."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govtrace.graph.build import build, demo_corpus
from govtrace.settings import Settings
from tests.support.demo import build_demo, store_rows

GT = "https://w3id.org/govtrace/ontology#"
PREFIXES = (f"PREFIX gt: <{GT}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            f"PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
ID = "https://w3id.org/govtrace/id/"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return build_demo(tmp_path_factory.mktemp("works-demo"))


def _rows(settings: Settings, query: str) -> list[dict[str, str]]:
    return store_rows(settings, PREFIXES + query)


def test_no_corpus_document_is_also_a_cited_work_issue_18(demo: Settings) -> None:
    """The national outline and the provincial scheme, cited by the plans, are their own
    doc/ IRIs: no regulation/ IRI has a corpus document's label."""
    doubles = _rows(demo, f"""SELECT ?doc ?work WHERE {{
        ?doc skos:prefLabel ?label . ?work skos:prefLabel ?label2
        FILTER (STR(?label) = STR(?label2))
        FILTER (STRSTARTS(STR(?doc), "{ID}doc/") && STRSTARTS(STR(?work), "{ID}regulation/"))
    }}""")
    assert doubles == []
    cited = {row["work"] for row in _rows(demo, "SELECT DISTINCT ?work WHERE "
                                                "{ ?c gt:citedWork ?work }")}
    assert f"{ID}doc/national-outline-2021-2025" in cited
    scheme = _rows(demo, """SELECT ?doc WHERE { ?doc a gt:ImplementationScheme ;
        skos:prefLabel ?l FILTER (CONTAINS(STR(?l), "内蒙古自治区贯彻")) }""")
    assert {row["doc"] for row in scheme} <= cited


def test_a_cited_rule_has_one_rank_issue_18(demo: Settings) -> None:
    """Every work has one legal rank, whoever cites it and however."""
    ranks = _rows(demo, """SELECT ?work (COUNT(DISTINCT ?rank) AS ?n) WHERE {
        ?work gt:legalRank ?rank } GROUP BY ?work HAVING (COUNT(DISTINCT ?rank) > 1)""")
    assert ranks == []
    rule = _rows(demo, """SELECT DISTINCT ?work ?rank WHERE { ?work gt:orderNumber
        "内蒙古自治区人民政府令第262号" ; gt:legalRank ?rank }""")
    assert [row["rank"] for row in rule] == [f"{GT}RankGovernmentRule"]


PLAN = """{place}2024年法治政府建设工作计划
一、加强制度建设
（一）{cites}
（二）加强行政执法队伍建设，全面落实行政执法责任制。
"""


def _plan(folder: Path, place: str, cites: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{place}.txt").write_text(PLAN.format(place=place, cites=cites),
                                        encoding="utf-8")


CITATIONS = "SELECT ?c ?work WHERE { ?c gt:citedWork ?work }"


def test_a_bare_title_is_the_one_numbered_rule_of_that_title_issue_18(tmp_path: Path) -> None:
    """《某某办法》 cited bare is the rule cited elsewhere as 《某某办法》（…令第262号）, while the
    corpus knows one order number for it; when a document cites 第263号 too, the bare title
    is its own work again, and the incremental build ends where a fresh build ends."""
    corpus = tmp_path / "corpus"
    numbered = "贯彻落实《某某行政执法办法》（内蒙古自治区人民政府令第262号）。"
    _plan(corpus, "乌审旗", numbered)
    _plan(corpus, "杭锦旗", "贯彻落实《某某行政执法办法》。")
    settings = Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store", workers=1)
    build(settings, [corpus])
    works = {row["work"] for row in _rows(settings, CITATIONS)}
    assert len(works) == 1

    _plan(corpus, "鄂托克旗", "贯彻落实《某某行政执法办法》（内蒙古自治区人民政府令第263号）。")
    build(settings, [corpus])
    works = {row["work"] for row in _rows(settings, CITATIONS)}
    assert len(works) == 3
    fresh = Settings(data_dir=tmp_path / "fresh", store_dir=tmp_path / "fresh-store", workers=1)
    build(fresh, [corpus])
    assert sorted(_rows(fresh, CITATIONS), key=str) == sorted(_rows(settings, CITATIONS), key=str)


def test_one_document_in_two_files_is_one_document_and_a_copy_issue_18(tmp_path: Path) -> None:
    """The same seed twice (another name, another encoding) has one identity: the first
    file keeps the id, the second gets it with its file name's hash (recorded in
    gt:identityBasis) and is stored as a copy of the first."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = demo_corpus() / "000_6b53b361d8411ab5.txt"
    shutil.copy(seed, corpus / "a.txt")
    (corpus / "b.txt").write_bytes(seed.read_text(encoding="utf-8").encode("gb18030"))
    settings = Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store", workers=1)
    report = build(settings, [corpus])
    assert not report.failures
    (copy,) = report.copies
    assert copy.doc_id.startswith(copy.canonical + "-")
    assert Path(copy.file).name == "b.txt"
    basis = _rows(settings, f"SELECT ?b WHERE {{ <{ID}doc/{copy.doc_id}> gt:identityBasis ?b }}")
    assert [row["b"] for row in basis] == ["documentNumber+fileName"]
    again = build(settings, [corpus])
    assert sorted(again.changes.unchanged) == sorted([copy.doc_id, copy.canonical])
