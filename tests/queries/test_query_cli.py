"""``govtrace query`` against a store built from the demo corpus."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from govtrace.cli import app
from govtrace.settings import Settings
from tests.support.demo import D000

TASK = f"https://w3id.org/govtrace/id/doc/{D000}/task/5"


def test_query_prints_a_table_and_json(demo_settings: Settings) -> None:
    store = str(demo_settings.resolved_store_dir)
    runner = CliRunner()
    table = runner.invoke(app, ["query", "lineage", "--store", store, "--param", f"task={TASK}"],
                          env={"COLUMNS": "400"})
    assert table.exit_code == 0, table.output
    assert "id:doc/national-outline-2021-2025/task/9" in table.output
    assert table.output.rstrip().endswith("3 rows")
    answer = runner.invoke(app, ["query", "implementers", "--store", store, "-p", "item=9",
                                 "--format", "json"])
    assert answer.exit_code == 0, answer.output
    levels = [row["level"]["value"] for row in json.loads(answer.output)["results"]["bindings"]]
    assert levels == ["provincial", "county"]


def test_query_without_a_name_lists_the_library() -> None:
    listing = CliRunner().invoke(app, ["query"])
    assert listing.exit_code == 0
    assert "govtrace query coverage-gaps --param adcode=…" in listing.output


def test_a_bad_param_exits_2_with_its_code(demo_settings: Settings) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "govtrace", "query", "lineage", "--store",
         str(demo_settings.resolved_store_dir), "--param", "task=https://x.org/a>b"],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "[GT-QUERY-003]" in result.stderr


def test_a_full_page_says_more_may_follow_issue_16(demo_settings: Settings) -> None:
    """implementers answers a page (200 rows unless told): a full one must not pass for the
    whole answer, and the hint goes to stderr so the JSON stays parseable."""
    store = str(demo_settings.resolved_store_dir)
    args = ["query", "implementers", "--store", store, "-p", "item=9", "--format", "json"]
    full = subprocess.run([sys.executable, "-m", "govtrace", *args, "-p", "limit=1"],
                          capture_output=True, text=True, timeout=120)
    assert full.returncode == 0, full.stderr
    assert len(json.loads(full.stdout)["results"]["bindings"]) == 1
    assert "more may follow: -p limit=1 -p offset=1" in full.stderr
    whole = subprocess.run([sys.executable, "-m", "govtrace", *args],
                           capture_output=True, text=True, timeout=120)
    assert whole.returncode == 0 and "more may follow" not in whole.stderr
