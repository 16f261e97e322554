"""``govtrace ingest``: records out, a summary, exit 1 when a file failed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from rdflib import Graph
from typer.testing import CliRunner

from govtrace.cli import app
from tests.support.demo import D003


def test_ingest_writes_records_and_reports_failures(
    tmp_path: Path, seed_paths: dict[str, Path]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seed_paths["003"], corpus)
    (corpus / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--out", str(out)])
    assert result.exit_code == 1
    (written,) = out.glob("*.json")  # named by the document's id, not its file (issue 18)
    record = json.loads(written.read_text(encoding="utf-8"))
    assert written.stem == record["source"]["doc_id"] == D003
    assert record["schema_version"] == "2.0"
    assert len(record["tasks"]) == 26
    assert not (out / "empty.json").exists()
    assert "1 documents ok, 26 tasks, 1 failed" in result.stderr
    assert "GT-INGEST-002" in result.stderr and "empty.txt" in result.stderr


def test_ingest_prints_json_lines_or_turtle(seed_paths: dict[str, Path]) -> None:
    runner = CliRunner()
    lines = runner.invoke(app, ["ingest", str(seed_paths["000"]), str(seed_paths["002"])])
    assert lines.exit_code == 0
    records = [json.loads(line) for line in lines.stdout.splitlines()]
    assert [r["source"]["file_name"][:3] for r in records] == ["000", "002"]
    turtle = runner.invoke(app, ["ingest", str(seed_paths["001"]), "--format", "ttl"])
    assert turtle.exit_code == 0
    assert len(Graph().parse(data=turtle.stdout, format="turtle")) > 0
