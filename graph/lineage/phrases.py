"""Evidence for a link: the phrases child and parent share, how much of the child they
cover (text reuse), and where each phrase sits in both source files."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from govtrace.graph.lineage.corpus import JOINT, Unit
from govtrace.graph.lineage.model import Evidence, SourceRange
from govtrace.ingest.normalize import normalize
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.record import Span

_PUNCT = re.compile(r"[\s，。、；：,.;:！？!?“”\"‘’'（）()《》〈〉<>＜＞【】\[\]—\-－·…/]")


@dataclass(frozen=True)
class Match:
    """``child.text[child_start:child_start+length] == parent.text[parent_start:…]``."""

    child_start: int
    parent_start: int
    length: int


@lru_cache(maxsize=1024)
def shared_phrases(child: str, parent: str, min_length: int) -> tuple[Match, ...]:
    """Maximal phrases of ``child`` found anywhere in ``parent``, greedily left to right.

    Hand-written rather than difflib's matching blocks: those keep the two texts'
    order, while a county plan reorders the scheme's sentences freely; this is
    greedy string tiling: each ``min_length``-gram of the child is looked up at every
    place it occurs in the parent (``str.find``, in C: faster than indexing the parent's
    grams in Python first) and the longest extension wins, the first on a tie.

    Cached: a link's evidence and its text reuse compare the same two texts.
    """
    if min_length < 1:
        raise ValueError("min_length must be positive")
    find = parent.find
    found: list[Match] = []
    i = 0
    while i <= len(child) - min_length:
        best_j, best_len = -1, 0
        gram = child[i:i + min_length]
        # No phrase runs across JOINT (the parent's title and body are apart in the source).
        j = -1 if JOINT in gram else find(gram)
        while j != -1:
            length = min_length
            while (i + length < len(child) and j + length < len(parent)
                   and child[i + length] == parent[j + length] != JOINT):
                length += 1
            if length > best_len:
                best_j, best_len = j, length
            j = find(gram, j + 1)
        if best_len and _PUNCT.sub("", child[i:i + best_len]):
            found.append(_trimmed(child, Match(i, best_j, best_len)))
            i += best_len
        else:
            i += 1
    return tuple(found)


def _trimmed(child: str, match: Match) -> Match:
    """``match`` without the punctuation at its edges: a phrase shown to a reader starts and
    ends on words (。严格落实… is 严格落实…); what it covers of the child is the same text."""
    piece = child[match.child_start:match.child_start + match.length]
    lead = next(k for k, ch in enumerate(piece) if not _PUNCT.match(ch))
    trail = next(k for k, ch in enumerate(reversed(piece)) if not _PUNCT.match(ch))
    return Match(match.child_start + lead, match.parent_start + lead,
                 match.length - lead - trail)


def text_reuse(child: str, matches: Sequence[Match]) -> float:
    """Share of the child's non-punctuation characters inside shared phrases."""
    covered = sum(len(_PUNCT.sub("", child[m.child_start:m.child_start + m.length]))
                  for m in matches)
    total = len(_PUNCT.sub("", child))
    return round(covered / total, 3) if total else 0.0


def evidence(child: Unit, parent: Unit, matches: Sequence[Match], limit: int
             ) -> tuple[Evidence, ...]:
    """The ``limit`` longest distinct shared phrases, each located in both source texts (a
    phrase the child repeats, 行政执法 three times, is evidence once)."""
    seen: set[str] = set()
    top: list[Match] = []
    for m in sorted(matches, key=lambda m: (-m.length, m.child_start)):
        phrase = child.text[m.child_start:m.child_start + m.length]
        if phrase not in seen and len(top) < limit:
            seen.add(phrase)
            top.append(m)
    return tuple(
        Evidence(child.text[m.child_start:m.child_start + m.length],
                 source_range(child, m.child_start, m.child_start + m.length),
                 source_range(parent, m.parent_start, m.parent_start + m.length))
        for m in sorted(top, key=lambda m: m.child_start))


def source_range(unit: Unit, start: int, end: int) -> SourceRange:
    """Map ``unit.text[start:end]`` (inside the title or inside the body) to the source."""
    title_len = len(unit.title)
    pieces: list[tuple[str, Span, int]] = [(unit.title, unit.title_span, 0)]
    if unit.body and unit.body_span is not None:
        pieces.append((unit.body, unit.body_span, title_len + 1))
    piece = pieces[-1] if start >= pieces[-1][2] else pieces[0]
    s = _locate(piece, start, at_end=False)
    e = max(s, _locate(piece, end - 1, at_end=True))
    return SourceRange(unit.ref.doc_id, s, e, piece[1].exact[s - piece[1].start:e - piece[1].start])


def _locate(piece: tuple[str, Span, int], pos: int, *, at_end: bool) -> int:
    """Source offset where character ``pos`` of the unit text starts (or ends)."""
    text, span, offset = piece
    local = min(max(pos - offset, 0), max(len(text) - 1, 0))
    if text and span.exact == text:
        # The source characters themselves (most spans): the map is the identity, and
        # building it for each of the thousands of texts evidence comes from cost more
        # than the look-up.
        return span.start + local + at_end
    starts, ends = _char_map(text, span.exact, span.start)
    return ends[local] if at_end else starts[local]


@lru_cache(maxsize=4096)
def _char_map(text: str, exact: str, offset: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Source start and end of every character of ``text``, the normalized form of
    ``exact`` (which starts at source offset ``offset``), when the two differ.

    Re-normalizing the span with ingest's own normalizer gives the exact map
    when the result equals ``text``; otherwise (normalization that looked past
    the span's edges) the two normalized texts are aligned and characters the
    alignment skips take their neighbours' positions.
    """
    mapped = normalize(MappedText.identity(exact, offset))
    if mapped.text == text:
        return mapped.starts, mapped.ends
    n = len(text)
    starts: list[int | None] = [None] * n
    ends: list[int | None] = [None] * n
    blocks = difflib.SequenceMatcher(None, text, mapped.text, autojunk=False).get_matching_blocks()
    for a, b, size in blocks:
        for k in range(size):
            starts[a + k], ends[a + k] = mapped.starts[b + k], mapped.ends[b + k]
    return _fill(starts, offset), _fill(ends, offset + len(exact))


def _fill(values: list[int | None], default: int) -> tuple[int, ...]:
    """Unaligned characters take the previous aligned position (the next one at the start)."""
    first = next((v for v in values if v is not None), default)
    out: list[int] = []
    last = first
    for v in values:
        last = v if v is not None else last
        out.append(last)
    return tuple(out)
