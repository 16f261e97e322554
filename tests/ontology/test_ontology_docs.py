"""The Markdown reference generated from the ontology."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from govtrace.ontology.docs import render_markdown
from govtrace.ontology.namespaces import GT
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
    assert "- Domain: `gt:Task`" in entry
    assert "- Range: `gt:Regulation`" in entry
    assert "- Subproperty of: `gt:cites`" in entry
    assert "- Close match: `eli:based_on`" in entry
    assert "| `gt:County` | 4 | 县级 | county |" in page
    assert "- Domain: `gt:Section` or `gt:Task` or `gt:ReportItem`" in page


def test_checked_in_reference_is_current() -> None:
    checked_in = (REPOSITORY / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert checked_in == render_markdown(), "regenerate docs/ontology.md"
