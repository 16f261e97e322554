"""The four views as networkx graphs, assembled from the same answers the JSON API gives.

* :func:`lineage_graph` — a task's links up to the national outline and down to every
  implementer;
* :func:`document_graph` — a document, its tasks, the tasks they implement and their lead units;
* :func:`regulation_graph` — a regulation, the tasks citing it at every level and year, and
  their chains up to the national outline;
* :func:`coverage_graph` — one national item and everything implementing it, all divisions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govtrace.queries.answers import Answers
from govtrace.queries.models import Link
from govtrace.viz.comparison import shared_phrases
from govtrace.viz.model import (
    add_agency,
    add_document,
    add_link,
    add_regulation,
    add_task,
    new_graph,
)

if TYPE_CHECKING:
    import networkx as nx  # imported where a graph is made (model.new_graph), issue 16

CITATION_EDGE = {"Mandate": "mandatedBy", "Deliverable": "produces", "Mention": "cites"}


def _add_links(graph: nx.DiGraph, links: list[Link]) -> None:
    for link in links:
        child, parent = add_task(graph, link.child), add_task(graph, link.parent)
        add_link(graph, child, parent, link.type, link.confidence,
                 shared_phrases(link.evidence), link.method)


def lineage_graph(ask: Answers, doc_id: str, number: int) -> nx.DiGraph:
    answer = ask.lineage(doc_id, number)
    graph = new_graph(f"lineage-{doc_id}-{number}",
                      f"{answer.task.title or ''} — lineage / 任务谱系")
    add_task(graph, answer.task, focus=True)
    _add_links(graph, answer.up + answer.down)
    return graph


def document_graph(ask: Answers, doc_id: str) -> nx.DiGraph:
    detail = ask.document(doc_id)
    graph = new_graph(f"document-{doc_id}", f"{detail.title or doc_id} — tasks / 任务")
    doc_node = add_document(graph, detail)
    graph.nodes[doc_node]["focus"] = True
    for task in detail.tasks:
        add_link(graph, add_task(graph, task), doc_node, "inDocument")
    _add_links(graph, ask.document_links(doc_id))
    for unit in ask.lead_units(doc_id):
        agency = add_agency(graph, unit.agency, rank=graph.nodes[unit.task].get("rank", 0))
        add_link(graph, unit.task, agency, "leadUnit")
    return graph


def regulation_graph(ask: Answers, key: str) -> nx.DiGraph:
    detail = ask.regulation(key)
    graph = new_graph(f"regulation-{key}", f"{detail.title or key} — mandates / 授权依据")
    work = add_regulation(graph, detail)
    graph.nodes[work]["focus"] = True
    for citing in detail.cited_by:
        add_link(graph, add_task(graph, citing.task), work,
                 CITATION_EDGE.get(citing.citation.kind, "cites"))
    chains = ask.chains_up(c.task.iri for c in detail.cited_by)
    for start, steps in chains.items():
        child = start
        for step in steps:
            add_task(graph, step.task)
            add_link(graph, child, step.task.iri, "implements", step.confidence)
            child = step.task.iri
    return graph


def coverage_graph(ask: Answers, number: int) -> nx.DiGraph:
    item = ask.national_item(number)
    doc_id = item.id.rpartition("/")[0]
    graph = lineage_graph(ask, doc_id, number)
    graph.graph.update(name=f"coverage-{number}",
                       title=f"{item.title or number} — coverage / 落实情况")
    return graph
