"""Every span of every seed's record points at the characters it claims."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from govtrace.ingest.normalize import normalize
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.outline import national_outline_record
from govtrace.ingest.record import DocumentRecord
from govtrace.ingest.source import SourceDocument


def _spans(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if set(node) == {"start", "end", "exact"}:
            yield node
        for value in node.values():
            yield from _spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from _spans(value)


def test_all_spans_match_source(seed_sources: dict[str, SourceDocument],
                                seed_records: dict[str, DocumentRecord]) -> None:
    total = 0
    for key, record in seed_records.items():
        source = seed_sources[key].source_text
        for span in _spans(record.model_dump(mode="json")):
            assert source[span["start"]:span["end"]] == span["exact"], (key, span)
            assert span["exact"].strip(), (key, span)
            total += 1
    assert total > 500


def test_titles_are_their_spans_normalized(seed_records: dict[str, DocumentRecord]) -> None:
    """The source characters behind a title, normalized, are the title."""
    for record in seed_records.values():
        for item in [*record.sections, *record.tasks, *record.report_items]:
            exact = item.title_span.exact
            assert normalize(MappedText.identity(exact)).text == item.title, item.title


def test_outline_spans_index_the_tsv() -> None:
    record = national_outline_record()
    from importlib import resources

    text = resources.files("govtrace.data").joinpath(record.source.file_name).read_text("utf-8")
    for span in _spans(record.model_dump(mode="json")):
        assert text[span["start"]:span["end"]] == span["exact"]
