"""The saved-query files, their headers, and safe parameter binding (no store needed)."""

from __future__ import annotations

import re

import pytest
from rdflib.plugins.sparql import prepareQuery

from govtrace.errors import QueryError
from govtrace.queries.library import (
    UNDEF,
    ParamType,
    load_library,
    params_from_pairs,
    parse_query,
    query_body,
    render,
    render_query,
)

LIBRARY = load_library()
EXPECTED = {"lineage", "implementers", "mandating-regulations", "mandating-regulations-by-keyword",
            "coverage-gaps", "agency-load", "reported-figures"}


def test_the_library_ships_the_seven_queries() -> None:
    assert set(LIBRARY) == EXPECTED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_query_is_documented_and_uses_exactly_its_params(name: str) -> None:
    query = LIBRARY[name]
    assert query.title and query.description and query.example
    assert all(param.description for param in query.params)
    used = set(re.findall(r"\$(\w+)", query_body(query.text)))
    assert used == {param.name for param in query.params}
    example = query.example_params()
    assert set(example) <= {param.name for param in query.params}
    assert {p.name for p in query.params if p.required} <= set(example)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_rendered_example_is_valid_sparql(name: str) -> None:
    prepareQuery(render(name, LIBRARY[name].example_params()))  # rdflib's SPARQL 1.1 parser


def test_an_optional_param_left_out_leaves_its_values_row_undefined() -> None:
    assert LIBRARY["agency-load"].params[0].default == UNDEF
    assert "VALUES ?adcode { UNDEF }" in render("agency-load", {})


def test_values_are_bound_as_typed_terms() -> None:
    task = "https://w3id.org/govtrace/id/doc/000_6b53b361d8411ab5/task/5"
    assert f"VALUES ?task {{ <{task}> }}" in render("lineage", {"task": task})
    assert ('VALUES ?itemNumber { "9"^^<http://www.w3.org/2001/XMLSchema#integer> }'
            in render("implementers", {"item": " 9"}))
    assert 'VALUES ?topic { "行政规范性文件" }' in render("mandating-regulations",
                                                         {"topic": "行政规范性文件"})


def test_a_string_that_tries_to_close_the_literal_stays_one_literal() -> None:
    attack = 'x" } ; DROP ALL ; #'
    rendered = render("mandating-regulations-by-keyword", {"keyword": attack})
    assert 'VALUES ?keyword { "x\\" } ; DROP ALL ; #" }' in rendered
    parsed = prepareQuery(rendered)  # still one SELECT, the attack inside its one literal
    assert parsed.algebra.name == "SelectQuery"


@pytest.mark.parametrize("value", [
    "https://w3id.org/govtrace/id/doc/x> } ; DROP ALL ; #",
    "https://example.org/a b",
    'https://example.org/"quoted"',
    "https://example.org/{x}",
    "javascript:alert(1)",
    "doc/000_6b53b361d8411ab5/task/5",
    "ftp://example.org/x",
    "https://example.org/\nx",
])
def test_a_bad_iri_is_refused(value: str) -> None:
    with pytest.raises(QueryError) as caught:
        render("lineage", {"task": value})
    assert caught.value.code == "GT-QUERY-003" and caught.value.status == 400


@pytest.mark.parametrize("value", ["9x", "9.0", "", "٣", "1e3", "9; DROP ALL"])
def test_a_bad_integer_is_refused(value: str) -> None:
    with pytest.raises(QueryError) as caught:
        render("implementers", {"item": value})
    assert caught.value.code == "GT-QUERY-003"


def test_missing_unknown_and_repeated_params_have_their_codes() -> None:
    with pytest.raises(QueryError) as missing:
        render("lineage", {})
    with pytest.raises(QueryError) as unknown:
        render("implementers", {"item": "9", "limit": "5"})
    with pytest.raises(QueryError) as unknown_query:
        render("no-such-query", {})
    with pytest.raises(QueryError) as repeated:
        params_from_pairs([("item", "9"), ("item", "10")])
    assert (missing.value.code, missing.value.status) == ("GT-QUERY-002", 400)
    assert (unknown.value.code, unknown.value.status) == ("GT-QUERY-004", 400)
    assert (unknown_query.value.code, unknown_query.value.status) == ("GT-QUERY-001", 404)
    assert repeated.value.code == "GT-QUERY-003"


def test_a_header_without_a_title_or_with_a_stray_placeholder_is_refused() -> None:
    body = "SELECT * WHERE { VALUES ?x { $x } }\n"
    with pytest.raises(QueryError, match="title"):
        parse_query("bad", "# description: d\n" + body)
    with pytest.raises(QueryError, match="used but not declared"):
        parse_query("bad", "# title: t\n# description: d\n" + body)
    with pytest.raises(QueryError, match="outside a"):
        parse_query("bad", "# title: t\n# description: d\n"
                    "# param: x (type: string) — meaning\nSELECT * WHERE { BIND($x AS ?y) }\n")
    with pytest.raises(QueryError, match="cannot read the parameter"):
        parse_query("bad", "# title: t\n# description: d\n# param: x (type: float) — m\n" + body)
    parsed = parse_query("ok", "# title: t\n# description: d\n"
                         "# param: x (type: integer, default: 3) — m\n" + body)
    assert parsed.params[0].type is ParamType.INTEGER and not parsed.params[0].required
    assert 'VALUES ?x { "3"^^' in render_query(parsed, {})



@pytest.mark.parametrize("value", ["行政", "", "x\" } ; DROP ALL ; #", "law-based government"])
def test_a_term_param_takes_only_the_glossary_terms_the_index_holds_issue_16(value: str) -> None:
    """gt:mentionsTerm indexes the glossary's Chinese terms only: any other value would match
    nothing, silently, so it is refused with the way out (the keyword query)."""
    with pytest.raises(QueryError) as caught:
        render("mandating-regulations", {"topic": value})
    assert caught.value.code == "GT-QUERY-003" and caught.value.status == 400
    assert "mandating-regulations-by-keyword" in str(caught.value)
    rendered = render("mandating-regulations", {"topic": " 法治政府 "})
    assert 'VALUES ?topic { "法治政府" }' in rendered
