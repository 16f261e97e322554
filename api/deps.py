"""What the routes depend on: the app's answer service (in-process, cached answers) and
the answers over the current graph, as the annotated parameters ``Service`` and ``Ask``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from govtrace.api.answer_service import AnswerService
from govtrace.queries.answers import Answers


async def answer_service(request: Request) -> AnswerService:
    # async: FastAPI would run a plain function in a worker thread, a hand-off that costs
    # more than a cached answer does.
    service: AnswerService = request.app.state.answers
    return service


def answers(request: Request) -> Iterator[Answers]:
    """The answers over the current graph, held for the request (an update waits for it)."""
    service: AnswerService = request.app.state.answers
    with service.reading() as ask:
        yield ask


Service = Annotated[AnswerService, Depends(answer_service)]
Ask = Annotated[Answers, Depends(answers)]
