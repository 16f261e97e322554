"""A big lineage view for aggregation and browser-speed tests: one national outline item
implemented by every province's scheme and by thousands of county tasks of real counties
(from the gazetteer), the shape a fully ingested country would give."""

from __future__ import annotations

import networkx as nx

from govtrace.ontology.divisions import get_gazetteer
from govtrace.ontology.divisions_model import Division, Level
from govtrace.queries.models import DivisionRef, DocumentRef, LevelRef, TaskRef
from govtrace.viz.model import add_link, add_task, new_graph

BASE = "https://w3id.org/govtrace/id/"


def _division(division: Division) -> DivisionRef:
    level = division.level
    return DivisionRef(iri=f"{BASE}division/{division.adcode}", adcode=division.adcode,
                       label=division.name, label_en=division.pinyin,
                       level=LevelRef(iri=str(level.iri), rank=level.rank, label=level.label_zh,
                                      label_en=level.value.lower()))


def _task(doc_id: str, number: int, title: str, division: Division, year: int) -> TaskRef:
    document = DocumentRef(iri=f"{BASE}doc/{doc_id}", id=doc_id, title=f"{division.name}{year}",
                           year=year, division=_division(division))
    return TaskRef(iri=f"{BASE}doc/{doc_id}/task/{number}", id=f"{doc_id}/{number}",
                   number=number, title=title, document=document)


def big_lineage_graph(implementers: int = 3000) -> nx.DiGraph:
    """National item 9, each province's task implementing it, and ``implementers`` county
    tasks (real counties, cycling through years 2021–2025) each implementing its province's."""
    gazetteer = get_gazetteer()
    national = next(d for d in gazetteer if d.level is Level.NATIONAL)
    counties = [d for d in gazetteer if d.level is Level.COUNTY and not d.functional_zone]
    graph = new_graph("big", "national item 9 — synthetic coverage")
    item = add_task(graph, _task("outline", 9, "加强行政规范性文件制定监督管理", national, 2021),
                    focus=True)
    provinces: dict[str, str] = {}
    for division in gazetteer:
        if division.level is Level.PROVINCIAL:
            provinces[division.adcode] = add_task(
                graph, _task(f"scheme-{division.adcode}", 6, "加强行政规范性文件制定监督管理",
                             division, 2021))
            add_link(graph, provinces[division.adcode], item, "implements", 0.7, ["规范性文件"])
    for i in range(implementers):
        county = counties[i % len(counties)]
        year = 2021 + (i // len(counties)) % 5
        province = gazetteer.lineage(county)[-2].adcode
        task = add_task(graph, _task(f"plan-{county.adcode}-{year}", 5,
                                     "加强行政规范性文件制定监督管理", county, year))
        add_link(graph, task, provinces[province], "implements", 0.9, ["有件必备、有备必审"])
    return graph
