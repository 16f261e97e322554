"""``govtrace ontology check`` on the real command line app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govtrace.cli import app
from govtrace.ontology.loading import ONTOLOGY_FILE, read_source
from tests.support.system_tools import JAVA, need

runner = CliRunner()


@pytest.mark.slow
def test_check_passes() -> None:
    need(JAVA)
    result = runner.invoke(app, ["ontology", "check"])
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ classes", result.output)
    assert "hermit: consistent" in result.output
    assert "SHACL ok" in result.output


def test_check_reports_a_parse_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    text = read_source(None, ONTOLOGY_FILE)[0]
    line = text[:text.index("gt:Task a owl:Class ;")].count("\n") + 1
    broken.write_text(text.replace("gt:Task a owl:Class ;", "gt:Task a owl:Class , ;"),
                      encoding="utf-8")
    result = runner.invoke(app, ["ontology", "check", "--ontology", str(broken)])
    assert result.exit_code == 2
    assert "GT-ONTO-001" in result.output
    assert f"line {line}" in result.output


def test_check_reports_an_incomplete_term(tmp_path: Path) -> None:
    broken = tmp_path / "incomplete.ttl"
    broken.write_text(read_source(None, ONTOLOGY_FILE)[0].replace(
        '"机关"@zh , ', ""), encoding="utf-8")
    result = runner.invoke(app, ["ontology", "check", "--ontology", str(broken)])
    assert result.exit_code == 2
    assert "GT-ONTO-003" in result.output
    assert "gt:Agency lacks rdfs:label@zh" in result.output


def test_check_without_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVTRACE_JAVA", str(tmp_path / "no-java"))
    result = runner.invoke(app, ["ontology", "check"])
    assert result.exit_code == 2
    assert "GT-ONTO-005" in result.output
