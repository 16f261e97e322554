"""Short descriptions of tasks and cited works, fetched for many at once (one query each)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

from govtrace.graph.store import SparqlService
from govtrace.ontology.document_kinds import KINDS
from govtrace.ontology.namespaces import GT, SKOS
from govtrace.queries.link_details import NODE_PATTERN, LinkDetails
from govtrace.queries.models import DivisionRef, DocumentRef, LevelRef, RegulationRef, TaskRef
from govtrace.queries.rows import (
    Ids,
    Row,
    iri_values,
    literal_values,
    local_name,
    select,
    values_chunks,
)

_DOCUMENT_TYPES = " ".join(kind.curie for kind in KINDS if kind.class_tells_kind)
REGULATION_RANKS = tuple(str(rank) for rank in (
    GT.RankLaw, GT.RankAdministrativeRegulation, GT.RankLocalRegulation, GT.RankGovernmentRule,
    GT.RankNormativeDocument))
"""The legal ranks of regulations (法律 down to 行政规范性文件), strongest first."""
_RANK = "Rank"

# The description of ?div (code, names, level) shared by division and document look-ups.
DIVISION_PATTERN = """
  OPTIONAL { ?div gt:adminCode ?adcode }
  OPTIONAL { ?div skos:prefLabel ?divLabel }
  OPTIONAL { ?div rdfs:label ?divPinyin FILTER(LANG(?divPinyin) = "zh-latn-pinyin") }
  OPTIONAL { ?div gt:level ?level .
             OPTIONAL { ?level gt:rank ?rank }
             OPTIONAL { ?level skos:prefLabel ?levelZh FILTER(LANG(?levelZh) = "zh") }
             OPTIONAL { ?level skos:prefLabel ?levelEn FILTER(LANG(?levelEn) = "en") } }
"""

# The description of ?doc (title, type, year, jurisdiction and level) shared by task and
# document look-ups.
DOCUMENT_PATTERN = f"""
  OPTIONAL {{ ?doc gt:title ?docTitle }}
  OPTIONAL {{ ?doc skos:prefLabel ?docLabel }}
  OPTIONAL {{ ?doc gt:coversYear ?year }}
  OPTIONAL {{ ?doc a ?docType . VALUES ?docType {{ {_DOCUMENT_TYPES} }}
             OPTIONAL {{ ?docType rdfs:label ?docTypeEn FILTER(LANG(?docTypeEn) = "en") }} }}
  OPTIONAL {{ ?doc gt:jurisdiction ?div . {DIVISION_PATTERN} }}
"""


@runtime_checkable
class KnownRefs(Protocol):
    """A service that holds the descriptions of the corpus's documents and of its cited
    regulations already (a build's index: :class:`govtrace.queries.indexed_rows.IndexedRows`),
    so that describing a task, a division's documents or a cited work asks the store for
    none of them.

    Why: a document's and a popular work's description triples are repeated in the graph of
    every document that mentions them, and the union default graph gives each copy, so
    reading them grows with the corpus while the answer does not; at 1,000 documents it was
    most of the CPU of a search, a lineage and a task answer (in process: 10.8 → 2.8,
    15.3 → 4.5 and 4.5 → 1.7 ms without it)."""

    def known_documents(self) -> Mapping[str, DocumentRef]:
        """Every policy document with a jurisdiction, by IRI, as :func:`document_ref`
        describes it."""
        ...

    def known_documents_of(self, division: str) -> list[DocumentRef]:
        """The documents whose jurisdiction is ``division`` (an IRI), in the order of
        :func:`govtrace.queries.entities.documents`."""
        ...

    def known_works(self) -> Mapping[str, RegulationRef]:
        """Every cited regulation, by IRI, as :func:`regulation_ref` describes it."""
        ...

    def known_details(self) -> LinkDetails | None:
        """Every task's, report item's and link's own description (None in an index
        written before it had them): what :func:`task_refs` would ask of the store."""
        ...


def covers_year(doc: str, year: int) -> str:
    """A pattern keeping the documents ``?doc`` of plans that cover ``year``."""
    return (f"{literal_values(doc + 'Year', [str(year)])} ?{doc} gt:coversYear ?{doc}Covers . "
            f"FILTER(STR(?{doc}Covers) = ?{doc}Year)")


def document_ref(row: Row, ids: Ids) -> DocumentRef:
    level = (LevelRef(iri=row["level"], rank=row.get("rank"), label=row.get("levelZh"),
                      label_en=row.get("levelEn")) if "level" in row else None)
    division = (DivisionRef(iri=row["div"], adcode=row.get("adcode"), label=row.get("divLabel"),
                            label_en=row.get("divPinyin"), level=level)
                if "div" in row else None)
    year = row.get("year")
    return DocumentRef(iri=row["doc"], id=ids.short(row["doc"], "doc"),
                       title=row.get("docTitle"), label=row.get("docLabel"),
                       type=local_name(row.get("docType")),
                       type_en=row.get("docTypeEn"),
                       year=int(str(year)[:4]) if year is not None else None,
                       division=division)


def earliest_year(rows: list[Row], key: str) -> dict[str, Row]:
    """One row per ``row[key]``: a plan covering several years is dated by its first."""
    best: dict[str, Row] = {}
    for row in rows:
        kept = best.get(row[key])
        if kept is None or str(row.get("year", "9999")) < str(kept.get("year", "9999")):
            best[row[key]] = row
    return best


# DOCUMENT_PATTERN's OPTIONALs one by one: each shares only ?doc with the others.
_DOCUMENT_PARTS = [
    "?doc gt:title ?docTitle", "?doc skos:prefLabel ?docLabel", "?doc gt:coversYear ?year",
    f"""?doc a ?docType . VALUES ?docType {{ {_DOCUMENT_TYPES} }}
  OPTIONAL {{ ?docType rdfs:label ?docTypeEn FILTER(LANG(?docTypeEn) = "en") }}""",
    f"?doc gt:jurisdiction ?div . {DIVISION_PATTERN}"]


def document_rows(service: SparqlService, docs: Iterable[str]) -> dict[str, list[Row]]:
    """The rows of ``DOCUMENT_PATTERN`` for each document, one query per OPTIONAL of it.

    Joined in one query, Oxigraph evaluated the OPTIONALs against each other: 38 ms for
    32 documents where the five parts take 0.5–2.7 ms each, which made describing the
    tasks of an answer its largest cost (3 ms a task). The rows are the same (each
    document's parts combined), in another order."""
    wanted = sorted(set(docs))
    parts: list[dict[str, list[Row]]] = [{} for _ in _DOCUMENT_PARTS]
    for chunk in values_chunks(wanted):
        for found, part in zip(parts, _DOCUMENT_PARTS, strict=True):
            for row in select(service, f"SELECT * WHERE {{ {iri_values('doc', chunk)} "
                              f"{part} }}"):
                found.setdefault(row["doc"], []).append(row)
    described: dict[str, list[Row]] = {}
    for doc in wanted:
        rows: list[Row] = [{"doc": doc}]
        for found in parts:
            rows = [{**row, **extra} for row in rows for extra in found.get(doc) or [{}]]
        described[doc] = rows
    return described


def task_refs(service: SparqlService, ids: Ids, tasks: Iterable[str]) -> dict[str, TaskRef]:
    """Each task's number, title and document (with division and level)."""
    wanted = sorted(set(tasks))
    if not wanted:
        return {}
    details = service.known_details() if isinstance(service, KnownRefs) else None
    rows, asked = details.node_rows(wanted) if details is not None else ([], wanted)
    for chunk in values_chunks(asked):
        rows += select(service, f"SELECT * WHERE {{ {iri_values('task', chunk)} {NODE_PATTERN} }}")
    known = service.known_documents() if isinstance(service, KnownRefs) else {}
    refs: dict[str, TaskRef] = {}
    for row in rows:  # the first row of a task, as earliest_year keeps it among equal years
        if row["doc"] in known and row["task"] not in refs:
            refs[row["task"]] = _task_ref(row, known[row["doc"]], ids)
    unknown = [row for row in rows if row["doc"] not in known]
    documents = document_rows(service, (row["doc"] for row in unknown))
    unknown = [{**row, **described} for row in unknown for described in documents[row["doc"]]]
    refs.update((iri, _task_ref(row, document_ref(row, ids), ids))
                for iri, row in earliest_year(unknown, "task").items())
    return refs


def _task_ref(row: Row, document: DocumentRef, ids: Ids) -> TaskRef:
    iri = row["task"]
    return TaskRef(iri=iri, id=ids.short(iri, "doc"), number=row.get("number"),
                   number_text=row.get("numberText"), title=row.get("title"),
                   document=document)


WORK_PATTERN = f"""
  OPTIONAL {{ ?work skos:prefLabel ?workTitle }}
  OPTIONAL {{ ?work gt:title ?workDocTitle }}
  OPTIONAL {{ ?work gt:orderNumber ?orderNumber }}
  OPTIONAL {{ ?work gt:documentNumber ?documentNumber }}
  OPTIONAL {{ ?work a ?workType . VALUES ?workType {{ {_DOCUMENT_TYPES} }}
             OPTIONAL {{ ?workType rdfs:label ?workTypeEn FILTER(LANG(?workTypeEn) = "en") }} }}
  OPTIONAL {{ ?work gt:legalRank ?workRank .
             OPTIONAL {{ ?workRank rdfs:label ?workRankEn FILTER(LANG(?workRankEn) = "en") }} }}
"""


def regulation_ref(row: Row, ids: Ids) -> RegulationRef:
    """A work's reference; its type is its document kind (a corpus document's class), else
    its legal rank named as the classes gt:Law … were (``GovernmentRule``)."""
    iri = row["work"]
    kind = "regulation" if "/regulation/" in iri else "doc"
    rank = local_name(row.get("workRank"))
    return RegulationRef(iri=iri, id=ids.short(iri, kind),
                         title=row.get("workTitle") or row.get("workDocTitle"),
                         type=local_name(row.get("workType")) or (
                             rank.removeprefix(_RANK) if rank else None),
                         type_en=row.get("workTypeEn") or row.get("workRankEn"),
                         order_number=row.get("orderNumber") or row.get("documentNumber"))


_WORK_COLUMNS = {str(SKOS.prefLabel): "workTitle", str(GT) + "title": "workDocTitle",
                 str(GT) + "orderNumber": "orderNumber",
                 str(GT) + "documentNumber": "documentNumber"}


def work_refs(service: SparqlService, ids: Ids, iris: Iterable[str]
              ) -> dict[str, RegulationRef]:
    """Each work's reference: the known ones' (:class:`KnownRefs`) as they are, the others
    described (:func:`describe_works`)."""
    wanted = sorted(set(iris))
    known = service.known_works() if isinstance(service, KnownRefs) else {}
    described = describe_works(service, (work for work in wanted if work not in known))
    return {work: known.get(work) or regulation_ref(described[work], ids) for work in wanted}


def describe_works(service: SparqlService, iris: Iterable[str]) -> dict[str, Row]:
    """The columns of :data:`WORK_PATTERN` for each work, one row per work (a work with no
    description gets a row with ``work`` only).

    Each property is its own ``DISTINCT`` solution: as the pattern's OPTIONALs, the copies
    of a popular regulation's label and types in every citing document's graph multiply
    (260 × 264 rows for one regulation at 1,000 documents)."""
    wanted = sorted(set(iris))
    works: dict[str, Row] = {work: {"work": work} for work in wanted}
    predicates = " ".join(f"<{iri}>" for iri in _WORK_COLUMNS)
    for chunk in values_chunks(wanted):
        for row in select(service, f"""SELECT DISTINCT ?work ?p ?o WHERE {{
  {iri_values("work", chunk)} VALUES ?p {{ {predicates} }} ?work ?p ?o }} ORDER BY ?work ?p ?o"""):
            works[row["work"]].setdefault(_WORK_COLUMNS[row["p"]], row["o"])
        # Its document kind (a corpus document's class) and its legal rank, each with its
        # English name, as :data:`WORK_PATTERN` names them. The works are named inside each
        # branch: outside, Virtuoso 7 drops them once a branch BINDs and an OPTIONAL follows
        # (every work of the store comes back; docs/store.md).
        works_named = iri_values("work", chunk)
        for row in select(service, f"""SELECT DISTINCT ?work ?column ?type ?typeEn WHERE {{
  {{ {works_named} ?work a ?type . VALUES ?type {{ {_DOCUMENT_TYPES} }}
    BIND("workType" AS ?column) }}
  UNION {{ {works_named} ?work gt:legalRank ?type BIND("workRank" AS ?column) }}
  OPTIONAL {{ ?type rdfs:label ?typeEn FILTER(LANG(?typeEn) = "en") }}
}} ORDER BY ?work ?column ?type"""):
            described = works[row["work"]]
            if row["column"] not in described:
                described[row["column"]] = row["type"]
                if "typeEn" in row:
                    described[row["column"] + "En"] = row["typeEn"]
    return works
