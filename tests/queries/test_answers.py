"""The answers over the demo store, asked in-process (the HTTP API asks the same object)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govtrace.errors import QueryError
from govtrace.graph.build import build
from govtrace.ontology.iris import key_of
from govtrace.queries import open_graph
from govtrace.queries.answers import Answers
from govtrace.queries.models import MandatesAnswer
from govtrace.queries.python_api import Graph
from govtrace.settings import Settings
from tests.support.demo import D000, D003, D004

WUSHEN = D000
SCHEME = D004
OUTLINE = "national-outline-2021-2025"


@pytest.fixture(scope="module")
def graph(demo_settings: Settings) -> Iterator[Graph]:
    with open_graph(demo_settings) as opened:
        yield opened


@pytest.fixture(scope="module")
def answers(graph: Graph) -> Answers:
    return graph.answers


def titles(answer: MandatesAnswer) -> list[str | None]:
    return [result.regulation.title for result in answer.results]


def test_normative_documents_rank_the_region_s_rule_first(answers: Answers) -> None:
    answer = answers.mandates("行政规范性文件")
    top = answer.results[0].regulation
    assert top.title == "内蒙古自治区行政规范性文件管理办法"
    assert top.order_number == "内蒙古自治区人民政府令第262号"
    assert top.type == "GovernmentRule" and top.type_en == "government rule"
    assert [r.score for r in answer.results] == sorted((r.score for r in answer.results),
                                                       reverse=True)


def test_major_decisions_and_reconsideration_rank_their_regulations(answers: Answers) -> None:
    top3 = titles(answers.mandates("重大行政决策"))[:3]
    assert "重大行政决策程序暂行条例" in top3
    assert "内蒙古自治区重大行政决策程序规定" in top3
    assert "中华人民共和国行政复议法" in titles(answers.mandates("行政复议"))[:3]


def test_evidence_highlights_the_query_and_the_citation(answers: Answers) -> None:
    result = answers.mandates("行政规范性文件").results[0]
    evidence = result.evidence[0]
    assert evidence.task.id == f"{WUSHEN}/5"
    assert evidence.citation.kind == "Mandate" and evidence.citation.cue == "贯彻落实"
    marked = {h.kind: evidence.passage[h.start:h.end] for h in evidence.highlights}
    assert marked["query"] == "行政规范性文件"
    assert marked["citation"] == ("《内蒙古自治区行政规范性文件管理办法》"
                                  "(内蒙古自治区人民政府令第262号)")
    assert evidence.citation.span is not None
    assert evidence.citation.span.exact is not None
    assert evidence.citation.span.exact.startswith("《内蒙古自治区行政规范性文件管理办法》")
    # lineage up to the national outline: the region's scheme (六), then national item (九)
    chain = [(step.task.document.id, step.task.number) for step in evidence.lineage]
    assert chain == [(SCHEME, 6), (OUTLINE, 9)]
    assert all(step.confidence is not None for step in evidence.lineage)


def test_english_traditional_and_full_width_queries_agree(answers: Answers) -> None:
    expected = titles(answers.mandates("行政复议"))
    for query in ("administrative reconsideration", "administrative reconsideraton",
                  "行政複議", "行政复议 "):
        answer = answers.mandates(query)
        assert answer.query.text == "行政复议"
        assert titles(answer) == expected
    assert answers.mandates("administrative reconsideration").query.label_en == \
        "administrative reconsideration"


def test_scope_filters_restrict_the_documents(answers: Answers) -> None:
    county = answers.mandates("重大行政决策", level="County")
    levels = {e.task.document.division.level.label_en for r in county.results
              for e in r.evidence if e.task.document.division and e.task.document.division.level}
    assert levels == {"county"}
    in_region = answers.mandates("重大行政决策", division="150600")  # Ordos: only 乌审旗
    docs = {e.task.document.id for r in in_region.results for e in r.evidence}
    assert docs == {WUSHEN}
    assert answers.mandates("重大行政决策", year=2021, limit=1).results[0].evidence
    assert answers.mandates("重大行政决策", year=1990).results == []


def test_task_and_its_lineage(graph: Graph) -> None:
    task = graph.task(f"{WUSHEN}/5")
    assert task.title == "加强行政规范性文件制定监督管理"
    assert task.document.division and task.document.division.adcode == "150626"
    assert [t.id for t in task.implements] == [f"{SCHEME}/6"]
    assert {c.kind for c in task.citations} == {"Mandate", "Mention"}
    lineage = graph.lineage(f"https://w3id.org/govtrace/id/doc/{WUSHEN}/task/5")
    assert [(link.child.id, link.parent.id) for link in lineage.up
            if link.type == "implements"] == [(f"{WUSHEN}/5", f"{SCHEME}/6"),
                                              (f"{SCHEME}/6", f"{OUTLINE}/9")]
    assert all(link.evidence for link in lineage.up if link.method != "manual")
    down = graph.lineage(f"{OUTLINE}/9").down
    assert {link.child.id for link in down} >= {f"{WUSHEN}/5", f"{SCHEME}/6"}


def test_lineage_evidence_comes_once_each_in_text_order(graph: Graph) -> None:
    # A parent item's span is stored in the graph of every child linking to it; the union
    # of the graphs repeats it, and each piece of evidence must still be listed once.
    links = graph.lineage(f"{OUTLINE}/9").down
    assert any(len(link.evidence) > 1 for link in links)
    for link in links:
        keys = [(e.child_span.start if e.child_span else -1,
                 e.parent_span.start if e.parent_span else -1, e.phrase) for e in link.evidence]
        assert keys == sorted(set(keys))
        assert all(e.child_span and e.child_span.start < e.child_span.end
                   for e in link.evidence)


def test_entities(answers: Answers) -> None:
    # a rule's key holds its order number (issue 18)
    regulation = answers.regulation(key_of("内蒙古自治区行政规范性文件管理办法|"
                                           "内蒙古自治区人民政府令第262号"))
    assert regulation.title == "内蒙古自治区行政规范性文件管理办法"
    assert [c.task.id for c in regulation.cited_by] == [f"{WUSHEN}/5"]
    assert regulation.levels == ["county"] and regulation.years == [2024]
    documents = answers.documents()
    assert documents[0].id == OUTLINE and len(documents) == 6
    document = answers.document(WUSHEN)
    assert document.title == "乌审旗2024年法治政府建设工作计划"
    assert [t.number for t in document.tasks][:3] == [1, 2, 3]
    division = answers.division("150626")
    # the nation has no GB/T 2260 code (100000 is none): it is named, not numbered (issue 18)
    assert [(d.adcode, d.label) for d in division.within] == [
        ("150600", "鄂尔多斯市"), ("150000", "内蒙古自治区"), (None, "中华人民共和国")]
    assert [d.id for d in division.documents] == [WUSHEN]
    coverage = answers.coverage()
    assert len(coverage.items) == 35
    assert coverage.items[8].counts.get("150626", 0) >= 1


def test_search_finds_tasks_by_character_bigrams(answers: Answers) -> None:
    hits = answers.search("规范性文件备案审查")
    assert hits and hits[0].kind in ("Task", "ReportItem")
    assert any(h.task.id == f"{WUSHEN}/5" for h in hits)
    assert answers.search("規範性文件")[0].highlights


@pytest.mark.parametrize("q", ["规范性文件备案审查", "行政复议", "法", "重大行政决策程序",
                               "无此词语"])
def test_search_in_memory_equals_search_in_the_store(answers: Answers, q: str) -> None:
    """A snapshot searches its passage index; a remote store is asked. Same hits."""
    asking_the_store = Answers(answers.service, answers.scheme, snapshot=False)
    assert answers.search(q) == asking_the_store.search(q)


@pytest.mark.parametrize(("call", "code"), [
    (lambda a: a.task(WUSHEN, 999), "GT-QUERY-006"),
    (lambda a: a.regulation("0000000000000000"), "GT-QUERY-006"),
    (lambda a: a.document("no_such_doc"), "GT-QUERY-006"),
    (lambda a: a.division("999999"), "GT-QUERY-006"),
    (lambda a: a.document("bad id/../x"), "GT-QUERY-003"),
])
def test_missing_entities_are_coded_errors(answers: Answers, call: object, code: str) -> None:
    with pytest.raises(QueryError) as caught:
        call(answers)  # type: ignore[operator]
    assert caught.value.code == code


def test_sparql_gives_rows(graph: Graph) -> None:
    rows = graph.sparql("SELECT ?task WHERE { ?task a gt:Task } ORDER BY ?task LIMIT 2")
    records = rows if isinstance(rows, list) else rows.to_dict("records")
    assert len(records) == 2 and records[0]["task"].startswith("https://w3id.org/govtrace/id/")


def test_equal_scores_rank_the_law_before_the_measures_implementing_it(answers: Answers) -> None:
    # Three regulations tie on 行政复议 in the seeds; before the tie-break by legal force the
    # IRI hash decided, which put the national law third.
    results = answers.mandates("行政复议").results
    assert results[0].regulation.title == "中华人民共和国行政复议法"
    assert results[0].regulation.type == "Law"
    tied = [r for r in results if r.score == results[0].score]
    assert len(tied) > 1  # a real tie, broken by legal force


def test_an_untitled_document_is_described_by_its_label_issue_12(tmp_path: Path) -> None:
    """A document without a title (a real report that starts with its body) is listed and
    described by the label extraction gave it, not left nameless."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_text(
        "2022年，县人民政府认真贯彻落实《法治政府建设实施纲要（2021—2025年）》，现将2022年度"
        "法治政府建设工作情况报告如下：\n一、主要举措\n（一）加强组织领导。制定《凉城县人民政府"
        "常务会议学法制度》。\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store")
    assert not build(settings, [corpus]).failures
    with open_graph(settings) as opened:
        (listed,) = [d for d in opened.answers.documents() if d.id != OUTLINE]
        document = opened.answers.document(listed.id)
    assert document.title is None
    assert document.label == "凉城县2022年工作报告（无标题：report.txt）"


def test_coverage_of_one_year_counts_only_its_plans_issue_15(answers: Answers) -> None:
    """One coverage function answers the JSON API and the heatmap, all years or one."""
    every_year = answers.coverage()
    years = answers.coverage_years()
    assert years == sorted(years) and 2024 in years
    in_2024 = answers.coverage(2024)
    assert in_2024.items[8].counts.get("150626", 0) >= 1  # 乌审旗's 2024 plan
    in_2022 = answers.coverage(2022)  # the region's 2021–2025 scheme, not 乌审旗's plan
    assert [d.adcode for d in in_2022.divisions] == ["150000"]
    for item, whole in zip(in_2022.items, every_year.items, strict=True):
        assert item.counts in ({}, {"150000": whole.counts.get("150000")})
    assert all(not item.counts for item in answers.coverage(1990).items)


def test_national_item_coverage_cell_and_agency_issue_15(answers: Answers) -> None:
    """What the pages used to ask the store themselves, asked of Answers."""
    item = answers.national_item(9)
    assert item.id == f"{OUTLINE}/9" and item.title == "加强行政规范性文件制定监督管理"
    assert f"{WUSHEN}/5" in [task.id for task in answers.implementers(9, "150626")]
    agency = answers.agency("09a3a334eba9fceb")
    assert agency.label == "东河区卫健委" and agency.tasks
    assert {task.role for task in agency.tasks} <= {"leadUnit", "responsibleUnit"}
    units = answers.lead_units(D003)
    assert any(unit.agency.label == "东河区卫健委" and unit.agency.id == "09a3a334eba9fceb"
               for unit in units)


def test_a_document_s_links_are_the_links_lineage_gives_issue_15(answers: Answers) -> None:
    """One link model: a document's links are the same objects as a task's lineage links."""
    links = answers.document_links(WUSHEN)
    link = next(link for link in links if link.child.id == f"{WUSHEN}/5")
    assert link.parent.id == f"{SCHEME}/6" and link.evidence
    assert link in answers.lineage(WUSHEN, 5).up
    assert all(link.child.document.id == WUSHEN for link in links)


@pytest.mark.parametrize(("call", "code"), [
    (lambda a: a.agency("0000000000000000"), "GT-QUERY-006"),
    (lambda a: a.agency("bad key>"), "GT-QUERY-003"),
    (lambda a: a.national_item(999), "GT-QUERY-006"),
])
def test_missing_agencies_and_items_are_coded_errors_issue_15(answers: Answers, call: object,
                                                              code: str) -> None:
    with pytest.raises(QueryError) as caught:
        call(answers)  # type: ignore[operator]
    assert caught.value.code == code


def test_links_say_what_their_text_reuse_compares_issue_18(answers: Answers) -> None:
    """Reuse into the outline's items (titles only) is measured on titles, and says so."""
    into_outline = answers.comparison(SCHEME, 6, OUTLINE, 9).link
    into_scheme = answers.comparison(WUSHEN, 5, SCHEME, 6).link
    assert into_outline.reuse_basis == "title" and into_outline.text_reuse
    assert into_scheme.reuse_basis == "text" and into_scheme.text_reuse


def test_spans_and_ranks_read_through_the_v2_terms_issue_18(answers: Answers) -> None:
    """Offsets come from the spans' position selectors, quotes from their quote selectors,
    a cited work's type from its legal rank (the classes gt:Law … are no longer written)."""
    task = answers.task(WUSHEN, 5)
    assert task.span is not None and task.span.start < task.span.end
    comparison = answers.comparison(WUSHEN, 5, SCHEME, 6)
    assert comparison.child_text is not None
    assert comparison.child_text.exact.startswith("（五）加强行政规范性文件制定监督管理")
    rule = next(c.work for c in task.citations if c.kind == "Mandate")
    assert (rule.type, rule.type_en) == ("GovernmentRule", "government rule")
    assert {r.type for r in answers.regulations()} <= {
        "Law", "AdministrativeRegulation", "LocalRegulation", "GovernmentRule",
        "NormativeDocument", "Regulation"}
