"""Run an OWL 2 DL reasoner (HermiT or Pellet, bundled with owlready2) over the ontology.

owlready2 cannot read Turtle, so the rdflib graph is handed over as N-Triples, into a
fresh owlready2 World each time so that runs never see each other's axioms.

HermiT accepts only the datatypes of the OWL 2 datatype map and stops on any other
(``UnsupportedDatatypeException``). :func:`for_owl2` rewrites a graph so it can reason:
xsd:date, xsd:gYearMonth and xsd:gYear values become the xsd:dateTime of their first
instant (2021-08-11 → 2021-08-11T00:00:00, 2024 → 2024-01-01T00:00:00); rdf:langString
becomes rdf:PlainLiteral; values of a datatype defined in the graph as a restriction of a
map datatype (gt:GBT2260Code: xsd:string of six digits) are typed with that base, so the
reasoner still checks the restriction; any other datatype becomes xsd:string with the
same lexical form. Axioms (ranges, unions) naming a rewritten datatype are rewritten the
same way, and ill-typed literals (which the reasoner cannot read) are left out. What it
did is returned, to be reported.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from govtrace.errors import ONTOLOGY_INCONSISTENT, REASONER_UNAVAILABLE, OntologyError
from govtrace.ontology.namespaces import ONTOLOGY_IRI, OWL, RDF, RDFS, XSD


class Reasoner(StrEnum):
    """The reasoners owlready2 bundles; both run on Java."""

    HERMIT = "hermit"
    PELLET = "pellet"


@dataclass(frozen=True)
class ReasonerResult:
    """A consistent ontology's reasoning run."""

    reasoner: Reasoner
    seconds: float


@dataclass(frozen=True)
class Model:
    """What a reasoner made of a graph: whether it has a model, and which classes cannot."""

    reasoner: Reasoner
    seconds: float
    consistent: bool
    unsatisfiable: tuple[str, ...]


# The OWL 2 datatype map (OWL 2 Structural Specification §4.1). rdf:langString, RDF 1.1's
# name for language-tagged strings, is not in it: HermiT accepts it as a range until it must
# compare it with another datatype, then stops (UnsupportedDatatypeException).
OWL2_DATATYPES: frozenset[URIRef] = frozenset({
    RDF.PlainLiteral, RDF.XMLLiteral, RDFS.Literal, OWL.real, OWL.rational,
    *(XSD[name] for name in (
        "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger",
        "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte", "double", "float", "string", "normalizedString",
        "token", "language", "Name", "NCName", "NMTOKEN", "boolean", "hexBinary",
        "base64Binary", "anyURI", "dateTime", "dateTimeStamp")),
})
# Lexical form → the xsd:dateTime of the period's first instant, the time zone kept.
_FIRST_INSTANT = {
    XSD.date: (re.compile(r"(-?\d{4,}-\d\d-\d\d)(.*)"), "{}T00:00:00{}"),
    XSD.gYearMonth: (re.compile(r"(-?\d{4,}-\d\d)(.*)"), "{}-01T00:00:00{}"),
    XSD.gYear: (re.compile(r"(-?\d{4,})(.*)"), "{}-01-01T00:00:00{}"),
}
# What each datatype outside the map becomes; any other one (gt:GBT2260Code) xsd:string.
# rdf:PlainLiteral holds every language-tagged string, as rdf:langString does (plus the
# untagged ones, which the domain/range audit and SHACL tell apart instead).
_INTO: dict[URIRef, URIRef] = {**dict.fromkeys(_FIRST_INSTANT, XSD.dateTime),
                               RDF.langString: RDF.PlainLiteral}
# Where a datatype IRI can stand in an axiom.
_DATATYPE_SLOTS = (RDFS.range, RDF.first, OWL.onDatatype, OWL.someValuesFrom,
                   OWL.allValuesFrom, OWL.onDataRange)


@dataclass(frozen=True)
class Conversion:
    """Values of one datatype outside the OWL 2 map, rewritten for the reasoner."""

    datatype: URIRef
    into: URIRef
    values: int
    axioms: int
    """Axioms (rdfs:range, datatype unions) naming the datatype, rewritten likewise; none
    for a datatype the graph defines (owl:equivalentClass), which the reasoner keeps."""
    example: tuple[str, str] | None
    """One value before and after."""


@dataclass(frozen=True)
class Owl2Graph:
    """A graph rewritten to the OWL 2 datatype map, and how."""

    graph: Graph
    conversions: tuple[Conversion, ...]
    ill_typed: int
    """Literals left out because their lexical form is not of their datatype."""


def _converted(literal: Literal, into: URIRef) -> Literal | None:
    """``literal`` as a value of ``into``; None when it is ill-typed."""
    if literal.ill_typed:
        return None
    if literal.datatype in _FIRST_INSTANT:
        pattern, form = _FIRST_INSTANT[literal.datatype]
        match = pattern.fullmatch(str(literal))
        return Literal(form.format(*match.groups()), datatype=into) if match else None
    return Literal(str(literal), datatype=into)


def _base(graph: Graph, datatype: URIRef) -> URIRef | None:
    """The datatype a defined datatype restricts (owl:equivalentClass [owl:onDatatype …])."""
    for definition in graph.objects(datatype, OWL.equivalentClass):
        base = graph.value(definition, OWL.onDatatype)
        if isinstance(base, URIRef) and base in OWL2_DATATYPES:
            return base
    return None


def _outside(graph: Graph) -> set[URIRef]:
    """The datatypes outside the map that the graph's literals or axioms use."""
    found = {o.datatype for o in graph.objects() if isinstance(o, Literal)
             and o.datatype is not None and o.datatype not in OWL2_DATATYPES}
    for slot in _DATATYPE_SLOTS:
        found.update(o for o in graph.objects(None, slot) if isinstance(o, URIRef)
                     and o not in OWL2_DATATYPES
                     and (o in _INTO or o.startswith(str(XSD))
                          or (o, RDF.type, RDFS.Datatype) in graph))
    return found


def for_owl2(graph: Graph) -> Owl2Graph:
    """``graph`` with every literal and datatype reference within the OWL 2 datatype map."""
    into: dict[URIRef, URIRef] = {}
    defined: set[URIRef] = set()
    for datatype in _outside(graph):
        base = _base(graph, datatype)
        if base is not None:
            defined.add(datatype)
        into[datatype] = base or _INTO.get(datatype, XSD.string)
    out = Graph()
    values: Counter[URIRef] = Counter()
    axioms: Counter[URIRef] = Counter()
    examples: dict[URIRef, tuple[str, str]] = {}
    ill_typed = 0
    for s, p, o in graph:
        new: Node | None = o
        if isinstance(o, Literal) and o.datatype in into:
            new = _converted(o, into[o.datatype])
            if new is not None:
                values[o.datatype] += 1
                examples.setdefault(o.datatype, (str(o), str(new)))
        elif isinstance(o, Literal) and o.ill_typed:
            new = None
        elif isinstance(o, URIRef) and o in into and o not in defined \
                and p != OWL.equivalentClass:
            new = into[o]
            axioms[o] += 1
        if new is None:
            ill_typed += 1
            continue
        out.add((s, p, new))
    conversions = tuple(Conversion(d, into[d], values[d], axioms[d], examples.get(d))
                        for d in sorted(into) if values[d] or axioms[d])
    return Owl2Graph(out, conversions, ill_typed)


def _java_or_fail(java: str) -> str:
    found = shutil.which(java)
    if found is None:
        raise OntologyError(REASONER_UNAVAILABLE, f"no Java runtime at {java!r}")
    return found


def reason(graph: Graph, reasoner: Reasoner = Reasoner.HERMIT,
           java: str = "java") -> ReasonerResult:
    """Classify ``graph``; raise ONTOLOGY_INCONSISTENT naming any unsatisfiable classes."""
    model = find_model(for_owl2(graph).graph, reasoner, java)
    if not model.consistent:
        raise OntologyError(ONTOLOGY_INCONSISTENT,
                            f"{reasoner.value} finds no model of the ontology: some individual "
                            "belongs to an unsatisfiable class")
    if model.unsatisfiable:
        raise OntologyError(ONTOLOGY_INCONSISTENT,
                            f"{reasoner.value} finds unsatisfiable classes: "
                            + ", ".join(model.unsatisfiable))
    return ReasonerResult(reasoner, model.seconds)


def find_model(graph: Graph, reasoner: Reasoner = Reasoner.HERMIT,
               java: str = "java") -> Model:
    """Run the reasoner over ``graph`` (whose literals must be in the OWL 2 datatype map:
    see :func:`for_owl2`); raise only when it cannot run (REASONER_UNAVAILABLE)."""
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
    except owlready2.OwlReadyInconsistentOntologyError:
        return Model(reasoner, time.perf_counter() - started, consistent=False,
                     unsatisfiable=())
    except owlready2.OwlReadyJavaError as exc:
        raise OntologyError(REASONER_UNAVAILABLE,
                            f"{reasoner.value} failed in Java: {_java_reason(str(exc))}",
                            hint=f"Check that {java!r} is a Java runtime the reasoner supports "
                            "(HermiT runs on Java 17; the Pellet bundled with owlready2 0.51 "
                            "needs a newer one).") from exc
    seconds = time.perf_counter() - started
    unsatisfiable = tuple(sorted(cls.iri for cls in world.inconsistent_classes()
                                 if cls is not owlready2.Nothing))
    return Model(reasoner, seconds, consistent=True, unsatisfiable=unsatisfiable)


def _hermit_classpath() -> str:
    import owlready2

    # The HermiT that owlready2 bundles, on the class path its sync_reasoner_hermit builds.
    folder = Path(owlready2.__file__).parent / "hermit"
    return os.pathsep.join([str(folder), str(folder / "HermiT.jar")])


def check_consistency(graph: Graph, reasoner: Reasoner = Reasoner.HERMIT,
                      java: str = "java") -> Model:
    """Whether ``graph`` (literals in the OWL 2 datatype map) has a model, without
    classifying it; raise only when the reasoner cannot run (REASONER_UNAVAILABLE).

    HermiT is run on its own command line with ``-k`` (is owl:Thing satisfiable, i.e. is
    the ABox consistent): owlready2's sync_reasoner_hermit also classifies every property
    and realizes every individual (``-c -O -D -I``), which on the demo build costs 70 %
    more CPU and tells a consistency check nothing more. Pellet has no such mode in
    owlready2 and runs through :func:`find_model`.
    """
    if reasoner is not Reasoner.HERMIT:
        return find_model(graph, reasoner, java)
    import owlready2

    command = [_java_or_fail(java), f"-Xmx{owlready2.JAVA_MEMORY}M", "-cp", _hermit_classpath(),
               "org.semanticweb.HermiT.cli.CommandLine", "-k"]
    with tempfile.TemporaryDirectory(prefix="govtrace-hermit-") as folder:
        path = Path(folder) / "graph.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        started = time.perf_counter()
        run = subprocess.run([*command, path.as_uri()], capture_output=True, text=True,
                             check=False)
        seconds = time.perf_counter() - started
    if run.returncode == 0 and "is satisfiable" in run.stdout:
        return Model(reasoner, seconds, consistent=True, unsatisfiable=())
    if "InconsistentOntologyException" in run.stderr:
        return Model(reasoner, seconds, consistent=False, unsatisfiable=())
    raise OntologyError(REASONER_UNAVAILABLE,
                        f"hermit failed in Java: {_java_reason(run.stderr or run.stdout)}",
                        hint=f"Check that {java!r} is a Java runtime HermiT supports (Java 17).")


def _java_reason(message: str) -> str:
    """The Java exception line of owlready2's error, without the stack trace."""
    for line in message.splitlines():
        if "Exception" in line or "Error:" in line:
            return line.strip()
    return message.strip().splitlines()[-1] if message.strip() else "no message"
