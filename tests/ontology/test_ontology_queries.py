"""Every query of docs/ontology.md's "Writing queries" runs on a demo build and answers.

The queries are read from ontology/guide.md (the page shows the same text), so a query the
page shows is a query that works on the graph a build makes.
"""

from __future__ import annotations

from importlib.resources import files

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.term import Node

from govtrace.graph.store import GraphStore
from govtrace.ontology.docs import GuideQuery, guide_queries
from govtrace.ontology.loading import load_ontology
from govtrace.ontology.namespaces import RDF
from govtrace.settings import Settings

Row = dict[str, Node]
QUERIES = guide_queries()
ELI = "http://data.europa.eu/eli/ontology#"


def _query(number: str) -> GuideQuery:
    (query,) = (q for q in QUERIES if q.heading.startswith(number))
    return query


def _rows(store: GraphStore, query: GuideQuery) -> list[Row]:
    return store.query(query.sparql).bindings()


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def test_issue_18_the_guide_has_the_queries_the_tests_run() -> None:
    assert len(QUERIES) == 6


def test_issue_18_county_tasks_implementing_a_national_item(demo_store: GraphStore) -> None:
    rows = _rows(demo_store, _query("1."))
    wushen = [row for row in rows if row["county"] == _zh("乌审旗")]
    assert wushen, rows
    (row,) = [r for r in wushen if r["label"] == _zh("加强行政规范性文件制定监督管理")]
    assert float(row["confidence"]) >= 0.5  # type: ignore[arg-type]
    assert str(row["parent"]).endswith("/task/6")  # the region's scheme item (六)


def test_issue_18_works_mandating_tasks_on_a_topic(demo_store: GraphStore) -> None:
    rows = _rows(demo_store, _query("2."))
    by_title = {row["title"]: row for row in rows}
    rule = by_title[_zh("内蒙古自治区行政规范性文件管理办法")]
    assert rule["rank"] == _zh("规章")
    assert rule["how"] == Literal("gt:carriesOut")  # 贯彻落实《…》 carries the rule out
    assert int(rule["tasks"]) >= 1  # type: ignore[call-overload]


def test_issue_18_documents_citing_a_rule_by_order_number(demo_store: GraphStore) -> None:
    rows = _rows(demo_store, _query("3."))
    plan = [row for row in rows
            if row["documentLabel"] == _zh("乌审旗2024年法治政府建设工作计划")]
    assert plan, rows
    assert {(row["kind"], row["cue"]) for row in plan} == {(Literal("mandate", lang="en"),
                                                            _zh("贯彻落实"))}
    assert all(row["citer"] != row["document"] for row in plan)  # a task of the plan cites it


def test_issue_18_lineage_chain_with_confidences(demo_store: GraphStore) -> None:
    rows = _rows(demo_store, _query("4."))
    assert [row["level"] for row in rows] == [Literal(level, lang="en") for level in
                                              ("county", "provincial", "national")]
    county, region, national = rows
    assert county["label"] == region["label"] == national["label"] == _zh(
        "加强行政规范性文件制定监督管理")
    assert county["parent"] == region["step"] and region["parent"] == national["step"]
    for row in (county, region):
        assert 0.5 <= float(row["confidence"]) <= 1  # type: ignore[arg-type]
        assert row["method"] == Literal("exact-anchor")
    assert county["reuseBasis"] == Literal("text")
    assert region["reuseBasis"] == Literal("title")  # the outline's items have titles only
    assert "parent" not in national


def test_issue_18_facts_read_or_inferred_with_their_characters(
        demo_store: GraphStore) -> None:
    rows = _rows(demo_store, _query("5."))
    jurisdiction = [row for row in rows
                    if row["property"] == URIRef("https://w3id.org/govtrace/ontology#"
                                                 "jurisdiction")]
    (row,) = jurisdiction
    assert row["origin"] == Literal("text", lang="en")
    assert row["read"] == Literal(True)
    assert row["exact"] == _zh("乌审旗")
    text = (files("govtrace.data") / "demo" / str(row["file"])).read_text("utf-8")
    start, end = int(row["start"]), int(row["end"])  # type: ignore[call-overload]
    assert text[start:end] == "乌审旗"


def _eli_rows(rows: list[Row]) -> set[tuple[Node, Node, Node]]:
    return {(row["resource"], row["whole"], row["applied"]) for row in rows}


def test_issue_18_a_query_in_eli_terms_answers(demo_store: GraphStore) -> None:
    (with_paths,) = (q for q in QUERIES if q.heading.startswith("In ELI terms"))
    answers = _eli_rows(_rows(demo_store, with_paths))
    # The region's scheme item (六) applies the outline's item 9, and is part of the scheme.
    applying = {(resource, whole) for resource, whole, applied in answers
                if str(applied).endswith("/task/9")}
    assert any("/task/" in str(resource) and str(resource).startswith(str(whole))
               for resource, whole in applying), answers


def test_the_eli_query_needs_no_copies_in_eli_terms_issue_16(
        demo_store: GraphStore, demo_settings: Settings) -> None:
    """The store restates no gt: fact in ELI terms (ontology 4.0.0): the property-path query
    answers from the asserted statements and the ontology alone, as it does on the store."""
    inferred = demo_settings.base_iri + "graph/inferred"
    # eli:date_document is stated by the writer itself (the promulgation date), not a copy
    assert not demo_store.query(
        f'ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER((STRSTARTS(STR(?p), "{ELI}") '
        f'&& ?p != <{ELI}date_document>) '
        f'|| (?p = <{RDF.type}> && STRSTARTS(STR(?o), "{ELI}"))) }}').boolean
    asserted = demo_store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(!STRSTARTS(STR(?g), "{inferred}")) }}')
    plain = ox.Store()
    plain.load(asserted.payload, format=ox.RdfFormat.N_TRIPLES)
    plain.load(load_ontology().serialize(format="nt", encoding="utf-8"),
               format=ox.RdfFormat.N_TRIPLES)
    (with_paths,) = (q for q in QUERIES if q.heading.startswith("In ELI terms"))
    found = {tuple(str(solution[name].value) for name in ("resource", "whole", "applied"))
             for solution in plain.query(with_paths.sparql)}
    expected = {tuple(str(term) for term in row) for row in _eli_rows(
        _rows(demo_store, with_paths))}
    assert found == expected and found


@pytest.mark.parametrize("query", QUERIES, ids=[q.heading[:40] for q in QUERIES])
def test_issue_18_every_guide_query_answers(demo_store: GraphStore, query: GuideQuery) -> None:
    assert _rows(demo_store, query)
