"""The linking stage's fast paths (issue 17: link time within 1.5× of the pre-issue linker)
give exactly what the plain paths gave: the same words, phrases, cosines, features and links.

Feature values must stay bit-identical: the combined scorer's model was fit on them. Each
fast path is checked against the plain computation it replaced, on the seeds and on a small
reworded synthetic corpus; the last test swaps every fast path for its plain twin at once
and compares the features and the links. (How much faster they are is measured by
``bench/scorer_time_bench.py``, not here.)
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

import jieba
import numpy as np
import pytest

from bench.synthetic_corpus import generate
from govtrace.graph.lineage import linker, phrases, scorers, similarity, words
from govtrace.graph.lineage.corpus import JOINT, CorpusIndex, Unit
from govtrace.graph.lineage.documents import document_links
from govtrace.graph.lineage.features import LEVELS, document_features
from govtrace.graph.lineage.phrases import Match, _trimmed, shared_phrases
from govtrace.graph.lineage.scorers import anchors, combined, tfidf
from govtrace.graph.lineage.seams import Scorer
from govtrace.graph.lineage.seeds import seed_records
from govtrace.graph.lineage.similarity import LevelMatrices, Matrix, Space
from govtrace.graph.lineage.synonyms import canonical
from govtrace.ingest.batch import ingest_paths
from govtrace.ingest.extract import extract_record
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.outline import national_outline_record
from govtrace.ingest.record import DocumentRecord, Span
from govtrace.ontology.divisions import Gazetteer
from govtrace.settings import Settings

COMBINED = ["exact-anchor", "combined", "tfidf"]
_PUNCT = re.compile(r"[\s，。、；：,.;:！？!?“”\"‘’'（）()《》〈〉<>＜＞【】\[\]—\-－·…/]")


@pytest.fixture(scope="module", params=["seeds", "synthetic"])
def records(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> list[DocumentRecord]:
    if request.param == "seeds":
        return seed_records(Settings())
    corpus = tmp_path_factory.mktemp("reworded")
    generate(40, 7, corpus, rewording=0.5)
    return [*ingest_paths([corpus], settings=Settings(), extract=extract_record).records,
            national_outline_record()]


@pytest.fixture(scope="module")
def index(records: list[DocumentRecord], gazetteer: Gazetteer) -> CorpusIndex:
    return CorpusIndex(gazetteer, records)


def _texts(index: CorpusIndex) -> list[str]:
    """Every text linking segments: items, titles, report sentences."""
    out: list[str] = []
    for view in index.views:
        for unit in view.units:
            out += [unit.text, unit.title, *re.split(r"(?<=[。；！？;!?])", unit.body)]
    return [t for t in dict.fromkeys(out) if t]


def _pairs(index: CorpusIndex) -> Iterator[tuple[Unit, Unit]]:
    """Each plan task with each item of its candidate levels."""
    for view in index.views:
        for level in linker.CANDIDATES.levels(view, document_links(view, index), index):
            for child in view.units:
                for parent in level.units:
                    yield child, parent


@pytest.fixture(scope="module")
def stock() -> jieba.Tokenizer:
    """jieba's own tokenizer with the same user words."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for term in (*words.glossary_terms(), *canonical()):
        tokenizer.add_word(term)
    return tokenizer


def _plain_words(tokenizer: jieba.Tokenizer, text: str) -> Counter[str]:
    """words() as it was: the whole text through jieba's cut, then filtered."""
    synonyms = canonical()
    return Counter(synonyms.get(w, w) for w in tokenizer.cut(text, HMM=False)
                   if w not in words._SKIP and any(c.isalnum() for c in w))


def _plain_phrases(child: str, parent: str, min_length: int) -> tuple[Match, ...]:
    """shared_phrases() as it was: an index of the parent's grams, then greedy tiling."""
    where: defaultdict[str, list[int]] = defaultdict(list)
    for j in range(len(parent) - min_length + 1):
        if JOINT not in parent[j:j + min_length]:
            where[parent[j:j + min_length]].append(j)
    found: list[Match] = []
    i = 0
    while i <= len(child) - min_length:
        best_j, best_len = -1, 0
        for j in where.get(child[i:i + min_length], ()):
            length = min_length
            while (i + length < len(child) and j + length < len(parent)
                   and child[i + length] == parent[j + length] != JOINT):
                length += 1
            if length > best_len:
                best_j, best_len = j, length
        if best_len and _PUNCT.sub("", child[i:i + best_len]):
            found.append(_trimmed(child, Match(i, best_j, best_len)))
            i += best_len
        else:
            i += 1
    return tuple(found)


def _plain_products(space: Space, vectors: list[dict[str, float]], parents: Matrix
                    ) -> Matrix:
    """Space.products() as it was: each row's terms picked out of the dense matrix, summed."""
    out = np.zeros((len(vectors), parents.shape[1]))
    for row, vector in enumerate(vectors):
        terms = [(k, w) for t, w in vector.items() if (k := space.index.get(t)) is not None]
        if terms:
            rows, weights = zip(*terms, strict=True)
            out[row] = (np.asarray(weights)[:, None] * parents[list(rows)]).sum(axis=0)
    return out


def _plain_tfidf_products(space: Space, bags: list[Counter[str]], parents: Matrix
                          ) -> Matrix:
    """Space.tfidf_products() as it was: the bags' TF-IDF vectors as dictionaries, summed."""
    return _plain_products(space, [space.idf.vector(b) for b in bags], parents)


def _plain_by_term(space: Space, vectors: list[dict[str, float]]) -> Matrix:
    """Space.by_term() as it was: one weight set at a time."""
    out = np.zeros((len(space.index), len(vectors)))
    for column, vector in enumerate(vectors):
        for term, weight in vector.items():
            out[space.index[term], column] = weight
    return out


def _plain_locate(piece: tuple[str, Span, int], pos: int, *, at_end: bool) -> int:
    """phrases._locate() as it was: every piece through its character map, the identity
    map built for a piece whose source characters are its text."""
    text, span, offset = piece
    local = min(max(pos - offset, 0), max(len(text) - 1, 0))
    if span.exact == text:
        identity = MappedText.identity(text, span.start)
        return identity.ends[local] if at_end else identity.starts[local]
    starts, ends = phrases._char_map(text, span.exact, span.start)
    return ends[local] if at_end else starts[local]


def _levels(index: CorpusIndex) -> Iterator[tuple[list[Unit], LevelMatrices]]:
    """Each document's items with each of its candidate levels' matrices."""
    for view in index.views:
        for level in linker.CANDIDATES.levels(view, document_links(view, index), index):
            yield list(view.units), LEVELS.get(level)


def test_the_fast_segmenter_cuts_every_text_as_jieba_does_issue_17(
        index: CorpusIndex, stock: jieba.Tokenizer) -> None:
    """The overridden route (memoised word terms, one look-up per prefix) and the per-block
    cache give jieba's own words for every text, in the same order and counts."""
    texts = _texts(index)
    fast = words._tokenizer()
    assert [list(fast.cut(t, HMM=False)) for t in texts] == [
        list(stock.cut(t, HMM=False)) for t in texts]
    for text in texts:
        got, want = words.words(text), _plain_words(stock, text)
        assert list(got.items()) == list(want.items()), text


def test_shared_phrases_are_those_the_indexed_search_found_issue_17(index: CorpusIndex) -> None:
    """``str.find`` over the parent finds the phrases, and their places, that the index of
    the parent's grams found (the first of the longest on a tie)."""
    pairs = list(_pairs(index))
    assert pairs
    for child, parent in pairs:
        assert shared_phrases(child.text, parent.text, 4) == _plain_phrases(
            child.text, parent.text, 4), (child.ref, parent.ref)


def test_products_over_postings_are_the_dense_sums_issue_17(index: CorpusIndex) -> None:
    """Summing each term's non-zero entries gives the very floats of the dense sums, for
    every level (a one-parent level included: numpy sums one column in another order)."""
    seen = 0
    for view in index.views:
        for level in linker.CANDIDATES.levels(view, document_links(view, index), index):
            matrices = LEVELS.get(level)
            vectors = [matrices.chars.idf.vector(tfidf.ngrams(u.text)) for u in view.units]
            word_vectors = [matrices.word_space.idf.vector(words.words(u.text))
                            for u in view.units]
            for space, vecs, parents in ((matrices.chars, vectors, matrices.full),
                                         (matrices.chars, vectors, matrices.title_share_chars),
                                         (matrices.word_space, word_vectors,
                                          matrices.word_vectors)):
                assert np.array_equal(space.products(vecs, parents),
                                      _plain_products(space, vecs, parents))
                seen += 1
    assert seen
    single = Space(tfidf.Idf([Counter({"a": 1, "b": 2})]), [Counter({"a": 1, "b": 2})])
    column = np.array([[0.1], [0.7]])
    many = [{"a": 0.3, "b": 0.2 * k} for k in range(12)]
    assert np.array_equal(single.products(many, column), _plain_products(single, many, column))


def test_tfidf_products_are_those_of_the_tfidf_vectors_issue_17(index: CorpusIndex) -> None:
    """The TF-IDF vectors computed as arrays give the very floats of ``Idf.vector``'s
    dictionaries summed, for characters, titles and words (bodies and bare titles)."""
    seen = 0
    for units, matrices in _levels(index):
        for space, bag, parents in (
                (matrices.chars, lambda u: tfidf.ngrams(u.text), matrices.full),
                (matrices.title_chars, lambda u: tfidf.ngrams(u.title), matrices.titles),
                (matrices.word_space, lambda u: words.words(u.text), matrices.word_vectors)):
            bags = [bag(u) for u in units]
            assert np.array_equal(space.tfidf_products(bags, parents),
                                  _plain_tfidf_products(space, bags, parents))
            seen += 1
    assert seen
    # A term frequency past the table of 1 + log(tf), a term no parent has, an empty bag,
    # and an IDF over more terms than the vocabulary (then the vectors are built as before).
    bags = [Counter({"ab": 1, "bc": 2}), Counter({"ab": 70, "zz": 3}), Counter()]
    for idf in (tfidf.Idf(bags[:1]), tfidf.Idf([*bags[:1], Counter({"yy": 1})])):
        space = Space(idf, bags[:1])
        parents = np.array([[0.1, 0.2], [0.7, 0.0]])
        assert np.array_equal(space.tfidf_products(bags, parents),
                              _plain_tfidf_products(space, bags, parents))


def test_level_vectors_laid_out_by_term_are_those_set_one_by_one_issue_17(
        index: CorpusIndex) -> None:
    """Each weight placed with the vector's other weights at once, as one at a time."""
    for _, matrices in _levels(index):
        space = matrices.chars
        vectors = [space.idf.vector(tfidf.ngrams(u.text)) for u in matrices.parents]
        assert np.array_equal(space.by_term(vectors), _plain_by_term(space, vectors))
    space = Space(tfidf.Idf([Counter({"ab": 1})]), [Counter({"ab": 1})])
    assert np.array_equal(space.by_term([{}, {"ab": 0.5}]), np.array([[0.0, 0.5]]))


def test_the_tfidf_scorer_and_the_level_matrices_share_one_pool_issue_17(
        index: CorpusIndex) -> None:
    """A level's items are vectorised once for both scorers, as a fresh pool would be."""
    for view in index.views:
        for level in linker.CANDIDATES.levels(view, document_links(view, index), index):
            ranking = tfidf.TfidfScorer.of(Settings()).rank(view.units[0], level)
            assert ranking.pool is tfidf.parent_pool(tuple(level.units))
            fresh = tfidf.ParentPool(level.units)
            assert ranking.pool.profiles == fresh.profiles
            assert LEVELS.get(level).chars.idf is ranking.pool.idf


def test_source_ranges_are_those_of_the_character_maps_issue_17(index: CorpusIndex) -> None:
    """A piece whose source characters are its text is located without building its map,
    at the very offsets the map gave, start and end, inside and past its ends."""
    pieces = 0
    for view in index.views:
        for unit in view.units:
            located = [(unit.title, unit.title_span, 0)]
            if unit.body and unit.body_span is not None:
                located.append((unit.body, unit.body_span, len(unit.title) + 1))
            for piece in located:
                offset, n = piece[2], len(piece[0])
                for pos in {offset - 1, offset, offset + n // 2, offset + n - 1, offset + n + 3}:
                    for at_end in (False, True):
                        assert phrases._locate(piece, pos, at_end=at_end) == _plain_locate(
                            piece, pos, at_end=at_end), (unit.ref, pos, at_end)
                pieces += 1
    assert pieces


def _digest(index: CorpusIndex) -> str:
    """sha256 of every plan's features against each of its levels."""
    digest = hashlib.sha256()
    for view in sorted(index.views, key=lambda v: v.doc_id):
        if view.is_report:
            continue
        for level in linker.CANDIDATES.levels(view, document_links(view, index), index):
            digest.update(document_features(view.units, level).values.tobytes())
    return digest.hexdigest()


def _clear_caches() -> None:
    for cached in (words.words, words._block_words, shared_phrases, tfidf.ngrams,
                   phrases._char_map):
        cached.cache_clear()
    LEVELS.clear()
    tfidf._POOLS.clear()


def test_features_and_links_are_those_of_the_plain_paths_issue_17(
        index: CorpusIndex, stock: jieba.Tokenizer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fast path swapped for its plain twin at once (jieba's tokenizer on whole texts,
    the indexed phrase search, the dense sums, the TF-IDF vectors as dictionaries, weights
    laid out one by one, character maps for every piece, a pool per use): the features, bit
    for bit, and the links (parents, confidences, evidence, contributions) are the same."""
    fast = (_digest(index), linker.link_documents(
        index, [v.doc_id for v in index.views], settings=Settings(lineage_scorers=COMBINED)))
    monkeypatch.setattr(words, "_tokenizer", lambda: stock)
    monkeypatch.setattr(words, "_blocks", lambda text: [text])
    monkeypatch.setattr(Space, "products", _plain_products)
    monkeypatch.setattr(Space, "tfidf_products", _plain_tfidf_products)
    monkeypatch.setattr(Space, "by_term", _plain_by_term)
    monkeypatch.setattr(phrases, "_locate", _plain_locate)
    monkeypatch.setattr(similarity, "parent_pool", tfidf.ParentPool)
    monkeypatch.setattr(tfidf, "parent_pool", tfidf.ParentPool)
    for module in (linker, combined, tfidf, anchors):
        monkeypatch.setattr(module, "shared_phrases", _plain_phrases)
    _clear_caches()
    try:
        plain = (_digest(index), linker.link_documents(
            index, [v.doc_id for v in index.views], settings=Settings(lineage_scorers=COMBINED)))
    finally:
        _clear_caches()
    assert fast[0] == plain[0]
    assert fast[1].task_links and fast[1] == plain[1]


def test_link_documents_builds_the_scorers_once_issue_17(
        index: CorpusIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """Scorers are built once per call, not once per document (the combined scorer loads
    its fitted model when built)."""
    built: list[Settings] = []
    real = scorers.scorers_of

    def counting(settings: Settings) -> list[Scorer]:
        built.append(settings)
        return real(settings)

    monkeypatch.setattr(linker, "scorers_of", counting)
    ids = [v.doc_id for v in index.views]
    assert len(ids) > 1
    linker.link_documents(index, ids, settings=Settings(lineage_scorers=COMBINED))
    assert len(built) == 1

