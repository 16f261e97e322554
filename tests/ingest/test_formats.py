"""One document as .txt, .html and .docx reads to the same normalized text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from govtrace.ingest.normalize import normalize
from govtrace.ingest.readers import read_source
from govtrace.settings import Settings


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("suffix", [".html", ".docx"])
def test_every_format_of_a_seed_reads_alike(
    key: str, suffix: str, write_seed: Callable[[str, str], Path],
    normalized_seeds: dict[str, str], seed_paths: dict[str, Path],
) -> None:
    path = write_seed(key, suffix)
    source = read_source(path, settings=Settings())
    text = normalize(source.content)
    assert text.text == normalized_seeds[key]
    assert source.doc_id == seed_paths[key].stem[:3]
    # every normalized character points into the file's own source text
    assert all(e <= len(source.source_text) for e in text.ends)
    for i in range(0, len(text.text), 97):
        origin = source.source_text[text.starts[i]:text.ends[i]]
        assert origin.strip() or text.text[i] in " \n"
