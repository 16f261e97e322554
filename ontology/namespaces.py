"""RDF namespaces used across govtrace.

``GT`` is the public vocabulary (``https://w3id.org/govtrace/ontology#``): every term
``govtrace.ttl`` beside this module declares, and no other (``GT.Tsak`` raises
``AttributeError``; tests/test_namespaces.py keeps the list equal to the
ontology's). SPARQL text names its terms through it too, as ``<{GT.Task}>`` or with
``PREFIX gt: <{GT}>``, never by retyping the IRI. The standard vocabularies are those
govtrace aligns with.
"""

# The attributes of GT are the ontology's own camelCase terms, spelled as in govtrace.ttl.
# ruff: noqa: N815

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/govtrace/ontology"


class GT(DefinedNamespace):
    """The terms of the govtrace ontology."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True  # an undeclared term is a typo, not a new IRI

    # Classes
    AdministrativeDivision: URIRef
    AdministrativeLevel: URIRef
    AdministrativeRegulation: URIRef
    Agency: URIRef
    Citation: URIRef
    CitationKind: URIRef
    CitedWork: URIRef
    Deadline: URIRef
    Evidence: URIRef
    EvidenceContribution: URIRef
    FactProvenance: URIRef
    FunctionalZone: URIRef
    GovernmentRule: URIRef
    ImplementationScheme: URIRef
    InspectionFeedback: URIRef
    Interpretation: URIRef
    Law: URIRef
    LegalRank: URIRef
    LineageLink: URIRef
    LocalRegulation: URIRef
    NormativeDocument: URIRef
    Notice: URIRef
    Origin: URIRef
    OtherWork: URIRef
    Outline: URIRef
    PolicyDocument: URIRef
    QuantitativeTarget: URIRef
    Quantity: URIRef
    Regulation: URIRef
    ReportItem: URIRef
    ReportedFigure: URIRef
    Section: URIRef
    SourceFile: URIRef
    SourceSpan: URIRef
    Task: URIRef
    WorkPlan: URIRef
    WorkReport: URIRef

    # Object properties
    aboutProperty: URIRef
    alignedWith: URIRef
    basedOn: URIRef
    carries: URIRef
    carriesOut: URIRef
    childSpan: URIRef
    citationKind: URIRef
    citationOf: URIRef
    citedWork: URIRef
    cites: URIRef
    copyOf: URIRef
    factProvenance: URIRef
    hasCitation: URIRef
    hasContribution: URIRef
    hasDeadline: URIRef
    hasEvidence: URIRef
    hasFigure: URIRef
    hasPart: URIRef
    hasReportItem: URIRef
    hasSection: URIRef
    hasTarget: URIRef
    hasTask: URIRef
    implements: URIRef
    implementsDocument: URIRef
    implementsTransitively: URIRef
    inDocument: URIRef
    inFile: URIRef
    inSection: URIRef
    issuedBy: URIRef
    jurisdiction: URIRef
    leadUnit: URIRef
    legalRank: URIRef
    level: URIRef
    linkFrom: URIRef
    linkTo: URIRef
    linkType: URIRef
    mandatedBy: URIRef
    origin: URIRef
    parentSpan: URIRef
    produces: URIRef
    reportsOn: URIRef
    responsibleUnit: URIRef
    sourceFile: URIRef
    sourceOf: URIRef
    span: URIRef
    withinDivision: URIRef

    # Datatype properties
    adminCode: URIRef
    basis: URIRef
    change: URIRef
    charEnd: URIRef
    charStart: URIRef
    childEnd: URIRef
    childStart: URIRef
    comparator: URIRef
    confidence: URIRef
    contribution: URIRef
    contributionAligned: URIRef
    contributionAnchor: URIRef
    contributionBetween: URIRef
    contributionCharClaim: URIRef
    contributionCharMargin: URIRef
    contributionCharRel: URIRef
    contributionCharScore: URIRef
    contributionPosition: URIRef
    contributionSharedMarks: URIRef
    contributionTitlesOnly: URIRef
    contributionTopBoth: URIRef
    contributionTopUnexplained: URIRef
    contributionWordClaim: URIRef
    contributionWordCosine: URIRef
    contributionWordMargin: URIRef
    contributionWordRel: URIRef
    contributionWordTitleShare: URIRef
    copySimilarity: URIRef
    coversYear: URIRef
    cue: URIRef
    documentNumber: URIRef
    dueDate: URIRef
    encoding: URIRef
    exact: URIRef
    factConfidence: URIRef
    feature: URIRef
    fileName: URIRef
    identityBasis: URIRef
    issuedNotAfter: URIRef
    issuedNotBefore: URIRef
    listingOrder: URIRef
    measure: URIRef
    mediaType: URIRef
    mentionsTerm: URIRef
    method: URIRef
    number: URIRef
    numberText: URIRef
    orderCertain: URIRef
    orderNumber: URIRef
    parentEnd: URIRef
    parentStart: URIRef
    path: URIRef
    phrase: URIRef
    publishedOn: URIRef
    rank: URIRef
    releasedOn: URIRef
    reuseBasis: URIRef
    sha256: URIRef
    text: URIRef
    textReuse: URIRef
    title: URIRef
    unit: URIRef
    value: URIRef

    # Named individuals
    County: URIRef
    Deliverable: URIRef
    Mandate: URIRef
    Mention: URIRef
    National: URIRef
    OriginFilename: URIRef
    OriginHtmlMeta: URIRef
    OriginInferred: URIRef
    OriginMetadata: URIRef
    OriginOcr: URIRef
    OriginText: URIRef
    OriginUrl: URIRef
    Prefectural: URIRef
    Provincial: URIRef
    RankAdministrativeRegulation: URIRef
    RankGovernmentRule: URIRef
    RankLaw: URIRef
    RankLocalRegulation: URIRef
    RankNormativeDocument: URIRef
    RankOther: URIRef
    RankPolicyDocument: URIRef
    Township: URIRef
    Village: URIRef

    # Datatypes
    GBT2260Code: URIRef

    # Concept schemes
    AdministrativeLevels: URIRef
    CitationKinds: URIRef
    Divisions: URIRef
    LegalRanks: URIRef
    Origins: URIRef


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
