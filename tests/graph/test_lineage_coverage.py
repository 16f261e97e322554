"""Coverage over the seed corpus's links: implementers, gaps, innovations, reporting."""

from __future__ import annotations

import pytest

from govtrace.graph.lineage import CorpusIndex, ItemRef, LinkSet, link_corpus
from govtrace.graph.lineage.coverage import (
    implementers,
    item_coverage,
    local_innovations,
    uncovered,
    unplanned,
    unreported,
)
from govtrace.graph.lineage.seeds import seed_records
from govtrace.ontology.divisions import get_gazetteer
from govtrace.settings import Settings

NATIONAL = "national-outline-2021-2025"
SCHEME = "004_c5645c69c3d939d1"
WUSHEN = "000_6b53b361d8411ab5"


@pytest.fixture(scope="module")
def corpus() -> tuple[LinkSet, CorpusIndex]:
    settings = Settings()
    records = seed_records(settings)
    links = link_corpus(records, get_gazetteer(), settings=settings)
    return links, CorpusIndex(get_gazetteer(), records)


def test_national_item_9_is_implemented_by_the_region_and_the_banner(
    corpus: tuple[LinkSet, CorpusIndex],
) -> None:
    links, _ = corpus
    assert implementers(links, ItemRef(NATIONAL, "9")) == [ItemRef(WUSHEN, "5"),
                                                           ItemRef(SCHEME, "6")]


def test_every_national_work_item_has_a_regional_counterpart(
    corpus: tuple[LinkSet, CorpusIndex],
) -> None:
    links, index = corpus
    coverage = item_coverage(links, index, NATIONAL)
    assert len(coverage) == 35
    # The scheme mirrors items 四–三十五 one by one; the preamble items 一–三 have no task.
    assert [ref.key for ref in uncovered(links, index, NATIONAL)] == ["1", "2", "3"]


def test_the_banners_public_legal_services_task_is_a_local_innovation(
    corpus: tuple[LinkSet, CorpusIndex],
) -> None:
    links, index = corpus
    innovations = local_innovations(links, index)
    assert ItemRef(WUSHEN, "21") in innovations
    assert ItemRef(WUSHEN, "5") not in innovations


def test_reporting_gaps_are_listed_both_ways(corpus: tuple[LinkSet, CorpusIndex]) -> None:
    links, index = corpus
    never_reported = unreported(links, index, SCHEME)
    reported_on = {x.parent for x in links.task_links if x.kind.value == "reportsOn"}
    assert never_reported and all(ref not in reported_on for ref in never_reported)
    assert len(never_reported) + len({r for r in reported_on if r.doc_id == SCHEME}) == 32
    unplanned_items = unplanned(links, index)
    assert all(ref.is_report_item for ref in unplanned_items)
    # 001's closing "problems and next steps" section reports on no task.
    assert ItemRef("001_c876ac7a5a214ccd", "3", is_report_item=True) in unplanned_items
