"""``GT`` lists exactly the ontology's terms, and no others."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from govtrace.ontology.loading import load_ontology
from govtrace.ontology.namespaces import GT
from govtrace.ontology.terms import terms_of


def test_issue_15_gt_lists_every_term_the_ontology_declares_and_no_other() -> None:
    listed = {GT[name] for name in GT.__annotations__}
    declared = set(terms_of(load_ontology()))
    assert sorted(listed - declared) == []  # listed in namespaces.py, not in govtrace.ttl
    assert sorted(declared - listed) == []  # declared in govtrace.ttl, not in namespaces.py


def test_issue_15_an_undeclared_gt_term_raises() -> None:
    assert GT.Task == URIRef("https://w3id.org/govtrace/ontology#Task")
    with pytest.raises(AttributeError):
        _ = GT.Tsak
    with pytest.raises(AttributeError):
        _ = GT["implementz"]
