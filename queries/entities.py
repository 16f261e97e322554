"""Look-ups of single entities and listings: regulations, documents, divisions, coverage."""

from __future__ import annotations

from pydantic import BaseModel, Field

from govtrace.graph.store import SparqlService
from govtrace.queries.models import (
    Citation,
    Division,
    DocumentRef,
    Level,
    RegulationRef,
    Span,
    TaskRef,
)
from govtrace.queries.refs import (
    DIVISION_PATTERN,
    DOCUMENT_PATTERN,
    WORK_PATTERN,
    document_ref,
    earliest_year,
    regulation_ref,
    task_refs,
)
from govtrace.queries.rows import Ids, iri_values, local_name, select


class RegulationSummary(RegulationRef):
    citations: int


class CitingTask(BaseModel):
    task: TaskRef
    citation: Citation


class RegulationDetail(RegulationRef):
    cited_by: list[CitingTask] = Field(description="tasks and report items citing it, "
                                                   "national-side first, then by year")
    levels: list[str] = Field(description="administrative levels (English) citing it")
    years: list[int]


class DocumentDetail(DocumentRef):
    tasks: list[TaskRef]
    implements: list[str] = Field(description="IRIs of the documents this one implements")


class DivisionDetail(Division):
    within: list[Division]
    documents: list[DocumentRef]


class CoverageItem(BaseModel):
    number: int
    title: str | None = None
    counts: dict[str, int] = Field(description="implementing tasks by division adcode")


class Coverage(BaseModel):
    divisions: list[Division]
    items: list[CoverageItem]


def regulations(service: SparqlService, ids: Ids) -> list[RegulationSummary]:
    rows = select(service, f"""SELECT * WHERE {{
  {{ SELECT ?work (COUNT(DISTINCT ?c) AS ?citations)
     WHERE {{ ?c gt:citedWork ?work . ?work a gt:Regulation }} GROUP BY ?work }}
  {WORK_PATTERN}
}}""")
    unique = {row["work"]: row for row in rows}
    summaries = [RegulationSummary(**regulation_ref(row, ids).model_dump(),
                                   citations=row["citations"]) for row in unique.values()]
    return sorted(summaries, key=lambda s: (-s.citations, s.title or "", s.iri))


def regulation(service: SparqlService, ids: Ids, key: str) -> RegulationDetail | None:
    iri = ids.regulation_iri(key)
    rows = select(service, f"""SELECT * WHERE {{
  {iri_values("work", [iri])} ?work a gt:CitedWork . {WORK_PATTERN}
  OPTIONAL {{
    ?citer gt:hasCitation ?c . ?c gt:citedWork ?work ; gt:citationKind ?kind .
    OPTIONAL {{ ?c gt:cue ?cue }}
    OPTIONAL {{ ?c gt:span ?cs . ?cs gt:charStart ?cStart ; gt:charEnd ?cEnd }}
  }}
}}""")
    if not rows:
        return None
    refs = task_refs(service, ids, [row["citer"] for row in rows if "citer" in row])
    citing = {(row["citer"], row["c"]): CitingTask(
        task=refs[row["citer"]],
        citation=Citation(kind=local_name(row["kind"]) or "", cue=row.get("cue"),
                          span=Span(start=row["cStart"], end=row["cEnd"])
                          if "cStart" in row else None))
        for row in rows if row.get("citer") in refs}
    cited_by = sorted(citing.values(), key=_national_first)
    levels = sorted({lv.label_en or lv.iri for c in cited_by if (lv := _level(c.task))})
    years = sorted({c.task.document.year for c in cited_by if c.task.document.year})
    return RegulationDetail(**regulation_ref(rows[0], ids).model_dump(), cited_by=cited_by,
                            levels=levels, years=years)


def _level(task: TaskRef) -> Level | None:
    division = task.document.division
    return division.level if division else None


def _national_first(citing: CitingTask) -> tuple[int, int, str]:
    level = _level(citing.task)
    return ((level.rank or 9) if level else 9, citing.task.document.year or 0, citing.task.id)


_DOCUMENTS = "?doc gt:jurisdiction ?anyDivision ; a gt:PolicyDocument ."


def documents(service: SparqlService, ids: Ids) -> list[DocumentRef]:
    rows = select(service, f"SELECT * WHERE {{ {_DOCUMENTS} {DOCUMENT_PATTERN} }}")
    refs = [document_ref(row, ids) for row in earliest_year(rows, "doc").values()]
    return sorted(refs, key=lambda d: (_rank(d), d.year or 0, d.id))


def _rank(document: DocumentRef) -> int:
    division = document.division
    return (division.level.rank or 9) if division and division.level else 9


def document(service: SparqlService, ids: Ids, doc_id: str) -> DocumentDetail | None:
    iri = ids.document_iri(doc_id)
    rows = select(service, f"""SELECT * WHERE {{ {iri_values("doc", [iri])} {_DOCUMENTS}
  {DOCUMENT_PATTERN} }}""")
    if not rows:
        return None
    parts = select(service, f"""SELECT ?task ?parent WHERE {{ {iri_values("doc", [iri])}
  {{ ?doc gt:hasTask ?task }} UNION {{ ?doc gt:implementsDocument ?parent }} }}""")
    tasks = task_refs(service, ids, [row["task"] for row in parts if "task" in row])
    ref = document_ref(next(iter(earliest_year(rows, "doc").values())), ids)
    return DocumentDetail(**ref.model_dump(),
                          tasks=sorted(tasks.values(), key=lambda t: (t.number or 0, t.id)),
                          implements=sorted(row["parent"] for row in parts if "parent" in row))


def division(service: SparqlService, ids: Ids, adcode: str) -> DivisionDetail | None:
    iri = ids.division_iri(adcode)
    rows = select(service, f"""SELECT * WHERE {{
  {{ {iri_values("div", [iri])} }}
  UNION {{ {iri_values("inner", [iri])} ?inner gt:withinDivision ?div }}
  ?div a gt:AdministrativeDivision .
  {DIVISION_PATTERN}
}}""")
    found = {row["div"]: document_ref({**row, "doc": row["div"]}, ids).division
             for row in rows}
    if iri not in found:
        return None
    here = found.pop(iri)
    assert here is not None  # document_ref always describes a row that has ?div
    within = sorted((d for d in found.values() if d is not None),
                    key=lambda d: -(d.level.rank or 0) if d.level else 0)
    docs = [d for d in documents(service, ids) if d.division and d.division.iri == iri]
    return DivisionDetail(**here.model_dump(), within=within, documents=docs)


def coverage(service: SparqlService, ids: Ids) -> Coverage:
    """How many tasks of each division implement each item of the national outline."""
    rows = select(service, """SELECT ?number ?title ?div (COUNT(DISTINCT ?task) AS ?tasks)
WHERE {
  ?outline a gt:Outline ; gt:jurisdiction/gt:level gt:National .
  ?item gt:inDocument ?outline ; gt:number ?number ; a gt:Task .
  OPTIONAL { ?item gt:title ?title }
  OPTIONAL { ?task gt:implementsTransitively ?item ; gt:inDocument/gt:jurisdiction ?div }
} GROUP BY ?number ?title ?div ORDER BY ?number""")
    items: dict[int, CoverageItem] = {}
    by_division: dict[str, str] = {}
    for row in rows:
        item = items.setdefault(row["number"], CoverageItem(number=row["number"],
                                                            title=row.get("title"), counts={}))
        if "div" in row:
            adcode = row["div"].rsplit("/", 1)[-1]
            item.counts[adcode] = row["tasks"]
            by_division[adcode] = row["div"]
    divisions = [found for adcode in sorted(by_division)
                 if (found := division(service, ids, adcode)) is not None]
    return Coverage(divisions=[Division(**d.model_dump(exclude={"within", "documents"}))
                               for d in divisions],
                    items=[items[n] for n in sorted(items)])

