"""HTTP ``Accept`` negotiation for SPARQL results.

Hand-written because the rules needed are small (media ranges with q-values,
RFC 9110 §12.5.1) and the candidate lists differ per query form; a library
such as python-mimeparse would add a dependency for these dozen lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

# What ``Accept: */*`` (or no Accept) gets, per form: the formats most clients expect.
# The media types the routes name, each spelled once.
HTML = "text/html"
JSON = "application/json"
CSV = "text/csv"
DEFAULT_SOLUTIONS = "application/sparql-results+json"
DEFAULT_GRAPH = "text/turtle"
# Common aliases clients send for the same formats.
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/tsv": "text/tab-separated-values",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json-ld": "application/ld+json",
}


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((ALIASES.get(media.lower(), media.lower()), quality))
    return ranges


# Cached: a client sends the same Accept with every request, and negotiating it (twice per
# query) was a twentieth of /sparql's own time for `ASK {}` (issue 16).
@lru_cache(maxsize=128)
def negotiate(accept: str | None, offered: tuple[str, ...], default: str) -> str | None:
    """The offered type the client prefers most, ``default`` for ``*/*``, or None."""
    if not accept or not accept.strip():
        return default
    best: tuple[float, int, str] | None = None
    for media, quality in _ranges(accept):
        if quality <= 0:
            continue
        candidate = _match(media, quality, offered, default)
        if candidate is None:
            continue
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


def _match(media: str, quality: float, offered: Sequence[str], default: str
           ) -> tuple[float, int, str] | None:
    if media in offered:
        return (quality, 2, media)  # an exact match beats a wildcard of equal q
    if media == "*/*" or (media.endswith("/*") and default.startswith(media[:-1])):
        return (quality, 1, default)
    if media.endswith("/*"):
        return next(((quality, 1, o) for o in offered if o.startswith(media[:-1])), None)
    return None
