"""The report rule's floors (``lineage_report_min_sentence``, ``lineage_report_min_confidence``)
swept on every labelled report, each report held out in turn.

    python bench/report_rule_bench.py              # the configured floors, per report
    python bench/report_rule_bench.py --sweep      # … and the grid, leave one report out

The labelled reports are the seeds' (001, 002 against the scheme 004, gold in
govtrace/data/gold/lineage-seeds.tsv) and the paraphrase dev set's (bench/paraphrase/dev);
the test set is never read. For each report held out, the floors are chosen on the others
(every report at precision ≥ 0.95, then the fewest abstentions missed, then the highest worst
recall, then the highest mean recall) and scored on it: whether the floors generalize from one
report to another, the way they must to reports the project has never seen.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paraphrase_bench import ingest, set_dir

from govtrace.graph.lineage.corpus import CorpusIndex
from govtrace.graph.lineage.evaluate import PairScore, doc_id_of, evaluate
from govtrace.graph.lineage.gold import GoldRow, load_gold
from govtrace.graph.lineage.linker import link_documents
from govtrace.graph.lineage.model import LinkKind
from govtrace.graph.lineage.seeds import seed_records
from govtrace.ontology.divisions import get_gazetteer
from govtrace.settings import Settings

MIN_SENTENCE = (0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.10)
MIN_CONFIDENCE = (0.45, 0.5, 0.52, 0.55, 0.57, 0.6, 0.65)
Floors = tuple[float, float]
Scores = dict[str, PairScore]


def report_rows() -> dict[str, list[GoldRow]]:
    """The gold rows of every labelled report, by report."""
    rows = [*load_gold(), *load_gold(set_dir("dev") / "gold.tsv")]
    out: dict[str, list[GoldRow]] = {}
    for row in rows:
        if row.kind is LinkKind.REPORTS_ON:
            out.setdefault(row.child, []).append(row)
    return out


def scores(index: CorpusIndex, gold: dict[str, list[GoldRow]], floors: Floors) -> Scores:
    settings = Settings(lineage_report_min_sentence=floors[0],
                        lineage_report_min_confidence=floors[1])
    links = link_documents(index, [doc_id_of(name, index) for name in gold], settings=settings)
    # Only the report items' links: the plans' are not the rule's.
    return {name: evaluate(links, rows, index).overall for name, rows in gold.items()}


def rank(result: Scores, names: Sequence[str]) -> tuple[bool, int, float, float]:
    chosen = [result[n] for n in names]
    # Abstentions missed count on their own: a miss no floor mends (d09's item on work the
    # plan does not name, linked on one shared word) must not make every floor pair unsafe.
    precise = all(s.precision >= 0.95 for s in chosen)
    missed = sum(s.abstentions - s.abstained for s in chosen)
    return (precise, -missed, min(s.recall for s in chosen),
            sum(s.recall for s in chosen) / len(chosen))


def line(result: Scores) -> str:
    return " | ".join(f"{name} {s.precision:.3f}/{s.recall:.3f} {s.abstained}/{s.abstentions}"
                      for name, s in result.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="sweep the floors")
    args = parser.parse_args()
    settings = Settings()
    index = CorpusIndex(get_gazetteer(),
                        [*seed_records(settings), *ingest(set_dir("dev"), settings)])
    gold = report_rows()
    configured = (settings.lineage_report_min_sentence, settings.lineage_report_min_confidence)
    print("report precision/recall abstained, at the configured floors "
          f"(sentence {configured[0]}, confidence {configured[1]}):")
    print(f"  {line(scores(index, gold, configured))}")
    if not args.sweep:
        return
    grid = {floors: scores(index, gold, floors)
            for floors in itertools.product(MIN_SENTENCE, MIN_CONFIDENCE)}
    names = list(gold)
    print("every floor pair, all reports:")
    for floors, result in grid.items():
        print(f"  {floors}: {line(result)}")
    print("each report held out (floors chosen on the others):")
    for held in names:
        others = [n for n in names if n != held]
        floors = max(grid, key=lambda f: rank(grid[f], others))
        s = grid[floors][held]
        print(f"  {held}: floors {floors}, held out {s.precision:.3f}/{s.recall:.3f} "
              f"{s.abstained}/{s.abstentions}")


if __name__ == "__main__":
    main()
