"""The registry of document kinds and the ontology agree, and nothing else lists kinds."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from govtrace.ontology import document_kinds as kinds
from govtrace.ontology.namespaces import GT

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("ingest", "graph", "queries", "viz", "api", "ontology")
KEEPERS = {ROOT / "ontology" / "document_kinds.py", ROOT / "ontology" / "namespaces.py"}


def test_issue_15_every_kind_has_its_class_and_every_document_class_its_kind(
        ontology: Graph) -> None:
    for kind in kinds.KINDS:
        assert (kind.iri, RDF.type, OWL.Class) in ontology, kind.key
    document_classes = set(ontology.subjects(RDFS.subClassOf, GT.PolicyDocument))
    assert document_classes <= {kind.iri for kind in kinds.KINDS}
    assert GT.InspectionFeedback in document_classes


def test_issue_15_keys_and_sidecar_names_are_unique() -> None:
    assert len({k.key for k in kinds.KINDS}) == len(kinds.KINDS)
    assert len({k.sidecar_name for k in kinds.KINDS}) == len(kinds.KINDS)
    assert len({k.title_priority for k in kinds.KINDS}) == len(kinds.KINDS)


def test_issue_15_a_pickled_kind_comes_back_as_the_registry_entry() -> None:
    assert pickle.loads(pickle.dumps(kinds.INSPECTION_FEEDBACK)) is kinds.INSPECTION_FEEDBACK


def _kind_names() -> set[str]:
    """The distinctive spellings of the kinds whose class is theirs alone (gt:WorkPlan,
    WorkPlan); 'notice' or 'regulation' are also everyday words of the code."""
    return {name for kind in kinds.KINDS if kind.class_tells_kind
            for name in (kind.class_name, kind.sidecar_name)}


def _docstrings(tree: ast.AST) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef
                          | ast.AsyncFunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr)}


def test_issue_15_no_module_but_the_registry_names_a_kind() -> None:
    names = _kind_names()
    found = []
    for part in PARTS:
        for path in sorted((ROOT / part).rglob("*.py")):
            if path in KEEPERS:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docs = _docstrings(tree)
            for node in ast.walk(tree):
                named = ((isinstance(node, ast.Attribute) and node.attr in names)
                         or (isinstance(node, ast.Constant) and isinstance(node.value, str)
                             and id(node) not in docs
                             and any(node.value == n or f"gt:{n}" in node.value
                                     for n in names)))
                if named:
                    found.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}")
    assert found == []
