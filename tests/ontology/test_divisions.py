"""The gazetteer: resolving names and codes, the hierarchy, names in seed texts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from govtrace.errors import DivisionError
from govtrace.ontology.divisions import Gazetteer, Level


@pytest.mark.parametrize(("query", "adcode"), [
    ("乌审旗", "150626"),
    ("150626", "150626"),
    ("乌审", "150626"),  # the short name, unique
    ("鄂尔多斯市乌审旗", "150626"),
    ("内蒙古自治区鄂尔多斯市乌审旗", "150626"),
    ("乌拉特中旗", "150824"),
    ("乌中旗", "150824"),  # jionlp's abbreviation
    ("东河区", "150202"),
    ("包头市东河区", "150202"),
    ("内蒙古", "150000"),
    ("内蒙古自治区", "150000"),
    ("中华人民共和国", "100000"),
    ("北京市朝阳区", "110105"),
    ("襄樊市", "420600"),  # renamed 襄阳市 in 2010
    (" 乌审旗 ", "150626"),
])
def test_resolve(gazetteer: Gazetteer, query: str, adcode: str) -> None:
    assert gazetteer.resolve(query).adcode == adcode


def test_resolve_within_narrows_by_parent_name_or_code(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("乌审旗", within="鄂尔多斯市").adcode == "150626"
    assert gazetteer.resolve("东河区", within="150200").adcode == "150202"
    assert gazetteer.resolve("朝阳区", within="长春市").adcode == "220104"
    assert gazetteer.resolve("朝阳区", within="北京").adcode == "110105"


def test_resolve_within_the_wrong_parent_is_not_found(gazetteer: Gazetteer) -> None:
    with pytest.raises(DivisionError) as caught:
        gazetteer.resolve("乌审旗", within="包头市")
    assert caught.value.code == "GT-DIV-001"
    assert "150200 包头市" in caught.value.detail


def test_donghe_district_is_unique(gazetteer: Gazetteer) -> None:
    assert [d.adcode for d in gazetteer if d.name == "东河区"] == ["150202"]


def test_ambiguous_name_lists_candidates_with_parents(gazetteer: Gazetteer) -> None:
    with pytest.raises(DivisionError) as caught:
        gazetteer.resolve("朝阳区")
    error = caught.value
    assert error.code == "GT-DIV-002"
    assert "110105 朝阳区（北京市）" in error.detail
    assert "220104 朝阳区（长春市，吉林省）" in error.detail
    assert "北京市朝阳区" in error.hint


@pytest.mark.parametrize("query", ["乌审县", "999999", "xyz"])
def test_unknown_division(gazetteer: Gazetteer, query: str) -> None:
    with pytest.raises(DivisionError) as caught:
        gazetteer.resolve(query)
    assert caught.value.code == "GT-DIV-001"
    assert caught.value.status == 404


def test_unknown_name_suggests_close_names(gazetteer: Gazetteer) -> None:
    with pytest.raises(DivisionError) as caught:
        gazetteer.resolve("乌审县")
    assert "乌审旗 (150626)" in caught.value.hint


def test_lineage_runs_from_the_division_up_to_the_nation(gazetteer: Gazetteer) -> None:
    chain = gazetteer.lineage(gazetteer.by_code("150626"))
    assert [(d.adcode, d.level) for d in chain] == [
        ("150626", Level.COUNTY), ("150600", Level.PREFECTURAL),
        ("150000", Level.PROVINCIAL), ("100000", Level.NATIONAL)]


def test_aliases_come_from_jionlp(gazetteer: Gazetteer) -> None:
    assert "乌中旗" in gazetteer.by_code("150824").aliases
    assert "内蒙古" in gazetteer.by_code("150000").aliases
    assert {"巴州", "巴音郭楞"} <= set(gazetteer.by_code("652800").aliases)
    assert gazetteer.by_code("420600").former_names == ("襄樊市",)


def test_municipality_counties_belong_to_the_municipality(gazetteer: Gazetteer) -> None:
    beijing = gazetteer.by_code("110000")
    assert beijing.level is Level.PROVINCIAL
    assert gazetteer.by_code("110105").parent_adcode == "110000"
    assert all(d.level is Level.COUNTY for d in gazetteer.children("110000"))


def test_groupings_are_skipped_and_their_members_attached_to_the_province(
        gazetteer: Gazetteer) -> None:
    xiantao = gazetteer.by_code("429004")
    assert (xiantao.name, xiantao.level, xiantao.parent_adcode) == \
        ("仙桃市", Level.COUNTY, "420000")
    assert not [d for d in gazetteer if d.name.endswith("直辖行政区划")]
    assert ("省直辖行政区划", "429000") in {(s.name, s.adcode) for s in gazetteer.skipped}


def test_functional_zones_are_kept_and_marked(gazetteer: Gazetteer) -> None:
    zone = gazetteer.by_code("150172")
    assert (zone.name, zone.level, zone.functional_zone, zone.designation) == \
        ("呼和浩特经济技术开发区", Level.COUNTY, True, "功能区")
    assert not gazetteer.by_code("150626").functional_zone


def test_counts_per_level(gazetteer: Gazetteer) -> None:
    levels = Counter(d.level for d in gazetteer)
    assert levels[Level.NATIONAL] == 1
    assert levels[Level.PROVINCIAL] == 34  # 31 on the mainland, Hong Kong, Macau, Taiwan
    assert levels[Level.PREFECTURAL] >= 330
    assert levels[Level.COUNTY] >= 2800
    assert len(gazetteer) >= 3000


def test_every_division_has_a_unique_code_and_a_parent_one_level_up_or_more(
        gazetteer: Gazetteer) -> None:
    codes = [d.adcode for d in gazetteer]
    assert len(codes) == len(set(codes))
    for division in gazetteer:
        assert len(division.adcode) == 6 and division.adcode.isdigit()
        if division.level is Level.NATIONAL:
            assert division.parent_adcode is None
            continue
        assert division.parent_adcode is not None
        parent = gazetteer.by_code(division.parent_adcode)
        assert parent.level.rank < division.level.rank


def test_inner_mongolia_has_its_twelve_leagues_and_cities(gazetteer: Gazetteer) -> None:
    names = {d.name for d in gazetteer.children("150000") if d.level is Level.PREFECTURAL}
    assert names == {"呼和浩特市", "包头市", "乌海市", "赤峰市", "通辽市", "鄂尔多斯市",
                     "呼伦贝尔市", "巴彦淖尔市", "乌兰察布市", "兴安盟", "锡林郭勒盟", "阿拉善盟"}


@pytest.mark.parametrize(("adcode", "pinyin"), [
    ("150626", "Wūshěn Qí"),
    ("150000", "Nèiměnggǔ Zìzhìqū"),
    ("650000", "Xīnjiāng Wéiwú'ěr Zìzhìqū"),
    ("610100", "Xī'ān Shì"),
    ("500000", "Chóngqìng Shì"),
    ("433100", "Xiāngxī Tǔjiāzú Miáozú Zìzhìzhōu"),
    ("100000", "Zhōnghuá Rénmín Gònghéguó"),
])
def test_pinyin(gazetteer: Gazetteer, adcode: str, pinyin: str) -> None:
    assert gazetteer.by_code(adcode).pinyin == pinyin


def _mentions(gazetteer: Gazetteer, path: Path) -> Counter[tuple[str, str | None]]:
    text = path.read_text(encoding="utf-8")
    found = gazetteer.find_in_text(text)
    assert all(text[m.start:m.end] == m.surface for m in found)
    return Counter((m.surface, m.division.adcode if m.division else None) for m in found)


def test_find_in_text_of_the_wushen_plan(gazetteer: Gazetteer, seed_paths: dict[str, Path]) -> None:
    found = _mentions(gazetteer, seed_paths["000"])
    assert found[("乌审旗", "150626")] >= 2
    assert found[("内蒙古自治区", "150000")] >= 1
    assert found[("鄂尔多斯市", "150600")] >= 1
    assert None not in {adcode for _, adcode in found}


def test_find_in_text_of_the_donghe_plan(gazetteer: Gazetteer, seed_paths: dict[str, Path]) -> None:
    found = _mentions(gazetteer, seed_paths["003"])
    assert found[("东河区", "150202")] >= 1
    assert found[("包头市", "150200")] >= 1


def test_find_in_text_prefers_the_longest_name_and_uses_the_text_to_disambiguate(
        gazetteer: Gazetteer) -> None:
    mentions = gazetteer.find_in_text("长春市朝阳区和乌中旗")
    assert [(m.surface, m.start, m.end) for m in mentions] == \
        [("长春市", 0, 3), ("朝阳区", 3, 6), ("乌中旗", 7, 10)]
    assert [m.division.adcode if m.division else None for m in mentions] == \
        ["220100", "220104", "150824"]
    alone = gazetteer.find_in_text("朝阳区")
    assert {d.adcode for d in alone[0].candidates} == {"110105", "220104"}
