"""Small look-ups the views and pages need that the JSON API does not answer: a document's
lineage links, an agency, the tasks implementing one national item in one division, and the
coverage counts by year.

Built on :mod:`govtrace.queries.rows` (values bound in ``VALUES`` blocks, never pasted).
"""

from __future__ import annotations

from pydantic import BaseModel

from govtrace.graph.store import SparqlService
from govtrace.queries.models import TaskRef
from govtrace.queries.refs import task_refs
from govtrace.queries.rows import Ids, iri_values, literal_values, local_name, select

NATIONAL_OUTLINE = """?outline a gt:Outline ; gt:jurisdiction/gt:level gt:National .
  ?item gt:inDocument ?outline ; gt:number ?number ; a gt:Task ."""


class DocumentLink(BaseModel):
    child: str
    parent: str
    type: str
    confidence: float | None = None
    evidence: list[str] = []


def document_links(service: SparqlService, document: str) -> list[DocumentLink]:
    """Every lineage link from a task of ``document`` to its parent task."""
    rows = select(service, f"""SELECT ?link ?from ?to ?type ?confidence ?phrase WHERE {{
  {iri_values("doc", [document])}
  ?from gt:inDocument ?doc ; a gt:Task .
  ?link gt:linkFrom ?from ; gt:linkTo ?to ; gt:linkType ?type .
  OPTIONAL {{ ?link gt:confidence ?confidence }}
  OPTIONAL {{ ?link gt:hasEvidence/gt:phrase ?phrase }}
}}""")
    links: dict[str, DocumentLink] = {}
    for row in rows:
        link = links.setdefault(row["link"], DocumentLink(
            child=row["from"], parent=row["to"], type=local_name(row["type"]) or "",
            confidence=row.get("confidence")))
        if "phrase" in row and row["phrase"] not in link.evidence:
            link.evidence.append(row["phrase"])
    return sorted(links.values(), key=lambda link: (link.child, link.parent))


class AgencyTask(BaseModel):
    task: TaskRef
    role: str  # leadUnit or responsibleUnit


class AgencyDetail(BaseModel):
    iri: str
    id: str
    label: str | None = None
    aliases: list[str] = []
    division: str | None = None
    division_label: str | None = None
    tasks: list[AgencyTask] = []


def agency(service: SparqlService, ids: Ids, key: str) -> AgencyDetail | None:
    iri = ids.scheme.base + "agency/" + key
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


def implementers_in(service: SparqlService, ids: Ids, number: int, adcode: str
                    ) -> list[TaskRef]:
    """The tasks of division ``adcode`` implementing national item ``number`` (any depth)."""
    rows = select(service, f"""SELECT DISTINCT ?task WHERE {{
  {literal_values("number", [number])} {iri_values("div", [ids.division_iri(adcode)])}
  {NATIONAL_OUTLINE}
  ?task gt:implementsTransitively ?item ; gt:inDocument/gt:jurisdiction ?div .
}}""")
    refs = task_refs(service, ids, [row["task"] for row in rows])
    return sorted(refs.values(), key=lambda t: (t.document.year or 0, t.id))


def coverage_by_year(service: SparqlService) -> dict[tuple[int, str, int], int]:
    """(national item number, division adcode, year the plan covers) → implementing tasks."""
    rows = select(service, f"""SELECT ?number ?div ?year (COUNT(DISTINCT ?task) AS ?tasks)
WHERE {{
  {NATIONAL_OUTLINE}
  ?task gt:implementsTransitively ?item ; gt:inDocument ?doc .
  ?doc gt:jurisdiction ?div .
  OPTIONAL {{ ?doc gt:coversYear ?year }}
}} GROUP BY ?number ?div ?year""")
    counts: dict[tuple[int, str, int], int] = {}
    for row in rows:
        year = int(str(row["year"])[:4]) if row.get("year") is not None else 0
        key = (int(row["number"]), row["div"].rsplit("/", 1)[-1], year)
        counts[key] = counts.get(key, 0) + int(row["tasks"])
    return counts
