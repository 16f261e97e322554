"""Normalization of the seeds: what a careful reader sees, mapped back exactly."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govtrace.ingest.normalize import normalize
from govtrace.ingest.normalize_pinyin import toneless
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.readers import read_source
from govtrace.settings import Settings

TONED_ANNOTATION = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def _norm(text: str) -> str:
    return normalize(MappedText.identity(text)).text


def test_002_loses_its_pinyin_and_becomes_simplified(normalized_seeds: dict[str, str]) -> None:
    text = normalized_seeds["002"]
    assert text.startswith("内蒙古自治区人民政府关于2024年法治政府建设情况的报告\n")
    assert not TONED_ANNOTATION.search(text)
    assert "各级党委(党组)理论学习中心组" in text  # a real parenthetical among the pinyin
    assert "苏木乡镇(街道)" in text
    assert "內" not in text and "區" not in text


def test_plain_and_numbered_pinyin_are_removed_like_tone_marks(seed_texts: dict[str, str]) -> None:
    first_paragraph = seed_texts["002"].split("\n\n")[2]
    plain = re.sub(r"\(([^()]+)\)", lambda m: f"({toneless(m.group(1))})", first_paragraph)
    numbered = re.sub(r"\(([a-z]+)\)", r"(\g<1>3)", plain)
    assert "內(nei)蒙古" in plain
    assert _norm(plain) == _norm(numbered) == _norm(first_paragraph)
    assert _norm(plain).startswith("2024年,内蒙古自治区坚持以习近平新时代")


def test_real_parentheticals_survive(normalized_seeds: dict[str, str]) -> None:
    text = normalized_seeds["003"]
    assert "文号 包东政办发(2021)48号" in text
    assert "(牵头单位:区发改委、区商务局、区政务服务局;责任单位:区政府各部门)" in text
    assert "《行政事业单位内部控制规范(试行)》" in text
    assert "《法治政府建设实施纲要(2021—2025年)》" in normalized_seeds["000"]


def test_one_parenthesis_form_for_numbering(normalized_seeds: dict[str, str]) -> None:
    assert "\n(一)推进政府机构职能优化。" in normalized_seeds["000"]  # written （一）
    assert "\n(一)推进政府机构职能优化协同高效\n" in normalized_seeds["004"]  # written (一)
    assert "（" not in normalized_seeds["000"] and "，" not in normalized_seeds["000"]


def test_stray_blanks_inside_words_are_removed(
    seed_texts: dict[str, str], normalized_seeds: dict[str, str]
) -> None:
    text = normalized_seeds["003"]
    assert "《内蒙古自治区规范性文件制定和备案监督办法》" in text
    assert "牵 头" not in text
    written = seed_texts["003"]
    assert text.count("牵头单位") == written.count("牵头单位") + written.count("牵 头单位")
    assert "出庭应诉率达到100%。" in text
    assert "发布机构 包头市东河区人民政府办公室 文号" in text  # field separators stay


def test_furniture_of_003_is_gone_and_its_facts_stay(normalized_seeds: dict[str, str]) -> None:
    text = normalized_seeds["003"]
    for furniture in ("欢迎来到", "当前位置", "访问次数", "解读:", "下载:", "作者:"):
        assert furniture not in text
    assert "日期:2021-08-10 来源:包头市东河区人民政府\n" in text
    assert "成文日期 2021年8月9日" in text
    assert text.endswith("确保如期完成2021年法治政府建设各项工作任务。")


def test_furniture_of_001_and_002_is_gone(normalized_seeds: dict[str, str]) -> None:
    assert "[bookmark" not in normalized_seeds["001"]
    assert "\n乌拉特中旗将习近平法治思想作为行动指南" in normalized_seeds["001"]
    report = normalized_seeds["002"]
    for furniture in ("字体", "轮播图", "登录", "跳转"):
        assert furniture not in report
    assert report.endswith("\n信息来源:内蒙古自治区司法厅")


def test_titles_broken_across_lines_are_joined(normalized_seeds: dict[str, str]) -> None:
    text = normalized_seeds["000"]
    assert "\n乌审旗司法局关于印发《乌审旗2024年法治政府建设工作计划》的通知\n" in text
    assert "印发《关于加强行政执法协调监督工作体系建设的意见》," in text


def test_no_blank_lines_and_no_edge_blanks(normalized_seeds: dict[str, str]) -> None:
    for text in normalized_seeds.values():
        assert "\n\n" not in text
        assert all(line == line.strip() and line for line in text.split("\n"))


def _origin_matches(char: str, origin: str) -> bool:
    """Whether ``origin`` (source characters) can be what normalization made ``char`` from."""
    folded = unicodedata.normalize("NFKC", origin)
    if char in origin or char in folded:
        return True
    if char in "\n " and not origin.strip(" \t\r\n\u3000"):
        return True
    if char == "—" and re.fullmatch(r"[ \t]*[-‐‑‒–—―−~～－][ \t]*", origin):
        return True
    from opencc import OpenCC

    return OpenCC("t2s").convert(origin) == char


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_every_normalized_character_comes_from_its_source_run(
    key: str, seed_paths: dict[str, Path]
) -> None:
    source = read_source(seed_paths[key], settings=Settings())
    mapped = normalize(source.content)
    assert list(mapped.starts) == sorted(mapped.starts)
    assert list(mapped.ends) == sorted(mapped.ends)
    for i, char in enumerate(mapped.text):
        origin = source.source_text[mapped.starts[i]:mapped.ends[i]]
        assert _origin_matches(char, origin), (i, char, origin)


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_seeds_normalize_idempotently(key: str, normalized_seeds: dict[str, str]) -> None:
    assert _norm(normalized_seeds[key]) == normalized_seeds[key]


# Text a hostile page might hold: seed characters, pinyin, brackets, blanks and furniture words.
_PIECES = st.sampled_from([
    "內", "(nèi)", "(nei)", "国", "(guo2)", "（", "）", "(", ")", "《", "》", "\n", "\n\n", " ",
    "　", "\t", "\r\n", "规范", "性", "2021", "－", "—", "-", "2025", "年", "欢迎来到", "访问次数:",
    "12", "解读:", "http", "当前位置:", "[bookmark: _GoBack]", "发布机构", "文号", "\ufeff", "，",
    "：", "a", "APP", "薴", "著", "作者:", "·", "“", "”",
])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=30).map("".join)))
def test_normalization_is_idempotent_and_total(text: str) -> None:
    once = normalize(MappedText.identity(text))
    assert _norm(once.text) == once.text
    assert all(s < e for s, e in zip(once.starts, once.ends, strict=True))
    assert list(once.starts) == sorted(once.starts)
