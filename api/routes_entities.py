"""Entities by id: tasks (``{doc_id}/{n}``) and their lineage, regulations, documents,
divisions, and the national coverage table.

A task's id is its document's id and its number in the document, two path segments:
``/api/tasks/150626-2024-work_plan-47b40eba/5`` is
``…/id/doc/150626-2024-work_plan-47b40eba/task/5``.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel

from govtrace.api.deps import Service
from govtrace.api.models import ID_PATTERN, DocumentList, RegulationList, problems
from govtrace.api.tabular import (
    CSV_ANSWER,
    DEFAULT_PAGE,
    PAGE_HEADERS,
    Format,
    Offset,
    PageLimit,
    Window,
    csv_response,
    page_json,
    page_of,
    paged,
    table,
    wants_csv,
)
from govtrace.queries.answers import Answers
from govtrace.queries.coverage import Coverage
from govtrace.queries.entities import DivisionDetail, DocumentDetail, RegulationDetail
from govtrace.queries.models import LineageAnswer, TaskDetail

router = APIRouter(tags=["entities"], responses=problems(404, 422))

DocId = Annotated[str, Path(pattern=ID_PATTERN, description="a document id (GET /api/documents)")]
NUMBER_PATTERN = r"^[1-9][0-9]{0,5}$"
"""A task's or outline item's number: ASCII digits only, where int() would also take "1.0"
(through pydantic), "٣" or "+1", or fail on 5,000 digits."""
TaskNumber = Annotated[str, Path(pattern=NUMBER_PATTERN, description="the task's number in it")]
LINEAGE_PAGE = 50
"""The default page of a task's links down: each comes with its evidence (about 2 KB of
JSON a link); a national item has thousands of implementers at 30,000 documents. 50, not
200 as before: read from the build's table, a link still costs about 0.1 ms of CPU to
describe and render, so a page of 200 (440 KB) took 22 ms of CPU, too much for a p95 of
50 ms under 8 clients on 2 cores, and a page of 50 (110 KB) 6 ms (issue 16; ``limit``
still goes up to the other lists' maximum)."""
CITING_PAGE = 100
"""The default page of a regulation's citing tasks: each is described on the page (0.3 ms
of CPU a task), where the other long lists are read whole from the build's index; the most
cited regulations have thousands of citations at 30,000 documents."""


@router.get("/api/tasks/{doc_id}/{n}", response_model=TaskDetail)
async def get_task(doc_id: DocId, n: TaskNumber, service: Service) -> Response:
    """A task: number, title, text, source span, citations and the tasks it implements."""
    return await service.json(Answers.task, doc_id, int(n))


@router.get("/api/tasks/{doc_id}/{n}/lineage", response_model=paged(LineageAnswer),
            responses=CSV_ANSWER)
async def get_lineage(doc_id: DocId, n: TaskNumber, request: Request, service: Service,
                      fmt: Format = None, offset: Offset = 0,
                      limit: PageLimit = LINEAGE_PAGE) -> Response:
    """The links up to the national outline (all of them, in every page) and down to every
    implementer, with confidence and evidence per link (paged: the links down, of ``total``
    in all, ordered by level, document and task number; CSV: one row per link,
    ``direction`` ``up`` or ``down`` first, the links up in the first page only, so that
    the pages joined hold each link once)."""
    as_csv = wants_csv(request, fmt)
    response = await service.json(_lineage_page, doc_id, int(n), Window(offset, limit))
    if not as_csv:
        return response
    answer = json.loads(bytes(response.body))
    directions = ("up", "down") if offset == 0 else ("down",)
    return csv_response(request, [{"direction": direction, **link} for direction in directions
                                  for link in answer[direction]],
                        {header: str(answer[field])
                         for field, header in PAGE_HEADERS if answer[field] is not None})


def _lineage_page(ask: Answers, doc_id: str, number: int, window: Window) -> BaseModel:
    # Only the page's links down are read with their evidence (queries/lineage_links.py).
    answer = ask.lineage(doc_id, number, offset=window.offset, limit=window.limit)
    return page_of(answer, "down", window, total=answer.down_total, cut=False)


@router.get("/api/regulations", response_model=paged(RegulationList), responses=CSV_ANSWER)
async def get_regulations(request: Request, service: Service, fmt: Format = None,
                          offset: Offset = 0, limit: PageLimit = DEFAULT_PAGE) -> Response:
    """Every cited regulation with its number of citations, most cited first (CSV: one row
    per regulation)."""
    return await table(request, service, _regulation_list, rows="results", fmt=fmt,
                       window=Window(offset, limit))


def _regulation_list(ask: Answers) -> RegulationList:
    results = ask.regulations()
    return RegulationList(count=len(results), results=results)


@router.get("/api/regulations/{key}", response_model=paged(RegulationDetail),
            responses=CSV_ANSWER)
async def get_regulation(key: Annotated[str, Path(pattern=ID_PATTERN, description=(
        "the regulation's hash key (the last segment of its IRI)"))], request: Request,
                         service: Service, fmt: Format = None, offset: Offset = 0,
                         limit: PageLimit = CITING_PAGE) -> Response:
    """A regulation and every task citing it, across levels and years (paged: the citing
    tasks, of ``citations`` in all; CSV: one row per citing task)."""
    return await table(request, service, _regulation_page, key, Window(offset, limit),
                       rows="cited_by", fmt=fmt)


def _regulation_page(ask: Answers, key: str, window: Window) -> bytes:
    # Only the page's citing tasks are described (queries/entities.py), or joined from the
    # build's JSON (Answers.regulation_json).
    answer, total = ask.regulation_json(key, offset=window.offset, limit=window.limit)
    return page_json(answer, window, total=total)


@router.get("/api/documents", response_model=paged(DocumentList), responses=CSV_ANSWER)
async def get_documents(request: Request, service: Service, fmt: Format = None,
                        offset: Offset = 0, limit: PageLimit = DEFAULT_PAGE) -> Response:
    """Every policy document, national first (CSV: one row per document)."""
    return await table(request, service, _document_list, rows="results", fmt=fmt,
                       window=Window(offset, limit))


def _document_list(ask: Answers) -> DocumentList:
    results = ask.documents()
    return DocumentList(count=len(results), results=results)


@router.get("/api/documents/{doc_id}", response_model=DocumentDetail)
async def get_document(doc_id: DocId, service: Service) -> Response:
    """A document with its tasks and the documents it implements."""
    return await service.json(Answers.document, doc_id)


@router.get("/api/divisions/{adcode}", response_model=DivisionDetail)
async def get_division(adcode: Annotated[str, Path(pattern=r"^[0-9]{6}$", description=(
        "the six-digit administrative code, e.g. 150626"))], service: Service) -> Response:
    """A division, the divisions it lies within and its documents."""
    return await service.json(Answers.division, adcode)


@router.get("/api/coverage", response_model=paged(Coverage), responses=CSV_ANSWER)
async def get_coverage(request: Request, service: Service, fmt: Format = None,
                       offset: Offset = 0, limit: PageLimit = DEFAULT_PAGE) -> Response:
    """National outline items × divisions: how many tasks implement each item where (paged:
    the items; CSV: one row per item, a ``counts.{adcode}`` column per division)."""
    return await table(request, service, Answers.coverage, rows="items", fmt=fmt,
                       window=Window(offset, limit))
