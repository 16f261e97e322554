"""The national outline's items and who implements them: the coverage table (all years or
one), the years it can be shown for, one item, and one cell's tasks."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from govtrace.graph.store import SparqlService
from govtrace.ontology.document_kinds import OUTLINE
from govtrace.queries.models import DivisionRef, TaskRef
from govtrace.queries.refs import DIVISION_PATTERN, covers_year, document_ref, task_refs
from govtrace.queries.rows import Ids, iri_values, literal_values, select

# ?item: an item of the national outline (法治政府建设实施纲要), numbered ?number.
NATIONAL_ITEMS = f"""?outline a {OUTLINE.curie} ; gt:jurisdiction/gt:level gt:National .
  ?item gt:inDocument ?outline ; gt:number ?number ; a gt:Task ."""


class CoverageItem(BaseModel):
    number: int
    title: str | None = None
    counts: dict[str, int] = Field(description="implementing tasks by division adcode")


class Coverage(BaseModel):
    divisions: list[DivisionRef]
    items: list[CoverageItem]


def coverage(service: SparqlService, ids: Ids, year: int | None = None) -> Coverage:
    """How many tasks of each division implement each item of the national outline; with
    ``year``, only the tasks of plans covering that year.

    Whole-corpus by nature. The jurisdiction is an OPTIONAL inside the implementers' (a
    task without one counts under no division) so that Oxigraph looks the implementers up
    per item instead of hash-joining the store's; the divisions are then described in one
    query (each used to be a division page, documents and all: 293 s at 1,000 documents,
    now 0.7 s)."""
    implementers = ("?task gt:implementsTransitively ?item ." if year is None else
                    "?task gt:implementsTransitively ?item ; gt:inDocument ?doc . "
                    + covers_year("doc", year))
    rows = select(service, f"""SELECT ?number ?title ?div (COUNT(DISTINCT ?task) AS ?tasks)
WHERE {{
  {NATIONAL_ITEMS}
  OPTIONAL {{ ?item gt:title ?title }}
  OPTIONAL {{ {implementers}
             OPTIONAL {{ ?task gt:inDocument/gt:jurisdiction ?div }} }}
}} GROUP BY ?number ?title ?div ORDER BY ?number""")
    items: dict[int, CoverageItem] = {}
    by_division: dict[str, str] = {}
    for row in rows:
        item = items.setdefault(row["number"], CoverageItem(number=row["number"],
                                                            title=row.get("title"), counts={}))
        if "div" in row:
            adcode = row["div"].rsplit("/", 1)[-1]
            item.counts[adcode] = row["tasks"]
            by_division[adcode] = row["div"]
    described = _divisions(service, ids, by_division.values())
    return Coverage(divisions=[described[by_division[adcode]] for adcode in sorted(by_division)
                               if by_division[adcode] in described],
                    items=[items[n] for n in sorted(items)])


def coverage_by_year(service: SparqlService, ids: Ids) -> dict[int | None, Coverage]:
    """:func:`coverage` of all years (key None) and of each of :func:`coverage_years`, from
    one pass over the implementers (what a build stores for the server: per year, the
    query above reads every implementer again). The documents' jurisdictions are one scan
    of their own: looked up per implementer, each document's once per task and item, they
    were some 11 of the pass's 28 s of CPU at 30,000 documents (now 17 s, issue 16)."""
    rows = select(service, f"""SELECT DISTINCT ?number ?title ?task ?doc WHERE {{
  {NATIONAL_ITEMS}
  OPTIONAL {{ ?item gt:title ?title }}
  OPTIONAL {{ ?task gt:implementsTransitively ?item ; gt:inDocument ?doc }}
}}""")
    divisions: dict[str, list[str]] = {}
    for row in select(service, "SELECT DISTINCT ?doc ?div WHERE { ?doc gt:jurisdiction ?div }"):
        divisions.setdefault(row["doc"], []).append(row["div"])
    covered: dict[str, set[str]] = {}  # a plan's years, as covers_year compares them
    for row in select(service, """SELECT DISTINCT ?doc ?year WHERE {
  ?doc gt:coversYear ?year }"""):
        covered.setdefault(row["doc"], set()).add(str(row["year"]))
    years = coverage_years(service)
    years_of = {doc: [year for year in years if str(year) in literals]
                for doc, literals in covered.items()}
    titles: dict[int, str | None] = {}
    cells: dict[int | None, dict[tuple[int, str], set[str]]] = {
        year: {} for year in [None, *years]}
    division_iris: dict[str, str] = {}
    for row in rows:
        titles.setdefault(row["number"], row.get("title"))
        for division in divisions.get(row.get("doc", ""), ()):
            adcode = division.rsplit("/", 1)[-1]
            division_iris[adcode] = division
            cell = (row["number"], adcode)
            cells[None].setdefault(cell, set()).add(row["task"])
            for year in years_of.get(row["doc"], ()):
                cells[year].setdefault(cell, set()).add(row["task"])
    described = _divisions(service, ids, division_iris.values())
    tables: dict[int | None, Coverage] = {}
    for key, counted in cells.items():
        items = {number: CoverageItem(number=number, title=title, counts={})
                 for number, title in titles.items()}
        for (number, adcode), tasks in sorted(counted.items()):
            items[number].counts[adcode] = len(tasks)
        used = sorted({adcode for _, adcode in counted})
        tables[key] = Coverage(
            divisions=[described[division_iris[a]] for a in used if division_iris[a] in described],
            items=[items[n] for n in sorted(items)])
    return tables


def coverage_years(service: SparqlService) -> list[int]:
    """The years the plans implementing the national outline cover, in order."""
    rows = select(service, f"""SELECT DISTINCT ?year WHERE {{
  {NATIONAL_ITEMS}
  ?task gt:implementsTransitively ?item ; gt:inDocument/gt:coversYear ?year .
}}""")
    return sorted({int(str(row["year"])[:4]) for row in rows})


def national_item(service: SparqlService, ids: Ids, number: int) -> TaskRef | None:
    """Item ``number`` of the national outline."""
    rows = select(service, f"""SELECT ?item WHERE {{ {literal_values("number", [number])}
  {NATIONAL_ITEMS} }}""")
    refs = task_refs(service, ids, [row["item"] for row in rows])
    return min(refs.values(), key=lambda task: task.iri, default=None)


def implementers(service: SparqlService, ids: Ids, number: int, adcode: str) -> list[TaskRef]:
    """The tasks of division ``adcode`` implementing national item ``number`` (any depth):
    one cell of the coverage table."""
    rows = select(service, f"""SELECT DISTINCT ?task WHERE {{
  {literal_values("number", [number])} {iri_values("div", [ids.division_iri(adcode)])}
  {NATIONAL_ITEMS}
  ?task gt:implementsTransitively ?item ; gt:inDocument/gt:jurisdiction ?div .
}}""")
    refs = task_refs(service, ids, [row["task"] for row in rows])
    return sorted(refs.values(), key=lambda t: (t.document.year or 0, t.id))


def _divisions(service: SparqlService, ids: Ids, iris: Iterable[str]) -> dict[str, DivisionRef]:
    """The divisions that are ``gt:AdministrativeDivision``, described in one query."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    rows = select(service, f"""SELECT * WHERE {{ {iri_values("div", wanted)}
  ?div a gt:AdministrativeDivision . {DIVISION_PATTERN} }}""")
    return {row["div"]: division for row in rows
            if (division := document_ref({**row, "doc": row["div"]}, ids).division)}
