"""The HTTP API's own models: query limits, listing envelopes and the problem shape.

The answers themselves are :mod:`govtrace.queries.models` (shared with the Python API).
"""

from __future__ import annotations

from enum import StrEnum
from http import HTTPStatus
from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel, Field

from govtrace.api.errors import PROBLEM_JSON
from govtrace.queries.entities import RegulationSummary
from govtrace.queries.models import DocumentRef
from govtrace.queries.search import SearchHit

MAX_Q = 200
MAX_LIMIT = 100

QueryWords = Annotated[str, Query(min_length=1, max_length=MAX_Q, pattern=r"\S",
                                 description="a word or phrase: Chinese (simplified, "
                                 "traditional, full-width) or an English glossary term")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="at most this many results")]
# Ids in paths: the characters IriScheme mints, so nothing else can name an entity.
ID_PATTERN = r"^[A-Za-z0-9._-]{1,120}$"


class LevelName(StrEnum):
    """Administrative levels (gt:AdministrativeLevel), by their English label."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    PREFECTURAL = "prefectural"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"

    @property
    def concept(self) -> str:
        """The local name of the level's SKOS concept (gt:County …)."""
        return self.value.capitalize()


class RegulationList(BaseModel):
    count: int
    results: list[RegulationSummary]


class DocumentList(BaseModel):
    count: int
    results: list[DocumentRef]


class SearchAnswer(BaseModel):
    query: str
    text: str = Field(description="the Chinese text searched for")
    results: list[SearchHit]


class GlossaryTerm(BaseModel):
    en: str
    zh: str


class Problem(BaseModel):
    """RFC 9457 problem details, as every error answers (media type application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str
    hint: str
    location: dict[str, str | int] | None = None
    errors: list[dict[str, Any]] | None = Field(default=None, description=(
        "for GT-API-001: each invalid parameter (loc, msg, type)"))


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` documenting problem+json answers for these statuses."""
    schema = Problem.model_json_schema()
    return {status: {"description": HTTPStatus(status).phrase,
                     "content": {PROBLEM_JSON: {"schema": schema}}} for status in statuses}
