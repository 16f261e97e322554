"""The MinHash signature of a set of shingles: datasketch's values, bit for bit, with less
Python per shingle.

datasketch's ``MinHash(scheme="affine32").update_batch`` hashes each value with a Python
call (``sha1_hash32``: a SHA-1 digest, its first 4 bytes through ``struct.unpack``), then
applies every permutation to every hash at once, a (shingles × permutations) matrix of
several megabytes. That was a third of a build worker's extraction CPU (2.5 ms a document of
the 1k corpus, whose 1,860 distinct shingles a document are mostly the wording every policy
document repeats). Here the same arithmetic (:func:`signature`):

* a shingle's hash is remembered by the process that computed it (90–92% of a document's
  distinct shingles were met in an earlier document of the same worker, in the synthetic
  1k and 10k corpora; a corpus that repeats itself less pays one set probe a shingle more),
  and the others are hashed by C loops (``map``), their digests read with one
  ``np.frombuffer``;
* the permutations are applied a block of rows at a time, so the products stay in cache.

What is hand-written is datasketch's ``affine32`` arithmetic itself (the MurmurHash3
finalizer, then ``a * h + b`` modulo 2³², then the minimum over shingles); datasketch still
draws the permutations, and the tests compare the values with its own ``MinHash``.
"""

from __future__ import annotations

import hashlib
from functools import cache
from operator import itemgetter, methodcaller

import numpy as np
from datasketch import MinHash

NUM_PERM = 256
SEED = 1
SCHEME = "affine32"
"""datasketch 2's hashing scheme, named so cached signatures never mix schemes."""
KNOWN_SHINGLES = 1 << 19
"""Shingle hashes a process remembers, at most (about 170 bytes each: some 90 MB); when
full they are forgotten at once, which costs one document's hashing, not the values."""
_BLOCK = 256
"""Shingles permuted at a time: a 256 × 256 block of uint32 (256 KB) stays in cache."""

_known: dict[str, int] = {}
_digest = methodcaller("digest")


def signature(shingles: set[str]) -> np.ndarray:
    """The MinHash values (uint32) of ``shingles`` with :data:`NUM_PERM` permutations of
    seed :data:`SEED`: what datasketch's ``MinHash(num_perm=NUM_PERM, seed=SEED,
    scheme=SCHEME)`` holds after ``update_batch`` of the shingles' UTF-8 bytes."""
    return _permuted(_mixed(_hashes(shingles)))


def _hashes(shingles: set[str]) -> np.ndarray:
    """datasketch's ``sha1_hash32`` of each shingle's UTF-8 bytes, in the set's order."""
    if not shingles:
        return np.empty(0, dtype=np.uint32)
    missing = shingles.difference(_known)  # given a dict, set's C loop probes it
    if len(_known) + len(missing) > KNOWN_SHINGLES:
        _known.clear()
        missing = set(shingles)
    digests = b"".join(map(_digest, map(hashlib.sha1, map(str.encode, missing))))
    # a SHA-1 digest is 5 little-endian uint32; sha1_hash32 is the first
    hashed = dict(zip(missing, np.frombuffer(digests, dtype="<u4")[::5].tolist(), strict=True))
    lookup = hashed  # a document of more distinct shingles than the bound: all were hashed
    if len(_known) + len(hashed) <= KNOWN_SHINGLES:
        _known.update(hashed)
        lookup = _known
    # one C call looks them all up: a bound __getitem__ per shingle (a slot wrapper, called
    # through a tuple of arguments) cost twice as much; itemgetter of one key gives its
    # value, not a 1-tuple (ndmin), and of none is no getter (the empty set returns above)
    return np.array(itemgetter(*shingles)(lookup), dtype=np.uint32, ndmin=1)


def _mixed(hashes: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer datasketch's affine schemes apply to each hash
    first; uint32 arithmetic wraps as the finalizer's does."""
    h: np.ndarray = hashes ^ (hashes >> np.uint32(16))
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def _permuted(mixed: np.ndarray) -> np.ndarray:
    """The minimum of ``a * h + b`` (modulo 2³²) over the hashes, for each permutation."""
    a, b = _permutations()
    out = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    block = np.empty((_BLOCK, NUM_PERM), dtype=np.uint32)
    for start in range(0, len(mixed), _BLOCK):
        rows = mixed[start:start + _BLOCK, None]
        products = block[:len(rows)]
        np.multiply(rows, a, out=products)
        products += b
        np.minimum(out, products.min(axis=0), out=out)
    return out


@cache
def _permutations() -> np.ndarray:
    """datasketch's permutations for :data:`SEED`, its (2, :data:`NUM_PERM`) array of the
    ``a`` and the ``b``, drawn once per process (drawing them for every document cost a
    third of the fingerprint) and read-only: every signature uses them."""
    drawn: np.ndarray = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    drawn.setflags(write=False)
    return drawn
