"""docs/queries.md is generated from the library and documents every query."""

from __future__ import annotations

from govtrace.queries.docs import render_markdown
from govtrace.queries.library import load_library


def test_the_reference_has_every_query_with_its_params_and_text() -> None:
    markdown = render_markdown()
    for query in load_library().values():
        assert f"## `{query.name}`: {query.title}" in markdown
        assert query.description in markdown
        for param in query.params:
            assert f"- `{param.name}` ({param.type}, " in markdown
    assert "VALUES ?task { $task }" in markdown
    assert "optional: any value when left out" in markdown
