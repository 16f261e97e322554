"""An in-process store whose answers describe documents and cited regulations from the
build's index (:class:`govtrace.queries.refs.KnownRefs`) instead of asking the store.

The index's whole-corpus answers (:class:`govtrace.queries.prebuilt.CorpusAnswers`) hold
every policy document and every cited regulation, described by the same functions
(:func:`govtrace.queries.entities.documents`, :func:`~govtrace.queries.entities.regulations`)
from the same state of the store, so an answer is the same either way; only the look-ups
here are built (once per snapshot, on the first question that needs them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from govtrace.queries.lazy import Lazy
from govtrace.queries.link_details import LinkDetails
from govtrace.queries.models import DocumentRef, RegulationRef
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.prebuilt import CorpusAnswers


@dataclass(frozen=True)
class _Known:
    documents: dict[str, DocumentRef]
    by_division: dict[str, list[DocumentRef]]
    works: dict[str, RegulationRef]


def _known(corpus: CorpusAnswers) -> _Known:
    by_division: dict[str, list[DocumentRef]] = {}
    for document in corpus.documents:  # in the list's order, which each division's keeps
        if document.division is not None:
            by_division.setdefault(document.division.iri, []).append(document)
    # As RegulationRef: a summary would carry its count into every answer citing it.
    fields = set(RegulationRef.model_fields)
    return _Known(documents={document.iri: document for document in corpus.documents},
                  by_division=by_division,
                  works={work.iri: RegulationRef.model_validate(work.model_dump(include=fields))
                         for work in corpus.regulations})


@dataclass(frozen=True)
class IndexedRows(OxigraphRows):
    """:class:`OxigraphRows` over a snapshot, knowing what its index ``corpus`` and
    ``details`` describe."""

    corpus: Lazy[CorpusAnswers] = field(repr=False, compare=False)
    details: Lazy[LinkDetails | None] = field(repr=False, compare=False)
    _index: Lazy[_Known] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", Lazy(lambda: _known(self.corpus.get())))

    def known_documents(self) -> Mapping[str, DocumentRef]:
        return self._index.get().documents

    def known_documents_of(self, division: str) -> list[DocumentRef]:
        return list(self._index.get().by_division.get(division, ()))

    def known_works(self) -> Mapping[str, RegulationRef]:
        return self._index.get().works

    def known_details(self) -> LinkDetails | None:
        return self.details.get()
