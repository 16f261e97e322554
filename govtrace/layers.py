"""govtrace's parts in the order data flows through them.

A module may import the core (``govtrace`` itself), its own part and the parts before it,
never one after it (tests/test_architecture.py checks every import). The core names the
parts only here, as text, and imports none of them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PARTS: tuple[str, ...] = ("ontology", "ingest", "graph", "queries", "viz", "api")
CORE = "core"
"""What the modules of ``govtrace/`` itself are called where a part's name would stand."""
JOBS: dict[str, str] = {
    CORE: "settings, coded errors, CLI plumbing, bundled data, generated docs",
    "ontology": "the gt: vocabulary, SHACL shapes, document kinds, IRIs, divisions",
    "ingest": "read files of any format, normalize, extract records and their RDF",
    "graph": "the store and its factory, builds, inference, near-duplicates, lineage",
    "queries": "every SPARQL query, answered as typed models (Answers)",
    "viz": "views of the answers: lineage graphs, heat maps, page templates",
    "api": "the HTTP service: /sparql, /api, pages; `govtrace serve`",
}
"""Each part's one job, as the generated docs/parts.md states it."""


def part_of(module: str) -> str | None:
    """The part a ``govtrace.<part>…`` module belongs to; None for the core and for modules
    outside govtrace."""
    head, _, rest = module.partition(".")
    if head != "govtrace":
        return None
    part = rest.partition(".")[0]
    return part if part in PARTS else None


@dataclass(frozen=True)
class Module:
    """One source file of the core or of a part."""

    path: Path
    name: str
    """Its dotted name (``govtrace.graph.store``)."""
    part: str
    """Its part, or :data:`CORE`."""

    @property
    def package(self) -> str:
        return self.name if self.path.name == "__init__.py" else self.name.rpartition(".")[0]


PACKAGE_DIR = Path(__file__).resolve().parent
"""The installed ``govtrace`` package: its parts are its sub-packages (in a checkout,
links to the top-level folders)."""


def modules(package_dir: Path = PACKAGE_DIR) -> Iterator[Module]:
    """Every module of the core and the parts, read from ``package_dir`` (never imported)."""
    for path in sorted(package_dir.glob("*.py")):
        yield Module(path, f"govtrace.{path.stem}", CORE)
    for part in PARTS:
        for path in sorted((package_dir / part).rglob("*.py")):
            relative = path.relative_to(package_dir / part).with_suffix("")
            names = [name for name in relative.parts if name != "__init__"]
            yield Module(path, ".".join(["govtrace", part, *names]), part)


def imported_modules(tree: ast.Module, package: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every module ``tree`` imports, wherever the import stands
    (a lazy import is still a dependency), relative imports resolved against ``package``,
    and ``import_module("…")`` calls with a literal name included."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from govtrace.graph import build_cache` imports govtrace.graph.build_cache
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
        elif _is_import_module_call(node):
            assert isinstance(node, ast.Call) and isinstance(node.args[0], ast.Constant)
            found.append((node.lineno, str(node.args[0].value)))
    return found


def _is_import_module_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name | ast.Attribute):
        return False
    called = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
    return (called == "import_module" and bool(node.args)
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))


def part_imports(package_dir: Path = PACKAGE_DIR) -> set[tuple[str, str]]:
    """(importer, imported) for every pair of distinct parts (or the core) one of whose
    modules imports the other."""
    pairs = set()
    for module in modules(package_dir):
        tree = ast.parse(module.path.read_text(encoding="utf-8"))
        for _, imported in imported_modules(tree, module.package):
            if imported.partition(".")[0] != "govtrace":
                continue
            target = part_of(imported) or CORE
            if target != module.part:
                pairs.add((module.part, target))
    return pairs


def render_parts() -> str:
    """docs/parts.md: the parts, their jobs and the imports between them, drawn."""
    order = (CORE, *PARTS)
    lines = ["<!-- Generated by `python -m govtrace.docgen` from the code; do not edit. -->",
             "", "# The parts and their imports", "",
             "Data flows one way: a part may import the core and the parts above it in this "
             "table, never one below (tests/test_architecture.py checks every import).", "",
             "| part | package | its one job |", "| --- | --- | --- |"]
    for part in order:
        package = "govtrace" if part == CORE else f"govtrace.{part}"
        lines.append(f"| {part} | `{package}` | {JOBS[part]} |")
    lines += ["", "Each arrow is one part importing another, read from the source:", "",
              "```mermaid", "flowchart BT"]
    lines += [f"  {a} --> {b}" for a, b in sorted(part_imports(),
                                                  key=lambda p: (order.index(p[0]),
                                                                 order.index(p[1])))]
    lines += ["```", ""]
    return "\n".join(lines)
