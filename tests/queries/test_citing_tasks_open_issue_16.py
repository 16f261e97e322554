"""Issue 16 target 4 (start-up): the index of cited tasks opens from the build's file
without building anything: its citation table and evidence items are the build's, mapped
from the file, and answer as the ones made from the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pytest

from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.queries.answers import Answers
from govtrace.queries.citation_table import CitationTable
from govtrace.queries.citing_tasks import CitingTasks
from govtrace.queries.evidence_items import EvidenceItems
from govtrace.queries.index_files import part_format, read_part, write_part
from govtrace.queries.serving_index import index_dir
from govtrace.settings import Settings

QUERIES = ("行政规范性文件", "重大行政决策", "市", "法治")


def over(demo_embedded: EmbeddedStore, tasks: CitingTasks) -> Answers:
    answers = Answers(demo_embedded)
    object.__setattr__(answers, "citing_tasks", type("Fixed", (), {"get": lambda _: tasks})())
    return answers


def test_opening_the_part_builds_no_table_and_renders_no_items_issue_16(
        demo_embedded: EmbeddedStore, citing_tasks: CitingTasks, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    expected = {query: over(demo_embedded, citing_tasks).mandates(query) for query in QUERIES}
    path = tmp_path / "citing_tasks.pickle"
    with path.open("wb") as out:
        write_part(out, citing_tasks)

    def built(*_: Any, **__: Any) -> NoReturn:
        raise AssertionError("built at open")

    monkeypatch.setattr(CitationTable, "of", built)
    monkeypatch.setattr(EvidenceItems, "__init__", built)
    with path.open("rb") as file:
        opened: CitingTasks = read_part(file)
    table, items = opened.table.get(), opened.evidence.get()
    # Views of the mapped file, not arrays made at open.
    assert not table.row_task.flags.writeable and not items._cuts.flags.writeable
    assert np.array_equal(table.row_pair, citing_tasks.table.get().row_pair)
    assert {query: over(demo_embedded, opened).mandates(query) for query in QUERIES} == expected


def test_the_build_writes_the_part_in_its_format_issue_16(demo_settings: Settings) -> None:
    """Format 2: a part written before (the table and items made at open) is stale."""
    with (index_dir(demo_settings.resolved_store_dir) / "citing_tasks.pickle").open("rb") as file:
        assert part_format(file) == CitingTasks.INDEX_FORMAT == 2
