"""Lineage accuracy on reworded plans, per difficulty, and link time per document.

    python bench/paraphrase_bench.py --set dev [-v]       # demo corpus + bench/paraphrase/dev
    python bench/paraphrase_bench.py --set test           # … + bench/paraphrase/test
    python bench/paraphrase_bench.py --synthetic DIR      # a bench/synthetic_corpus.py corpus

A paraphrase set is a corpus folder (texts + ``metadata.toml``) of county and league plans
that reword the Inner Mongolia scheme (seed 004) and a report on one of them, with a
``gold.tsv`` in the seeds' gold format plus a ``difficulty`` column (light, medium, heavy,
merge, split, local, report). It is linked together with the demo corpus and the national
outline by the configured linker (``lineage_scorers``), and scored with the project's own
evaluation (``graph/lineage/evaluate.py``) one difficulty at a time: precision, recall and
abstention per difficulty, never one pooled number alone.

A synthetic corpus is scored against its ``truth.tsv`` (``bench/synthetic_truth.py``), per
its ``difficulty`` column.

The dev set is for fitting; the test set is for measuring only: nothing may be fitted
or calibrated on it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_truth import Truth, ids_of, load_difficulties, load_truth, score

from govtrace.graph.lineage.corpus import CorpusIndex
from govtrace.graph.lineage.evaluate import PairScore, evaluate
from govtrace.graph.lineage.gold import GoldRow, load_gold
from govtrace.graph.lineage.linker import link_documents
from govtrace.graph.lineage.model import LinkSet
from govtrace.graph.lineage.seeds import seed_records
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ingest.outline import national_outline_record
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.divisions import get_gazetteer
from govtrace.settings import Settings

SETS = Path(__file__).resolve().parent / "paraphrase"
DIFFICULTIES = ("light", "medium", "heavy", "merge", "split", "local", "report", "scheme")
"""The order rows are printed in; a difficulty not listed here is printed after them."""


def set_dir(name: str) -> Path:
    return SETS / name


def ingest(folder: Path, settings: Settings) -> list[DocumentRecord]:
    batch = ingest_paths([folder], settings=settings, extract=extract_record)
    if batch.failures:
        first = batch.failures[0]
        raise SystemExit(f"{first.file} did not ingest: {first.message}")
    return batch.records


def link_timed(index: CorpusIndex, doc_ids: Iterable[str], settings: Settings
               ) -> tuple[LinkSet, dict[str, float]]:
    """The links from every document, linked one document at a time; seconds per document."""
    links, seconds = LinkSet(), {}
    for doc_id in sorted(doc_ids):
        start = time.perf_counter()
        part = link_documents(index, [doc_id], settings=settings)
        seconds[doc_id] = time.perf_counter() - start
        links.task_links += part.task_links
        links.document_links += part.document_links
    return links.sorted(), seconds


def by_difficulty(rows: Sequence[GoldRow]) -> dict[str, list[GoldRow]]:
    groups: defaultdict[str, list[GoldRow]] = defaultdict(list)
    for row in rows:
        groups[row.difficulty or "unlabelled"].append(row)
    return dict(sorted(groups.items(), key=lambda kv: _order(kv[0])))


def _order(difficulty: str) -> tuple[int, str]:
    known = difficulty in DIFFICULTIES
    return (DIFFICULTIES.index(difficulty) if known else len(DIFFICULTIES), difficulty)


def print_table(scores: dict[str, tuple[int, PairScore]]) -> None:
    print(f"{'difficulty':<12}{'rows':>6}{'precision':>11}{'recall':>8}{'abstained':>11}"
          f"{'correct/links':>15}{'found/expected':>16}")
    for name, (rows, s) in scores.items():
        abstain = f"{s.abstained}/{s.abstentions}" if s.abstentions else "-"
        print(f"{name:<12}{rows:>6}{s.precision:>11.3f}{s.recall:>8.3f}{abstain:>11}"
              f"{f'{s.correct}/{s.predicted}':>15}{f'{s.found}/{s.expected}':>16}")


def print_times(seconds: dict[str, float], measured: Iterable[str]) -> None:
    chosen = [seconds[d] for d in measured]
    every = list(seconds.values())
    print(f"link time per document: median {statistics.median(chosen) * 1e3:.1f} ms, "
          f"mean {statistics.fmean(chosen) * 1e3:.1f} ms over {len(chosen)} benchmark "
          f"documents; {sum(every):.2f} s for all {len(every)} documents")


def run_set(name: str, verbose: bool) -> None:
    settings = Settings()
    folder = set_dir(name)
    extra = ingest(folder, settings)
    index = CorpusIndex(get_gazetteer(), [*seed_records(settings), *extra])
    links, seconds = link_timed(index, [v.doc_id for v in index.views], settings)
    gold = load_gold(folder / "gold.tsv")
    scores: dict[str, tuple[int, PairScore]] = {}
    errors: list[str] = []
    for difficulty, rows in by_difficulty(gold).items():
        result = evaluate(links, rows, index)
        scores[difficulty] = (len(rows), result.overall)
        errors += [f"[{difficulty}] {e}" for e in result.overall.errors]
    every = evaluate(links, gold, index)
    scores["all"] = (len(gold), every.overall)
    print(f"paraphrase set {name!r} ({len(extra)} documents, scorers "
          f"{', '.join(settings.lineage_scorers)})")
    print_table(scores)
    print(f"temporal violations: {len(every.temporal_violations)}")
    print_times(seconds, [r.source.doc_id for r in extra])
    if verbose:
        for error in errors:
            print(f"  {error}")


def run_synthetic(folder: Path) -> None:
    settings = Settings()
    records = [*ingest(folder, settings), national_outline_record()]
    index = CorpusIndex(get_gazetteer(), records)
    links, seconds = link_timed(index, [v.doc_id for v in index.views], settings)
    truth = load_truth(folder / "truth.tsv", ids_of(records))
    difficulty = load_difficulties(folder / "truth.tsv", ids_of(records))
    groups: defaultdict[str, Truth] = defaultdict(dict)
    for child, parents in truth.items():
        groups[difficulty.get(child) or "unlabelled"][child] = parents
    scores = {name: (len(group), score(links.task_links, group))
              for name, group in sorted(groups.items(), key=lambda kv: _order(kv[0]))}
    scores["all"] = (len(truth), score(links.task_links, truth))
    print(f"synthetic corpus {folder} ({len(records) - 1} documents, scorers "
          f"{', '.join(settings.lineage_scorers)})")
    print_table(scores)
    print_times(seconds, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--set", choices=("dev", "test"), help="a paraphrase set")
    which.add_argument("--synthetic", type=Path, help="a synthetic corpus folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = parser.parse_args()
    if args.set:
        run_set(args.set, args.verbose)
    else:
        run_synthetic(args.synthetic)


if __name__ == "__main__":
    main()
