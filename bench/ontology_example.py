"""Regenerate the ontology's example graph (ontology/examples/wushen-lineage.ttl) from a
real build of the demo corpus.

    python bench/ontology_example.py [--out ontology/examples/wushen-lineage.ttl]

Builds the demo corpus into a temporary store, reads back the asserted statements (every
named graph but the inferred ones), picks 乌审旗's 2024 work-plan task 5 (加强行政规范性文件
制定监督管理, which carries out a regional rule and implements the region's scheme, which
implements item 9 of the national outline) and writes its excerpt
(:func:`govtrace.ontology.example.excerpt_lineage`). tests/ontology/test_ontology_example.py
fails when the file is no longer what a build gives.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from rdflib import Graph, URIRef

from govtrace.graph.build import build, demo_corpus
from govtrace.graph.store import GraphStore
from govtrace.graph.store_factory import open_store
from govtrace.ontology.example import excerpt_lineage, render_example
from govtrace.ontology.namespaces import GT
from govtrace.settings import Settings

REPOSITORY = Path(__file__).resolve().parents[1]
EXAMPLE = REPOSITORY / "ontology" / "examples" / "wushen-lineage.ttl"

# The example's task, by what identifies it rather than by IRI: the task numbered 5 in the
# 2024 work plan of 乌审旗 (GB/T 2260 150626).
_TASK_QUERY = f"""
PREFIX gt: <{GT}>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?task WHERE {{
  ?plan a gt:WorkPlan ; gt:jurisdiction/gt:adminCode "150626" ;
        gt:coversYear "2024"^^xsd:gYear .
  ?task a gt:Task ; gt:inDocument ?plan ; gt:number 5 .
}}"""


def asserted_graph(store: GraphStore, settings: Settings) -> Graph:
    """The statements of every named graph except the ontology's entailments."""
    inferred = settings.base_iri + "graph/inferred"
    return store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(!STRSTARTS(STR(?g), "{inferred}")) }}').graph()


def example_task(store: GraphStore) -> URIRef:
    rows = store.query(_TASK_QUERY).bindings()
    if len(rows) != 1:
        raise SystemExit(f"expected one task 5 in 乌审旗's 2024 work plan, found {len(rows)}")
    task = rows[0]["task"]
    assert isinstance(task, URIRef)
    return task


def demo_example(root: Path) -> Graph:
    """Build the demo corpus under ``root`` and excerpt the example from it."""
    settings = Settings(data_dir=root / "data", store_dir=root / "store")
    report = build(settings, [demo_corpus()])
    if report.failures:
        raise SystemExit(f"the demo build failed: {report.failures}")
    store = open_store(settings, read_only=True)
    try:
        return excerpt_lineage(asserted_graph(store, settings), example_task(store))
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=EXAMPLE)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="govtrace-example-") as root:
        graph = demo_example(Path(root))
    args.out.write_text(render_example(graph), encoding="utf-8")
    print(f"wrote {args.out} ({len(graph)} triples)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
