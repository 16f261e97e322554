"""Each cited regulation's ``/api/regulations/{key}`` answer, computed by the build's index
step (:mod:`govtrace.queries.serving_index`) and cut into pages by the server.

Asked of the store, the answer dates every citing document to put the citations in order
(national side first, then by year) before it can cut a page: 475 ms of CPU per request for
the most cited regulations at 30,000 documents (p95 6.7 s at 8 clients). None of it depends
on the request but the page, so the index holds each work's whole answer, computed by the
same function the server would call (:func:`govtrace.queries.entities.regulation`, so the
two cannot disagree), and a request only cuts it.

Each citation is kept as its JSON text and only the page's are parsed: the index is opened
in a few tens of milliseconds (a list of byte strings unpickles at memory speed, where
the same citations as pydantic models took seconds), and a page of 100 costs ~2 ms.

Computed again after a build, only the works a changed document cites (or cited) are asked
of the store: a work's answer is read from its citing documents' graphs alone (their tasks,
citations, years and divisions; lineage links play no part), so it holds while none of them
changed. A document is known by the sha256 of its file (the build's manifest); a work whose
number of citations moved without such a change (a document stored as a copy since) is
asked again too.
"""

from __future__ import annotations

from dataclasses import dataclass

from govtrace.graph.store import SparqlService
from govtrace.queries.entities import RegulationCitation, RegulationDetail, regulation
from govtrace.queries.rows import Ids, iri_values, select, values_chunks


@dataclass(frozen=True)
class CitedWork:
    """A regulation's answer: its description (``cited_by`` left empty), each citation in
    the answer's order as JSON, and the ids of the documents citing it."""

    detail: bytes
    cited_by: tuple[bytes, ...]
    documents: frozenset[str]

    def page(self, offset: int, limit: int | None) -> RegulationDetail:
        """The answer with the citations from ``offset`` on (``limit`` of them; all when
        None), as :func:`~govtrace.queries.entities.regulation` gives it."""
        detail = RegulationDetail.model_validate_json(self.detail)
        chosen = self.cited_by[offset:None if limit is None else offset + limit]
        detail.cited_by = [RegulationCitation.model_validate_json(text) for text in chosen]
        return detail


def cited_work(detail: RegulationDetail) -> CitedWork:
    return CitedWork(
        detail=detail.model_copy(update={"cited_by": []}).model_dump_json().encode(),
        cited_by=tuple(c.model_dump_json().encode() for c in detail.cited_by),
        documents=frozenset(_unshared(c.task.document.id) for c in detail.cited_by))


def _unshared(text: str) -> str:
    """A string of its own with the characters of ``text``. Answered through the known
    documents (:class:`~govtrace.queries.refs.KnownRefs`), every work citing a document
    holds that document's one id object, and the part's pickle then writes it once and
    refers to it after: other bytes than the same answers read from the store, where each
    description is its own (issue 16: the index step reads the works this way at half the
    CPU, and every part of the index must stay the same bytes)."""
    return text.encode().decode()


@dataclass(frozen=True)
class CitedWorks:
    """Every cited work's answer by IRI, the file (sha256) each document was read from, and
    how many citations each work had."""

    works: dict[str, CitedWork]
    versions: dict[str, str]
    counts: dict[str, int]

    def get(self, iri: str) -> CitedWork | None:
        return self.works.get(iri)


def read_cited_works(service: SparqlService, ids: Ids, versions: dict[str, str],
                     previous: CitedWorks | None = None) -> tuple[CitedWorks, int]:
    """The answer of every work cited in the graph that ``/api/regulations/{key}`` can name
    (a ``regulation/{key}`` IRI), from the documents of ``versions`` (doc id: sha256); those
    of ``previous`` kept where no citing document changed (the module's doc). Also how many
    works were asked of the store."""
    prefix = ids.regulation_iri("key").removesuffix("key")
    counts = {row["work"]: row["n"] for row in select(service, """SELECT ?work
  (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c gt:citedWork ?work } GROUP BY ?work""")
              if row["work"].startswith(prefix)}
    kept, counted = (previous.works, previous.counts) if previous else ({}, {})
    changed = ({doc for doc in versions.keys() | previous.versions.keys()
                if versions.get(doc) != previous.versions.get(doc)} if previous else set())
    cited_by_changed = _works_cited_in(service, ids, changed)
    found: dict[str, CitedWork] = {}
    asked = 0
    for iri in sorted(counts):
        old = kept.get(iri)
        if (old is not None and iri not in cited_by_changed and not old.documents & changed
                and counted.get(iri) == counts[iri]):
            found[iri] = old
            continue
        asked += 1
        detail = regulation(service, ids, iri.removeprefix(prefix))
        if detail is not None:
            found[iri] = cited_work(detail)
    return CitedWorks(found, dict(versions), counts), asked


def _works_cited_in(service: SparqlService, ids: Ids, documents: set[str]) -> set[str]:
    found: set[str] = set()
    for chunk in values_chunks(sorted(ids.document_iri(doc) for doc in documents)):
        found.update(row["work"] for row in select(service, f"""SELECT DISTINCT ?work WHERE {{
  {iri_values("doc", chunk)} ?citer gt:inDocument ?doc ; gt:hasCitation/gt:citedWork ?work }}"""))
    return found
