"""The graph behind every view: a networkx ``DiGraph`` whose nodes and edges carry what the
renderers and exporters need, in plain (GraphML-safe) attribute values.

Node attributes: ``kind`` (task, document, regulation, agency, division, cluster), ``label``,
``title`` (the full name), ``rank`` (administrative level: 1 national … 6 village, 0 unknown),
``level_en``/``level_zh``, ``division`` (adcode), ``division_label``, ``year``, ``iri``,
``path`` (the entity page, relative to the server), ``detail`` (extra tooltip lines).
Edge attributes: ``type`` (implements, alignedWith, hasTask, cites, mandatedBy, leadUnit),
``confidence`` (0–1, or absent), ``evidence`` (phrases joined by " / "), ``method``.
Edges point from the implementing (child) side to what it implements or cites.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govtrace.queries.models import AgencySummary, DivisionRef, DocumentRef, RegulationRef, TaskRef

# networkx (and pyvis, govtrace.viz.render) are imported where a view is drawn, not with
# the modules: a server would otherwise load them, about 1 s, before opening its port
# (issue 16).
if TYPE_CHECKING:
    import networkx as nx

LEVELS = {1: ("national", "国家级"), 2: ("provincial", "省级"), 3: ("prefectural", "地级"),
          4: ("county", "县级"), 5: ("township", "乡级"), 6: ("village", "村级")}


def new_graph(name: str, title: str) -> nx.DiGraph:
    import networkx as nx

    graph = nx.DiGraph(name=name, title=title)
    return graph


def _rank(division: DivisionRef | None) -> int:
    return (division.level.rank or 0) if division and division.level else 0


def _level_attrs(rank: int) -> dict[str, Any]:
    en, zh = LEVELS.get(rank, ("unknown", "未知"))
    return {"rank": rank, "level_en": en, "level_zh": zh}


def _division_attrs(division: DivisionRef | None) -> dict[str, Any]:
    if division is None:
        return {}
    # The IRI's key, not the adcode: the nation has no GB/T 2260 code (issue 18) but is a
    # division nodes still group under.
    return {"division": division.iri.rsplit("/", 1)[-1], "division_label": division.label or "",
            "division_en": division.label_en or ""}


def task_path(task: TaskRef) -> str:
    doc_id, _, number = task.id.rpartition("/")
    return f"/id/doc/{doc_id}/task/{number}"


def add_task(graph: nx.DiGraph, task: TaskRef, **extra: Any) -> str:
    """The task as a node (its IRI is its id); ``extra`` attributes override."""
    document = task.document
    number = task.number_text or (str(task.number) if task.number is not None else "")
    where = (document.division.label if document.division else None) or ""
    year = f"{document.year} " if document.year else ""
    graph.add_node(task.iri, kind="task", iri=task.iri, path=task_path(task),
                   label=f"{where} {year}{number}".strip() + "\n" + _short(task.title or ""),
                   title=task.title or "", document=document.title or "",
                   year=document.year or 0,
                   **_level_attrs(_rank(document.division)),
                   **_division_attrs(document.division), **extra)
    return task.iri


def add_document(graph: nx.DiGraph, document: DocumentRef) -> str:
    graph.add_node(document.iri, kind="document", iri=document.iri,
                   path=f"/id/doc/{document.id}", label=_short(document.title or document.id, 18),
                   title=document.title or document.id, year=document.year or 0,
                   doc_type=document.type_en or "",
                   **_level_attrs(_rank(document.division)),
                   **_division_attrs(document.division))
    return document.iri


def add_regulation(graph: nx.DiGraph, work: RegulationRef) -> str:
    kind = "regulation" if "/regulation/" in work.iri else "document"
    path = f"/id/regulation/{work.id}" if kind == "regulation" else f"/id/doc/{work.id}"
    graph.add_node(work.iri, kind=kind, iri=work.iri, path=path,
                   label=_short(work.title or work.id, 16), title=work.title or work.id,
                   doc_type=work.type_en or "", order_number=work.order_number or "",
                   **_level_attrs(0))
    return work.iri


def add_agency(graph: nx.DiGraph, agency: AgencySummary, rank: int) -> str:
    """The agency as a node drawn just below the tasks (of ``rank``) it leads."""
    label = agency.label or agency.iri
    graph.add_node(agency.iri, kind="agency", iri=agency.iri, path=f"/id/agency/{agency.id}",
                   label=label, title=label, rank=rank, agency_below=True)
    return agency.iri


def add_link(graph: nx.DiGraph, child: str, parent: str, type_: str,
             confidence: float | None = None, evidence: list[str] | None = None,
             method: str | None = None) -> None:
    attrs: dict[str, Any] = {"type": type_}
    if confidence is not None:
        attrs["confidence"] = float(confidence)
    if evidence:
        attrs["evidence"] = " / ".join(evidence)
    if method:
        attrs["method"] = method
    graph.add_edge(child, parent, **attrs)


def _short(text: str, width: int = 14) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
