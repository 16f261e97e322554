"""Lists as tables: every list endpoint of ``/api`` in CSV beside JSON, and paged.

A route answers with :func:`table`, naming the list field of its response model
(``results``, ``items``, ``cited_by`` …). The client picks the format with ``?format=csv``
or ``Accept: text/csv`` (JSON otherwise, as before). The CSV holds one row per element
of that list, flattened:

* nested objects become dotted columns (``task.document.division.adcode``; a coverage
  item's ``counts`` by adcode become ``counts.150626`` …, one column per division);
* lists inside a row (evidence, highlights) become one column of JSON text;
* booleans are ``true``/``false``, a missing value is an empty cell;
* the columns are the union over the rows, in the order first seen.

A task's lineage (``/api/tasks/{id}/lineage``) has two lists, the links up and the links
down: its CSV is one row per link of both, a ``direction`` column (``up``, ``down``) first.

It is plain UTF-8 without a byte-order mark, comma-separated, ``\\r\\n`` line ends
(RFC 4180), with a header row: what ``pandas.read_csv(url)`` and R's
``read.csv(url, encoding = "UTF-8")`` / ``readr::read_csv(url)`` read as is. A BOM would
only help Excel's double-click (Excel reads the file without one through Data → From
Text/CSV, choosing UTF-8), and R's ``read.csv`` would put it into the first column's name.

Paging (``offset``, ``limit``) cuts that list; the JSON body keeps every field it had and
gains ``total`` (how many there are in all, or null where the endpoint does not count
them), ``offset``, ``limit`` and ``next_offset`` (null on the last page); a ``count``
field, where the model has one, is the length of the page, as it was the length of the
list. A CSV answer carries the same in headers (``X-Total-Count``, ``X-Next-Offset``).

Other routes call :func:`table` the same way (and declare ``response_model=paged(Model)``
when they page), so each new list endpoint gets CSV, paging and their validation at once.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Hashable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Annotated, Any

from fastapi import Query, Request, Response
from pydantic import BaseModel, Field, create_model

from govtrace.api.answer_service import AnswerService, Question
from govtrace.api.negotiation import CSV, JSON, negotiate
from govtrace.api.rendered_list import page_fields
from govtrace.errors import API_NOT_ACCEPTABLE, ApiError
from govtrace.queries.answers import Answers

DEFAULT_PAGE = 1000
"""The default page of the long lists (documents, regulations, a regulation's citing
tasks, coverage): large enough that the lists of a corpus of a few hundred documents come
whole, as they did before paging."""
MAX_PAGE = 10_000
MAX_OFFSET = 10_000_000

PAGE_HEADERS = (("total", "X-Total-Count"), ("next_offset", "X-Next-Offset"))
"""Where a CSV page carries what the JSON says in fields: (field, header)."""


class TableFormat(StrEnum):
    """What ``?format=`` may ask for (it wins over ``Accept``)."""

    JSON = "json"
    CSV = "csv"


Format = Annotated[TableFormat | None, Query(
    alias="format", description="`csv` for a table (one row per result, nested fields as "
    "dotted columns, lists as JSON text; UTF-8, no BOM); `json` (the default). "
    "`Accept: text/csv` asks for CSV too.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=(
    "skip this many results (paging: the previous answer's `next_offset`)"))]
PageLimit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=(
    "at most this many results in this page"))]
CSV_ANSWER: dict[int | str, dict[str, Any]] = {200: {
    "description": "the answer (JSON), or its list as a table (CSV)",
    "content": {CSV: {"schema": {"type": "string"}}}}}
"""OpenAPI ``responses`` of a route answering with :func:`table`."""


@dataclass(frozen=True)
class Window:
    """A page of a list: ``limit`` elements from ``offset`` on."""

    offset: int = 0
    limit: int = DEFAULT_PAGE

    @property
    def end(self) -> int:
        return self.offset + self.limit


class PageFields(BaseModel):
    """The fields paging adds to a list answer."""

    total: int | None = Field(description="how many results there are in all (null: not "
                              "counted; page on with `next_offset`)")
    offset: int = Field(description="the results skipped before this page")
    limit: int = Field(description="the most this page could hold")
    next_offset: int | None = Field(description="the `offset` of the next page; null on the "
                                    "last one")


@cache
def paged(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` with the page fields added (its paged answer, and its OpenAPI schema)."""
    fields: dict[str, Any] = {name: (info.annotation, info)
                              for name, info in PageFields.model_fields.items()}
    return create_model(f"{model.__name__}Page", __base__=model, **fields)


def page_of(answer: BaseModel, rows: str, window: Window, total: int | None = None,
            more: bool | None = None, *, cut: bool = True) -> BaseModel:
    """``answer`` with its list ``rows`` cut to ``window`` and the page fields set.

    ``total`` and ``more`` are for a list fetched only as far as the window (and one past
    it, to know whether there is ``more``); by default the list is whole. Not ``cut``: the
    list is the page already (fetched from ``window.offset`` on), and ``total`` given."""
    items: list[Any] = getattr(answer, rows)
    total = len(items) if total is None and more is None else total
    page = items[window.offset:window.end] if cut else items
    if more is None:
        more = total is not None and window.end < total
    values = {name: getattr(answer, name) for name in type(answer).model_fields}
    values[rows] = page
    if "count" in values:
        values["count"] = len(page)
    return paged(type(answer)).model_construct(
        **values, total=total, offset=window.offset, limit=window.limit,
        next_offset=window.end if more else None)


def page_json(answer: bytes, window: Window, total: int | None = None,
              more: bool | None = None) -> bytes:
    """:func:`page_of` (not ``cut``) of an answer rendered to JSON already: ``answer``'s
    fields, its list the page (of ``total`` in all, or not counted and ``more`` after it),
    then the page fields. (A ``count`` field is left as it is: no such answer has one.)"""
    assert answer.endswith(b"}"), "a JSON object"
    if more is None:
        more = total is not None and window.end < total
    return answer[:-1] + b"," + page_fields(total, window.offset, window.limit, more) + b"}"


def _windowed(ask: Answers, question: Question, rows: str, window: Window,
              *args: Hashable, **kwargs: Hashable) -> BaseModel:
    # A module-level function, so that equal pages are equal cache keys.
    answer = question(ask, *args, **kwargs)
    assert isinstance(answer, BaseModel), "a question the table pages gives a model"
    return page_of(answer, rows, window)


def wants_csv(request: Request, fmt: TableFormat | None, other: str = JSON) -> bool:
    """CSV or the route's ``other`` format, by ``?format=`` or else by ``Accept``; an
    ``Accept`` that takes neither is refused (406, GT-API-004) rather than answered in a
    format the client said it cannot read."""
    if fmt is not None:
        return fmt is TableFormat.CSV
    accept = request.headers.get("accept")
    chosen = negotiate(accept, (other, CSV), other)
    if chosen is None:
        raise ApiError(API_NOT_ACCEPTABLE, f"Accept: {accept!r} takes neither {other} nor {CSV}")
    return chosen == CSV


async def table(request: Request, service: AnswerService, question: Question,
                *args: Hashable, rows: str, fmt: TableFormat | None,
                window: Window | None = None, **kwargs: Hashable) -> Response:
    """``question(answers, *args, **kwargs)``: JSON (cached as every answer is), or its list
    ``rows`` as CSV; with ``window``, that page of the list (see the module's doc).

    A question that pages itself (it fetches only as far as the page) returns
    :func:`page_of`'s answer and is called without ``window``."""
    as_csv = wants_csv(request, fmt)  # a refused Accept costs no answer
    listed = (await service.index_list(question, rows, *args)
              if window is not None and not kwargs else None)
    if listed is not None:
        assert window is not None
        response = Response(listed.page(window.offset, window.limit), media_type=JSON)
    elif window is not None:
        response = await service.json(_windowed, question, rows, window, *args, **kwargs)
    else:
        response = await service.json(question, *args, **kwargs)
    if not as_csv:
        return response
    body = json.loads(bytes(response.body))
    return csv_response(request, body[rows], {
        header: str(body[field])
        for field, header in PAGE_HEADERS if body.get(field) is not None})


def csv_response(request: Request, rows: list[dict[str, Any]],
                 headers: dict[str, str] | None = None) -> Response:
    """``rows`` (JSON objects) as a CSV answer, named after the request's path."""
    segments = [part for part in request.url.path.split("/") if part and part != "api"]
    name = "-".join(segments) or "table"
    return Response(to_csv(rows), media_type="text/csv; charset=utf-8; header=present",
                    headers={"Content-Disposition": f'inline; filename="{name}.csv"',
                             **(headers or {})})


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    """JSON objects as one CSV table (flattened as the module's doc says)."""
    flat = [flatten(row) for row in rows]
    columns = list(dict.fromkeys(column for row in flat for column in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(flat)
    return out.getvalue().encode("utf-8")


def flatten(value: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """One JSON object as cells: nested objects dotted, lists as JSON text."""
    cells: dict[str, str] = {}
    for key, item in value.items():
        column = prefix + key
        if isinstance(item, dict):
            cells.update(flatten(item, column + "."))
        elif isinstance(item, list):
            cells[column] = json.dumps(item, ensure_ascii=False)
        elif isinstance(item, bool):
            cells[column] = "true" if item else "false"
        else:
            cells[column] = "" if item is None else str(item)
    return cells
