"""Scoring lineage links against a synthetic corpus's ``truth.tsv`` (bench/synthetic_corpus.py).

A truth row names a parent item a child item was derived from (or ``-``: a local
innovation, where the linker must abstain) and, in its ``difficulty`` column (absent
from files written before it existed), how the child rewords it; a child merging two
parents has a row for each. Every link out of a scored child counts as a prediction; it
is correct when it points at one of the truth parents. Links out of items the truth does
not list are not scored.

Truth files name a document by its file's stem; the corpus names it by the id of its
identity (``govtrace.ingest.identity``), so loading takes the map between the two
(:func:`ids_of` the records, or :func:`stored_ids` of a built store).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from govtrace.graph.lineage.evaluate import PairScore
from govtrace.graph.lineage.model import TaskLink
from govtrace.ingest.record import DocumentRecord
from govtrace.ontology.namespaces import GT

NATIONAL_DOC = "national-outline-2021-2025"
ABSTAIN = "-"


Ref = tuple[str, str]
Truth = dict[Ref, frozenset[Ref]]
"""(child doc, child label) → its (parent doc, parent label)s; empty for an abstention."""


def ids_of(records: Iterable[DocumentRecord]) -> dict[str, str]:
    """File stem → doc_id of each record."""
    return {Path(r.source.file_name).stem: r.source.doc_id for r in records}


def stored_ids(store: Any) -> dict[str, str]:
    """File stem → doc_id of each document of a built store (by its gt:sourceFile)."""
    rows = store.query(f"PREFIX gt: <{GT}> SELECT ?d ?name WHERE {{ ?d gt:sourceFile ?f . "
                       f"?f gt:fileName ?name }}").bindings()
    return {Path(str(row["name"])).stem: str(row["d"]).rsplit("/doc/", 1)[1] for row in rows}


def load_truth(path: Path, ids: Mapping[str, str]) -> Truth:
    """Every scored child with its parents (empty: the linker must abstain); documents
    named by their doc_id in the corpus (``ids``: file stem → doc_id)."""
    truth: dict[Ref, set[Ref]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            child = (_doc(row["child_doc"], ids), row["child_item"])
            parents = truth.setdefault(child, set())
            parent_doc = row["parent_doc"]
            if parent_doc != ABSTAIN:
                parents.add((_doc(parent_doc, ids), row["parent_item"]))
    return {child: frozenset(parents) for child, parents in truth.items()}


def _doc(name: str, ids: Mapping[str, str]) -> str:
    return NATIONAL_DOC if name == "national" else ids.get(name, name)


def load_difficulties(path: Path, ids: Mapping[str, str]) -> dict[Ref, str]:
    """(child doc, child label) → the row's ``difficulty`` (bench/synthetic_corpus.py's
    rewording operators); empty for a truth file written before the column existed."""
    with path.open(encoding="utf-8") as handle:
        return {(_doc(row["child_doc"], ids), row["child_item"]): row.get("difficulty") or ""
                for row in csv.DictReader(handle, delimiter="\t")}


def score(links: Iterable[TaskLink], truth: Truth) -> PairScore:
    """Precision, recall and abstention of ``links`` over the items ``truth`` lists.

    Item references are matched by label: a task's number (the generator numbers tasks
    1…n in order, so number and position agree) or a report item's path.
    """
    got: defaultdict[Ref, set[Ref]] = defaultdict(set)
    for link in links:
        got[(link.child.doc_id, link.child.key)].add((link.parent.doc_id, link.parent.key))
    predicted = correct = expected = found = abstentions = abstained = 0
    for child, parents in truth.items():
        predicted_parents = got.get(child, set())
        predicted += len(predicted_parents)
        if not parents:
            abstentions += 1
            abstained += not predicted_parents
            continue
        expected += len(parents)
        hits = len(parents & predicted_parents)
        correct += hits
        found += hits
    return PairScore(predicted, correct, expected, found, abstentions, abstained)
