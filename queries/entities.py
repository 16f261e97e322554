"""Look-ups of single entities and listings: regulations, documents, divisions."""

from __future__ import annotations

from pydantic import BaseModel, Field

from govtrace.graph.store import SparqlService
from govtrace.queries.lineage_links import span_offsets
from govtrace.queries.models import (
    CitationRef,
    DivisionRef,
    DocumentRef,
    LevelRef,
    RegulationRef,
    TaskRef,
)
from govtrace.queries.refs import (
    DIVISION_PATTERN,
    DOCUMENT_PATTERN,
    REGULATION_RANKS,
    KnownRefs,
    describe_works,
    document_ref,
    earliest_year,
    regulation_ref,
    task_refs,
)
from govtrace.queries.rows import Ids, iri_values, local_name, select, values_chunks


class RegulationSummary(RegulationRef):
    citations: int


class RegulationCitation(BaseModel):
    """A task (or report item) citing the regulation, and how it cites it."""

    task: TaskRef
    citation: CitationRef


class RegulationDetail(RegulationRef):
    cited_by: list[RegulationCitation] = Field(
        description="tasks and report items citing it, national-side first, then by year")
    citations: int = Field(description="how many citations there are in all (`cited_by` "
                           "may hold a page of them)")
    levels: list[str] = Field(description="administrative levels (English) citing it")
    years: list[int]


class DocumentDetail(DocumentRef):
    tasks: list[TaskRef]
    implements: list[str] = Field(description="IRIs of the documents this one implements")


class DivisionDetail(DivisionRef):
    within: list[DivisionRef]
    documents: list[DocumentRef]


def regulations(service: SparqlService, ids: Ids) -> list[RegulationSummary]:
    """Every cited regulation (a corpus document of that kind, or a work of a regulation's
    legal rank) with its number of citations. The citations are counted per
    work before the type is checked, once per work (FILTER EXISTS): a work's type is written
    in the graph of every document citing it and the union default graph repeats it per
    graph, so joining it multiplied each count's rows by the citing documents (17 s at
    1,000 documents; 0.15 s at 10,000 counted first)."""
    counts = {row["work"]: row["citations"] for row in select(service, f"""SELECT * WHERE {{
  {{ SELECT ?work (COUNT(DISTINCT ?c) AS ?citations) WHERE {{ ?c gt:citedWork ?work }}
    GROUP BY ?work }}
  FILTER EXISTS {{ ?work gt:legalRank ?rank {iri_values("rank", REGULATION_RANKS)} }}
}}""")}
    described = describe_works(service, counts)
    summaries = [RegulationSummary(**regulation_ref(described[work], ids).model_dump(),
                                   citations=citations) for work, citations in counts.items()]
    return sorted(summaries, key=lambda s: (-s.citations, s.title or "", s.iri))


def regulation(service: SparqlService, ids: Ids, key: str, offset: int = 0,
               limit: int | None = None) -> RegulationDetail | None:
    """A regulation and the citations of it from ``offset`` on (``limit`` of them; all by
    default): described, cited and the citations' spans in queries of their own (one
    joining them repeated each citation by every repeat of the work's labels and types,
    and hash-joined every span of the store).

    The citations are put in order by a light description of every citing document (year
    and level); only the page's tasks are described whole, which took 3 ms a task: seconds
    for the most cited regulations at 30,000 documents."""
    iri = ids.regulation_iri(key)
    if not select(service, f"""SELECT * WHERE {{ {iri_values("work", [iri])}
  FILTER EXISTS {{ ?work a gt:CitedWork }} }}"""):
        return None
    rows = select(service, f"""SELECT DISTINCT * WHERE {{ {iri_values("work", [iri])}
  ?c gt:citedWork ?work . ?citer gt:hasCitation ?c . ?c gt:citationKind ?kind .
  OPTIONAL {{ ?c gt:cue ?cue }}
  OPTIONAL {{ ?c gt:span ?cs }}
}}""")
    dated = _dated_documents(service, ids, {row["citer"] for row in rows})
    citations = {(row["citer"], row["c"]): row for row in rows if row["citer"] in dated}
    ordered = sorted(citations.values(),
                     key=lambda row: _national_first(dated[row["citer"]], row["citer"], ids))
    page = ordered[offset:None if limit is None else offset + limit]
    spans = span_offsets(service, ids, (row["cs"] for row in page if "cs" in row))
    refs = task_refs(service, ids, [row["citer"] for row in page])
    cited_by = [RegulationCitation(
        task=refs[row["citer"]],
        citation=CitationRef(kind=local_name(row["kind"]) or "", cue=row.get("cue"),
                             span=spans.get(row.get("cs", ""))))
        for row in page if row["citer"] in refs]
    documents = list(dated.values())
    levels = sorted({lv.label_en or lv.iri for d in documents if (lv := _document_level(d))})
    years = sorted({d.year for d in documents if d.year})
    return RegulationDetail(**regulation_ref(describe_works(service, [iri])[iri], ids).model_dump(),
                            cited_by=cited_by, citations=len(ordered), levels=levels,
                            years=years)


def _dated_documents(service: SparqlService, ids: Ids, tasks: set[str]
                     ) -> dict[str, DocumentRef]:
    """Each task's document as far as the order of citations needs it (year, level)."""
    found: dict[str, DocumentRef] = {}
    for chunk in values_chunks(sorted(tasks)):
        rows = select(service, f"""SELECT * WHERE {{ {iri_values("task", chunk)}
  ?task gt:inDocument ?doc .
  OPTIONAL {{ ?doc gt:coversYear ?year }}
  OPTIONAL {{ ?doc gt:jurisdiction ?div .
             OPTIONAL {{ ?div gt:level ?level .
                        OPTIONAL {{ ?level gt:rank ?rank }}
                        OPTIONAL {{ ?level skos:prefLabel ?levelEn FILTER(LANG(?levelEn) = "en") }}
             }} }}
}}""")
        found.update((task, document_ref(row, ids))
                     for task, row in earliest_year(rows, "task").items())
    return found


def _document_level(document: DocumentRef) -> LevelRef | None:
    return document.division.level if document.division else None


def _national_first(document: DocumentRef, task: str, ids: Ids) -> tuple[int, int, str]:
    level = _document_level(document)
    return ((level.rank or 9) if level else 9, document.year or 0, ids.short(task, "doc"))


_DOCUMENTS = "?doc gt:jurisdiction ?anyDivision ; a gt:PolicyDocument ."


def documents(service: SparqlService, ids: Ids, division: str | None = None
              ) -> list[DocumentRef]:
    """Every policy document, or those whose jurisdiction is the ``division`` IRI (anchored
    in the query: filtered after it, a division's page described the whole corpus first)."""
    if division and isinstance(service, KnownRefs):
        return service.known_documents_of(division)
    anchor = iri_values("anyDivision", [division]) if division else ""
    rows = select(service, f"SELECT * WHERE {{ {anchor} {_DOCUMENTS} {DOCUMENT_PATTERN} }}")
    refs = [document_ref(row, ids) for row in earliest_year(rows, "doc").values()]
    return sorted(refs, key=lambda d: (_rank(d), d.year or 0, d.id))


def _rank(document: DocumentRef) -> int:
    division = document.division
    return (division.level.rank or 9) if division and division.level else 9


def document(service: SparqlService, ids: Ids, doc_id: str) -> DocumentDetail | None:
    iri = ids.document_iri(doc_id)
    ref = _document_ref(service, ids, iri)
    if ref is None:
        return None
    parts = select(service, f"""SELECT ?task ?parent WHERE {{ {iri_values("doc", [iri])}
  {{ ?doc gt:hasTask ?task }} UNION {{ ?doc gt:implementsDocument ?parent }} }}""")
    tasks = task_refs(service, ids, [row["task"] for row in parts if "task" in row])
    return DocumentDetail(**ref.model_dump(),
                          tasks=sorted(tasks.values(), key=lambda t: (t.number or 0, t.id)),
                          implements=sorted(row["parent"] for row in parts if "parent" in row))


def described(service: SparqlService, iri: str) -> bool:
    """Whether the graph says anything of ``iri`` (it is the subject of a triple)."""
    return bool(select(service, f"""SELECT ?p WHERE {{ {iri_values("s", [iri])} ?s ?p ?o }}
LIMIT 1"""))


def _document_ref(service: SparqlService, ids: Ids, iri: str) -> DocumentRef | None:
    """The policy document ``iri`` (one with a jurisdiction), None if there is none."""
    if isinstance(service, KnownRefs):
        return service.known_documents().get(iri)
    rows = select(service, f"""SELECT * WHERE {{ {iri_values("doc", [iri])} {_DOCUMENTS}
  {DOCUMENT_PATTERN} }}""")
    return document_ref(next(iter(earliest_year(rows, "doc").values())), ids) if rows else None


def division_ref(service: SparqlService, ids: Ids, adcode: str) -> DivisionRef | None:
    """The division ``adcode`` alone (code, names, level): as its documents describe it
    when they are known (:class:`KnownRefs`), else asked."""
    iri = ids.division_iri(adcode)
    if isinstance(service, KnownRefs) and (its := service.known_documents_of(iri)):
        return its[0].division
    rows = select(service, f"""SELECT * WHERE {{ {iri_values("div", [iri])}
  ?div a gt:AdministrativeDivision . {DIVISION_PATTERN} }}""")
    return document_ref({**rows[0], "doc": iri}, ids).division if rows else None


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
    docs = [d for d in documents(service, ids, iri)
            if d.division and d.division.iri == iri]
    return DivisionDetail(**here.model_dump(), within=within, documents=docs)
