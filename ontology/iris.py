"""How govtrace mints instance IRIs.

All instance IRIs live under the ``base_iri`` setting (default
``https://w3id.org/govtrace/id/``) and are stable: the same document, task or
regulation always gets the same IRI, so re-ingesting an unchanged document
produces identical triples. Names with Chinese text (agencies, regulations)
are keyed by a short hash of their canonical form, because IRIs built from raw
titles break on brackets and spaces and differ between clients' encodings.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rdflib import URIRef

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def key_of(text: str, length: int = 16) -> str:
    """A short, stable key for a Chinese name or title (SHA-256 prefix of its UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def slug(text: str) -> str:
    """An ASCII-safe path segment for identifiers that are already mostly ASCII (file stems)."""
    cleaned = _SAFE.sub("-", text).strip("-")
    return cleaned or key_of(text)


@dataclass(frozen=True)
class IriScheme:
    """Instance IRIs under one base; build one from ``Settings.base_iri``."""

    base: str = "https://w3id.org/govtrace/id/"

    def _iri(self, *segments: str) -> URIRef:
        return URIRef(self.base + "/".join(segments))

    def division(self, adcode: str) -> URIRef:
        return self._iri("division", adcode)

    def document(self, doc_id: str) -> URIRef:
        return self._iri("doc", doc_id)

    def section(self, doc_id: str, ordinal: int) -> URIRef:
        return self._iri("doc", doc_id, "section", str(ordinal))

    def task(self, doc_id: str, ordinal: int) -> URIRef:
        return self._iri("doc", doc_id, "task", str(ordinal))

    def report_item(self, doc_id: str, path: str) -> URIRef:
        return self._iri("doc", doc_id, "item", path)

    def span(self, doc_id: str, start: int, end: int) -> URIRef:
        return self._iri("doc", doc_id, "span", f"{start}-{end}")

    def span_position(self, doc_id: str, start: int, end: int) -> URIRef:
        """The span's oa:TextPositionSelector (its offsets)."""
        return self._iri("doc", doc_id, "span", f"{start}-{end}", "position")

    def span_quote(self, doc_id: str, start: int, end: int) -> URIRef:
        """The span's oa:TextQuoteSelector (its characters)."""
        return self._iri("doc", doc_id, "span", f"{start}-{end}", "quote")

    def source_file(self, doc_id: str) -> URIRef:
        """The file the document was read from: named by the document, as its spans are,
        because their offsets index that one file's text (its sha256 is a property)."""
        return self._iri("doc", doc_id, "file")

    def part(self, doc_id: str, kind: str, key: str) -> URIRef:
        """Any other node owned by one document (a citation, a deadline, a figure …)."""
        return self._iri("doc", doc_id, kind, key)

    def regulation(self, key: str) -> URIRef:
        """A cited work by its key (canonical title, and order number for a rule); a work
        that is a corpus document gets that document's IRI at build time instead
        (:mod:`govtrace.graph.works`)."""
        return self._iri("regulation", key_of(key))

    def agency(self, qualified_name: str) -> URIRef:
        return self._iri("agency", key_of(qualified_name))

    def link(self, *parts: str) -> URIRef:
        """A derived-link node (lineage), keyed by what it connects and how."""
        return self._iri("link", key_of("|".join(parts)))

    def document_graph(self, doc_id: str) -> URIRef:
        """The named graph holding one source document's triples."""
        return self._iri("graph", "doc", doc_id)

    def reference_graph(self) -> URIRef:
        """The named graph of reference data: ontology, divisions, national outline."""
        return self._iri("graph", "reference")

    def derived_graph(self) -> URIRef:
        """The named graph of derived links (lineage, report links)."""
        return self._iri("graph", "derived")
