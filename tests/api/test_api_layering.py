"""viz turns answers into views and api routes: neither writes SPARQL nor reaches past
:class:`~govtrace.queries.answers.Answers` to the store; and each name the queries, viz and
api parts define means one thing in govtrace."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import govtrace

PACKAGE = Path(govtrace.__file__).resolve().parent
SPARQL = re.compile(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b.{0,200}?(\bWHERE\b|[{<])", re.S)
QUERY_HELPERS = {"select", "values", "iri_values", "literal_values", "task_refs",
                 "describe_works", "chains_up", "links_around", "best_parents"}
OWN_PARTS = ("queries", "viz", "api")
# docgen asks each part's docs module for the same function.
SHARED_PROTOCOL = {"render_markdown"}


def _modules(part: str) -> list[Path]:
    return sorted((PACKAGE / part).resolve().glob("*.py"))


def _docstrings(tree: ast.Module) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}


def _store_access(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings and SPARQL.search(node.value)):
            found.append(f"{path.name}:{node.lineno} SPARQL text")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "govtrace.queries"):
            found += [f"{path.name}:{node.lineno} imports {alias.name}"
                      for alias in node.names if alias.name in QUERY_HELPERS]
        elif (isinstance(node, ast.Attribute) and node.attr in ("service", "ids")
              and isinstance(node.value, ast.Name) and node.value.id == "ask"):
            found.append(f"{path.name}:{node.lineno} ask.{node.attr}")
    return found


def test_viz_and_api_ask_answers_and_write_no_sparql_issue_15() -> None:
    found = [problem for part in ("viz", "api") for path in _modules(part)
             for problem in _store_access(path)]
    assert found == []


def test_the_checker_sees_a_query_written_outside_queries_issue_15(tmp_path: Path) -> None:
    module = tmp_path / "lookups.py"
    module.write_text('from govtrace.queries.rows import select\n'
                      'def agency(ask):\n'
                      '    """SELECT ?x WHERE in a docstring is prose."""\n'
                      '    return select(ask.service, "SELECT ?a WHERE { ?a a gt:Agency }")\n',
                      encoding="utf-8")
    assert sorted(_store_access(module)) == ["lookups.py:1 imports select",
                                             "lookups.py:4 SPARQL text", "lookups.py:4 ask.service"]


def _top_level_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_") and name.upper() != "T"
            and name not in ("router", "__all__")}


def test_names_of_queries_viz_and_api_mean_one_thing_issue_15() -> None:
    """Before: ``Span``, ``Citation``, ``Division``, ``Level``, ``Evidence``, ``CitingTask``,
    ``DocumentLink``, ``GT``, ``PREFIXES``, ``QueryText`` … each named two things."""
    defined: dict[str, set[str]] = defaultdict(set)
    for path in sorted(set(PACKAGE.resolve().rglob("*.py")) | {
            p for part in OWN_PARTS for p in _modules(part)}):
        for name in _top_level_names(path):
            defined[name].add(str(path))
    own = {name for part in OWN_PARTS for path in _modules(part)
           for name in _top_level_names(path)}
    twins = {name: sorted(defined[name]) for name in own - SHARED_PROTOCOL
             if len(defined[name]) > 1}
    assert twins == {}
