"""Scoring lineage links against a synthetic corpus's ``truth.tsv`` (bench/synthetic_corpus.py).

A truth row names the one parent item a child item was derived from (or ``-``:
a local innovation, where the linker must abstain). Every link out of a
scored child counts as a prediction; it is correct when it points at the
truth parent. Links out of items the truth does not list are not scored.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from govtrace.graph.lineage.evaluate import PairScore
from govtrace.graph.lineage.model import TaskLink

NATIONAL_DOC = "national-outline-2021-2025"
ABSTAIN = "-"


def load_truth(path: Path) -> dict[tuple[str, str], tuple[str, str] | None]:
    """(child doc, child label) → (parent doc, parent label), None for an abstention."""
    truth: dict[tuple[str, str], tuple[str, str] | None] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            parent_doc = row["parent_doc"]
            truth[(row["child_doc"], row["child_item"])] = (
                None if parent_doc == ABSTAIN
                else (NATIONAL_DOC if parent_doc == "national" else parent_doc,
                      row["parent_item"]))
    return truth


def score(links: Iterable[TaskLink], truth: dict[tuple[str, str], tuple[str, str] | None]
          ) -> PairScore:
    """Precision, recall and abstention of ``links`` over the items ``truth`` lists.

    Item references are matched by label: a task's number (the generator numbers tasks
    1…n in order, so number and position agree) or a report item's path.
    """
    got: defaultdict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for link in links:
        got[(link.child.doc_id, link.child.key)].add((link.parent.doc_id, link.parent.key))
    predicted = correct = expected = found = abstentions = abstained = 0
    for child, parent in truth.items():
        parents = got.get(child, set())
        predicted += len(parents)
        if parent is None:
            abstentions += 1
            abstained += not parents
            continue
        expected += 1
        hit = parent in parents
        correct += hit
        found += hit
    return PairScore(predicted, correct, expected, found, abstentions, abstained)
