"""Data flows one way: no module imports a part downstream of its own, and the core none.

The parts, in the order of :data:`govtrace.layers.PARTS`, are ontology < ingest < graph <
queries < viz < api; the core is the modules of ``govtrace/`` itself. Every import counts,
wherever it is written: inside a function, under ``if TYPE_CHECKING``, or as
``import_module("govtrace.…")`` with a literal name (a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from govtrace.layers import CORE, PARTS, Module, imported_modules, modules, part_of


@dataclass(frozen=True)
class Violation:
    module: str
    line: int
    imported: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported}"


def _rank(part: str) -> int:
    return -1 if part == CORE else PARTS.index(part)


def violations(source: str, module: Module) -> list[Violation]:
    """The imports of ``module`` that point downstream (for the core: into any part)."""
    out = []
    for line, imported in imported_modules(ast.parse(source), module.package):
        target = part_of(imported)
        if target is None:
            continue  # the core, or outside govtrace
        if module.part == CORE or _rank(target) > _rank(module.part):
            out.append(Violation(module.name, line, imported))
    return out


def test_issue_15_no_module_imports_downstream() -> None:
    found = [str(violation) for module in modules()
             for violation in violations(module.path.read_text(encoding="utf-8"), module)]
    assert found == []


def test_issue_15_only_the_store_factory_chooses_the_backend() -> None:
    # One module decides embedded or remote (govtrace.graph.store_factory); the settings
    # only define the choice.
    readers = [module.name for module in modules()
               if module.name not in {"govtrace.graph.store_factory", "govtrace.settings"}
               and "StoreBackend" in module.path.read_text(encoding="utf-8")]
    assert readers == []


def test_issue_15_the_checker_sees_every_part_and_the_core() -> None:
    parts = {module.part for module in modules()}
    assert parts == {CORE, *PARTS}


@pytest.mark.parametrize(("source", "part", "expected"), [
    ("from govtrace.api.app import create_app\n", "graph", ["govtrace.api.app.create_app"]),
    ("def serve():\n    import govtrace.api.app\n", "graph", ["govtrace.api.app"]),
    ("from govtrace.graph import cli\n", CORE, ["govtrace.graph.cli"]),
    ("import_module('govtrace.queries.docs')\n", CORE, ["govtrace.queries.docs"]),
    ("from ..queries import rows\n", "graph", ["govtrace.queries.rows"]),
    ("from govtrace.ontology.namespaces import GT\n", "graph", []),
    ("from govtrace.graph.store import GraphStore\n", "graph", []),
    ("from govtrace.errors import StoreError\n", "api", []),
    ("from govtrace.errors import StoreError\n", CORE, []),
])
def test_issue_15_the_checker_reports_a_downstream_import(
        source: str, part: str, expected: list[str]) -> None:
    name = "govtrace.x" if part == CORE else f"govtrace.{part}.x"
    module = Module(Path(name.replace(".", "/") + ".py"), name, part)
    assert [v.imported for v in violations(source, module)] == expected
