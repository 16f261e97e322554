"""Issue 16 target 2: the index's long lists (coverage, documents, regulations) are rendered
once per snapshot and cut into pages as bytes, byte for byte the pages rendered whole."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from govtrace.api.app import create_app
from govtrace.api.models import DocumentList, RegulationList
from govtrace.api.rendered_list import RenderedList
from govtrace.api.tabular import Window, page_of
from govtrace.queries.answers import Answers
from govtrace.settings import Settings

WINDOWS = [Window(0, 1000), Window(0, 1), Window(2, 3), Window(5, 10_000), Window(10_000, 5)]
LISTS: list[tuple[str, str, Callable[[Answers], Any]]] = [
    ("/api/coverage", "items", Answers.coverage),
    ("/api/documents", "results",
     lambda ask: DocumentList(count=len(ask.documents()), results=ask.documents())),
    ("/api/regulations", "results",
     lambda ask: RegulationList(count=len(ask.regulations()), results=ask.regulations())),
]


@pytest.mark.parametrize(("path", "rows", "whole"), LISTS)
def test_index_lists_are_cut_from_one_rendering_issue_16(
        demo_store: Settings, path: str, rows: str, whole: Callable[[Answers], Any]) -> None:
    with TestClient(create_app(demo_store)) as client:
        service = client.app.state.answers  # type: ignore[attr-defined]
        with service.reading() as ask:
            assert ask.prebuilt is not None  # the demo build wrote its index
            answer = whole(ask)
        rendered = RenderedList.of(answer, rows)
        for window in WINDOWS:
            expected = page_of(answer, rows, window).model_dump_json().encode()
            assert rendered.page(window.offset, window.limit) == expected, window
            response = client.get(path, params={"offset": window.offset,
                                                "limit": window.limit})
            assert response.status_code == 200 and response.content == expected, window
        csv = client.get(path, params={"format": "csv", "offset": 1, "limit": 2})
        assert csv.headers["content-type"].startswith("text/csv")
        assert csv.text.count("\r\n") == 1 + min(2, max(len(getattr(answer, rows)) - 1, 0))
