"""Agencies: one agency with the tasks it leads or shares, and the lead units of a
document's tasks."""

from __future__ import annotations

from pydantic import BaseModel

from govtrace.graph.store import SparqlService
from govtrace.queries.models import AgencySummary, TaskRef
from govtrace.queries.refs import task_refs
from govtrace.queries.rows import Ids, Row, iri_values, local_name, select


class AgencyTask(BaseModel):
    task: TaskRef
    role: str  # leadUnit or responsibleUnit


class AgencyDetail(AgencySummary):
    aliases: list[str]
    division: str | None = None  # the adcode of its jurisdiction
    division_label: str | None = None
    tasks: list[AgencyTask]


class LeadUnit(BaseModel):
    """A task's lead unit (牵头单位)."""

    task: str  # the task's IRI
    agency: AgencySummary


def agency_detail(service: SparqlService, ids: Ids, key: str) -> AgencyDetail | None:
    iri = ids.agency_iri(key)
    rows = select(service, f"""SELECT * WHERE {{ {iri_values("agency", [iri])}
  ?agency a gt:Agency .
  OPTIONAL {{ ?agency skos:prefLabel ?label }}
  OPTIONAL {{ ?agency skos:altLabel ?alias }}
  OPTIONAL {{ ?agency gt:jurisdiction ?div . OPTIONAL {{ ?div skos:prefLabel ?divLabel }} }}
  OPTIONAL {{ VALUES ?role {{ gt:leadUnit gt:responsibleUnit }} ?task ?role ?agency }}
}}""")
    if not rows:
        return None
    first = rows[0]
    refs = task_refs(service, ids, [row["task"] for row in rows if "task" in row])
    roles = {(row["task"], local_name(row["role"]) or "") for row in rows if "task" in row}
    tasks = [AgencyTask(task=refs[task], role=role) for task, role in sorted(roles)
             if task in refs]
    return AgencyDetail(iri=iri, id=key, label=first.get("label"),
                        aliases=sorted({row["alias"] for row in rows if "alias" in row}),
                        division=(first["div"].rsplit("/", 1)[-1] if "div" in first else None),
                        division_label=first.get("divLabel"), tasks=tasks)


def lead_units(service: SparqlService, ids: Ids, document: str) -> list[LeadUnit]:
    """The lead unit of every task of ``document`` (an IRI) that names one."""
    rows = select(service, f"""SELECT ?task ?agency ?label WHERE {{
  {iri_values("doc", [document])} ?doc gt:hasTask ?task . ?task gt:leadUnit ?agency .
  OPTIONAL {{ ?agency skos:prefLabel ?label }} }} ORDER BY ?task ?agency""")
    return [LeadUnit(task=row["task"], agency=_agency_summary(row, ids)) for row in rows]


def _agency_summary(row: Row, ids: Ids) -> AgencySummary:
    return AgencySummary(iri=row["agency"], id=ids.short(row["agency"], "agency"),
                         label=row.get("label"))
