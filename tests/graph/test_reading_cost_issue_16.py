"""Issue 16, target 6 (reading's CPU, ninth round): a reading worker writes a document's
N-Quads straight from its statements, skips the statements that entail nothing, looks
every shingle's hash up in one call; the bytes loaded, the entailments and their order,
and the fingerprints stay what they were."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from govtrace.graph import minhash
from govtrace.graph.build import RecordCache, plan_corpus
from govtrace.graph.build_workers import Extracted, extract_for_load, extract_jobs
from govtrace.graph.entailment import TYPE, ontology_entailment
from govtrace.graph.layout import GraphLayout
from govtrace.graph.store import DocumentGraph
from govtrace.graph.store_oxigraph import document_nquads, statements_document_nquads
from govtrace.graph.term_index import index_terms, mentioned_terms
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT
from govtrace.ontology.ntriples import Statement, Statements, iri, literal
from govtrace.settings import Settings


def test_workers_render_from_statements_what_document_nquads_renders_issue_16(
        tmp_path: Path, demo_dir: Path) -> None:
    """The demo corpus read for a bulk load: each document's bytes and statement count are
    :func:`document_nquads`' of the same document's N-Triples (what a bulk load of
    ``DocumentGraph`` s and the earlier workers wrote)."""
    settings = Settings(data_dir=tmp_path, store_dir=tmp_path / "store", workers=1)
    jobs = plan_corpus([demo_dir], {}, RecordCache(settings)).jobs
    layout = GraphLayout(IriScheme(settings.base_iri))
    graphs = [r.document for r in extract_jobs(jobs, settings) if isinstance(r, Extracted)]
    rendered = [r.document for r in extract_for_load(jobs, settings)
                if isinstance(r, Extracted)]
    assert len(rendered) == len(graphs) == 5
    assert rendered == [document_nquads(layout, graph) for graph in graphs]


def test_statements_of_any_shape_render_as_their_ntriples_do_issue_16() -> None:
    """Text that ends like a statement inside a literal, an empty entailment, and a
    statement with a line break of its own (refused by the parser both ways)."""
    layout = GraphLayout(IriScheme("https://example.org/id/"))
    odd = Statements([("<https://example.org/a>", "<https://example.org/b>", '"x .\\n ."'),
                      ("<https://example.org/a>", "<https://example.org/c>", '"y ." ')])
    for graph, inferred in ((odd, Statements()), (Statements(), odd)):
        assert statements_document_nquads(layout, "d", "ab", graph, inferred) == (
            document_nquads(layout, DocumentGraph("d", "ab", graph.ntriples(),
                                                  inferred.ntriples())))
    broken = Statements([("<https://example.org/a>", "<https://example.org/b>", '"x\ny"')])
    with pytest.raises(SyntaxError):
        statements_document_nquads(layout, "d", "ab", broken, Statements())


def _entailed_one_by_one(given: Statements) -> list[Statement]:
    """The rules as they were written before: every statement's supers looked at."""
    entailment = ontology_entailment()
    out = dict.fromkeys(m for m in mentioned_terms(given) if m not in given)
    for s, p, o in given:
        if s.startswith("_:"):
            continue
        supers = entailment.superclasses.get(o, ()) if p == TYPE else (
            entailment.superproperties.get(p, ()))
        made: Iterable[Statement] = ((s, TYPE, c) for c in supers) if p == TYPE else (
            (s, q, o) for q in supers)
        out.update(dict.fromkeys(m for m in made if m not in given))
    return list(out)


def test_entailments_and_their_order_are_unchanged_issue_16() -> None:
    """A task with a title naming several glossary terms, a type and a link with supers, a
    blank node's (entails nothing), a stated super (not repeated): the same statements in
    the same order, so the same bytes."""
    task, parent = "<https://example.org/t/1>", "<https://example.org/t/2>"
    wording = "、".join(reversed(sorted(index_terms())[:3]))
    given = Statements([
        (task, TYPE, iri(GT.Task)),
        (task, iri(GT.title), literal(wording, "zh")),
        ("_:b0", TYPE, iri(GT.WorkPlan)),
        (task, iri(GT.implements), parent),
        ("<https://example.org/doc>", TYPE, iri(GT.WorkPlan)),
        (task, iri(GT.implementsTransitively), parent),
    ])
    made = list(ontology_entailment().entail(given))
    assert made == _entailed_one_by_one(given)
    mentioned = [o for _, p, o in made if p == iri(GT.mentionsTerm)]
    assert mentioned == [literal(term) for term in sorted(index_terms()) if term in wording]
    assert len(mentioned) >= 3
    assert any(s == "<https://example.org/doc>" for s, _, _ in made)
    assert not any(s == "_:b0" for s, _, _ in made)


def test_one_remembered_shingle_and_none_issue_16() -> None:
    """A single shingle's hash looked up comes alone (not as a tuple), remembered or not;
    no shingle gives datasketch's empty MinHash."""
    for _ in range(2):
        reference = MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED,
                            scheme=minhash.SCHEME)
        reference.update_batch(["法治政府建".encode()])
        assert np.array_equal(minhash.signature({"法治政府建"}),
                              reference.hashvalues.astype("<u4"))
    empty = MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED, scheme=minhash.SCHEME)
    assert np.array_equal(minhash.signature(set()), empty.hashvalues.astype("<u4"))
