"""RDF namespaces used across govtrace.

``GT`` is the public vocabulary (``https://w3id.org/govtrace/ontology#``);
its terms are defined in ``govtrace.ttl`` beside this module. The standard
vocabularies are those govtrace aligns with.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/govtrace/ontology"
GT = Namespace(ONTOLOGY_IRI + "#")
# The SHACL shapes' own IRIs (shapes.ttl), as validation results name them.
GTS = Namespace("https://w3id.org/govtrace/shapes#")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "gt": GT,
    "org": ORG,
    "eli": ELI,
    "oa": OA,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}

__all__ = ["DCTERMS", "ELI", "GT", "GTS", "OA", "ONTOLOGY_IRI", "ORG", "OWL", "PREFIXES", "PROV",
           "RDF", "RDFS", "SD", "SKOS", "XSD"]
