"""Each cited work described once, in the works graph (issue 16, store size): not restated in
every citing document's graph, and still right after documents come and go."""

from __future__ import annotations

from pathlib import Path

from govtrace.graph.build import build
from govtrace.graph.layout import GraphLayout
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.graph.works import describe_works
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.ntriples import Statements
from govtrace.settings import Settings
from tests.support.demo import store_rows

GT = "https://w3id.org/govtrace/ontology#"
ID = "https://w3id.org/govtrace/id/"
PREFIXES = (f"PREFIX gt: <{GT}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "PREFIX eli: <http://data.europa.eu/eli/ontology#> ")
PLAN = """{place}2024年法治政府建设工作计划
一、加强制度建设
（一）{cites}
（二）加强行政执法队伍建设，全面落实行政执法责任制。
"""
RULE = "贯彻落实《某某行政执法办法》（内蒙古自治区人民政府令第262号）。"
OTHER = "贯彻落实《某某行政复议条例》。"


def _plan(folder: Path, place: str, cites: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{place}.txt").write_text(PLAN.format(place=place, cites=cites),
                                        encoding="utf-8")


def _rows(settings: Settings, query: str) -> list[dict[str, str]]:
    return store_rows(settings, PREFIXES + query)


def _ask(settings: Settings, query: str) -> bool:
    store = EmbeddedStore.open(settings, read_only=True)
    try:
        return store.query(PREFIXES + query).boolean
    finally:
        store.close()


def _descriptions(settings: Settings) -> list[tuple[str, str, str, str]]:
    """Every statement about a cited work (a regulation/ IRI), with its graph."""
    rows = _rows(settings, f"""SELECT ?g ?work ?p ?o WHERE {{ GRAPH ?g {{ ?work ?p ?o }}
        FILTER STRSTARTS(STR(?work), "{ID}regulation/") }}""")
    return sorted((row["g"], row["work"], row["p"], row["o"]) for row in rows)


def _labels(settings: Settings) -> dict[str, str]:
    """The works cited and not in the corpus, with their labels."""
    return {row["work"]: row["label"] for row in _rows(settings, f"""SELECT ?work ?label
        WHERE {{ ?work a gt:CitedWork ; skos:prefLabel ?label
                 FILTER STRSTARTS(STR(?work), "{ID}regulation/") }}""")}


def test_a_work_is_described_once_in_the_works_graph_issue_16(tmp_path: Path) -> None:
    """Two plans cite one rule: its description (type, rank, labels, order number) is in
    the works graph once, its entailments in the works graph's, and the plans' graphs only
    name it; before, each citing graph repeated it (and the union repeated every row)."""
    corpus = tmp_path / "corpus"
    _plan(corpus, "乌审旗", RULE)
    _plan(corpus, "杭锦旗", RULE)
    settings = Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store", workers=1)
    assert not build(settings, [corpus]).failures
    described = _descriptions(settings)
    graphs = {graph for graph, *_ in described}
    # a work's description entails nothing in govtrace's own terms (ontology 4.0.0)
    assert graphs == {f"{ID}graph/works"}
    (work,) = {work for _, work, _, _ in described}
    assert [(p, o) for g, _, p, o in described if g == f"{ID}graph/works"] == sorted([
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", f"{GT}CitedWork"),
        (f"{GT}legalRank", f"{GT}RankGovernmentRule"),
        ("http://www.w3.org/2004/02/skos/core#prefLabel", "某某行政执法办法"),
        ("http://www.w3.org/2000/01/rdf-schema#label", "某某行政执法办法"),
        (f"{GT}orderNumber", "内蒙古自治区人民政府令第262号")])
    # Only govtrace's own entailments are materialized (ontology 4.0.0): a work's rank stays
    # gt:legalRank, with no eli:type_document copy.
    assert not _ask(settings, f"""ASK {{ GRAPH <{ID}graph/inferred/works> {{
        <{work}> eli:type_document ?rank }} }}""")
    citing = _rows(settings, f"SELECT ?g WHERE {{ GRAPH ?g {{ ?task gt:cites <{work}> }} }}")
    assert len(citing) == 2


def test_a_work_cited_by_a_removed_document_stays_right_issue_16(tmp_path: Path) -> None:
    """A work keeps its description while a document still cites it and leaves with the
    last one; a bare title merged into the one numbered rule of that title is described
    under the rule's IRI, and again under its own once a second order number appears.
    Every step ends where a fresh build of the same corpus ends."""
    corpus = tmp_path / "corpus"
    _plan(corpus, "乌审旗", RULE)
    _plan(corpus, "杭锦旗", "贯彻落实《某某行政执法办法》。")
    _plan(corpus, "鄂托克旗", OTHER)
    settings = Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store", workers=1)

    def step() -> dict[str, str]:
        assert not build(settings, [corpus]).failures
        fresh_root = tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}"
        fresh = Settings(data_dir=fresh_root / "data", store_dir=fresh_root / "store",
                         workers=1)
        assert not build(fresh, [corpus]).failures
        assert _descriptions(settings) == _descriptions(fresh)
        return _labels(settings)

    assert sorted(step().values()) == sorted(["某某行政执法办法", "某某行政复议条例"])
    (corpus / "鄂托克旗.txt").unlink()
    assert sorted(step().values()) == ["某某行政执法办法"]
    (corpus / "乌审旗.txt").unlink()  # the bare title is all that is left: its own work
    (bare,) = step()
    assert _rows(settings, f"SELECT ?n WHERE {{ <{bare}> gt:orderNumber ?n }}") == []
    _plan(corpus, "乌审旗", RULE)
    _plan(corpus, "达拉特旗", "贯彻落实《某某行政执法办法》（内蒙古自治区人民政府令第263号）。")
    assert len(step()) == 3


def test_the_works_graph_is_written_only_when_it_changed_issue_16(tmp_path: Path) -> None:
    """An unchanged works graph is left alone (a write would move the store's files under
    the server's indexes, stamped with them)."""
    settings = Settings(data_dir=tmp_path / "data", store_dir=tmp_path / "store")
    layout = GraphLayout(IriScheme())
    work = (f"<{ID}regulation/x>", "<http://www.w3.org/2000/01/rdf-schema#label>", '"x"@zh')
    store = EmbeddedStore.open(settings)
    try:
        assert describe_works(store, layout, Statements([work]))
        assert not describe_works(store, layout, Statements([work]))
        assert describe_works(store, layout, Statements())
        assert not store.query(f"ASK {{ GRAPH <{layout.works}> {{ ?s ?p ?o }} }}"
                               ).boolean
    finally:
        store.close()


def test_an_empty_graph_is_dropped_not_inserted_empty_issue_16() -> None:
    """The works' entailments are empty since ontology 4.0.0; Virtuoso refused the whole
    update over `GRAPH <…/inferred/works> {}` (SP030), so the works were never written."""
    layout = GraphLayout(IriScheme())
    ntriples = f"<{ID}regulation/a> <{GT}legalRank> <{GT}RankOther> .\n"
    update = layout.replace_graphs_update({layout.works: ntriples, layout.inferred_works: ""})
    assert update.count("DROP SILENT GRAPH") == 2
    assert f"GRAPH <{layout.works}> {{\n{ntriples}}}" in update
    assert f"GRAPH <{layout.inferred_works}>" not in update.split("INSERT DATA", 1)[1]
    assert "INSERT DATA" not in layout.replace_graphs_update({layout.inferred_works: " \n"})
