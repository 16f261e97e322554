"""Run an OWL 2 DL reasoner (HermiT or Pellet, bundled with owlready2) over the ontology.

owlready2 cannot read Turtle, so the rdflib graph is handed over as N-Triples, into a
fresh owlready2 World each time so that runs never see each other's axioms.
"""

from __future__ import annotations

import io
import shutil
import time
from dataclasses import dataclass
from enum import StrEnum

from rdflib import Graph

from govtrace.errors import ONTOLOGY_INCONSISTENT, REASONER_UNAVAILABLE, OntologyError
from govtrace.ontology.namespaces import ONTOLOGY_IRI


class Reasoner(StrEnum):
    """The reasoners owlready2 bundles; both run on Java."""

    HERMIT = "hermit"
    PELLET = "pellet"


@dataclass(frozen=True)
class ReasonerResult:
    """A consistent ontology's reasoning run."""

    reasoner: Reasoner
    seconds: float


def _java_or_fail(java: str) -> str:
    found = shutil.which(java)
    if found is None:
        raise OntologyError(REASONER_UNAVAILABLE, f"no Java runtime at {java!r}")
    return found


def reason(graph: Graph, reasoner: Reasoner = Reasoner.HERMIT,
           java: str = "java") -> ReasonerResult:
    """Classify ``graph``; raise ONTOLOGY_INCONSISTENT naming any unsatisfiable classes."""
    import owlready2

    # owlready2 takes the Java runtime only from this module-level setting.
    owlready2.JAVA_EXE = _java_or_fail(java)
    world = owlready2.World()
    ntriples = graph.serialize(format="nt", encoding="utf-8")
    ontology = world.get_ontology(ONTOLOGY_IRI).load(fileobj=io.BytesIO(ntriples),
                                                     format="ntriples")
    run = owlready2.sync_reasoner_hermit if reasoner is Reasoner.HERMIT \
        else owlready2.sync_reasoner_pellet
    started = time.perf_counter()
    try:
        with ontology:
            run(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        raise OntologyError(ONTOLOGY_INCONSISTENT,
                            f"{reasoner.value} finds no model of the ontology: some individual "
                            "belongs to an unsatisfiable class") from exc
    except owlready2.OwlReadyJavaError as exc:
        raise OntologyError(REASONER_UNAVAILABLE,
                            f"{reasoner.value} failed in Java: {_java_reason(str(exc))}",
                            hint=f"Check that {java!r} is a Java runtime the reasoner supports "
                            "(HermiT runs on Java 17; the Pellet bundled with owlready2 0.51 "
                            "needs a newer one).") from exc
    seconds = time.perf_counter() - started
    unsatisfiable = sorted(cls.iri for cls in world.inconsistent_classes()
                           if cls is not owlready2.Nothing)
    if unsatisfiable:
        raise OntologyError(ONTOLOGY_INCONSISTENT,
                            f"{reasoner.value} finds unsatisfiable classes: "
                            + ", ".join(unsatisfiable))
    return ReasonerResult(reasoner, seconds)


def _java_reason(message: str) -> str:
    """The Java exception line of owlready2's error, without the stack trace."""
    for line in message.splitlines():
        if "Exception" in line or "Error:" in line:
            return line.strip()
    return message.strip().splitlines()[-1] if message.strip() else "no message"
