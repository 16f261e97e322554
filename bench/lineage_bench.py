"""Lineage linking time: the indexed linker against a naive all-pairs linker, on the seeds
and on a synthetic scale-up.

Run: python bench/lineage_bench.py [rounds]. The scale-up replicates the seed
corpus across the gazetteer: for k counties (a quarter in Inner Mongolia, the
rest spread over the other provinces) each gets copies of the three county-level
seeds (000 plan, 001 report, 003 plan) under its own adcode, and each province
they lie in a copy of the regional scheme (004) and report (002). The indexed
linker finds a document's candidate parents by walking its division's lineage;
the naive one compares every item with every item of every document at a
higher level (for reports: the same or a higher level). Both share the scoring
and decision code (``links_among``), so the difference is candidate selection.
Seed ingestion happens once, before timing. Medians of ``rounds`` runs (one run
when it takes over ``SLOW_S``); a naive size whose predicted time (quadratic
from the previous size) passes ``BUDGET_S`` is skipped.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

from govtrace.graph.lineage.candidates import level_rank
from govtrace.graph.lineage.corpus import CorpusIndex, DocView
from govtrace.graph.lineage.linker import link_documents, links_among
from govtrace.graph.lineage.seams import Candidates
from govtrace.graph.lineage.seeds import seed_records
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.divisions import Gazetteer, get_gazetteer
from govtrace.ontology.divisions_model import Division, Level
from govtrace.settings import Settings

COUNTY_SEEDS = ("000_", "001_", "003_")
PROVINCE_SEEDS = ("002_", "004_")
INNER_MONGOLIA = "15"
SIZES = (10, 50, 100, 200)
BUDGET_S = 60.0
SLOW_S = 10.0


def counties(gazetteer: Gazetteer, k: int) -> list[Division]:
    """k counties: a quarter in Inner Mongolia, the rest evenly over the other provinces."""
    every = sorted((d for d in gazetteer if d.level is Level.COUNTY and not d.functional_zone),
                   key=lambda d: d.adcode)
    home = [d for d in every if d.adcode.startswith(INNER_MONGOLIA)]
    away = [d for d in every if not d.adcode.startswith(INNER_MONGOLIA)]
    n_home = min(len(home), k // 4)
    return home[:n_home] + away[::max(1, len(away) // (k - n_home))][:k - n_home]


def moved(record: DocumentRecord, division: Division) -> DocumentRecord:
    """A copy of ``record`` issued by ``division``."""
    assert record.jurisdiction is not None
    where = record.jurisdiction.model_copy(update={"adcode": division.adcode,
                                                   "name": division.name})
    source = record.source.model_copy(
        update={"doc_id": f"{record.source.doc_id}@{division.adcode}"})
    return record.model_copy(update={"jurisdiction": where, "source": source})


def scaled(seeds: list[DocumentRecord], gazetteer: Gazetteer, k: int) -> list[DocumentRecord]:
    """The seeds plus their copies over k counties and the provinces holding them."""
    county = [r for r in seeds if r.source.file_name.startswith(COUNTY_SEEDS)]
    province = [r for r in seeds if r.source.file_name.startswith(PROVINCE_SEEDS)]
    places = counties(gazetteer, k)
    provinces = {gazetteer.lineage(d)[-2].adcode for d in places} - {INNER_MONGOLIA + "0000"}
    out = list(seeds)
    out += [moved(r, d) for d in places for r in county]
    out += [moved(r, gazetteer.by_code(p)) for p in sorted(provinces) for r in province]
    return out


def naive_links(index: CorpusIndex, settings: Settings) -> int:
    """Every item against every item of every document at a higher level; no index."""
    views = index.views
    count = 0
    for view in views:
        rank = level_rank(view)
        above = [p for p in views if p.is_plan and p.units and p is not view
                 and (level_rank(p) <= rank if view.is_report else level_rank(p) < rank)]
        levels = [Candidates(tuple(level)) for level in _by_level(above)]
        count += len(links_among(view, levels, index, settings))
    return count


def _by_level(views: list[DocView]) -> list[list[DocView]]:
    ranks = sorted({level_rank(v) for v in views}, reverse=True)
    return [[v for v in views if level_rank(v) == r] for r in ranks]


def indexed_links(index: CorpusIndex, settings: Settings) -> int:
    return len(link_documents(index, [v.doc_id for v in index.views],
                              settings=settings).task_links)


def median_time(run: Callable[[], int], rounds: int) -> tuple[float, int]:
    """Median of ``rounds`` runs; a single run when one takes over ``SLOW_S``."""
    times: list[float] = []
    links = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        links = run()
        times.append(time.perf_counter() - t0)
        if times[0] > SLOW_S:
            break
    return statistics.median(times), links


def main(rounds: int = 3) -> None:
    settings = Settings()
    gazetteer = get_gazetteer()
    seeds = seed_records(settings)
    sizes: list[tuple[str, list[DocumentRecord]]] = [("seeds", seeds)]
    sizes += [(f"{k} counties", scaled(seeds, gazetteer, k)) for k in SIZES]
    print(f"{'corpus':<14}{'docs':>6}{'items':>7}{'indexed s':>11}{'links':>7}"
          f"{'naive s':>10}{'links':>7}{'naive/indexed':>15}")
    results: dict[str, tuple[int, float, float | None]] = {}
    last_naive: tuple[int, float] | None = None
    for name, records in sizes:
        index = CorpusIndex(gazetteer, records)
        items = sum(len(v.units) for v in index.views)
        fast, fast_links = median_time(partial(indexed_links, index, settings), rounds)
        slow: float | None = None
        slow_links = 0
        predicted = last_naive[1] * (len(records) / last_naive[0]) ** 2 if last_naive else 0.0
        if predicted < BUDGET_S:
            slow, slow_links = median_time(partial(naive_links, index, settings), rounds)
            last_naive = (len(records), slow)
        results[name] = (len(records), fast, slow)
        naive_text = (f"{slow:>10.3f}{slow_links:>7}{slow / fast:>14.1f}x" if slow is not None
                      else f"{'skipped':>10}{'':>7}{'':>15}")
        print(f"{name:<14}{len(records):>6}{items:>7}{fast:>11.3f}{fast_links:>7}{naive_text}")
    _scaling(results)


def _scaling(results: dict[str, tuple[int, float, float | None]]) -> None:
    """Time at 10N over time at N (10 → 100 counties: about ten times the documents)."""
    small, large = results["10 counties"], results["100 counties"]
    docs = large[0] / small[0]
    print(f"scaling 10 → 100 counties ({docs:.1f}x documents): indexed "
          f"{large[1] / small[1]:.1f}x", end="")
    if small[2] is not None and large[2] is not None:
        print(f", naive {large[2] / small[2]:.1f}x")
    else:
        print(", naive skipped")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
