"""One suite, both backends (embedded Oxigraph and a real `oxigraph serve`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from govtrace.errors import SparqlError
from govtrace.graph.entailment import entailed_ntriples
from govtrace.graph.layout import GraphLayout
from govtrace.graph.store import DocumentGraph, ExportFormat, GraphStore, QueryDataset
from govtrace.graph.store_factory import open_snapshot, open_store, store_exists, store_location
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.graph.store_remote import RemoteStore
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT
from govtrace.settings import Settings, StoreBackend
from tests.graph.conftest import task
from tests.support.demo import D000, D004

LAYOUT = GraphLayout(IriScheme())
WUSHEN, REGION = D000, D004


def _stored(store: GraphStore, doc_id: str) -> Graph:
    return _stored_graph(store, LAYOUT.document(doc_id))


def _stored_graph(store: GraphStore, graph_iri: URIRef) -> Graph:
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> "
                         "{ ?s ?p ?o } }")
    return result.graph()


def _write_link(store: GraphStore, doc_id: str, link: tuple[URIRef, URIRef, URIRef]) -> None:
    """Store one derived link of ``doc_id`` with its entailments, the way a build does."""
    text = Graph().add(link).serialize(format="nt")
    store.update(LAYOUT.replace_graphs_update({LAYOUT.derived(doc_id):
                                               text + entailed_ntriples(text)}))


def test_replace_document_stores_graph_and_hash(store: GraphStore,
                                                 seed_documents: list[DocumentGraph]) -> None:
    for document in seed_documents:
        store.replace_document(document)
    entries = store.documents()
    assert {doc_id: entry.sha256 for doc_id, entry in entries.items()} == {
        d.doc_id: d.sha256 for d in seed_documents}
    for document in seed_documents:
        assert isomorphic(_stored(store, document.doc_id), document.graph)


def test_replacing_swaps_the_whole_graph_and_drops_its_links(
        store: GraphStore, seed_documents: list[DocumentGraph]) -> None:
    wushen = next(d for d in seed_documents if d.doc_id == WUSHEN)
    store.replace_document(wushen)
    _write_link(store, WUSHEN, (task(WUSHEN, 5), GT.implements, task(REGION, 6)))
    # the link and the govtrace super-property the ontology entails (implementsTransitively;
    # the standard vocabularies' copies are not materialized since ontology 4.0.0)
    assert store.triple_count(str(LAYOUT.derived(WUSHEN))) == 2
    assert store.triple_count(str(LAYOUT.inferred_document(WUSHEN))) > 0

    changed = Graph()
    for triple in wushen.graph:
        if triple[1] != GT.text:
            changed.add(triple)
    store.replace_document(DocumentGraph(WUSHEN, "0" * 64, changed))
    assert isomorphic(_stored(store, WUSHEN), changed)
    assert store.documents()[WUSHEN].sha256 == "0" * 64
    assert store.triple_count(str(LAYOUT.derived(WUSHEN))) == 0
    # the entailments were replaced with the document: exactly those of the new graph
    entailed = entailed_ntriples(changed.serialize(format="nt"))
    assert isomorphic(_stored_graph(store, LAYOUT.inferred_document(WUSHEN)),
                      Graph().parse(data=entailed, format="nt"))


def test_delete_document_removes_triples_links_and_entry(
        store: GraphStore, seed_documents: list[DocumentGraph]) -> None:
    for document in seed_documents:
        store.replace_document(document)
    _write_link(store, WUSHEN, (task(WUSHEN, 5), GT.implements, task(REGION, 6)))
    store.delete_document(WUSHEN)
    assert set(store.documents()) == {REGION}
    assert store.triple_count(str(LAYOUT.document(WUSHEN))) == 0
    assert store.triple_count(str(LAYOUT.derived(WUSHEN))) == 0
    assert store.triple_count(str(LAYOUT.inferred_document(WUSHEN))) == 0
    region = next(d for d in seed_documents if d.doc_id == REGION)
    assert store.triple_count(str(LAYOUT.document(REGION))) == len(region.graph)


def test_bulk_load_equals_per_document_replace(store: GraphStore,
                                               seed_documents: list[DocumentGraph]) -> None:
    loaded = store.bulk_load(seed_documents)
    entailed = {d.doc_id: Graph().parse(data=d.inferred_ntriples(), format="nt")
                for d in seed_documents}
    assert loaded == sum(len(d.graph) + len(entailed[d.doc_id]) for d in seed_documents)
    assert set(store.documents()) == {WUSHEN, REGION}
    for document in seed_documents:
        assert isomorphic(_stored(store, document.doc_id), document.graph)
        assert isomorphic(_stored_graph(store, LAYOUT.inferred_document(document.doc_id)),
                          entailed[document.doc_id])


def test_default_graph_is_the_union_and_paths_cross_documents(
        store: GraphStore, seed_documents: list[DocumentGraph], seed_reference: Graph) -> None:
    store.bulk_load(seed_documents)
    store.set_reference(seed_reference)
    # 乌审旗 task （五） → region item (六) → national outline item 九, over three graphs.
    rows = store.query(
        f"SELECT ?top WHERE {{ VALUES ?t {{ <{task(WUSHEN, 5)}> }} ?t <{GT.implements}>+ ?top }}"
    ).bindings()
    assert {str(row["top"]) for row in rows} == {
        str(task(REGION, 6)), "https://w3id.org/govtrace/id/doc/national-outline-2021-2025/task/9"}


def test_dataset_parameters_and_from_restrict_the_default_graph(
        store: GraphStore, seed_documents: list[DocumentGraph]) -> None:
    store.bulk_load(seed_documents)
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{GT.hasTask}> ?t }}"
    region_only = QueryDataset(default_graphs=(str(LAYOUT.document(REGION)),))
    assert int(store.query(count).bindings()[0]["n"]) == 2  # type: ignore[call-overload]
    assert int(store.query(count, dataset=region_only).bindings()[0]["n"]) == 1  # type: ignore[call-overload]
    if isinstance(store, RemoteStore):
        return  # `oxigraph serve --union-default-graph` ignores FROM (docs/store.md)
    with_from = count.replace("WHERE", f"FROM <{LAYOUT.document(WUSHEN)}> WHERE")
    assert int(store.query(with_from).bindings()[0]["n"]) == 1  # type: ignore[call-overload]


def test_limit_truncates_and_says_so(store: GraphStore,
                                     seed_documents: list[DocumentGraph]) -> None:
    store.bulk_load(seed_documents)
    result = store.query("SELECT * WHERE { ?s ?p ?o }", limit=5)
    assert result.truncated and len(result.bindings()) == 5
    graph = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", limit=5)
    assert graph.truncated and len(graph.graph()) == 5
    exact = store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 5", limit=5)
    assert not exact.truncated
    assert store.query("ASK { ?s ?p ?o }").boolean is True


def test_syntax_error_carries_line_and_column(store: GraphStore) -> None:
    with pytest.raises(SparqlError) as caught:
        store.query("SELECT * WHERE {\n  ?s ?p }")
    assert caught.value.code == "GT-SPARQL-001"
    if caught.value.location is not None:  # the embedded engine reports where; servers vary
        assert caught.value.location.line == 2
        assert caught.value.location.column in (9, 10)  # at or just after the stray "}"


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_export_round_trips(store: GraphStore, seed_documents: list[DocumentGraph],
                            fmt: ExportFormat) -> None:
    loaded = store.bulk_load(seed_documents)  # documents and their entailments
    data = b"".join(store.export(fmt))
    rdflib_format = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}[fmt]
    dataset = Dataset()
    dataset.parse(data=data.decode("utf-8"), format=rdflib_format)
    if fmt in (ExportFormat.NQUADS, ExportFormat.JSONLD):
        assert len(dataset) == loaded + 2 * len(seed_documents)  # + manifest
        assert (None, None, Literal(WUSHEN)) in dataset.graph(URIRef(LAYOUT.manifest))
    else:
        union = Graph()
        for document in seed_documents:
            union += document.graph
            union.parse(data=document.inferred_ntriples(), format="nt")
        assert len(dataset.default_graph) == len(union) + 2 * len(seed_documents)


def test_issue_15_the_factory_opens_what_the_settings_choose(tmp_path: Path) -> None:
    embedded = Settings(data_dir=tmp_path, store_dir=tmp_path / "store")
    assert not store_exists(embedded)
    store = open_store(embedded)
    try:
        assert isinstance(store, EmbeddedStore)
    finally:
        store.close()
    assert store_exists(embedded)
    snapshot = open_snapshot(embedded)
    assert isinstance(snapshot, EmbeddedStore) and snapshot.read_only
    snapshot.close()

    remote = Settings(data_dir=tmp_path, store_backend=StoreBackend.REMOTE,
                      remote_query_url="http://127.0.0.1:9/query",
                      remote_update_url="http://127.0.0.1:9/update",
                      remote_store_url="http://127.0.0.1:9/store")
    assert store_exists(remote)  # a server is only reached when asked
    remote_store = open_store(remote)
    assert isinstance(remote_store, RemoteStore)
    remote_store.close()
    assert open_snapshot(remote) is None
    assert store_location(remote) != store_location(embedded)
