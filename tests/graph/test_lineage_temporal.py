"""The temporal rule over date bounds: disjoint bounds give gt:alignedWith, overlapping
ones a link flagged as uncertain in time, and the corpus narrows a document's bounds by
what it cites."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from govtrace.graph.lineage import CorpusIndex, LinkKind, LinkSet, link_corpus
from govtrace.graph.lineage.evaluate import doc_id_of, temporal_violations
from govtrace.graph.lineage.rdf import link_statements
from govtrace.graph.lineage.seeds import seed_records
from govtrace.graph.lineage.temporal import IssueOrder, issue_order
from govtrace.ingest import read_and_extract
from govtrace.ingest.outline import PUBLISHED, national_outline_record
from govtrace.ingest.record import DateBounds, DocumentRecord
from govtrace.ontology.divisions import Gazetteer
from govtrace.ontology.iris import IriScheme
from govtrace.ontology.namespaces import GT
from govtrace.settings import Settings
from tests.support.demo import seed_ids

D = date


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="module")
def seeds(settings: Settings) -> dict[str, DocumentRecord]:
    """The demo corpus (with its metadata.toml) and the outline, by seed prefix."""
    return {_prefix(r): r for r in seed_records(settings)}


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory, settings: Settings,
        seed_paths: dict[str, Path]) -> list[DocumentRecord]:
    """The seeds as bare text files: no metadata.toml, only what the text says."""
    folder = tmp_path_factory.mktemp("raw-seeds")
    for path in seed_paths.values():
        shutil.copy(path, folder / path.name)
    records = [read_and_extract(path, settings) for path in sorted(folder.glob("*.txt"))]
    return [*records, national_outline_record()]


def _prefix(record: DocumentRecord) -> str:
    """A seed by its file name's number (ids come from identities, issue 18)."""
    doc_id = record.source.doc_id
    return ("national" if doc_id == national_outline_record().source.doc_id
            else record.source.file_name[:3])


def _id(prefix: str) -> str:
    """The doc_id of the seed ``prefix`` (a number, a doc_id, or nat for the outline)."""
    return {**seed_ids(), "nat": national_outline_record().source.doc_id}.get(prefix, prefix)


def _with(record: DocumentRecord, **update: object) -> DocumentRecord:
    return record.model_copy(update=update)


def _undated(record: DocumentRecord) -> DocumentRecord:
    return _with(record, issued_bounds=DateBounds(), written=None, published=None)


def _kinds(links: LinkSet, child: str, parent: str) -> set[tuple[LinkKind, bool]]:
    return {(x.kind, x.order_uncertain) for x in links.task_links
            if x.child.doc_id == _id(child) and x.parent.doc_id == _id(parent)}


def _doc_parents(links: LinkSet, child: str) -> set[str]:
    return {x.parent_doc or x.parent_title for x in links.document_links
            if x.child_doc == _id(child)}


# (a) The raw seeds ------------------------------------------------------------------

def test_raw_seeds_have_no_temporal_violations(raw: list[DocumentRecord], gazetteer: Gazetteer,
                                               settings: Settings) -> None:
    """003 (东河区, 成文 2021-08-09) neither implements 004 (the region's scheme: it cites
    the outline made public 2021-08-11, so it came later) nor the outline."""
    index = CorpusIndex(gazetteer, raw)
    links = link_corpus(raw, gazetteer, settings=settings)
    assert temporal_violations(links, index) == []
    plan, scheme = doc_id_of("003", index), doc_id_of("004", index)
    national = doc_id_of("national", index)
    assert index.bounds(index[plan]).latest == D(2021, 8, 9)
    earliest = index.bounds(index[scheme]).earliest
    assert earliest is not None and earliest >= PUBLISHED
    from_plan = [x for x in links.task_links if x.child.doc_id == plan]
    assert from_plan
    assert all(x.kind is LinkKind.ALIGNED_WITH for x in from_plan
               if x.parent.doc_id in (scheme, national))
    assert not {scheme, national} & _doc_parents(links, plan)


# (b) The rule on constructed bounds ------------------------------------------------------

@pytest.mark.parametrize(("parent", "child", "cited", "order"), [
    # disjoint: the parent came later
    (DateBounds(earliest=D(2021, 8, 11), latest=D(2021, 8, 11)),
     DateBounds(earliest=D(2021, 8, 9), latest=D(2021, 8, 9)), False, IssueOrder.AFTER),
    (DateBounds(earliest=D(2022, 1, 1)), DateBounds(latest=D(2021, 12, 31)), False,
     IssueOrder.AFTER),
    # a citation cannot overrule dates that exclude it (a wrongly resolved title)
    (DateBounds(earliest=D(2022, 1, 1)), DateBounds(latest=D(2021, 12, 31)), True,
     IssueOrder.AFTER),
    # disjoint: the parent came first, or on the same day
    (DateBounds(latest=D(2021, 8, 11)), DateBounds(earliest=D(2021, 8, 11)), False,
     IssueOrder.BEFORE),
    (DateBounds(earliest=D(2021, 8, 9), latest=D(2021, 8, 9)),
     DateBounds(earliest=D(2021, 8, 9), latest=D(2021, 8, 9)), False, IssueOrder.BEFORE),
    # overlapping, not exact
    (DateBounds(earliest=D(2021, 8, 11), latest=D(2022, 9, 12)),
     DateBounds(earliest=D(2021, 1, 1), latest=D(2021, 12, 31)), False, IssueOrder.UNCERTAIN),
    (DateBounds(earliest=D(2021, 8, 11), latest=D(2021, 8, 11)), DateBounds(), False,
     IssueOrder.UNCERTAIN),
    # overlapping, but the child names the parent: it existed already
    (DateBounds(earliest=D(2021, 8, 11), latest=D(2022, 9, 12)),
     DateBounds(earliest=D(2021, 8, 11), latest=D(2024, 8, 8)), True, IssueOrder.BEFORE),
    # nothing known
    (DateBounds(), DateBounds(), False, IssueOrder.UNKNOWN),
])
def test_issue_order(parent: DateBounds, child: DateBounds, cited: bool,
                     order: IssueOrder) -> None:
    assert issue_order(parent, child, cited=cited) is order


def test_disjoint_bounds_align_and_drop_the_document_link(
        seeds: dict[str, DocumentRecord], gazetteer: Gazetteer, settings: Settings) -> None:
    """000 (2024-08-08) cites 004; bounds putting 004 after it make 004 a later document of
    the same title: no implementsDocument to it, and its tasks are only aligned with."""
    later = DateBounds(earliest=D(2024, 9, 1), latest=D(2024, 9, 1), basis=["test"])
    records = [*(r for k, r in seeds.items() if k != "004"),
               _with(seeds["004"], issued_bounds=later)]
    links = link_corpus(records, gazetteer, settings=settings)
    scheme = seeds["004"].source.doc_id
    assert scheme not in _doc_parents(links, "000")
    assert LinkKind.IMPLEMENTS not in {k for k, _ in _kinds(links, "000", "004")}
    assert temporal_violations(links, CorpusIndex(gazetteer, records)) == []


def test_overlapping_bounds_flag_the_link(seeds: dict[str, DocumentRecord],
                                          gazetteer: Gazetteer, settings: Settings) -> None:
    """003 dated only to its year, 004 only to between the outline and its printing: 003
    may implement 004, and each such link says its order is uncertain."""
    records = [seeds["000"], seeds["national"],
               _with(seeds["003"], issued_bounds=DateBounds(earliest=D(2021, 1, 1),
                                                            latest=D(2021, 12, 31))),
               _with(seeds["004"], issued_bounds=DateBounds(latest=D(2022, 9, 12)))]
    links = link_corpus(records, gazetteer, settings=settings)
    assert _kinds(links, "003", "004") == {(LinkKind.IMPLEMENTS, True)}
    assert _kinds(links, "000", "004") == {(LinkKind.IMPLEMENTS, False)}  # 000 cites 004
    graph = link_statements(links, IriScheme()).graph()
    flagged = set(graph.subjects(GT.orderCertain, Literal(False)))
    assert len(flagged) == sum(x.order_uncertain for x in links.task_links) > 0
    assert all(graph.value(node, GT.linkFrom, any=False) is not None for node in flagged)
    assert all(isinstance(node, URIRef) for node in flagged)


def test_exact_equal_dates_are_in_order(seeds: dict[str, DocumentRecord],
                                        gazetteer: Gazetteer, settings: Settings) -> None:
    same = DateBounds(earliest=D(2021, 8, 9), latest=D(2021, 8, 9))
    records = [_with(seeds["003"], issued_bounds=same), _with(seeds["004"], issued_bounds=same)]
    links = link_corpus(records, gazetteer, settings=settings)
    assert _kinds(links, "003", "004") == {(LinkKind.IMPLEMENTS, False)}


def test_unknown_dates_link_as_before(seeds: dict[str, DocumentRecord], gazetteer: Gazetteer,
                                      settings: Settings) -> None:
    records = [_undated(seeds["003"]), _undated(seeds["004"])]
    links = link_corpus(records, gazetteer, settings=settings)
    assert _kinds(links, "003", "004") == {(LinkKind.IMPLEMENTS, False)}


def test_corpus_bounds_leave_records_alone(raw: list[DocumentRecord],
                                           gazetteer: Gazetteer) -> None:
    """004 without bounds of its own is issued no earlier than the outline it cites; the
    index says so, the record stays as it was."""
    records = [_with(r, issued_bounds=DateBounds()) if _prefix(r) == "004" else r
               for r in raw]
    scheme_record = next(r for r in records if _prefix(r) == "004")
    index = CorpusIndex(gazetteer, records)
    bounds = index.bounds(index[scheme_record.source.doc_id])
    assert bounds.earliest == PUBLISHED
    assert any("法治政府建设实施纲要" in b for b in bounds.basis)
    assert scheme_record.issued_bounds == DateBounds()


# record.implements -----------------------------------------------------------------------

def test_implements_names_the_document_links(seeds: dict[str, DocumentRecord],
                                             gazetteer: Gazetteer, settings: Settings) -> None:
    """000 cites the outline, 004 and 乌审旗's own plan; said to implement only the outline
    and its own plan (absent from the corpus: a placeholder), 004 is merely mentioned."""
    plan = seeds["000"]
    by_title = {c.work.canonical: c for c in plan.citations}
    outline = next(c for t, c in by_title.items() if t.startswith("法治政府建设实施纲要"))
    own = next(c for t, c in by_title.items() if t.startswith("乌审旗"))
    records = [*(r for k, r in seeds.items() if k != "000"),
               _with(plan, implements=[outline, own])]
    links = link_corpus(records, gazetteer, settings=settings)
    assert _doc_parents(links, "000") == {seeds["national"].source.doc_id, own.work.canonical}


# (c) Regression --------------------------------------------------------------------------

def test_undated_scheme_comes_after_the_outline_it_cites_issue_12(
        seeds: dict[str, DocumentRecord], gazetteer: Gazetteer, settings: Settings) -> None:
    """Without its printing date 004 had no date, so 003 (2021-08-09) implemented it. It
    cites the outline of 2021-08-11, so it was issued no earlier than that: 003 is only
    aligned with it."""
    records = [*(r for k, r in seeds.items() if k != "004"), _undated(seeds["004"])]
    index = CorpusIndex(gazetteer, records)
    links = link_corpus(records, gazetteer, settings=settings)
    assert index.bounds(index[seeds["004"].source.doc_id]).earliest == PUBLISHED
    assert _kinds(links, "003", "004") == {(LinkKind.ALIGNED_WITH, False)}
    assert _kinds(links, "004", "nat") == {(LinkKind.IMPLEMENTS, False)}
    assert temporal_violations(links, index) == []
