"""Plan vs report: what a division planned for a year against what its work report says.

The pairing is the graph's own: the lineage links of kind ``gt:reportsOn`` the build drew
from the report's items to plan tasks (graph/lineage/reports.py). The plans are the
division's own plans covering the year; a division with none in the graph (a banner that
reports against its region's 实施方案) is compared with the plans its report reports on,
and the answer says so (``plans_are_own``).
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from govtrace.errors import QUERY_NOT_FOUND, QueryError
from govtrace.graph.store import SparqlService
from govtrace.ontology.document_kinds import KINDS, Structure
from govtrace.ontology.namespaces import GT
from govtrace.queries.models import DivisionRef, DocumentRef, TaskRef
from govtrace.queries.refs import (
    DOCUMENT_PATTERN,
    KnownRefs,
    covers_year,
    document_ref,
    earliest_year,
    task_refs,
)
from govtrace.queries.rows import Ids, Row, iri_values, select

_PLAN_TYPES = " ".join(kind.curie for kind in KINDS
                       if kind.is_plan and not kind.heads_lineage and kind.class_tells_kind)
_REPORT_TYPES = " ".join(kind.curie for kind in KINDS
                         if kind.structure is Structure.REPORT_ITEMS and kind.class_tells_kind)
_REPORTS_ON = str(GT.reportsOn)


class ReportItemRef(TaskRef):
    """An item of a work report (gt:ReportItem); ``id`` is ``{doc_id}/item/{path}``."""

    path: str | None = Field(default=None, description="its place in the report: 2.1 is "
                             "the first sub-item of item 2")


class ReportedItem(BaseModel):
    """A report item reporting on the task, by a gt:reportsOn lineage link."""

    item: ReportItemRef
    link: str | None = Field(default=None, description="the lineage link's IRI")
    confidence: float | None = None
    method: str | None = None


class ReportedTask(BaseModel):
    """A plan task and the report items that report on it."""

    task: TaskRef
    items: list[ReportedItem]


class PlanVsReport(BaseModel):
    division: DivisionRef
    year: int
    plans: list[DocumentRef]
    plans_are_own: bool = Field(description=(
        "true: the division's own plans covering the year; false: it has none in the "
        "graph, and these are the plans its report reports on"))
    reports: list[DocumentRef]
    reported: list[ReportedTask] = Field(description="plan tasks the report reports on, "
                                         "each with its items, in plan order")
    planned_not_reported: list[TaskRef] = Field(description="plan tasks no report item "
                                                "reports on")
    reported_not_planned: list[ReportItemRef] = Field(description=(
        "report items that report on no task of the plans (a heading counts only when "
        "none of its sub-items does)"))
    share_reported: float = Field(description="reported plan tasks / plan tasks (0–1)")


def plan_vs_report(service: SparqlService, ids: Ids, division: DivisionRef, year: int
                   ) -> PlanVsReport:
    """The comparison for ``division`` (described, in the graph) and ``year``; a year
    without a report, or a report with no plan to hold it against, is GT-QUERY-006."""
    reports, plans = _documents_of(service, ids, division.iri, year)
    label = f"{division.label or division.adcode} ({division.adcode})"
    if not reports:
        raise QueryError(QUERY_NOT_FOUND, f"there is no work report of {label} for {year}",
                         hint=_years_hint(service, division, "reports"))
    items = _report_items(service, [doc.iri for doc in reports])
    own = True
    if not plans:
        own = False
        plans = _describe(service, ids, {row["planDoc"] for row in items if "planDoc" in row})
    if not plans:
        raise QueryError(QUERY_NOT_FOUND, f"{label} has no plan covering {year}, and its "
                         "report reports on no plan's task",
                         hint=_years_hint(service, division, "plans"))
    tasks = _plan_tasks(service, [doc.iri for doc in plans])
    in_plans = [row for row in items if row.get("task") in tasks]
    refs = task_refs(service, ids, [*tasks, *(row["item"] for row in items)])
    paths = {row["item"]: row.get("path") for row in items}
    item_refs = {iri: ReportItemRef(**refs[iri].model_dump(), path=paths[iri])
                 for iri in paths if iri in refs}
    by_task: dict[str, dict[str, ReportedItem]] = {}
    for row in in_plans:
        by_task.setdefault(row["task"], {})[row["item"]] = ReportedItem(
            item=item_refs[row["item"]], link=row.get("link"),
            confidence=row.get("confidence"), method=row.get("method"))
    ordered = sorted((refs[task] for task in tasks if task in refs), key=_plan_order)
    reported = [ReportedTask(task=task, items=sorted(by_task[task.iri].values(),
                                                     key=lambda r: _item_order(r.item)))
                for task in ordered if task.iri in by_task]
    linked_paths = [(row["report"], paths[row["item"]] or "") for row in in_plans]
    unplanned = [ref for ref in item_refs.values()
                 if not any(report == ref.document.iri and _at_or_under(path, ref.path or "")
                            for report, path in linked_paths)]
    return PlanVsReport(
        division=division, year=year, plans=plans, plans_are_own=own, reports=reports,
        reported=reported,
        planned_not_reported=[task for task in ordered if task.iri not in by_task],
        reported_not_planned=sorted(unplanned, key=_item_order),
        share_reported=round(len(reported) / len(ordered), 3) if ordered else 0.0)


def reported_years(service: SparqlService, ids: Ids) -> list[tuple[str, int]]:
    """Every (division's code, year) a work report covers: the questions
    :func:`plan_vs_report` may answer (of any other it says there is no report)."""
    rows = select(service, f"""SELECT DISTINCT ?div ?year WHERE {{
  VALUES ?kind {{ {_REPORT_TYPES} }}
  ?doc a ?kind ; gt:jurisdiction ?div ; gt:coversYear ?year }}""")
    return sorted({(ids.short(row["div"], "division"), int(str(row["year"])[:4]))
                   for row in rows})


def _documents_of(service: SparqlService, ids: Ids, division: str, year: int
                  ) -> tuple[list[DocumentRef], list[DocumentRef]]:
    """The division's work reports and plans covering ``year`` (one query)."""
    rows = select(service, f"""SELECT DISTINCT ?doc ?report WHERE {{
  {iri_values("div", [division])}
  {{ VALUES ?kind {{ {_REPORT_TYPES} }} BIND(true AS ?report) }}
  UNION {{ VALUES ?kind {{ {_PLAN_TYPES} }} }}
  ?doc gt:jurisdiction ?div ; a ?kind . {covers_year("doc", year)} }}""")
    return (_describe(service, ids, {row["doc"] for row in rows if "report" in row}),
            _describe(service, ids, {row["doc"] for row in rows if "report" not in row}))


def _describe(service: SparqlService, ids: Ids, docs: Iterable[str]) -> list[DocumentRef]:
    wanted = sorted(set(docs))
    known = service.known_documents() if isinstance(service, KnownRefs) else {}
    rest = [doc for doc in wanted if doc not in known]
    rows = select(service, f"SELECT * WHERE {{ {iri_values('doc', rest)} {DOCUMENT_PATTERN} }}"
                  ) if rest else []
    described = {doc: document_ref(row, ids) for doc, row in earliest_year(rows, "doc").items()}
    return [known.get(doc) or described[doc] for doc in wanted
            if doc in known or doc in described]


def _report_items(service: SparqlService, reports: list[str]) -> list[Row]:
    """Each item of the reports, once per task it reports on (with the link's confidence
    and method) and once alone when it reports on none.

    The links are a branch of their own, anchored on the reports' items inside it: as an
    OPTIONAL beside the items, Oxigraph joined every link of the store (1.8 s at 1,000
    documents, 3 ms apart). A service that knows the link table
    (:meth:`~govtrace.queries.refs.KnownRefs.known_details`) reads each item's links
    there instead: half of the query's CPU (issue 16), the same rows because a link's IRI
    is minted from its kind, child and parent (:mod:`govtrace.graph.lineage.rdf`), so the
    one head the table keeps of each link, under its one ``gt:linkFrom``, is the store's."""
    anchor = iri_values("report", reports)
    items = f"""{{ {anchor} ?report gt:hasReportItem ?item .
    OPTIONAL {{ ?item gt:path ?path }}
    OPTIONAL {{ ?item gt:reportsOn ?task . ?task gt:inDocument ?planDoc }} }}"""
    details = service.known_details() if isinstance(service, KnownRefs) else None
    if details is None:
        found = select(service, f"""SELECT DISTINCT * WHERE {{ {items}
  UNION {{ {anchor} ?report gt:hasReportItem ?item .
    ?link gt:linkFrom ?item ; gt:linkType gt:reportsOn ; gt:linkTo ?task .
    OPTIONAL {{ ?link gt:confidence ?confidence }} OPTIONAL {{ ?link gt:method ?method }} }}
}}""")
    else:
        found = select(service, f"SELECT DISTINCT * WHERE {items}")
        found += [{"report": row["report"], "item": item, "link": head["link"],
                   "task": head["to"], **{key: head[key] for key in ("confidence", "method")
                                          if key in head}}
                  for row, item in _each_item(found) for head in details.heads_from(item)
                  if head["type"] == _REPORTS_ON]
    rows = [row for row in found if "link" not in row]
    links: dict[tuple[str, str], list[Row]] = {}
    for link in found:
        if "link" in link:
            links.setdefault((link["item"], link["task"]), []).append(
                {key: link[key] for key in ("item", "task", "link", "confidence", "method")
                 if key in link})
    return [{**row, **link} for row in rows
            for link in (links.get((row["item"], row["task"])) or [{}] if "task" in row
                         else [{}])]


def _each_item(rows: list[Row]) -> list[tuple[Row, str]]:
    """Each item of ``rows`` once, with its first row."""
    first: dict[str, Row] = {}
    for row in rows:
        first.setdefault(row["item"], row)
    return [(row, item) for item, row in first.items()]


def _plan_tasks(service: SparqlService, plans: list[str]) -> set[str]:
    rows = select(service, f"""SELECT ?task WHERE {{ {iri_values("plan", plans)}
  ?plan gt:hasTask ?task }}""")
    return {row["task"] for row in rows}


def _years_hint(service: SparqlService, division: DivisionRef, what: str) -> str:
    types = _REPORT_TYPES if what == "reports" else _PLAN_TYPES
    rows = select(service, f"""SELECT DISTINCT ?year WHERE {{ {iri_values("div", [division.iri])}
  VALUES ?kind {{ {types} }} ?doc gt:jurisdiction ?div ; a ?kind ; gt:coversYear ?year }}""")
    years = sorted({int(str(row["year"])[:4]) for row in rows})
    if not years:
        return (f"The graph holds no {what} of this division; its page "
                f"(/id/division/{division.adcode}) lists its documents.")
    return f"The division's {what} cover {', '.join(map(str, years))}: ask for one of those."


def _plan_order(task: TaskRef) -> tuple[str, int, str]:
    return (task.document.id, task.number or 0, task.id)


def _item_order(item: ReportItemRef) -> tuple[str, tuple[int, ...], str]:
    path = tuple(int(part) for part in (item.path or "").split(".") if part.isdigit())
    return (item.document.id, path, item.id)


def _at_or_under(path: str, heading: str) -> bool:
    """Whether the item at ``path`` is the one at ``heading`` or one of its sub-items."""
    return path == heading or path.startswith(heading + ".")
