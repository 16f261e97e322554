"""Which glossary terms each task mentions, materialized as ``gt:mentionsTerm`` (issue 16).

SPARQL has no text index: ``FILTER(CONTAINS(STR(?text), "行政规范性文件"))`` reads the title
and text of every task it may match, and at 30,000 documents the saved query
``mandating-regulations`` spent 15.7 s doing so. A task's mention of a term of the bundled
glossary (``govtrace/data/glossary.tsv``, the domain's own vocabulary) is instead written
once, when its document's graphs are written, so such a query is one index look-up:
``?task gt:mentionsTerm "行政规范性文件"``.

"Mentions" means what ``CONTAINS`` means on the same strings: the term is a substring of the
task's ``gt:title`` or ``gt:text``. The statements go with the document's entailments
(:meth:`govtrace.graph.entailment.Entailment.entail`), so a changed document's mentions are
replaced with it in the same atomic update.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files

from rdflib.namespace import RDF
from rdflib.plugins.parsers.ntriples import unquote

from govtrace.ontology.namespaces import GT
from govtrace.ontology.ntriples import Statement, iri, literal

MENTIONS_TERM = iri(GT.mentionsTerm)
_TYPE, _TASK = iri(RDF.type), iri(GT.Task)
_WORDING = frozenset({iri(GT.title), iri(GT.text)})


@cache
def index_terms() -> frozenset[str]:
    """The Chinese terms of the glossary: the values ``gt:mentionsTerm`` can take."""
    text = files("govtrace.data").joinpath("glossary.tsv").read_text(encoding="utf-8")
    return frozenset(row["zh"].strip() for row in csv.DictReader(text.splitlines(),
                                                                  delimiter="\t"))


def mentioned_terms(statements: Iterable[Statement]) -> Iterator[Statement]:
    """``(task, gt:mentionsTerm, "term")`` for every task typed gt:Task in ``statements``
    and every glossary term its title or text contains."""
    given = list(statements)
    tasks = {s for s, p, o in given if p == _TYPE and o == _TASK}
    found: dict[Statement, None] = {}
    for s, p, o in given:
        if p in _WORDING and s in tasks:
            wording = _lexical(o)
            found.update(dict.fromkeys((s, MENTIONS_TERM, literal(term))
                                       for term in filter(wording.__contains__, _in_order())))
    yield from found


@cache
def _in_order() -> tuple[str, ...]:
    """:func:`index_terms` sorted, once: sorting them for every task's wording, and a
    Python test per term, were two thirds of a document's entailment (issue 16)."""
    return tuple(sorted(index_terms()))


def _lexical(term: str) -> str:
    """The text of an N-Triples literal (``"…"@zh`` or ``"…"^^<…>``), unescaped."""
    return unquote(term[1:term.rindex('"')])
