"""The bundled example graph is an excerpt of a real demo build, and still the current one.

The 1.0 example was written by hand: its IRIs never occurred in a build and it used a
lineage method the linker does not have (issue 18).
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from bench.ontology_example import asserted_graph, example_task
from govtrace.graph.store import GraphStore
from govtrace.ontology.example import excerpt_lineage, render_example
from govtrace.ontology.namespaces import GT, RDF
from govtrace.settings import Settings

REGENERATE = "regenerate it: python bench/ontology_example.py"


def test_issue_18_every_example_subject_occurs_in_a_demo_build(
        example: Graph, demo_store: GraphStore) -> None:
    subjects = sorted({s for s in example.subjects() if isinstance(s, URIRef)})
    assert len(subjects) > 20
    built = {row["s"] for row in demo_store.query(
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o }").bindings()}
    missing = [str(s) for s in subjects if s not in built]
    assert missing == [], f"not in a demo build: {missing[:5]}; {REGENERATE}"


def test_issue_18_example_is_what_a_demo_build_gives(
        example: Graph, demo_store: GraphStore, demo_settings: Settings) -> None:
    excerpt = excerpt_lineage(asserted_graph(demo_store, demo_settings),
                              example_task(demo_store))
    # Through Turtle and back, as the file was written (Turtle writes the decimal 1 as 1.0).
    fresh = Graph().parse(data=render_example(excerpt), format="turtle")
    stale = sorted(set(example) - set(fresh))
    new = sorted(set(fresh) - set(example))
    assert (stale[:5], new[:5]) == ([], []), REGENERATE


def test_issue_18_example_holds_a_whole_lineage_chain(example: Graph) -> None:
    tasks = set(example.subjects(RDF.type, GT.Task))
    assert len(tasks) == 3
    links = set(example.subjects(RDF.type, GT.LineageLink))
    assert {example.value(link, GT.linkFrom) for link in links} < tasks
    assert all(example.value(link, GT.hasEvidence) is not None for link in links)
    assert set(example.objects(None, GT.span))
    assert set(example.subjects(GT.legalRank, None))


def test_rendered_example_parses_back(example: Graph) -> None:
    again = Graph().parse(data=render_example(example), format="turtle")
    assert set(again) == set(example)
