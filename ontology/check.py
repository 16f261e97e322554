"""``govtrace ontology check``: does the ontology parse, document itself, reason and validate?

:func:`check_ontology` runs four steps and stops at the first failure with a coded
:class:`~govtrace.errors.OntologyError`:

1. the ontology parses as Turtle (ONTOLOGY_PARSE, with line and column);
2. every ``gt:`` term is declared and has ``rdfs:label`` and ``skos:definition`` in Chinese
   and English (ONTOLOGY_INCOMPLETE);
3. an OWL reasoner finds it consistent with no unsatisfiable class (ONTOLOGY_INCONSISTENT;
   REASONER_UNAVAILABLE without Java);
4. the SHACL shapes parse and the bundled example graph conforms to them (SHAPES_VIOLATED).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govtrace.errors import ONTOLOGY_INCOMPLETE, SHAPES_VIOLATED, Location, OntologyError
from govtrace.ontology.loading import (
    EXAMPLE_FILE,
    ONTOLOGY_FILE,
    SHAPES_FILE,
    load_example,
    load_ontology,
    load_shapes,
    resource_path,
)
from govtrace.ontology.reasoning import Reasoner, reason
from govtrace.ontology.terms import TermKind, term_gaps, terms_of
from govtrace.ontology.validation import validate

__all__ = ["CheckReport", "check_ontology", "load_ontology", "load_shapes", "validate"]


@dataclass(frozen=True)
class CheckReport:
    """What a successful check saw (a failed check raises instead of reporting)."""

    ontology: str
    triples: int
    term_counts: dict[TermKind, int]
    reasoner: Reasoner
    reasoner_seconds: float
    shapes: str
    example: str
    example_triples: int

    def count(self, kind: TermKind) -> int:
        return self.term_counts.get(kind, 0)


def _source(path: Path | None, bundled: str) -> str:
    return str(path) if path is not None else resource_path(bundled)


def check_ontology(
    ontology_path: Path | None = None,
    *,
    shapes_path: Path | None = None,
    example_path: Path | None = None,
    reasoner: Reasoner = Reasoner.HERMIT,
    java: str = "java",
) -> CheckReport:
    """Check the ontology (bundled unless a path is given); raise OntologyError on failure."""
    ontology = load_ontology(ontology_path)
    ontology_source = _source(ontology_path, ONTOLOGY_FILE)
    gaps = term_gaps(ontology)
    if gaps:
        raise OntologyError(ONTOLOGY_INCOMPLETE,
                            f"{len(gaps)} term(s) incomplete: " + "; ".join(map(str, gaps)),
                            location=Location(file=ontology_source))
    result = reason(ontology, reasoner, java)
    shapes = load_shapes(shapes_path)
    example = load_example(example_path)
    conforms, report = validate(example, shapes=shapes, ontology=ontology)
    if not conforms:
        raise OntologyError(SHAPES_VIOLATED, f"the example graph does not conform:\n{report.text}",
                            location=Location(file=_source(example_path, EXAMPLE_FILE)))
    counts: dict[TermKind, int] = {}
    for kind in terms_of(ontology).values():
        counts[kind] = counts.get(kind, 0) + 1
    return CheckReport(
        ontology=ontology_source, triples=len(ontology), term_counts=counts,
        reasoner=result.reasoner, reasoner_seconds=result.seconds,
        shapes=_source(shapes_path, SHAPES_FILE), example=_source(example_path, EXAMPLE_FILE),
        example_triples=len(example),
    )
