"""The scorers linking may run, by the names ``lineage_scorers`` lists them in."""

from __future__ import annotations

from collections.abc import Callable

from govtrace.errors import CONFIG_INVALID, ConfigError
from govtrace.graph.lineage.scorers.anchors import AnchorScorer
from govtrace.graph.lineage.scorers.combined import CombinedScorer
from govtrace.graph.lineage.scorers.tfidf import TfidfScorer
from govtrace.graph.lineage.seams import Scorer
from govtrace.settings import Settings

SCORERS: dict[str, Callable[[Settings], Scorer]] = {
    "exact-anchor": AnchorScorer.of,
    "tfidf": TfidfScorer.of,
    "combined": CombinedScorer.of,
}


def scorers_of(settings: Settings) -> list[Scorer]:
    """The scorers ``settings.lineage_scorers`` names, in its order."""
    unknown = [name for name in settings.lineage_scorers if name not in SCORERS]
    if unknown or not settings.lineage_scorers:
        raise ConfigError(CONFIG_INVALID, f"lineage_scorers {settings.lineage_scorers} names "
                          f"no scorer or an unknown one {unknown}",
                          hint=f"List one or more of {', '.join(SCORERS)}, most certain first.")
    return [SCORERS[name](settings) for name in settings.lineage_scorers]
