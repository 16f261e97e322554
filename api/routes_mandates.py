"""``/api/mandates``, ``/api/search`` and ``/api/glossary``: questions asked in words."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from govtrace.api.deps import Service
from govtrace.api.models import (
    ID_PATTERN,
    GlossaryTerm,
    LevelName,
    Limit,
    QueryWords,
    SearchAnswer,
    problems,
)
from govtrace.api.tabular import (
    CSV_ANSWER,
    Format,
    Offset,
    Window,
    csv_response,
    page_json,
    page_of,
    paged,
    table,
    wants_csv,
)
from govtrace.queries.answers import Answers
from govtrace.queries.glossary import glossary
from govtrace.queries.models import MandatesAnswer
from govtrace.queries.querytext import understand

router = APIRouter(tags=["questions"])


@router.get("/api/mandates", response_model=paged(MandatesAnswer),
            responses={**problems(400, 404, 422), **CSV_ANSWER})
async def get_mandates(
    q: QueryWords,
    request: Request,
    service: Service,
    level: Annotated[LevelName | None, Query(description="only documents of this level")] = None,
    division: Annotated[str | None, Query(pattern=ID_PATTERN, description=(
        "only documents of this division or below it (adcode, e.g. 150000)"))] = None,
    year: Annotated[int | None, Query(ge=1949, le=2100, description=(
        "only plans covering this year"))] = None,
    limit: Limit = 10,
    offset: Offset = 0,
    fmt: Format = None,
) -> Response:
    """The regulations that mandate what ``q`` names, ranked, with the tasks carrying them
    out (passage with the query and the citation highlighted, source spans) and each task's
    lineage up to the national outline (CSV: one row per regulation, its evidence as JSON
    text; ranked lists are not counted: page on with ``next_offset``)."""
    return await table(request, service, _mandates, q, Window(offset, limit), rows="results",
                       fmt=fmt, level=level.concept if level else None, division=division,
                       year=year)


def _mandates(ask: Answers, q: str, window: Window, *, level: str | None,
              division: str | None, year: int | None) -> bytes:
    # Only the page's regulations are described (the ranking has no total); the answer
    # comes rendered (queries/mandates.py: Ranking).
    ranking = ask.mandates_ranking(q, level=level, division=division, year=year,
                                   offset=window.offset, limit=window.limit)
    return page_json(ranking.json, window, more=ranking.more)


@router.get("/api/search", response_model=paged(SearchAnswer),
            responses={**problems(400, 422), **CSV_ANSWER})
async def get_search(q: QueryWords, request: Request, service: Service, limit: Limit = 20,
                     offset: Offset = 0, fmt: Format = None) -> Response:
    """Tasks and report items whose text holds the query (character bigrams, Chinese-aware;
    CSV: one row per hit; not counted: page on with ``next_offset``)."""
    return await table(request, service, _search, q, Window(offset, limit), rows="results",
                       fmt=fmt)


def _search(ask: Answers, q: str, window: Window) -> BaseModel:
    hits = ask.search(q, window.end + 1)  # one past the page: is there a next one?
    answer = SearchAnswer(query=q, text=understand(q).text, results=hits)
    return page_of(answer, "results", window, more=len(hits) > window.end)


@router.get("/api/glossary", response_model=list[GlossaryTerm], responses=CSV_ANSWER)
def get_glossary(request: Request, fmt: Format = None) -> Response:
    """The bilingual glossary English queries are translated with (CSV: columns en, zh)."""
    terms = [{"en": term.en, "zh": term.zh} for term in glossary().terms]
    return csv_response(request, terms) if wants_csv(request, fmt) else JSONResponse(terms)
