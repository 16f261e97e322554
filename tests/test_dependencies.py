"""Every runtime dependency the project declares is one the code imports.

A dependency nobody imports still costs every user an install (and a licence
to review); issue 15 found four such. The check reads the declared
requirements from ``pyproject.toml`` and the imports from the parts' sources.
"""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("govtrace", "ontology", "ingest", "graph", "queries", "api", "viz")


def declared_distributions() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_canonical(re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0])
            for requirement in project["dependencies"]}


def imported_modules() -> set[str]:
    modules: set[str] = set()
    for part in PARTS:
        for source in (ROOT / part).rglob("*.py"):
            for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    modules.add(node.module.split(".")[0])
    return modules


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def unused(declared: set[str], modules: set[str]) -> set[str]:
    """The declared distributions that provide none of ``modules``."""
    providers = packages_distributions()
    used = {_canonical(dist) for module in modules for dist in providers.get(module, [])}
    return declared - used


def test_every_declared_dependency_is_imported_issue_15() -> None:
    left_over = unused(declared_distributions(), imported_modules())
    assert not left_over, f"declared in pyproject.toml but imported nowhere: {sorted(left_over)}"


def test_a_dependency_no_module_imports_is_reported() -> None:
    # rapidfuzz is installed and declared; a tree that never imports it must be told.
    modules = imported_modules() - {"rapidfuzz"}
    assert unused(declared_distributions(), modules) == {"rapidfuzz"}
