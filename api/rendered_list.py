"""A list answer rendered to JSON once and cut into pages as bytes.

The long lists of the build's index (the coverage table, the documents, the regulations)
are the same answer for every request until the store changes; only the page differs. At
30,000 documents the coverage table of a year is ~3,000 divisions and 35 items of as many
counts, about a megabyte of JSON: rendering it through pydantic per request was most of
the endpoint's CPU (11 ms a request). Rendered once per snapshot, each field and each
element of the list apart, a page is a join of bytes.

The page is byte for byte what :func:`govtrace.api.tabular.page_of` and ``model_dump_json``
give (tests/api/test_rendered_pages_issue_16.py): the fields in the model's order, the
list cut, ``count`` (where the model has one) the page's length, then the page fields.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import BaseModel

COUNT = "count"


@dataclass(frozen=True)
class RenderedList:
    """``fields``: each field of the answer as its ``"name":value`` JSON, in the model's
    order (None for the list and for ``count``, which depend on the page); ``rows``: the
    list's elements, each as JSON."""

    fields: tuple[tuple[str, bytes | None], ...]
    rows: tuple[bytes, ...]

    @classmethod
    def of(cls, answer: BaseModel, rows: str) -> RenderedList:
        def field(name: str) -> bytes:
            return answer.model_dump_json(include={name}).encode()[1:-1]  # without { }

        items: list[BaseModel] = getattr(answer, rows)
        return cls(fields=tuple((name, None if name in (rows, COUNT) else field(name))
                                for name in type(answer).model_fields),
                   rows=tuple(item.model_dump_json().encode() for item in items))

    def page(self, offset: int, limit: int) -> bytes:
        """The page of ``limit`` elements from ``offset`` on, with the page fields."""
        chosen = self.rows[offset:offset + limit]
        more = offset + limit < len(self.rows)
        parts = []
        for name, rendered in self.fields:
            if rendered is not None:
                parts.append(rendered)
            elif name == COUNT:
                parts.append(b'"count":%d' % len(chosen))
            else:
                parts.append(b'"%s":[%s]' % (name.encode(), b",".join(chosen)))
        parts.append(page_fields(len(self.rows), offset, limit, more))
        return b"{" + b",".join(parts) + b"}"


def page_fields(total: int | None, offset: int, limit: int, more: bool) -> bytes:
    """The fields paging adds to a list answer (:class:`govtrace.api.tabular.PageFields`),
    as JSON members, in their order: what follows the answer's own fields."""
    return b",".join(b'"%s":%s' % (name.encode(), json.dumps(value).encode()) for name, value in (
        ("total", total), ("offset", offset), ("limit", limit),
        ("next_offset", offset + limit if more else None)))
