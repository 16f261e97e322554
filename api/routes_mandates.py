"""``/api/mandates``, ``/api/search`` and ``/api/glossary``: questions asked in words."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

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
from govtrace.queries.answers import Answers
from govtrace.queries.glossary import glossary
from govtrace.queries.models import MandatesAnswer
from govtrace.queries.querytext import understand

router = APIRouter(tags=["questions"])


@router.get("/api/mandates", response_model=MandatesAnswer, responses=problems(400, 422))
async def get_mandates(
    q: QueryWords,
    service: Service,
    level: Annotated[LevelName | None, Query(description="only documents of this level")] = None,
    division: Annotated[str | None, Query(pattern=ID_PATTERN, description=(
        "only documents of this division or below it (adcode, e.g. 150000)"))] = None,
    year: Annotated[int | None, Query(ge=1949, le=2100, description=(
        "only plans covering this year"))] = None,
    limit: Limit = 10,
) -> Response:
    """The regulations that mandate what ``q`` names, ranked, with the tasks carrying them
    out (passage with the query and the citation highlighted, source spans) and each task's
    lineage up to the national outline."""
    return await service.json(Answers.mandates, q, level=level.concept if level else None,
                        division=division, year=year, limit=limit)


@router.get("/api/search", response_model=SearchAnswer, responses=problems(400, 422))
async def get_search(q: QueryWords, service: Service, limit: Limit = 20) -> Response:
    """Tasks and report items whose text holds the query (character bigrams, Chinese-aware)."""
    return await service.json(_search, q, limit)


def _search(ask: Answers, q: str, limit: int) -> SearchAnswer:
    return SearchAnswer(query=q, text=understand(q).text, results=ask.search(q, limit))


@router.get("/api/glossary", response_model=list[GlossaryTerm])
def get_glossary() -> list[GlossaryTerm]:
    """The bilingual glossary English queries are translated with."""
    return [GlossaryTerm(en=term.en, zh=term.zh) for term in glossary().terms]
