"""The Markdown reference generated from the ontology."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal

from govtrace.ontology.docs import GuideQuery, guide_queries, guide_text, render_markdown
from govtrace.ontology.namespaces import GT, OWL
from govtrace.ontology.terms import terms_of

REPOSITORY = Path(__file__).resolve().parents[2]


def test_rendering_is_deterministic(ontology: Graph) -> None:
    assert render_markdown(ontology) == render_markdown()


def test_every_term_is_documented(ontology: Graph) -> None:
    page = render_markdown(ontology)
    for term in terms_of(ontology):
        name = f"gt:{term.removeprefix(str(GT))}"
        assert f"`{name}`" in page, name


def test_entries_show_domain_range_and_alignments(ontology: Graph) -> None:
    page = render_markdown(ontology)
    entry = page.split("### `gt:mandatedBy`")[1].split("### ")[0]
    assert "依据 · mandated by" in entry
    assert "- Domain: `gt:Task` or `gt:ReportItem` or `gt:PolicyDocument`" in entry
    assert "- Range: `gt:CitedWork`" in entry
    assert "- Subproperty of: `gt:cites`" in entry
    assert "- Subproperties: `gt:basedOn`, `gt:carriesOut`" in entry
    assert "| `gt:County` | 4 | 县级 | county |" in page
    assert "- Domain: `gt:Section` or `gt:Task` or `gt:ReportItem`" in page
    assert "| `gt:jurisdiction` | close match | `eli:jurisdiction` |" in page


def test_issue_18_deprecated_terms_say_so(ontology: Graph) -> None:
    page = render_markdown(ontology)
    entry = page.split("### `gt:charStart`")[1].split("### ")[0]
    assert "- **Deprecated**: Since 2.0.0 no longer written: use oa:hasSelector/oa:start" in entry
    assert "### `gt:GBT2260Code`" in page.split("## Datatypes")[1]


def test_issue_18_the_page_has_the_guide_before_the_reference(ontology: Graph) -> None:
    page = render_markdown(ontology)
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Writing queries"
    assert headings.index("## CHANGES") < headings.index("## Alignment with standard vocabularies")
    assert guide_text().strip() in page


def test_issue_18_the_guide_has_five_questions_and_an_eli_query() -> None:
    queries = guide_queries()
    assert [query.heading[:2] for query in queries[:5]] == ["1.", "2.", "3.", "4.", "5."]
    eli = [query for query in queries if query.heading.startswith("In ELI terms")]
    assert len(eli) == 1  # with property paths over the axioms (ontology 4.0.0)
    assert all("PREFIX gt:" not in query.sparql for query in eli)  # ELI terms only


def test_issue_18_changes_name_every_new_and_deprecated_term(ontology: Graph) -> None:
    changes = guide_text().split("## CHANGES")[1]
    new = ["legalRank", "LegalRank", "LegalRanks", "RankLaw", "RankAdministrativeRegulation",
           "RankLocalRegulation", "RankGovernmentRule", "RankNormativeDocument",
           "RankPolicyDocument", "RankOther", "basedOn", "carriesOut", "publishedOn", "hasPart",
           "citationOf", "sourceOf", "Divisions", "FunctionalZone", "GBT2260Code", "reuseBasis",
           "identityBasis"]
    deprecated = [str(term).removeprefix(str(GT))
                  for term in ontology.subjects(OWL.deprecated, Literal(True))]
    for name in [*new, *deprecated]:
        assert f"`gt:{name}`" in changes, name


def test_guide_queries_are_read_by_heading() -> None:
    text = "## Writing queries\n\n### A\n\n```sparql\nASK {}\n```\n\n## CHANGES\n\n" \
           "```sparql\nSELECT * {}\n```\n"
    assert guide_queries(text) == [GuideQuery("A", "ASK {}\n")]


def test_checked_in_reference_is_current() -> None:
    checked_in = (REPOSITORY / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert checked_in == render_markdown(), "regenerate docs/ontology.md"
