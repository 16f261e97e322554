"""Which triples of a data graph break the ontology's rdfs:domain and rdfs:range axioms.

Read closed-world, as a SPARQL user reads the graph: a triple breaks its property's domain
(range) when its subject (object) is not *known* to belong to it, i.e. no type asserted
for the node, nor a superclass of one (rdfs:subClassOf, owl:equivalentClass), is within the
class expression. Expressions are named classes, ``owl:unionOf`` and ``owl:intersectionOf``
lists; a property inherits the domains and ranges of its super-properties (rdfs:subPropertyOf,
as RDFS entails). A node with no asserted type at all is typed by the named-class ranges of
the properties pointing at it, as RDFS entails: since ontology 4.0.0 the writer leaves out
the types such a range implies (a span, a piece of evidence, a contribution), and a typed
node is still checked against every range. A literal meets a datatype range when its
datatype is the range or derived from it in XML Schema (xsd:integer is an xsd:decimal),
``rdf:langString`` asks for a language tag and ``xsd:string`` forbids one; an ill-typed
literal ("2021-13-45"^^xsd:date) meets none.

Open-world, an OWL reasoner would instead infer the missing types and only fail where
disjointness forbids them, which is why an inconsistency is easiest to explain with this
list. Hand-written: owlrl materializes the same RDFS rules but reports nothing, and
pyshacl would need one shape per axiom.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from govtrace.ontology.namespaces import OWL, RDF, RDFS, XSD

# XML Schema's derivation tree for the types govtrace uses (a value of the child is a value
# of the parent); the rest of the tree is unused here.
_XSD_PARENT: dict[URIRef, URIRef] = {
    XSD.integer: XSD.decimal,
    XSD.nonNegativeInteger: XSD.integer,
    XSD.positiveInteger: XSD.nonNegativeInteger,
    XSD.nonPositiveInteger: XSD.integer,
    XSD.negativeInteger: XSD.nonPositiveInteger,
    XSD.long: XSD.integer,
    XSD.int: XSD.long,
    XSD.dateTimeStamp: XSD.dateTime,
    XSD.normalizedString: XSD.string,
    XSD.token: XSD.normalizedString,
}
_LITERAL_RANGES = (RDFS.Literal, RDF.PlainLiteral, RDF.langString)

EXAMPLES_PER_PROPERTY = 3


@dataclass(frozen=True)
class Breach:
    """One triple whose subject is outside its property's domain, or object outside its range."""

    subject: Node
    predicate: URIRef
    object: Node
    side: str
    """``"domain"`` or ``"range"``."""
    expected: Node
    """The class expression or datatype the node is not known to belong to."""
    found: tuple[URIRef, ...]
    """The node's known types (for a literal: its datatype, or rdf:langString)."""


@dataclass(frozen=True)
class PropertyBreaches:
    """Every breach of one property's domain or range, with a few examples."""

    predicate: URIRef
    side: str
    expected: Node
    triples: tuple[Breach, ...]

    @property
    def count(self) -> int:
        return len(self.triples)

    @property
    def examples(self) -> tuple[Breach, ...]:
        return self.triples[:EXAMPLES_PER_PROPERTY]


@dataclass(frozen=True)
class DomainRangeReport:
    """The audit of one data graph: each broken (property, side, expected) with its count."""

    triples: int
    breaches: tuple[PropertyBreaches, ...]

    @property
    def total(self) -> int:
        return sum(group.count for group in self.breaches)

    @property
    def ok(self) -> bool:
        return not self.breaches


class Axioms:
    """The ontology's class hierarchy, datatypes and property domains/ranges, as look-ups."""

    def __init__(self, ontology: Graph) -> None:
        self._ontology = ontology
        self.datatypes: frozenset[Node] = frozenset(
            {*ontology.subjects(RDF.type, RDFS.Datatype), *_LITERAL_RANGES, *_XSD_PARENT,
             *_XSD_PARENT.values()})
        self._supers = _closure(ontology, RDFS.subClassOf, symmetric=OWL.equivalentClass)
        self._superproperties = _closure(ontology, RDFS.subPropertyOf,
                                         symmetric=OWL.equivalentProperty)

    @cached_property
    def constraints(self) -> dict[URIRef, tuple[tuple[str, Node], ...]]:
        """Each property with its (side, expected) pairs, its super-properties' included."""
        own: defaultdict[Node, list[tuple[str, Node]]] = defaultdict(list)
        for side, axiom in (("domain", RDFS.domain), ("range", RDFS.range)):
            for prop, expected in self._ontology.subject_objects(axiom):
                if isinstance(prop, URIRef) and expected != OWL.Thing:
                    own[prop].append((side, expected))
        found: dict[URIRef, tuple[tuple[str, Node], ...]] = {}
        for prop in set(own) | set(self._superproperties):
            pairs = [pair for p in self.with_supers(prop, properties=True)
                     for pair in own.get(p, [])]
            if pairs and isinstance(prop, URIRef):
                found[prop] = tuple(dict.fromkeys(pairs))
        return found

    def with_supers(self, term: Node, *, properties: bool = False) -> frozenset[Node]:
        """``term`` and everything above it (classes, or properties when ``properties``)."""
        closure = self._superproperties if properties else self._supers
        return frozenset({term, *closure.get(term, ())})

    def is_datatype(self, node: Node) -> bool:
        return node in self.datatypes or (isinstance(node, URIRef)
                                          and node.startswith(str(XSD)))

    def member(self, types: frozenset[Node], expected: Node) -> bool:
        """Whether a node of ``types`` (closed under superclasses) belongs to ``expected``."""
        if isinstance(expected, BNode):
            union = self._ontology.value(expected, OWL.unionOf)
            if union is not None:
                return any(self.member(types, part) for part in Collection(self._ontology,
                                                                           union))
            intersection = self._ontology.value(expected, OWL.intersectionOf)
            if intersection is not None:
                return all(self.member(types, part)
                           for part in Collection(self._ontology, intersection))
            return True  # a restriction or other expression: left to the reasoner
        return expected in types

    def literal_meets(self, literal: Literal, expected: Node) -> bool:
        """Whether ``literal`` is a value of the datatype (or union of datatypes) ``expected``."""
        if isinstance(expected, BNode):
            union = self._ontology.value(expected, OWL.unionOf)
            parts = Collection(self._ontology, union) if union is not None else ()
            return any(self.literal_meets(literal, part) for part in parts)
        if literal.ill_typed:
            return False
        if expected == RDFS.Literal:
            return True
        if expected == RDF.PlainLiteral:
            return literal.datatype is None
        if expected == RDF.langString:
            return literal.language is not None
        if literal.language is not None:
            return False
        datatype = literal.datatype or XSD.string
        while datatype != expected and datatype in _XSD_PARENT:
            datatype = _XSD_PARENT[datatype]
        return datatype == expected

    def expects_literal(self, expected: Node) -> bool:
        if isinstance(expected, BNode):
            union = self._ontology.value(expected, OWL.unionOf)
            return union is not None and all(
                self.expects_literal(part) for part in Collection(self._ontology, union))
        return self.is_datatype(expected)


def _closure(graph: Graph, relation: URIRef, *, symmetric: URIRef) -> dict[Node, frozenset[Node]]:
    """Each node with everything it reaches through ``relation`` (and ``symmetric`` both ways)."""
    edges: defaultdict[Node, set[Node]] = defaultdict(set)
    for low, high in graph.subject_objects(relation):
        edges[low].add(high)
    for one, other in graph.subject_objects(symmetric):
        edges[one].add(other)
        edges[other].add(one)
    closure: dict[Node, frozenset[Node]] = {}
    for start in edges:
        seen: set[Node] = set()
        stack = list(edges[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(edges.get(node, ()))
        closure[start] = frozenset(seen - {start})
    return closure


def _types(data: list[tuple[Node, Node, Node]], axioms: Axioms) -> dict[Node, frozenset[Node]]:
    asserted: defaultdict[Node, set[Node]] = defaultdict(set)
    for s, p, o in data:
        if p == RDF.type:
            asserted[s].add(o)
    constraints = axioms.constraints
    implied: defaultdict[Node, set[Node]] = defaultdict(set)
    for _, p, o in data:
        if isinstance(p, URIRef) and p in constraints and not isinstance(o, Literal) \
                and o not in asserted:
            implied[o].update(expected for side, expected in constraints[p] if side == "range"
                              and isinstance(expected, URIRef)
                              and not axioms.is_datatype(expected))
    asserted.update((node, types) for node, types in implied.items() if types)
    return {node: frozenset(t for each in types for t in axioms.with_supers(each))
            for node, types in asserted.items()}


def _breaches(triples: list[tuple[Node, Node, Node]], axioms: Axioms) -> Iterator[Breach]:
    types = _types(triples, axioms)
    constraints = axioms.constraints
    for s, p, o in triples:
        if not isinstance(p, URIRef) or p not in constraints:
            continue
        for side, expected in constraints[p]:
            node = s if side == "domain" else o
            if isinstance(node, Literal):
                if side == "range" and axioms.expects_literal(expected) \
                        and axioms.literal_meets(node, expected):
                    continue
                found: tuple[URIRef, ...] = (node.datatype or (
                    RDF.langString if node.language else XSD.string),)
            else:
                known = types.get(node, frozenset())
                if not axioms.expects_literal(expected) and axioms.member(known, expected):
                    continue
                found = tuple(sorted(t for t in known if isinstance(t, URIRef)))
            yield Breach(s, p, o, side, expected, found)


def audit(data: Iterable[tuple[Node, Node, Node]], ontology: Graph) -> DomainRangeReport:
    """Every triple of ``data`` breaking a domain or range of ``ontology``, by property."""
    triples = list(data)
    axioms = Axioms(ontology)
    groups: defaultdict[tuple[URIRef, str, Node], list[Breach]] = defaultdict(list)
    for breach in _breaches(triples, axioms):
        groups[(breach.predicate, breach.side, breach.expected)].append(breach)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), str(item[0][0]),
                                                      item[0][1]))
    return DomainRangeReport(len(triples), tuple(
        PropertyBreaches(predicate, side, expected, tuple(found))
        for (predicate, side, expected), found in ordered))
