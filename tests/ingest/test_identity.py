"""Document ids come from what identifies a document, not from its file's name or format
(issue 18)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from govtrace.ingest import read_and_extract
from govtrace.ingest.rdf import record_to_graph
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT
from govtrace.settings import Settings

_PDF = pytest.param(".pdf", marks=pytest.mark.slow)


def _iris(path: Path) -> tuple[URIRef, set[tuple[str, int, str]]]:
    """The document's IRI and its tasks' IRIs with their numbers and titles, as written."""
    graph: Graph = record_to_graph(read_and_extract(path, Settings()), IriScheme())
    (document,) = set(graph.subjects(GT.identityBasis, None))
    tasks = {(str(task), int(graph.value(task, GT.number)), str(graph.value(task, GT.title)))
             for task in graph.subjects(RDF.type, GT.Task)}
    return URIRef(document), tasks


@pytest.mark.parametrize("key", ["000", "004"])
@pytest.mark.parametrize("suffix", [".html", ".docx", _PDF])
def test_same_iris_in_every_format_issue_18(
        key: str, suffix: str, write_seed: Callable[..., Path]) -> None:
    """The same seed as .txt, .html, .docx or PDF, under another name, has the same
    document IRI and the same task IRIs (with the same numbers and titles)."""
    original = _iris(write_seed(key, ".txt"))
    other = _iris(write_seed(key, suffix, f"{key}-{suffix[1:]}-renamed"))
    assert other == original
    assert original[1]
    assert key not in str(original[0])  # the file's name is not the id


def test_an_id_says_where_when_and_what_issue_18(seed_paths: dict[str, Path]) -> None:
    """The 乌审旗 plan is identified by its 文号 (乌司发〔2024〕43号), the 乌拉特中旗 report
    (no 文号, no date) by its title and the year it covers; ids read adcode-year-kind-hash."""
    plan = read_and_extract(seed_paths["000"], Settings()).source
    report = read_and_extract(seed_paths["001"], Settings()).source
    assert plan.identity_basis == "documentNumber"
    assert plan.doc_id.startswith("150626-2024-work_plan-")
    assert report.identity_basis == "title+years"
    assert report.doc_id.startswith("150824-2024-work_report-")


def test_a_document_without_a_title_falls_back_to_its_file_name_issue_18(
        tmp_path: Path) -> None:
    text = "各苏木镇人民政府：\n现将有关事项通知如下。\n一、加强行政执法。\n"
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(text, encoding="utf-8")
    a, b = (read_and_extract(p, Settings()).source for p in (first, second))
    assert a.identity_basis == b.identity_basis == "fileName"
    assert a.doc_id != b.doc_id
