"""``govtrace divisions``, as users run it."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from govtrace.cli import app


def test_divisions_prints_the_division_and_its_parents() -> None:
    result = CliRunner().invoke(app, ["divisions", "乌审旗"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "150626 乌审旗 (Wūshěn Qí) — County level (县级/旗)"
    assert lines[1:] == ["  within 150600 鄂尔多斯市 — Prefectural",
                         "  within 150000 内蒙古自治区 — Provincial",
                         "  within 中华人民共和国 — National"]


def test_divisions_json_by_alias() -> None:
    result = CliRunner().invoke(app, ["divisions", "--json", "乌中旗"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["adcode"], data["name"], data["level"]) == ("150824", "乌拉特中旗", "County")
    assert [p["adcode"] for p in data["within"]] == ["150800", "150000", None]


def test_the_nation_is_shown_without_a_fake_code_issue_18() -> None:
    # 100000 still finds the nation (govtrace's key for it), but is no GB/T 2260 code.
    result = CliRunner().invoke(app, ["divisions", "--json", "100000"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["adcode"], data["name"], data["level"]) == (None, "中华人民共和国", "National")
    text = CliRunner().invoke(app, ["divisions", "中国"]).output
    assert text.startswith("中华人民共和国 (Zhōnghuá Rénmín Gònghéguó) — National level")


def _govtrace(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govtrace", *args],
                          capture_output=True, text=True, check=False, timeout=120)


def test_unknown_name_exits_2_with_the_error_code() -> None:
    result = _govtrace("divisions", "xyz")
    assert result.returncode == 2
    assert "GT-DIV-001" in result.stderr
    assert result.stdout == ""


def test_ambiguous_name_exits_2_listing_the_candidates() -> None:
    result = _govtrace("divisions", "朝阳区")
    assert result.returncode == 2
    assert "GT-DIV-002" in result.stderr
    assert "110105" in result.stderr and "220104" in result.stderr


def test_json_output_is_only_json() -> None:
    """jionlp prints a banner when imported; it must not reach stdout."""
    result = _govtrace("divisions", "--json", "150202")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "东河区"
