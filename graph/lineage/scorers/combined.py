"""The combined scorer: every kind of evidence (:mod:`~govtrace.graph.lineage.features`:
character and word similarity, exact anchors, the document's structure) weighed by a fitted
logistic model (:mod:`~govtrace.graph.lineage.fitted`) into a calibrated probability.

It scores each candidate of a level with the probability that it is the child's parent and
the decision (:func:`decide.choose`) links every candidate whose probability clears the bar
the target precision sets (``lineage_target_precision``): two or three when each clears it
(a merge), none when none does (a local innovation). The link's method names the family of
evidence that carried it (``logistic-combined:text``, ``:anchor``, ``:structure``), and
each feature's contribution to the log-odds goes with the link into the RDF.

Structure needs the child's siblings, so the linker binds the scorer to each document
(:meth:`CombinedScorer.bind`); the features of all its tasks against a level are computed
once. It does not read report items (the model was fit on plan tasks): list a scorer that
does after it (``tfidf``); a plan task it abstains on is not passed to that scorer (the
linker treats a calibrated abstention as final at its level).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govtrace.graph.lineage.corpus import DocView, Unit
from govtrace.graph.lineage.features import FAMILY, FEATURES, DocumentFeatures, document_features
from govtrace.graph.lineage.fitted import FittedModel, default_model_path, load_model
from govtrace.graph.lineage.model import Contribution, Evidence, ItemRef
from govtrace.graph.lineage.phrases import evidence, shared_phrases
from govtrace.graph.lineage.seams import Candidates, PlanLimits, Scored
from govtrace.settings import Settings

METHOD = "logistic-combined"
MAX_PARENTS = 3
"""Most parents one task merges (a county task folding three scheme tasks into one)."""
CARRIERS = ("text", "anchor", "structure")
"""The families a link's method may name."""
_CHAR_CLAIM, _WORD_CLAIM = FEATURES.index("char_claim"), FEATURES.index("word_claim")


@dataclass(frozen=True)
class CombinedRanking:
    child: Unit
    values: dict[ItemRef, tuple[float, ...]]
    """The features of each candidate."""
    scored: list[Scored]
    limits: PlanLimits
    bar: float
    model: FittedModel
    min_phrase: int
    max_evidence: int
    """The scorer's (not the scorer itself: a bound scorer keeps its rankings, and a
    ranking pointing back at it made each document's features a cycle, freed only when the
    collector ran rather than when the document was done)."""
    _contributions: dict[ItemRef, tuple[Contribution, ...]] = field(default_factory=dict,
                                                                    compare=False)

    @property
    def max_parents(self) -> int:
        return MAX_PARENTS

    def covers(self, parent: Unit, topic: str) -> bool:
        # Merges are decided by each parent's own probability, not by the title.
        return False

    def contributions(self, parent: Unit) -> tuple[Contribution, ...]:
        # Asked twice a link (its method names the family they favour): made once.
        made = self._contributions.get(parent.ref)
        if made is None:
            values = self.values[parent.ref]
            made = self._contributions[parent.ref] = tuple(
                Contribution(name, round(value, 4), round(part, 4))
                for name, value, part in zip(FEATURES, values,
                                             self.model.contributions(values),
                                             strict=True) if part)
        return made

    def claim(self, parent: Unit) -> float:
        values = self.values.get(parent.ref)
        if values is None:
            # Only the best MAX_PARENTS keep their features (rank): none could be a parent.
            return -1.0
        return min(values[_CHAR_CLAIM], values[_WORD_CLAIM])

    def method_of(self, parent: Unit) -> str:
        """The method, suffixed with the family whose contributions raised the log-odds
        most (what a researcher filters on: ``…:structure`` links rest on the order of the
        tasks more than on their wording)."""
        totals = dict.fromkeys(CARRIERS, 0.0)
        for c in self.contributions(parent):
            family = FAMILY[c.feature]
            if family in totals:
                totals[family] += c.contribution
        return f"{METHOD}:{max(CARRIERS, key=totals.__getitem__)}"

    def evidence(self, parent: Unit) -> tuple[Evidence, ...]:
        matches = shared_phrases(self.child.text, parent.text, self.min_phrase)
        return evidence(self.child, parent, matches, self.max_evidence)


@dataclass(frozen=True)
class CombinedScorer:
    model: FittedModel
    bar: float
    min_phrase: int
    max_evidence: int
    tasks: tuple[Unit, ...] = ()
    """The document's tasks, in order, once bound (:meth:`bind`)."""
    _features: dict[tuple[int, ...], DocumentFeatures] = field(default_factory=dict,
                                                               compare=False)
    _rankings: dict[tuple[ItemRef, tuple[int, ...]], CombinedRanking] = field(
        default_factory=dict, compare=False)
    """A bound scorer's rankings: the decisions after the first (a gap, an anchored task's
    partners, an item no task took: :mod:`gaps`) ask for a task's ranking again."""

    @classmethod
    def of(cls, settings: Settings) -> CombinedScorer:
        model = load_model(settings.lineage_model or default_model_path())
        return cls(model, settings.lineage_target_precision,
                   settings.lineage_min_phrase, settings.lineage_max_evidence)

    def bind(self, view: DocView) -> CombinedScorer:
        """This scorer for the tasks of ``view`` (the structural features need them all)."""
        return CombinedScorer(self.model, self.bar, self.min_phrase, self.max_evidence,
                              view.units)

    @property
    def method(self) -> str:
        return METHOD

    @property
    def report_limits(self) -> None:
        return None

    def rank(self, child: Unit, candidates: Candidates) -> CombinedRanking:
        if not any(u.ref == child.ref for u in self.tasks):
            return self._rank(child, document_features([child], candidates))
        # The level's views live as long as this bound scorer (one document's linking).
        key = (child.ref, tuple(id(view) for view in candidates.docs))
        ranking = self._rankings.get(key)
        if ranking is None:
            ranking = self._rankings[key] = self._rank(child,
                                                       self._document_features(candidates))
        return ranking

    def _rank(self, child: Unit, features: DocumentFeatures) -> CombinedRanking:
        matrix = features.matrix(child.ref)
        limits = PlanLimits(self.bar, 1.0, 0.0, 1.0)
        if matrix is None or not len(matrix):
            return CombinedRanking(child, {}, [], limits, self.bar, *self._judging)
        # As Python floats at once (the same values): read one numpy scalar at a time, the
        # sort and the rows were 2% of linking (issue 16).
        probabilities = self.model.probabilities(matrix).tolist()
        # Best first, ties in document order (a stable sort of the parents' order).
        order = sorted(range(len(features.parents)), key=lambda j: -probabilities[j])
        scored = [Scored(features.parents[j], probabilities[j]) for j in order]
        # Only the candidates that may become links need their features kept as numbers.
        kept = {features.parents[j].ref: tuple(matrix[j].tolist()) for j in order[:MAX_PARENTS]}
        return CombinedRanking(child, kept, scored, limits, self.bar, *self._judging)

    @property
    def _judging(self) -> tuple[FittedModel, int, int]:
        return self.model, self.min_phrase, self.max_evidence

    def _document_features(self, candidates: Candidates) -> DocumentFeatures:
        """The bound document's features against ``candidates``, computed once."""
        key = tuple(id(view) for view in candidates.docs)
        if key not in self._features:
            self._features[key] = document_features(self.tasks, candidates)
        return self._features[key]
