"""The SPARQL 1.1 Service Description that ``GET /sparql`` (no query) answers.

``sd:BasicFederatedQuery`` is announced only when ``federation_allow`` lists an endpoint:
SERVICE is refused otherwise (:mod:`govtrace.graph.federation`).
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from govtrace.api.sparql_limits import RESULT_LIMIT_HEADER, TRUNCATED_HEADER
from govtrace.ontology.namespaces import SD

FORMATS = URIRef("http://www.w3.org/ns/formats/")
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(endpoint: str, *, updates: bool, result_limit: int,
                        federated: bool) -> Graph:
    graph = Graph()
    graph.bind("sd", SD)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if updates:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    if federated:
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    for name in RESULT_FORMATS:
        graph.add((service, SD.resultFormat, URIRef(str(FORMATS) + name)))
    dataset = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((service, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), Literal(
        f"govtrace SPARQL endpoint: the default graph is the union of all named graphs; "
        f"results are capped at {result_limit} rows (headers {TRUNCATED_HEADER}, "
        f"{RESULT_LIMIT_HEADER}).", lang="en")))
    return graph
