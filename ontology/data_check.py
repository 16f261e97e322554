"""``govtrace ontology check --data``: is a built graph consistent with the ontology's axioms?

:func:`check_data` runs three checks over a data graph (typically ``govtrace export`` of a
store: every named graph, the reference data and the materialized entailments included)
and reports them all, so one run shows every problem:

1. the domain/range audit (:mod:`govtrace.ontology.domain_range`): every triple whose
   subject or object is not known to be in its property's declared domain or range;
2. SHACL (pyshacl) with the shapes over the data plus the ontology
   (:mod:`govtrace.ontology.validation`);
3. an OWL 2 DL reasoner (HermiT) over the ontology plus the data, its literals first
   brought into the OWL 2 datatype map (:func:`govtrace.ontology.reasoning.for_owl2`:
   dates and years become xsd:dateTime, other datatypes xsd:string; listed in the report).
   When it finds no model and the audit found breaches, it runs once more without them,
   to say whether they are the whole cause.

:meth:`DataCheckReport.error` is the coded error of the first failing check (domain/range
GT-ONTO-006, SHACL GT-ONTO-004, reasoner GT-ONTO-007), its message the whole report.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.exceptions import ParserError
from rdflib.namespace import NamespaceManager
from rdflib.term import Node
from rdflib.util import guess_format

from govtrace.errors import (
    DATA_DOMAIN_RANGE,
    DATA_INCONSISTENT,
    ONTOLOGY_PARSE,
    SHAPES_VIOLATED,
    Location,
    OntologyError,
)
from govtrace.ontology.domain_range import DomainRangeReport, PropertyBreaches, audit
from govtrace.ontology.loading import load_ontology, load_shapes
from govtrace.ontology.namespaces import OWL, RDF, RDFS
from govtrace.ontology.reasoning import Conversion, Model, Reasoner, check_consistency, for_owl2
from govtrace.ontology.validation import ShapesReport, Violation, validate

SHACL_EXAMPLES = 2


@dataclass(frozen=True)
class ReasonerRun:
    """The reasoner's verdict on ontology + data, and what had to be converted for it."""

    model: Model
    triples: int
    conversions: tuple[Conversion, ...]
    ill_typed: int
    without_breaches: Model | None
    """The verdict once the audit's breaching triples are left out (run only when the
    data has no model and the audit found some)."""


@dataclass(frozen=True)
class DataCheckReport:
    """The three checks of one data graph."""

    source: str
    triples: int
    domain_range: DomainRangeReport
    shapes: ShapesReport
    shapes_conform: bool
    reasoner: ReasonerRun
    seconds: dict[str, float]
    names: NamespaceManager

    @property
    def ok(self) -> bool:
        model = self.reasoner.model
        return self.domain_range.ok and self.shapes_conform and model.consistent \
            and not model.unsatisfiable

    def error(self) -> OntologyError | None:
        """The coded error of the first failing check, carrying the whole report."""
        if self.ok:
            return None
        code = DATA_DOMAIN_RANGE if not self.domain_range.ok \
            else SHAPES_VIOLATED if not self.shapes_conform else DATA_INCONSISTENT
        return OntologyError(code, f"{self.source} is not consistent with the ontology:\n"
                             + self.render())

    def render(self) -> str:
        """The report a person reads: each check's verdict, the triples at fault, what to do."""
        return "\n".join([*self._domain_range_lines(), *self._shapes_lines(),
                          *self._reasoner_lines()])

    def _n3(self, node: Node) -> str:
        return node.n3(self.names) if isinstance(node, Literal | URIRef) else f"[{node}]"

    def _domain_range_lines(self) -> list[str]:
        audit_ = self.domain_range
        head = f"domain/range  {self.triples:,} triples audited "
        if audit_.ok:
            return [head + f"({self.seconds['domain/range']:.1f} s): no triple breaks a "
                    "declared rdfs:domain or rdfs:range"]
        lines = [head + f"({self.seconds['domain/range']:.1f} s): {audit_.total} break a "
                 "declared rdfs:domain or rdfs:range"]
        for group in audit_.breaches:
            lines += self._group_lines(group)
        lines.append("  what to do: give the node a type within the domain/range (or the "
                     "literal the declared datatype or language tag), or widen the axiom in "
                     "ontology/govtrace.ttl if the data is right")
        return lines

    def _group_lines(self, group: PropertyBreaches) -> list[str]:
        lines = [f"  {self._n3(group.predicate)} {group.side} {self._expected(group.expected)}: "
                 f"{group.count} triple(s), e.g."]
        for breach in group.examples:
            node = breach.subject if breach.side == "domain" else breach.object
            found = ", ".join(self._n3(t) for t in breach.found) or "no type"
            what = "a literal of" if isinstance(node, Literal) else "typed"
            lines.append(f"    {self._n3(breach.subject)} {self._n3(breach.predicate)} "
                         f"{self._n3(breach.object)}  ({breach.side} side {what} {found})")
        return lines

    def _expected(self, expected: Node) -> str:
        if isinstance(expected, URIRef):
            return self._n3(expected)
        return "(a class expression)"

    def _shapes_lines(self) -> list[str]:
        head = f"SHACL         ({self.seconds['SHACL']:.1f} s): "
        if self.shapes_conform:
            return [head + "the data conforms to the shapes"]
        groups: dict[tuple[str, str, str], list[Violation]] = {}
        for result in self.shapes.violations:
            shape = self._n3(result.shape) if isinstance(result.shape, URIRef) else "a shape"
            path = self._n3(result.path) if result.path is not None else ""
            groups.setdefault((shape, path, result.message), []).append(result)
        lines = [head + f"{len(self.shapes.violations)} result(s)"]
        for (shape, path, message), results in sorted(groups.items(),
                                                      key=lambda item: -len(item[1])):
            lines.append(f"  {shape} {path}: {len(results)} result(s): {message}")
            for result in results[:SHACL_EXAMPLES]:
                value = f" = {self._n3(result.value)}" if result.value is not None else ""
                lines.append(f"    {self._n3(result.focus)}{value}")
        lines.append("  what to do: each result names the node and the property the shape "
                     "rejects; fix the data (the writer) or the shape (ontology/shapes.ttl)")
        return lines

    def _reasoner_lines(self) -> list[str]:
        run = self.reasoner
        model = run.model
        head = (f"reasoner      {model.reasoner.value} over ontology + data ({run.triples:,} "
                f"triples, {self.seconds['reasoner']:.1f} s): ")
        if not model.consistent:
            verdict = "INCONSISTENT: no model exists"
        elif model.unsatisfiable:
            verdict = "unsatisfiable classes: " + ", ".join(model.unsatisfiable)
        else:
            verdict = "consistent (the ontology plus the data has a model)"
        lines = [head + verdict, *(f"  converted for the reasoner: {self._conversion(c)}"
                                   for c in run.conversions)]
        if run.ill_typed:
            lines.append(f"  left out: {run.ill_typed} ill-typed literal(s) (the audit lists them)")
        lines.append("  not decided by the reasoner: a plain string where rdf:langString is "
                     "declared (HermiT reads rdf:langString as rdf:PlainLiteral); the audit "
                     "and SHACL catch it")
        if run.without_breaches is not None:
            lines.append("  without the audit's breaching triples: " + (
                "consistent, so they are the cause; fix them first"
                if run.without_breaches.consistent else
                "still inconsistent, so a cause lies elsewhere (disjoint classes asserted "
                "together, a functional property with two values)"))
        return lines

    def _conversion(self, conversion: Conversion) -> str:
        example = (f", e.g. {conversion.example[0]} → {conversion.example[1]}"
                   if conversion.example else "")
        return (f"{self._n3(conversion.datatype)} → {self._n3(conversion.into)} "
                f"({conversion.values} value(s), {conversion.axioms} axiom(s){example})")


def read_data(source: str) -> Dataset:
    """The graph in the file ``source`` (its format by its extension), or N-Quads on stdin
    for ``-``; ONTOLOGY_PARSE when it cannot be read."""
    dataset = Dataset()
    fmt = "nquads" if source == "-" else guess_format(source)
    if fmt is None:
        raise OntologyError(ONTOLOGY_PARSE, f"cannot tell the RDF format of {source!r}",
                            hint="Name the file .nq, .trig, .ttl or .nt (what `govtrace "
                            "export --format nq` writes), or pipe N-Quads to --data -.")
    try:
        if source == "-":
            dataset.parse(sys.stdin.buffer, format=fmt)
        else:
            dataset.parse(Path(source), format=fmt)
    except (OSError, ParserError, SyntaxError, ValueError) as exc:
        raise OntologyError(ONTOLOGY_PARSE, f"cannot read {fmt} from it: {exc}",
                            location=Location(file=source),
                            hint="Give a graph `govtrace export --format nq` wrote.") from exc
    return dataset


_SCHEMA_PREDICATES = frozenset({RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range,
                                RDF.first, RDF.rest})
_FACTS_IN_OWL = frozenset({OWL.sameAs, OWL.differentFrom})


def _is_axiom(triple: tuple[Node, Node, Node]) -> bool:
    """Whether a triple states schema (a class, property or axiom), not a fact."""
    _, p, o = triple
    if p == RDF.type:
        return isinstance(o, URIRef) and str(o).startswith((str(OWL), str(RDFS)))
    return p in _SCHEMA_PREDICATES or (isinstance(p, URIRef) and p.startswith(str(OWL))
                                       and p not in _FACTS_IN_OWL)


def _facts(data: Graph) -> list[tuple[Node, Node, Node]]:
    """The data's triples (a dataset's named graphs as one union), its axioms left out.

    A store keeps a copy of the ontology it was built with in its reference graph; the
    axioms checked against are the given ontology's alone, so a store built before the
    ontology changed is judged by the new axioms, not by a mixture of both.
    """
    triples = ((s, p, o) for s, p, o, _ in data.quads()) \
        if isinstance(data, ConjunctiveGraph) else iter(data)
    return [triple for triple in dict.fromkeys(triples) if not _is_axiom(triple)]


def _graph_of(triples: Iterable[tuple[Node, Node, Node]], ontology: Graph) -> Graph:
    graph = Graph()
    for triple in ontology:
        graph.add(triple)
    for triple in triples:
        graph.add(triple)
    return graph


def check_data(data: Graph, *, source: str = "the data", ontology: Graph | None = None,
               shapes: Graph | None = None, reasoner: Reasoner = Reasoner.HERMIT,
               java: str = "java") -> DataCheckReport:
    """Audit, validate and reason over ``data`` (a graph or a dataset) with the ontology."""
    ontology = ontology if ontology is not None else load_ontology()
    triples = _facts(data)
    seconds: dict[str, float] = {}

    started = time.perf_counter()
    found = audit(triples, ontology)
    seconds["domain/range"] = time.perf_counter() - started

    started = time.perf_counter()
    conforms, shapes_report = validate(_graph_of(triples, Graph()), ontology=ontology,
                                       shapes=shapes if shapes is not None else load_shapes())
    seconds["SHACL"] = time.perf_counter() - started

    started = time.perf_counter()
    owl2 = for_owl2(_graph_of(triples, ontology))
    model = check_consistency(owl2.graph, reasoner, java)
    without = None
    if not model.consistent and not found.ok:
        breaching = {(b.subject, b.predicate, b.object) for group in found.breaches
                     for b in group.triples}
        kept = for_owl2(_graph_of((t for t in triples if t not in breaching), ontology))
        without = check_consistency(kept.graph, reasoner, java)
    seconds["reasoner"] = time.perf_counter() - started

    return DataCheckReport(
        source=source, triples=len(triples), domain_range=found, shapes=shapes_report,
        shapes_conform=conforms,
        reasoner=ReasonerRun(model, len(owl2.graph), owl2.conversions, owl2.ill_typed, without),
        seconds=seconds, names=ontology.namespace_manager)
