"""Issue 16, target 6 (a 30k build in 15 minutes): a first build writes the reference graph
into its empty store before the documents (after the bulk load each statement was a look-up
through every batch's files), and reads the tasks' listing order once per document; what it
stores is what it stored before."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from govtrace.graph import listing_order as listing_order_module
from govtrace.graph.build import BuildStep, build
from govtrace.graph.entailment import ontology_entailment
from govtrace.graph.inference import closure
from govtrace.graph.layout import GraphLayout
from govtrace.graph.listing_order import listing_order
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT
from govtrace.ontology.ntriples import Statements
from govtrace.settings import Settings


def test_a_first_build_writes_the_reference_graph_before_the_documents_issue_16(
        tmp_path: Path, demo_dir: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store", workers=1)
    stages: list[str] = []

    def progress(step: BuildStep) -> None:
        if not stages or stages[-1] != step.stage:
            stages.append(step.stage)

    report = build(settings, [demo_dir], progress=progress)
    assert stages.index("reference data") < stages.index("reading")
    assert stages.index("linking") < stages.index("inference") < stages.index("compaction")

    # the closures and the listing order stored are those of the finished store's graphs
    store = EmbeddedStore.open(settings, read_only=True)
    try:
        layout = GraphLayout(IriScheme(settings.base_iri))
        entailment = ontology_entailment()
        again = Statements()
        for prop, members in entailment.transitive.items():
            again.update(closure(store, layout, entailment, prop, members))
        again.update(listing_order(store))
        stored = {(str(q.subject), str(q.predicate), str(q.object))
                  for q in store.oxigraph.quads_for_pattern(
                      None, None, None, ox.NamedNode(str(layout.inferred)))}
        assert stored == set(again) and len(stored) == report.inferred > 0
        assert report.triples == len(store.oxigraph) and report.documents == 5
        assert report.links > 0
    finally:
        store.close()


# The order gt:listingOrder stands for, as SPARQL gives it (the definition the module states).
_ORDERED = f"""SELECT ?task WHERE {{
  ?task a <{GT.Task}> ; <{GT.inDocument}> ?document .
  OPTIONAL {{ ?task <{GT.number}> ?number }}
  OPTIONAL {{ ?document <{GT.jurisdiction}>/<{GT.level}>/<{GT.rank}> ?rank }}
}} ORDER BY ?rank ?document ?number ?task"""


def test_the_listing_order_reads_each_documents_rank_once_issue_16(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The ranks are read once per document and joined in Python (the single query walked the
    jurisdiction path once per task), in the order SPARQL's ORDER BY gives: a document of
    two jurisdictions takes the higher level, an unknown rank or number comes first."""
    ex = "https://example.org/"
    level = {rank: f"<{ex}level{rank}> <{GT.rank}> {rank} ." for rank in (1, 2, 3)}
    statements = [*level.values(),
                  f"<{ex}a> <{GT.level}> <{ex}level3> .", f"<{ex}b> <{GT.level}> <{ex}level2> .",
                  f"<{ex}c> <{GT.level}> <{ex}level1> .",
                  f"<{ex}d1> <{GT.jurisdiction}> <{ex}a> .",
                  f"<{ex}d1> <{GT.jurisdiction}> <{ex}b> .",
                  f"<{ex}d2> <{GT.jurisdiction}> <{ex}c> ."]
    for task, document, number in (("t1", "d1", 2), ("t2", "d1", 1), ("t3", "d1", None),
                                   ("t4", "d2", 5), ("t5", "d3", 1), ("t6", "d3", None)):
        statements += [f"<{ex}{task}> a <{GT.Task}> .",
                       f"<{ex}{task}> <{GT.inDocument}> <{ex}{document}> ."]
        if number is not None:
            statements.append(f"<{ex}{task}> <{GT.number}> {number} .")
    store = EmbeddedStore.in_memory(Settings())
    store.update(f"INSERT DATA {{ GRAPH <{ex}g> {{ {' '.join(statements)} }} }}")
    asked: list[str] = []
    read = listing_order_module.select_terms

    def recorded(on: EmbeddedStore, sparql: str) -> ox.QuerySolutions:
        asked.append(sparql)
        return read(on, sparql)

    monkeypatch.setattr(listing_order_module, "select_terms", recorded)
    listed = sorted(listing_order(store), key=lambda statement: int(
        statement[2].split('"')[1]))
    # a task of several rows stands where its first row does
    expected = list(dict.fromkeys(f"<{row['task']}>"
                                  for row in store.query(_ORDERED).bindings()))
    assert [task for task, _, _ in listed] == expected
    assert expected[:4] == [f"<{ex}t6>", f"<{ex}t5>", f"<{ex}t4>", f"<{ex}t3>"]
    assert not any("OPTIONAL" in sparql and str(GT.rank) in sparql for sparql in asked)
