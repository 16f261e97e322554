"""The combined scorer's fitted model: a logistic regression over :data:`features.FEATURES`,
read from JSON at run time (no ML library needed to *use* it).

The file (``govtrace/data/lineage-model.json`` unless ``lineage_model`` names another) is
written by ``bench/fit_lineage_model.py``. Its weights are already calibrated: Platt
scaling fitted on held-out folds is folded into them, so ``sigmoid(intercept + Σ weight ×
value)`` *is* the calibrated probability (a link of probability 0.8 was right about 80% of
the time on held-out data) and each ``weight × value`` is that feature's contribution to
its log-odds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ValidationError

from govtrace.errors import LINEAGE_MODEL_INVALID, LineageError, Location
from govtrace.graph.lineage.features import FEATURES
from govtrace.graph.lineage.similarity import Matrix


class ModelFile(BaseModel):
    features: list[str]
    weights: list[float]
    intercept: float
    fit: dict[str, object]
    """How and on what the model was fit (data, folds, regularisation, date): provenance."""


@dataclass(frozen=True)
class FittedModel:
    weights: tuple[float, ...]
    intercept: float

    def probabilities(self, rows: Matrix) -> Matrix:
        """The probability of each row of features."""
        # Not a matrix product: BLAS would spread this small one over threads.
        z = (rows * np.asarray(self.weights)).sum(axis=1) + self.intercept
        probabilities: Matrix = 1.0 / (1.0 + np.exp(-np.clip(z, -700.0, 700.0)))
        return probabilities

    def contributions(self, values: Sequence[float]) -> tuple[float, ...]:
        return tuple(w * v for w, v in zip(self.weights, values, strict=True))


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
        raise LineageError(LINEAGE_MODEL_INVALID, f"cannot read the lineage model: {exc}",
                           location=where) from None
    if tuple(raw.features) != FEATURES or len(raw.weights) != len(FEATURES):
        raise LineageError(LINEAGE_MODEL_INVALID,
                           f"the model's features {raw.features} are not the ones this version "
                           f"computes {list(FEATURES)}; refit it", location=where)
    return FittedModel(tuple(raw.weights), raw.intercept)
