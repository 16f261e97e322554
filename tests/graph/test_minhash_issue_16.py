"""Issue 16, target 6 (reading's CPU): the dedupe fingerprint's MinHash is computed with
less Python per shingle, and its values are datasketch's own, bit for bit, so no
near-duplicate decision or stored similarity moves."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from govtrace.graph import minhash
from govtrace.graph.build import demo_corpus
from govtrace.graph.duplicates import SHINGLE, _differing, fingerprint
from govtrace.ingest.extract import extract_record
from govtrace.ingest.normalize import normalize
from govtrace.ingest.readers import read_source
from govtrace.settings import Settings


def _datasketch(shingles: set[str]) -> np.ndarray:
    """What the fingerprint stored before: datasketch's MinHash of the sorted shingles."""
    reference = MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED, scheme=minhash.SCHEME)
    reference.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    values: np.ndarray = reference.hashvalues.astype("<u4")
    return values


def _random_shingles(rng: random.Random, count: int) -> set[str]:
    alphabet = "政府依法行政推进法治建设各级人民abc1（）。\U00020000\U0002a6d6 é"
    return {"".join(rng.choice(alphabet) for _ in range(rng.randint(0, SHINGLE)))
            for _ in range(count)}


def test_signature_is_datasketchs_minhash_bit_for_bit_issue_16() -> None:
    rng = random.Random(16)
    sets = [set(), {""}, {"一"}, *(_random_shingles(rng, n) for n in (1, 5, 255, 256, 257,
                                                                      1000, 3000))]
    for shingles in sets:
        got = minhash.signature(shingles)
        assert got.dtype == np.uint32
        assert np.array_equal(got, _datasketch(shingles)), len(shingles)


def test_forgetting_remembered_hashes_keeps_the_values_issue_16(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(6)
    monkeypatch.setattr(minhash, "KNOWN_SHINGLES", 300)
    monkeypatch.setattr(minhash, "_known", {})
    # 800 random shingles: more distinct ones than the bound (a second reader's find: one
    # document's were all remembered, past the bound)
    for count in (100, 250, 200, 50, 299, 800, 120):
        shingles = _random_shingles(rng, count)
        assert np.array_equal(minhash.signature(shingles), _datasketch(shingles))
        assert len(minhash._known) <= 300
    again = _random_shingles(random.Random(6), 100)  # the first set: remembered, or not
    assert np.array_equal(minhash.signature(again), _datasketch(again))


@pytest.mark.parametrize("path", sorted(demo_corpus().glob("*.txt"))[:6],
                         ids=lambda path: path.stem)
def test_fingerprints_of_the_demo_corpus_keep_datasketchs_values_issue_16(path: Path) -> None:
    source = read_source(path, settings=Settings())
    text = normalize(source.content)
    printed = fingerprint(extract_record(source, text), text.text, source.content.text)
    compact = re.sub(r"\s+", "", text.text)
    shingles = {compact[i:i + SHINGLE] for i in range(max(1, len(compact) - SHINGLE + 1))}
    assert np.array_equal(printed.values(), _datasketch(shingles))
    assert printed.length == len(shingles)


def test_differing_characters_count_as_the_comparison_per_character_did_issue_16() -> None:
    rng = random.Random(60)
    alphabet = "國国發发展县縣区區后後里裡"
    for _ in range(300):
        one = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        other = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        expected = sum(a != b for a, b in zip(one, other, strict=False))
        assert _differing(one, other) == expected
