"""Scoring a link set against the gold: precision, recall and abstention per document pair.

A gold row names a parent document; the predicted parents of the child item
in it are its direct links there, or, when the child links to a nearer level
first (a county task → the region's scheme), the items reached from there by
gt:implements (… → the national outline): the trace the issue asks for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from govtrace.errors import LINEAGE_GOLD_UNKNOWN, LineageError
from govtrace.graph.lineage.corpus import CorpusIndex
from govtrace.graph.lineage.gold import GoldRow
from govtrace.graph.lineage.model import ItemRef, LinkKind, LinkSet, TaskLink
from govtrace.graph.lineage.temporal import IssueOrder

NATIONAL = "national"


@dataclass
class PairScore:
    """Counts for one (child document, parent document, kind)."""

    predicted: int = 0
    correct: int = 0
    expected: int = 0
    found: int = 0
    abstentions: int = 0
    abstained: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def abstention(self) -> float:
        return self.abstained / self.abstentions if self.abstentions else 1.0

    def add(self, other: PairScore) -> None:
        for name in ("predicted", "correct", "expected", "found", "abstentions", "abstained"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors


@dataclass
class Evaluation:
    pairs: dict[tuple[str, str, str], PairScore]
    overall: PairScore
    temporal_violations: list[TaskLink]

    def meets(self, precision: float, recall: float) -> bool:
        return (self.overall.precision >= precision and self.overall.recall >= recall
                and self.overall.abstention == 1.0 and not self.temporal_violations)


def doc_id_of(name: str, index: CorpusIndex) -> str:
    """A gold document name (a seed's file-name prefix, or ``national``) as a doc_id of the
    corpus: found by the file the document was read from, since ids come from what
    identifies a document, not from its file name."""
    for view in index.views:
        if (view.record.doc_type.heads_lineage if name == NATIONAL
                else view.record.source.file_name.startswith(name + "_")):
            return view.doc_id
    raise LineageError(LINEAGE_GOLD_UNKNOWN, f"no document of the corpus is {name!r}")


def evaluate(links: LinkSet, gold: Sequence[GoldRow], index: CorpusIndex) -> Evaluation:
    labels = {u.ref: u.label for v in index.views for u in v.units}
    by_label = {(u.ref.doc_id, u.label): u.ref for v in index.views for u in v.units}
    outgoing: defaultdict[ItemRef, list[TaskLink]] = defaultdict(list)
    for link in links.task_links:
        outgoing[link.child].append(link)
    pairs: dict[tuple[str, str, str], PairScore] = {}
    for row in gold:
        child_doc, parent_doc = doc_id_of(row.child, index), doc_id_of(row.parent, index)
        ref = by_label.get((child_doc, row.item))
        if ref is None:
            raise LineageError(LINEAGE_GOLD_UNKNOWN, f"{row.child} has no item {row.item}")
        got = {labels[p] for p in traced(ref, row.kind, parent_doc, outgoing)}
        score = pairs.setdefault((row.child, row.parent, row.kind.value), PairScore())
        _score_row(row, got, score)
    overall = PairScore()
    for score in pairs.values():
        overall.add(score)
    return Evaluation(pairs, overall, temporal_violations(links, index))


def traced(child: ItemRef, kind: LinkKind, parent_doc: str,
           outgoing: dict[ItemRef, list[TaskLink]]) -> set[ItemRef]:
    """Items of ``parent_doc`` reached from ``child`` by one link of ``kind`` and then any
    number of gt:implements."""
    found: set[ItemRef] = set()
    frontier = [x.parent for x in outgoing.get(child, []) if x.kind is kind]
    seen: set[ItemRef] = set()
    while frontier:
        item = frontier.pop()
        if item in seen:
            continue
        seen.add(item)
        if item.doc_id == parent_doc:
            found.add(item)
            continue
        frontier += [x.parent for x in outgoing.get(item, []) if x.kind is LinkKind.IMPLEMENTS]
    return found


def _score_row(row: GoldRow, got: set[str], score: PairScore) -> None:
    score.predicted += len(got)
    score.correct += len(got & row.allowed)
    score.expected += len(row.expected)
    score.found += len(got & row.expected)
    if row.must_abstain:
        score.abstentions += 1
        score.abstained += not got
    wrong = sorted(got - row.allowed)
    missed = sorted(row.expected - got)
    if wrong or missed:
        wanted = sorted(row.expected) or ("nothing" if row.must_abstain else "(optional)")
        also = f" ~{'+'.join(sorted(row.acceptable))}" if row.acceptable else ""
        score.errors.append(f"{row.child}:{row.item} → {row.parent} "
                            f"got {sorted(got) or 'nothing'}, expected {wanted}{also}")


def temporal_violations(links: LinkSet, index: CorpusIndex) -> list[TaskLink]:
    """gt:implements links whose parent document was certainly issued after the child's."""
    return [x for x in links.task_links
            if x.kind is LinkKind.IMPLEMENTS
            and index.order(index[x.parent.doc_id], index[x.child.doc_id]) is IssueOrder.AFTER]
