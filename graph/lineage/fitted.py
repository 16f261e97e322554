"""The combined scorer's fitted model: a logistic regression over :data:`features.FEATURES`
and a calibration map over its log-odds, read from JSON at run time (no ML library needed
to *use* it).

The file (``govtrace/data/lineage-model.json`` unless ``lineage_model`` names another) is
written by ``bench/fit_lineage_model.py``. ``intercept + Σ weight × value`` is the model's
log-odds (each ``weight × value`` that feature's contribution); the calibration map, an
isotonic regression fitted on the log-odds of held-out folds, turns it into the calibrated
probability (a link of probability 0.8 was right about 80% of the time on held-out data).
The map assumes only that a higher score is more often right: the Platt scaling it replaces
(a sigmoid of the log-odds, two parameters) came out as nearly the identity and could not
move the middle of the scale, which held out was over-confident.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import pairwise
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ValidationError, model_validator

from govtrace.errors import LINEAGE_MODEL_INVALID, LineageError, Location
from govtrace.graph.lineage.features import FEATURES
from govtrace.graph.lineage.similarity import Matrix

TIE_BREAK = 1e-6
"""Share of the model's own sigmoid mixed into the calibrated probability: the isotonic map
is flat between its knots, and candidates it would tie must keep the model's order (the
scorer ranks by probability; the gap rule needs the best). Invisible at three decimals."""


class Calibration(BaseModel):
    """Knots of the calibration map: probability by log-odds, linear in between, constant
    beyond the ends (scikit-learn's ``IsotonicRegression`` with ``out_of_bounds="clip"``)."""

    method: str
    log_odds: list[float]
    probability: list[float]
    fit: dict[str, object] = {}
    """How the map was fit and what it gave held out (Brier score, ECE): provenance."""

    @model_validator(mode="after")
    def _monotone(self) -> Calibration:
        x, p = self.log_odds, self.probability
        if len(x) < 2 or len(x) != len(p):
            raise ValueError("the calibration needs two or more knots, as many of each")
        if any(b < a for a, b in pairwise(x)) or any(b < a for a, b in pairwise(p)):
            raise ValueError("the calibration's knots must be in increasing order")
        if not all(0.0 <= v <= 1.0 for v in p):
            raise ValueError("the calibration's probabilities must lie in [0, 1]")
        return self


class ModelFile(BaseModel):
    features: list[str]
    weights: list[float]
    intercept: float
    calibration: Calibration
    fit: dict[str, object]
    """How and on what the model was fit (data, folds, regularisation, date): provenance."""


@dataclass(frozen=True)
class FittedModel:
    weights: tuple[float, ...]
    intercept: float
    knots: tuple[tuple[float, ...], tuple[float, ...]]
    """The calibration map: (log-odds, probability)."""

    def log_odds(self, rows: Matrix) -> Matrix:
        # Not a matrix product: BLAS would spread this small one over threads.
        z: Matrix = (rows * np.asarray(self.weights)).sum(axis=1) + self.intercept
        return z

    def probabilities(self, rows: Matrix) -> Matrix:
        """The calibrated probability of each row of features."""
        return calibrate(self.log_odds(rows), self.knots)

    def contributions(self, values: Sequence[float]) -> tuple[float, ...]:
        return tuple(w * v for w, v in zip(self.weights, values, strict=True))


def calibrate(z: Matrix, knots: tuple[Sequence[float], Sequence[float]]) -> Matrix:
    """The calibration map (``knots``: log-odds, probability) applied to log-odds ``z``."""
    stairs = np.interp(z, knots[0], knots[1])
    sigmoid = 1.0 / (1.0 + np.exp(-np.clip(z, -700.0, 700.0)))
    probabilities: Matrix = (1.0 - TIE_BREAK) * stairs + TIE_BREAK * sigmoid
    return probabilities


def default_model_path() -> Path:
    return Path(str(files("govtrace.data") / "lineage-model.json"))


@cache
def load_model(path: Path) -> FittedModel:
    """The model in ``path`` (read once per process), checked against the features this
    code computes."""
    where = Location(file=str(path))
    try:
        raw = ModelFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError) as exc:
        raise LineageError(LINEAGE_MODEL_INVALID, f"cannot read the lineage model: {exc}; "
                           "refit it with bench/fit_lineage_model.py", location=where) from None
    if tuple(raw.features) != FEATURES or len(raw.weights) != len(FEATURES):
        raise LineageError(LINEAGE_MODEL_INVALID,
                           f"the model's features {raw.features} are not the ones this version "
                           f"computes {list(FEATURES)}; refit it", location=where)
    knots = (tuple(raw.calibration.log_odds), tuple(raw.calibration.probability))
    return FittedModel(tuple(raw.weights), raw.intercept, knots)
