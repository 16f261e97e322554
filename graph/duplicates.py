"""Near-duplicate documents: which files are the same document scraped twice, and which
copy of each is canonical.

The same document often arrives twice: from the official site and from a mirror
(traditional characters, pinyin after characters, watermark text injected mid-word), or
as both the 印发通知 page and its attachment. Each document gets a :class:`Fingerprint`
from its *normalized* text (normalization already turns traditional into simplified and
strips pinyin) and its record; :func:`resolve` groups near-duplicates and keeps one
canonical document per group. The result depends on the set of fingerprints only, so an
incremental build decides exactly as a build from scratch would.

**Similarity.** MinHash (datasketch, 256 permutations) of the character 5-shingles of the
normalized text (blanks removed), candidates from LSH banding, each candidate pair
verified on its estimated Jaccard similarity. Measured (exact Jaccard, 5-shingles):

* copies: mirrors of the simplified seeds (s2t + pinyin after every character, or only
  after converted ones) with 1 / 8 / 30 injected 22-character watermarks: 0.990–0.997 /
  0.961–0.989 / 0.880–0.964 (the 3,000-character seed 001 with 30 marks is the low end);
  seed 000's notice page vs its attachment alone: 0.988; seed 002 (traditional with
  pinyin) vs its simplified original: 1.000.
* distinct documents: the seeds and real openings against each other: at most 0.131. The
  1k synthetic corpus (bench/synthetic_corpus.py): at most **0.938**, between two
  provinces' implementation schemes, which are the regional seed with the province's name
  swapped in and a few synonyms changed. No text measure separates those from a
  watermarked copy, so a pair must also not conflict on what identifies a document
  (:class:`Identity`: jurisdiction, years covered, 文号). With that guard the nearest
  distinct pair left is at **0.762** (a city's plan and its county's plan, which derives
  from it: nested divisions are compatible). A division's plans of two years: at most 0.345
  in an 8k synthetic corpus (401 pairs, median 0.148); seed 000 with every 2024 made 2025
  is estimated at 1.0 and told apart by its years alone.

:data:`THRESHOLD` 0.90 has margins of 0.061 to the nearest realistic copy (0.961) and
0.138 to the nearest compatible distinct pair (0.762). MinHash's standard error with 256
permutations is 0.012 at J = 0.96 and 0.027 at J = 0.76: both pairs are more than four
standard errors from the threshold.

**Why MinHash and not SimHash.** A 64-bit SimHash of the same shingles put the copies
above at Hamming distance 0–7 and the distinct province schemes at 3–8: the ranges
overlap, because a 64-bit sketch resolves cosine similarity near 1 coarsely. MinHash
estimates the Jaccard similarity itself, with an error we can bound, and costs 1 KB a
document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import networkx as nx
import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from govtrace.graph.minhash import NUM_PERM, SCHEME, SEED, signature
from govtrace.ontology.divisions import get_gazetteer

if TYPE_CHECKING:
    from opencc import OpenCC

    from govtrace.ingest.record import DocumentRecord

SHINGLE = 5
THRESHOLD = 0.90
"""Estimated Jaccard similarity at or above which two compatible documents are copies.
Margins (measured, see the module doc): 0.061 below the nearest realistic copy (0.961, the
3,000-character seed 001 with 8 watermarks), 0.138 above the nearest compatible distinct
pair (0.762); copies with a watermark every 100 characters (0.88) fall below it and stay
separate documents: a missed copy costs double tasks, a false merge loses a document."""
LSH_BANDS = (32, 8)
"""32 bands of 8 rows: a pair at J = 0.9 becomes a candidate with probability 1 − (1 −
0.9⁸)³² > 0.9999, one at 0.5 with 0.12 (then rejected by the verification); fixed rather
than datasketch's optimizer, which integrates for a second at every build."""
LENGTH_TOLERANCE = 0.10
"""Texts within 10% of the longest of a group (in distinct shingles) count as equally
complete, so injected watermarks and a notice's few lines do not outweigh a simplified
original. Measured on 50 mirrors of the 1k synthetic corpus (6 watermarks each, 2–7k
characters): with raw lengths and 5%, 41 mirrors beat their originals; in distinct
shingles the mirrors are 0.5–5.1% longer and lose to them, except 2 whose originals are
themselves traditional with pinyin (then the longer wins)."""
CONVERTED_SHARE = 0.01
"""Share of Han characters OpenCC t2s changes above which a source text counts as
converted (a simplified text keeps a few traditional characters in names)."""

_BLANKS = re.compile(r"\s+")
_GOV_DOMAIN = re.compile(r"(?:^|[^a-z0-9-])(?:[a-z0-9-]+\.)*gov\.cn\b")
_NOT_HAN = re.compile("[^\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Identity:
    """What identifies a document beyond its wording; near-identical texts that differ
    here are different documents (one province's scheme copied by another)."""

    adcode: str | None = None
    years: tuple[int, int] | None = None
    numbers: frozenset[str] = frozenset()

    def conflicts(self, other: Identity) -> bool:
        if self.adcode and other.adcode and not _nested(self.adcode, other.adcode):
            return True
        if self.years and other.years and self.years != other.years:
            return True
        return bool(self.numbers and other.numbers and not self.numbers & other.numbers)


def _nested(a: str, b: str) -> bool:
    """Whether one division contains the other (a city's 150600 and its county 150626):
    a text read without its sidecar may resolve only to the enclosing division."""
    if a == b:
        return True
    gazetteer = get_gazetteer()
    one, other = gazetteer.by_code(a), gazetteer.by_code(b)
    return gazetteer.is_within(one, other) or gazetteer.is_within(other, one)


@dataclass(frozen=True)
class Fingerprint:
    """All the dedupe step keeps of one document (about 1.1 KB, cached between builds)."""

    doc_id: str
    sha256: str
    signature: bytes = field(repr=False)
    """The MinHash values as little-endian uint32."""
    length: int
    """Distinct 5-shingles of the normalized text: its length, with a watermark or page
    furniture repeated throughout counted once."""
    items: int
    """Tasks and report items extracted."""
    official: bool
    """Published on a gov.cn site (source_url or publisher)."""
    converted: bool
    """The source was traditional or carried pinyin."""
    identity: Identity = Identity()

    def values(self) -> np.ndarray:
        return np.frombuffer(self.signature, dtype="<u4")

    def similarity(self, other: Fingerprint) -> float:
        return float(np.mean(self.values() == other.values()))


@dataclass(frozen=True)
class Copy:
    doc_id: str
    canonical: str
    similarity: float
    """Estimated Jaccard similarity to the canonical document, rounded to 3 places."""


def fingerprint(record: DocumentRecord, normalized: str, source_text: str) -> Fingerprint:
    """The fingerprint of a document from its record, normalized text and readable source
    text (before normalization)."""
    compact = _BLANKS.sub("", normalized)
    shingles = {compact[i:i + SHINGLE] for i in range(max(1, len(compact) - SHINGLE + 1))}
    years = (record.covers.first, record.covers.last) if record.covers else None
    identity = Identity(
        adcode=record.jurisdiction.adcode if record.jurisdiction else None, years=years,
        numbers=frozenset(n.canonical for n in record.document_numbers))
    return Fingerprint(
        doc_id=record.source.doc_id, sha256=record.source.sha256,
        signature=signature(shingles).astype("<u4").tobytes(), length=len(shingles),
        items=len(record.tasks) + len(record.report_items), official=is_official(record),
        converted=is_converted(source_text), identity=identity)


def is_official(record: DocumentRecord) -> bool:
    """Whether the record says the text was published on a gov.cn domain."""
    if record.source_url is not None:
        host = (urlsplit(record.source_url.value).hostname or "").lower()
        if host == "gov.cn" or host.endswith(".gov.cn"):
            return True
    publisher = record.publisher
    return publisher is not None and any(
        _GOV_DOMAIN.search(text.lower()) for text in (publisher.value, publisher.basis or ""))


def is_converted(source_text: str) -> bool:
    """Whether a readable text was traditional or annotated with pinyin, i.e. converted
    by normalization rather than read as published in simplified characters."""
    from govtrace.ingest.normalize_pinyin import annotation_edits

    if next(iter(annotation_edits(source_text.replace("（", "(").replace("）", ")"))), None):
        return True
    han = _NOT_HAN.sub("", source_text)
    if not han:
        return False
    simplified: str = _t2s().convert(han)
    return _differing(han, simplified) > CONVERTED_SHARE * len(han)


def _differing(one: str, other: str) -> int:
    """How many characters differ at the same position, up to the shorter text's end
    (compared as code-point arrays: a Python comparison per character cost a document
    0.4 ms)."""
    if one == other:
        return 0
    length = min(len(one), len(other))
    return int(np.count_nonzero(_code_points(one[:length]) != _code_points(other[:length])))


def _code_points(text: str) -> np.ndarray:
    # surrogatepass: a lone surrogate compares as its code point, as a character did
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


@cache
def _t2s() -> OpenCC:
    from opencc import OpenCC

    return OpenCC("t2s")


def resolve(fingerprints: Mapping[str, Fingerprint]) -> dict[str, Copy]:
    """Every copy with its canonical document; documents not listed are canonical.

    Pairs at or above :data:`THRESHOLD` that do not conflict on identity form groups
    (connected components); each group keeps :func:`choose`'s document, the members
    similar to it become its copies, and the rest are grouped again, so a copy always
    points at a canonical document and a chain of resemblances never merges two documents
    that do not resemble each other.
    """
    edges = similar_pairs(fingerprints.values())
    copies: dict[str, Copy] = {}
    pending = sorted({d for pair in edges for d in pair})
    while pending:
        rest: list[str] = []
        for group in _components(pending, edges):
            canonical = choose([fingerprints[d] for d in group])
            for doc_id in group:
                if doc_id == canonical.doc_id:
                    continue
                if (doc_id, canonical.doc_id) in edges:
                    copies[doc_id] = Copy(doc_id, canonical.doc_id, round(
                        fingerprints[doc_id].similarity(canonical), 3))
                else:
                    rest.append(doc_id)
        pending = sorted(rest)
    return copies


def similar_pairs(fingerprints: Iterable[Fingerprint]) -> set[tuple[str, str]]:
    """Both orders of every compatible pair at or above :data:`THRESHOLD`."""
    prints = {fp.doc_id: fp for fp in fingerprints}
    lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
    for doc_id in sorted(prints):
        lsh.insert(doc_id, _lean(prints[doc_id]), check_duplication=False)
    pairs: set[tuple[str, str]] = set()
    for doc_id in sorted(prints):
        mine = prints[doc_id]
        for other in lsh.query(_lean(mine)):
            theirs = prints[other]
            if (other != doc_id and mine.similarity(theirs) >= THRESHOLD
                    and not mine.identity.conflicts(theirs.identity)):
                pairs |= {(doc_id, other), (other, doc_id)}
    return pairs


def _lean(fp: Fingerprint) -> LeanMinHash:
    return LeanMinHash(seed=SEED, scheme=SCHEME, hashvalues=fp.values())


def _components(nodes: list[str], edges: set[tuple[str, str]]) -> list[list[str]]:
    """The groups of two or more documents that ``edges`` connect among ``nodes``."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    allowed = set(nodes)
    graph.add_edges_from((a, b) for a, b in edges if a in allowed and b in allowed)
    return sorted(sorted(group) for group in nx.connected_components(graph) if len(group) > 1)


def choose(members: list[Fingerprint]) -> Fingerprint:
    """The canonical document of a group: the official source, then the more complete text
    (more tasks and items, then length within :data:`LENGTH_TOLERANCE` of the longest),
    then a simplified original over a converted text, then the longest, then doc_id."""
    pool = [m for m in members if m.official] or members
    most = max(m.items for m in pool)
    pool = [m for m in pool if m.items == most]
    longest = max(m.length for m in pool)
    pool = [m for m in pool if m.length >= (1 - LENGTH_TOLERANCE) * longest]
    pool = [m for m in pool if not m.converted] or pool
    return min(pool, key=lambda m: (-m.length, m.doc_id))
