"""Radicals in place of ideographs (PDF text layers) normalize to the ideographs."""

from __future__ import annotations

import unicodedata

from govtrace.ingest import radicals
from govtrace.ingest.normalize import normalize
from govtrace.ingest.offsets import MappedText
from tests.support.system_tools import UNICODE_DATA, need


def test_the_table_is_the_unicode_data_file() -> None:
    need(UNICODE_DATA, purpose="checking the table")
    ucd = radicals.UCD_FILE.read_text(encoding="utf-8")
    assert radicals.parse_ucd(ucd) == radicals.EQUIVALENT
    assert radicals.module_source(ucd) == \
        radicals.__loader__.get_source(radicals.__name__)  # type: ignore[union-attr]


def test_the_kangxi_block_agrees_with_nfkc() -> None:
    kangxi = {cp: to for cp, to in radicals.EQUIVALENT.items() if 0x2F00 <= cp <= 0x2FDF}
    assert len(kangxi) == 214
    for cp, target in kangxi.items():
        assert unicodedata.normalize("NFKC", chr(cp)) == chr(target)


def test_radicals_become_ideographs_and_offsets_stay() -> None:
    source = "乌审旗2024年法治政府建设⼯作计划\n各苏⽊镇、旗直各部⻔:⻓效机制,⾨户⽹站"
    text = normalize(MappedText.identity(source))
    assert text.text == "乌审旗2024年法治政府建设工作计划\n各苏木镇、旗直各部门:长效机制,门户网站"
    at = text.text.index("部门")
    assert text.slice_source(source, at, at + 2) == "部⻔"
    assert normalize(text).text == text.text
