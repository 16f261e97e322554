"""MappedText: edits keep an exact, monotone map back to the source."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govtrace.ingest.offsets import MappedText

# A line of seed 003 with the stray blank the normalizer removes.
LINE = "严格落实《内蒙古自治区规范 性文件制定和备案监督办法》。"


def test_identity_maps_each_character_to_itself() -> None:
    mapped = MappedText.identity(LINE)
    assert mapped.to_source(4, 8) == (4, 8)
    assert mapped.slice_source(LINE, 0, 4) == "严格落实"


def test_deletion_keeps_the_origin_of_what_is_left() -> None:
    mapped = MappedText.identity(LINE).sub(re.compile(" "), "")
    assert mapped.text == LINE.replace(" ", "")
    start = mapped.text.index("规范性文件")
    s, e = mapped.to_source(start, start + 5)
    assert LINE[s:e] == "规范 性文件"


def test_a_collapsed_run_maps_to_the_whole_run() -> None:
    source = "第一段\n\n\n第二段"
    mapped = MappedText.identity(source).sub(re.compile(r"\n+"), "\n")
    assert mapped.text == "第一段\n第二段"
    assert mapped.to_source(3, 4) == (3, 6)


def test_chained_edits_still_index_the_first_source() -> None:
    source = "　（一）推进政府机构职能优化"
    mapped = MappedText.identity(source).sub(re.compile("　"), "")
    mapped = mapped.replace_chars(mapped.text.replace("（", "(").replace("）", ")"))
    assert mapped.text == "(一)推进政府机构职能优化"
    assert mapped.slice_source(source, 0, 3) == "（一）"


def test_empty_spans_map_to_a_position() -> None:
    mapped = MappedText.identity("ab cd").sub(re.compile(" "), "")
    assert mapped.to_source(2, 2) == (3, 3)
    assert mapped.to_source(4, 4) == (5, 5)
    assert MappedText.identity("").to_source(0, 0) == (0, 0)


def test_bad_edits_are_refused() -> None:
    mapped = MappedText.identity("乌审旗")
    with pytest.raises(ValueError, match="no source characters"):
        mapped.apply([(1, 1, "X")])
    with pytest.raises(ValueError, match="overlap"):
        mapped.apply([(1, 2, ""), (0, 1, "")])
    with pytest.raises(IndexError):
        mapped.to_source(2, 9)
    with pytest.raises(ValueError, match="equal lengths"):
        mapped.replace_chars("乌审")


@st.composite
def _edits(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(st.text(min_size=1, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if end > start:
            edits.append((start, end, draw(st.text(max_size=3))))
    return text, edits


@given(_edits(), _edits())
def test_any_chain_of_edits_is_monotone_and_traceable(
    first: tuple[str, list[tuple[int, int, str]]], second: tuple[str, list[tuple[int, int, str]]]
) -> None:
    source, edits = first
    mapped = MappedText.identity(source).apply(edits)
    _, more = second
    more = [(s, e, r) for s, e, r in more if e <= len(mapped.text)]
    mapped = mapped.apply(more)
    assert list(mapped.starts) == sorted(mapped.starts)
    assert list(mapped.ends) == sorted(mapped.ends)
    assert all(s < e <= len(source) for s, e in zip(mapped.starts, mapped.ends, strict=True))
