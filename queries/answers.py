"""The questions govtrace answers, over any SPARQL service — one object for both APIs.

The HTTP routers (``govtrace.api.routes_*``), the views and pages (``govtrace.viz``) and
the Python API (:func:`govtrace.queries.python_api.open_graph`) call the same methods, so
an answer is the same whichever way it is asked; none of them writes SPARQL of its own. A
missing entity is GT-QUERY-006 (404).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from govtrace.errors import QUERY_NOT_FOUND, QueryError
from govtrace.graph.store import SparqlService
from govtrace.ontology.iris import IriScheme
from govtrace.queries import coverage, entities
from govtrace.queries.agencies import AgencyDetail, LeadUnit, agency_detail, lead_units
from govtrace.queries.alignment import Alignment
from govtrace.queries.cited_works import CitedWork
from govtrace.queries.citing_tasks import CitingTasks, read_citing_tasks
from govtrace.queries.comparison import Comparison, comparison
from govtrace.queries.coverage import Coverage
from govtrace.queries.coverage_matrix import check_year, cut
from govtrace.queries.division_codes import known_division
from govtrace.queries.lazy import Lazy
from govtrace.queries.lineage_links import chains_up, links_around, links_from_document, links_up
from govtrace.queries.mandates import Ranking, Scope, mandates
from govtrace.queries.models import (
    CitationDetail,
    DocumentRef,
    LineageAnswer,
    LineageStep,
    Link,
    MandatesAnswer,
    SpanRef,
    TaskDetail,
    TaskRef,
)
from govtrace.queries.plan_report import PlanVsReport, plan_vs_report
from govtrace.queries.prebuilt import Prebuilt
from govtrace.queries.querytext import understand
from govtrace.queries.refs import task_refs, work_refs
from govtrace.queries.rows import Ids, iri_values, local_name, select
from govtrace.queries.search import PassageIndex, SearchHit, read_passages, search

T = TypeVar("T")


def _found(value: T | None, what: str) -> T:
    if value is None:
        raise QueryError(QUERY_NOT_FOUND, f"there is no {what} in the graph")
    return value


@dataclass(frozen=True)
class Answers:
    """Answers over ``service``; ids in and out follow ``scheme`` (the ``base_iri``).

    ``snapshot``: the graph does not change while this object answers (a read-only handle
    sees one moment of the store), so the index of cited tasks that :meth:`mandates`
    searches is read on its first question and kept. False (a remote store that others may
    write to) reads it again for every question: correct, but a pass over the store each.

    ``prebuilt``: the indexes and whole-corpus answers a build computed from this very
    state of the graph (:mod:`govtrace.queries.serving_index`), answered from instead of
    reading them."""

    service: SparqlService
    scheme: IriScheme = field(default_factory=IriScheme)
    snapshot: bool = True
    prebuilt: Prebuilt | None = field(default=None, repr=False, compare=False)
    citing_tasks: Lazy[CitingTasks] = field(init=False, repr=False, compare=False)
    passages: Lazy[PassageIndex] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Made here, not lazily, so that concurrent first questions share one index (and
        # its lock); an Answers per snapshot means indexes per snapshot.
        built = self.prebuilt
        object.__setattr__(self, "citing_tasks", built.citing_tasks if built else
                           Lazy(lambda: read_citing_tasks(self.service, self.ids)))
        object.__setattr__(self, "passages", built.passages if built else
                           Lazy(lambda: read_passages(self.service)))

    @property
    def ids(self) -> Ids:
        return Ids(self.scheme)

    def mandates(self, q: str, *, level: str | None = None, division: str | None = None,
                 year: int | None = None, limit: int = 10) -> MandatesAnswer:
        """The regulations that mandate what ``q`` names, ranked (see queries/mandates.py)."""
        return self.mandates_page(q, level=level, division=division, year=year,
                                  limit=limit)[0]

    def mandates_page(self, q: str, *, level: str | None = None, division: str | None = None,
                      year: int | None = None, offset: int = 0, limit: int = 10
                      ) -> tuple[MandatesAnswer, bool]:
        """:meth:`mandates` ranked ``offset`` to ``offset + limit``, and whether any
        regulation ranks after them (the evidence is gathered for this page's only)."""
        ranking = self.mandates_ranking(q, level=level, division=division, year=year,
                                        offset=offset, limit=limit)
        return ranking.answer, ranking.more

    def mandates_ranking(self, q: str, *, level: str | None = None,
                         division: str | None = None, year: int | None = None,
                         offset: int = 0, limit: int = 10) -> Ranking:
        """:meth:`mandates_page` as its JSON (what ``/api/mandates`` serves as it is)."""
        # An unknown division is GT-DIV-001, not a scope nothing lies in (an empty 200).
        scope = Scope(level=level, year=year, division=self.ids.division_iri(
            known_division(division).adcode) if division else None)
        index = (self.citing_tasks.get() if self.snapshot
                 else read_citing_tasks(self.service, self.ids))
        return mandates(self.service, index, self.ids, understand(q), scope, limit, offset)

    def task(self, doc_id: str, number: int) -> TaskDetail:
        iri = self.ids.task_iri(doc_id, number)
        ref = _found(task_refs(self.service, self.ids, [iri]).get(iri),
                     f"task {number} in document {doc_id!r}")
        rows = select(self.service, f"""SELECT * WHERE {{ {iri_values("task", [iri])}
  {{ ?task gt:text ?text }}
  UNION {{ ?task gt:span/oa:hasSelector ?position . ?position oa:start ?start ; oa:end ?end }}
  UNION {{ ?task gt:implements ?parent }}
  UNION {{ ?task gt:hasCitation ?c . ?c gt:citedWork ?work ; gt:citationKind ?kind .
          OPTIONAL {{ ?c gt:cue ?cue }} }}
}}""")
        # The works described apart: WORK_PATTERN's OPTIONALs joined here made a task with
        # citations cost 35 ms of CPU at 1,000 documents (see describe_works).
        works = work_refs(self.service, self.ids, (row["work"] for row in rows if "work" in row))
        merged = {key: value for row in rows for key, value in row.items()}
        parents = task_refs(self.service, self.ids,
                            [row["parent"] for row in rows if "parent" in row])
        citations = {row["c"]: CitationDetail(kind=local_name(row["kind"]) or "",
                                              cue=row.get("cue"),
                                              work=works[row["work"]])
                     for row in rows if "c" in row}
        span = SpanRef(start=merged["start"], end=merged["end"]) if "start" in merged else None
        return TaskDetail(**ref.model_dump(), text=merged.get("text"), span=span,
                          citations=sorted(citations.values(), key=lambda c: c.work.iri),
                          implements=sorted(parents.values(), key=lambda t: t.id))

    def lineage(self, doc_id: str, number: int, *, offset: int = 0, limit: int | None = None
                ) -> LineageAnswer:
        """A task's links up to the national outline (all of them) and ``limit`` (all by
        default) of the links down from ``offset`` on, of ``down_total`` in all."""
        iri = self.ids.task_iri(doc_id, number)
        built = self.prebuilt
        links = links_around(self.service, self.ids, iri, offset=offset, limit=limit,
                             down_links=built.down_links.get() if built else None,
                             details=built.link_details.get() if built else None)
        ref = _found(links.refs.get(iri), f"task {number} in document {doc_id!r}")
        return LineageAnswer(task=ref, up=links.up, down=links.down,
                             down_total=links.down_total)

    def regulations(self) -> list[entities.RegulationSummary]:
        if self.prebuilt:
            return self.prebuilt.corpus.get().regulations
        return entities.regulations(self.service, self.ids)

    def regulation(self, key: str, *, offset: int = 0, limit: int | None = None
                   ) -> entities.RegulationDetail:
        """A regulation and its citations from ``offset`` on (``limit`` of them; all by
        default), of ``citations`` in all."""
        if (cited := self._cited_work(key)) is not None:
            return cited.page(offset, limit)  # the build's answer (queries/cited_works.py)
        return _found(entities.regulation(self.service, self.ids, key, offset, limit),
                      f"regulation {key!r}")

    def regulation_json(self, key: str, *, offset: int = 0, limit: int | None = None
                        ) -> tuple[bytes, int]:
        """:meth:`regulation` as its JSON, and how many citations there are in all. The
        build's answer is joined from the JSON it kept, the page's citations put in the
        place of its empty ``cited_by`` (a key, so never inside a string, where a quote
        would be escaped): parsing a page of 100 into models to serialize them again was
        most of a request's CPU (issue 16)."""
        cited = self._cited_work(key)
        if cited is None:
            answer = self.regulation(key, offset=offset, limit=limit)
            return answer.model_dump_json().encode(), answer.citations
        chosen = cited.cited_by[offset:None if limit is None else offset + limit]
        total: int = json.loads(cited.detail)["citations"]
        return cited.detail.replace(b'"cited_by":[]', b'"cited_by":[%s]' % b",".join(chosen),
                                    1), total

    def _cited_work(self, key: str) -> CitedWork | None:
        if self.prebuilt is None:
            return None
        return self.prebuilt.cited_works.get().get(self.ids.regulation_iri(key))

    def documents(self) -> list[DocumentRef]:
        if self.prebuilt:
            return self.prebuilt.corpus.get().documents
        return entities.documents(self.service, self.ids)

    def document(self, doc_id: str) -> entities.DocumentDetail:
        return _found(entities.document(self.service, self.ids, doc_id),
                      f"document {doc_id!r}")

    def division(self, adcode: str) -> entities.DivisionDetail:
        return _found(entities.division(self.service, self.ids, adcode),
                      f"division {adcode!r}")

    def described(self, iri: str) -> bool:
        """Whether the graph says anything of ``iri`` (what ``/id/…`` answers RDF of)."""
        return entities.described(self.service, iri)

    def chains_up(self, tasks: Iterable[str]) -> dict[str, list[LineageStep]]:
        """Each task's (an IRI's) chain of best parents up to the national outline."""
        return chains_up(self.service, self.ids, tasks)

    def document_links(self, doc_id: str) -> list[Link]:
        """The lineage links from the tasks of a document to the tasks they implement."""
        return links_from_document(self.service, self.ids, self.ids.document_iri(doc_id))

    def alignment(self, doc_id: str) -> Alignment:
        """A document's tasks and the links from them up to the national outline (their
        evidence left out: the comparison view of each link shows it)."""
        detail = self.document(doc_id)
        return Alignment(document=detail, links=links_up(
            self.service, self.ids, (task.iri for task in detail.tasks), evidence=False))

    def comparison(self, doc_id: str, number: int, parent_doc_id: str, parent_number: int
                   ) -> Comparison:
        """The link from a task to one it implements or is aligned with, with both texts."""
        child = self.ids.task_iri(doc_id, number)
        parent = self.ids.task_iri(parent_doc_id, parent_number)
        return _found(comparison(self.service, self.ids, child, parent),
                      f"link from task {number} of {doc_id!r} to task {parent_number} of "
                      f"{parent_doc_id!r}")

    def lead_units(self, doc_id: str) -> list[LeadUnit]:
        return lead_units(self.service, self.ids, self.ids.document_iri(doc_id))

    def agency(self, key: str) -> AgencyDetail:
        return _found(agency_detail(self.service, self.ids, key), f"agency {key!r}")

    def coverage(self, year: int | None = None) -> Coverage:
        """National outline items × divisions; with ``year``, plans covering it only."""
        if self.prebuilt:
            tables = self.prebuilt.corpus.get().coverage
            # A year no plan covers: every item, implemented nowhere (as the query gives it).
            return tables.get(year) or Coverage(divisions=[], items=[
                item.model_copy(update={"counts": {}}) for item in tables[None].items])
        return coverage.coverage(self.service, self.ids, year)

    def coverage_matrix(self, year: int | None = None, within: str | None = None,
                        level: str | None = None) -> Coverage:
        """:meth:`coverage` of the divisions at or below ``within`` (a code or name) at
        ``level`` (gt: local name, County); an unknown year or division is a 404."""
        if year is not None:
            check_year(year, self.coverage_years())
        return cut(self.coverage(year), within, level)

    def plan_vs_report(self, division: str, year: int) -> PlanVsReport:
        """The division's (a code or name) plan tasks for ``year`` against its work report's
        items; a division, or a year without a report or plan, unknown is a 404."""
        answer = self._plan_vs_report(division, year)
        return (answer if isinstance(answer, PlanVsReport)
                else PlanVsReport.model_validate_json(answer))

    def plan_vs_report_json(self, division: str, year: int) -> bytes:
        """:meth:`plan_vs_report` as its JSON (the build's as it kept it)."""
        answer = self._plan_vs_report(division, year)
        return answer if isinstance(answer, bytes) else answer.model_dump_json().encode()

    def _plan_vs_report(self, division: str, year: int) -> PlanVsReport | bytes:
        adcode = known_division(division).adcode
        kept = self.prebuilt.plan_answers.get() if self.prebuilt else None
        if kept is not None and (answer := kept.json(adcode, year)) is not None:
            return answer  # the build's (queries/plan_answers.py)
        return plan_vs_report(self.service, self.ids, _found(
            entities.division_ref(self.service, self.ids, adcode), f"division {adcode!r}"),
            year)

    def coverage_years(self) -> list[int]:
        if self.prebuilt:
            return self.prebuilt.corpus.get().coverage_years
        return coverage.coverage_years(self.service)

    def national_item(self, number: int) -> TaskRef:
        return _found(coverage.national_item(self.service, self.ids, number),
                      f"item {number} of the national outline")

    def implementers(self, number: int, adcode: str) -> list[TaskRef]:
        """The tasks of a division implementing a national item: a coverage cell."""
        return coverage.implementers(self.service, self.ids, number, adcode)

    def search(self, q: str, limit: int = 20) -> list[SearchHit]:
        index = self.passages.get() if self.snapshot else None
        return search(self.service, self.ids, understand(q), limit, index)
