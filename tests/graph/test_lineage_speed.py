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
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

import jieba
import numpy as np
import pytest

from bench.synthetic_corpus import generate
from govtrace.graph.lineage import (
    decide,
    features,
    linker,
    phrases,
    report_evidence,
    report_order,
    reports,
    scorers,
    seams,
    similarity,
    titles,
    words,
)
from govtrace.graph.lineage.corpus import JOINT, CorpusIndex, Unit, own_titles
from govtrace.graph.lineage.documents import document_links
from govtrace.graph.lineage.features import LEVELS, document_features
from govtrace.graph.lineage.model import ItemRef
from govtrace.graph.lineage.phrases import Match, _trimmed, shared_phrases
from govtrace.graph.lineage.scorers import anchors, combined, tfidf
from govtrace.graph.lineage.seams import Candidates, Scorer
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


def _plain_tfidf_products(space: Space, bags: list[Counter[str]], parents: Matrix,
                          terms: object = None) -> Matrix:
    """Space.tfidf_products() as it was: the bags' TF-IDF vectors as dictionaries, summed
    (the bags' terms, when given, looked up again)."""
    return _plain_products(space, [space.idf.vector(b) for b in bags], parents)


def _plain_space(self: Space, idf: tfidf.Idf, bags: list[Counter[str]]) -> None:
    """Space() as it was: the vocabulary sorted."""
    self.idf = idf
    vocabulary = sorted(set().union(*bags))
    self.index = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
    self._postings = {}


def _plain_ngrams(text: str) -> Counter[str]:
    """tfidf.ngrams() as it was: every run cut into n-grams anew."""
    return Counter([run[i:i + n] for run in tfidf._BREAK.split(text) for n in tfidf.NGRAM_SIZES
                    for i in range(len(run) - n + 1)])


def _plain_char_scores(self: LevelMatrices, children: list[Unit]) -> Matrix:
    """LevelMatrices.char_scores() as it was: the titles' terms looked up in the titles'
    vocabulary, the texts' looked up again for the bare titles' containment."""
    title = self.title_chars.tfidf_products([tfidf.ngrams(u.title) for u in children],
                                            self.titles)
    if self.has_bodies:
        return 0.7 * self.chars.tfidf_products([tfidf.ngrams(u.text) for u in children],
                                               self.full) + 0.3 * title
    found = self.chars.products([dict.fromkeys(tfidf.ngrams(u.text), 1.0) for u in children],
                                self.title_share_chars)
    return 0.5 * title + 0.5 * found


def _plain_word_scores(self: LevelMatrices, children: list[Unit]) -> tuple[Matrix, Matrix]:
    """LevelMatrices.word_scores() as it was: the words looked up once for each product."""
    bags = [words.words(u.text) for u in children]
    return (self.word_space.tfidf_products(bags, self.word_vectors),
            self.word_space.products([dict.fromkeys(b, 1.0) for b in bags], self.title_words))


def _plain_by_term(space: Space, vectors: list[dict[str, float]]) -> Matrix:
    """Space.by_term() as it was: one weight set at a time."""
    out = np.zeros((len(space.index), len(vectors)))
    for column, vector in enumerate(vectors):
        for term, weight in vector.items():
            out[space.index[term], column] = weight
    return out


def _plain_tfidf_by_term(space: Space, bags: list[Counter[str]]) -> Matrix:
    """Space.tfidf_by_term() as it was: the vectors as dictionaries, laid out one by one."""
    return _plain_by_term(space, [space.idf.vector(b) for b in bags])


def _plain_norms(weights: Matrix, sizes: list[int]) -> Matrix:
    """similarity._norms() as it was: Python's sum of each row's squares."""
    squares = (weights * weights).tolist()
    ends = np.cumsum(sizes).tolist()
    return np.array([math.sqrt(sum(squares[start:end])) or 1.0
                     for start, end in zip([0, *ends[:-1]], ends, strict=True)])


def _plain_total(bags: Iterable[Counter[str]], start: Counter[str] | None = None
                 ) -> Counter[str]:
    """words.total() as it was: counters added with ``sum``."""
    return sum(bags, Counter(start) if start else Counter())


_read_report_items = report_evidence.read_report_items


def _plain_read_report_items(items: list[tuple[Unit, list[str]]], candidates: Candidates,
                             topic: frozenset[str] = frozenset()
                             ) -> list[report_evidence.ReportReading | None]:
    """report_evidence.read_report_items() as it was: each item's pieces scored alone."""
    return [_read_report_items([item], candidates, topic)[0] for item in items]


def _plain_rank(self: combined.CombinedScorer, child: Unit, candidates: Candidates
                ) -> combined.CombinedRanking:
    """CombinedScorer.rank() as it was: every ask ranked anew."""
    bound = any(u.ref == child.ref for u in self.tasks)
    return self._rank(child, self._document_features(candidates) if bound
                      else document_features([child], candidates))


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
    laid out one by one, character maps for every piece, a pool per use, and issue 16's:
    levels from dictionaries, norms and counters summed in Python, report items scored one
    at a time, rankings and protocol checks asked anew, vocabularies sorted, each title's and
    each text's terms looked up on their own): the features, bit for bit, and the links (parents,
    confidences, evidence, contributions) are the same."""
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
    # issue 16's: levels laid out from dictionaries, norms summed in Python, counters added
    # with sum, a report's items scored one at a time, rankings and protocols asked anew.
    monkeypatch.setattr(Space, "tfidf_by_term", _plain_tfidf_by_term)
    monkeypatch.setattr(similarity, "_norms", _plain_norms)
    for module in (report_evidence, report_order):
        monkeypatch.setattr(module, "total", _plain_total)
    monkeypatch.setattr(reports, "read_report_items", _plain_read_report_items)
    monkeypatch.setattr(combined.CombinedScorer, "rank", _plain_rank)
    monkeypatch.setattr(decide, "conforms", isinstance)
    monkeypatch.setattr(features, "marks", features.marks.__wrapped__)
    monkeypatch.setattr(Space, "__init__", _plain_space)
    monkeypatch.setattr(LevelMatrices, "char_scores", _plain_char_scores)
    monkeypatch.setattr(LevelMatrices, "word_scores", _plain_word_scores)
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



def _reports(index: CorpusIndex) -> Iterator[tuple[list[tuple[Unit, list[str]]], Candidates]]:
    """Each report's reporting items (with their sentences) and its level."""
    for view in index.views:
        if not view.is_report:
            continue
        for level in linker.CANDIDATES.levels(view, document_links(view, index), index):
            said = [(u, s) for u in view.units if (s := reports._reporting(u)) is not None]
            yield said, level


def test_a_report_read_at_once_is_read_item_by_item_issue_16(
        index: CorpusIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """A report's items scored in one go (a level's products for all their pieces at once)
    give each item the very scores, pieces and words it got read alone; and the report rule
    scores a report's items with one product per level, not one per item."""
    read = 0
    for items, level in _reports(index):
        topic = report_evidence.topic_words("法治政府建设", level)
        together = report_evidence.read_report_items(items, level, topic)
        for (item, said), got in zip(items, together, strict=True):
            want = report_evidence.read_report_items([(item, said)], level, topic)[0]
            assert (got is None) == (want is None)
            if got is None or want is None:
                continue
            assert np.array_equal(got.whole, want.whole)
            assert np.array_equal(got.pieces, want.pieces)
            assert got.piece_words == want.piece_words and got.bags == want.bags
            for a, b in zip(got.sentences, want.sentences, strict=True):
                assert (a.text, a.clauses) == (b.text, b.clauses)
                assert np.array_equal(a.scores, b.scores)
                assert np.array_equal(a.clause_scores, b.clause_scores)
            read += 1
    assert read
    calls: list[int] = []
    real = report_evidence._scores

    def counting(level: LevelMatrices, probes: list[Unit], bags: list[Counter[str]]
                 ) -> Matrix:
        calls.append(len(probes))
        return real(level, probes, bags)

    monkeypatch.setattr(report_evidence, "_scores", counting)
    items, level = next((i, lv) for i, lv in _reports(index) if len(i) > 2)
    reports.choose_reported([u for u, _ in items], tfidf.TfidfScorer.of(Settings()), level,
                            tfidf.TfidfScorer.of(Settings()).reports)
    assert calls and calls[0] > len(items)  # the first call scores every item's pieces


def test_a_level_is_laid_out_from_its_bags_issue_16(index: CorpusIndex) -> None:
    """A level's matrices come from its items' bags as arrays, the very floats of the TF-IDF
    vectors as dictionaries, without making those dictionaries (the TF-IDF scorer's pool
    makes them only when it ranks itself); the title shares, made on first use, are those
    of the items' title grams and words."""
    tfidf._POOLS.clear()  # another test's ranking may have made this pool's profiles
    seen = 0
    for _, matrices in _levels(index):
        parents = matrices.parents
        fresh = LevelMatrices.of(parents)
        assert "profiles" not in vars(tfidf.parent_pool(parents))
        pool = tfidf.ParentPool(parents)
        assert np.array_equal(fresh.full, _plain_by_term(fresh.chars, [p.full for p in
                                                                      pool.profiles]))
        assert np.array_equal(fresh.titles, _plain_by_term(fresh.title_chars,
                                                           [p.title for p in pool.profiles]))
        assert np.array_equal(fresh.word_vectors, _plain_tfidf_by_term(
            fresh.word_space, [words.words(u.text) for u in parents]))
        assert np.array_equal(fresh.title_share_chars, fresh.chars.shares(
            [p.title_grams for p in pool.profiles]))
        assert np.array_equal(fresh.title_words, fresh.word_space.shares(
            [words.words(u.title) for u in parents]))
        seen += 1
    assert seen


def test_norms_are_the_python_sums_of_squares_issue_16() -> None:
    """Each row's root of its sum of squares, added along the row with numpy, is Python's
    sum one square after the other, bit for bit (an empty row, a zero row included)."""
    rng = np.random.default_rng(16)
    for _ in range(300):
        sizes = rng.integers(0, 120, size=int(rng.integers(1, 30))).tolist()
        weights = rng.random(sum(sizes)) * rng.choice([1e-4, 1.0, 37.0], size=sum(sizes))
        assert similarity._norms(weights, sizes).tolist() == _plain_norms(
            weights, sizes).tolist()
    assert similarity._norms(np.zeros(3), [0, 3]).tolist() == [1.0, 1.0]


def test_idf_weights_are_computed_once_per_document_frequency_issue_16() -> None:
    """The IDF of a gram is the formula's whatever the grams sharing its frequency."""
    bags = [Counter({"ab": 1, "bc": 2}), Counter({"ab": 3, "cd": 1}), Counter({"ef": 1})]
    idf = tfidf.Idf(bags)
    for gram, df in {"ab": 2, "bc": 1, "cd": 1, "ef": 1}.items():
        assert idf(gram) == math.log(4 / (df + 1)) + 1.0
    assert idf.weights(["ab", "zz"]) == [idf("ab"), idf.unseen]


def test_counters_added_in_place_are_their_sum_issue_16() -> None:
    """words.total gives ``sum``'s counts in ``sum``'s order (first seen first)."""
    bags = [Counter({"法治": 2, "政府": 1}), Counter({"建设": 1, "法治": 1}), Counter()]
    got = words.total(bags, Counter({"年度": 1}))
    want = _plain_total(bags, Counter({"年度": 1}))
    assert list(got.items()) == list(want.items())
    assert list(words.total(bags).items()) == list(sum(bags, Counter()).items())
    assert words.total([]) == Counter()


def test_a_task_is_ranked_once_per_level_issue_16(
        index: CorpusIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """The decisions after the first (gaps, an anchored task's partners, items no task took)
    get the ranking the first decision made, not a new one; a ranking's protocol is checked
    once per class, as isinstance answers."""
    made: list[object] = []
    real = combined.CombinedScorer._rank

    def counting(self: combined.CombinedScorer, child: Unit, found: features.DocumentFeatures
                 ) -> combined.CombinedRanking:
        made.append((child.ref, id(found)))
        return real(self, child, found)

    monkeypatch.setattr(combined.CombinedScorer, "_rank", counting)
    linker.link_documents(index, [v.doc_id for v in index.views if not v.is_report],
                          settings=Settings(lineage_scorers=COMBINED))
    assert made and len(made) == len(set(made))
    asked = 0
    for view in index.views:
        for level in linker.CANDIDATES.levels(view, document_links(view, index), index):
            for scorer in scorers.scorers_of(Settings(lineage_scorers=COMBINED)):
                ranking = scorer.rank(view.units[0], level)
                for protocol in (decide.Probabilities, decide.Claims):
                    assert seams.conforms(ranking, protocol) == isinstance(ranking, protocol)
                    asked += 1
    assert asked


def _plain_resolve(index: CorpusIndex, cited: str, exclude: str) -> str | None:
    """CorpusIndex.resolve_title() as it was: every title of the cited title's bucket
    compared, in doc_id order."""
    for doc_id in sorted(index._titled.get(titles.bucket(cited), set()) - {exclude}):
        if any(titles.titles_match(cited, t) for t in own_titles(index[doc_id].record)):
            return doc_id
    return None


def test_cited_titles_resolve_to_what_a_scan_of_their_bucket_found_issue_16(
        index: CorpusIndex) -> None:
    """A cited title resolves by look-ups to the very document the comparison with every
    title of its bucket found: each document's titles, written with their prefixes dropped
    one character at a time, with quotes and other dashes, and cited by a document of their
    own; and titles no document has."""
    cited = ["工作计划", "法治政府建设", "某某县2023年法治政府建设工作计划"]
    for view in index.views:
        for title in own_titles(view.record):
            cited += [title[k:] for k in range(len(title))]
            cited.append(f"《{title.replace('—', '－')}》")
    excludes = ["", *(v.doc_id for v in index.views[::7])]
    for title in dict.fromkeys(cited):
        for exclude in excludes:
            got = index.resolve_title(title, exclude)
            assert (got.doc_id if got else None) == _plain_resolve(index, title, exclude), title
    assert titles.matching_keys("法治政府建设") == ("法治政府建设",)
    assert titles.matching_keys("某县法治政府建设计划") == (
        "某县法治政府建设计划", "县法治政府建设计划", "法治政府建设计划")


def test_title_terms_are_taken_from_the_text_terms_issue_16(index: CorpusIndex) -> None:
    """A child's title terms taken from its text's (a text's n-grams begin with its
    title's), a child's terms looked up once for two products and its words' IDF looked up
    at once give the scores and shares of every term looked up where it is used: every
    document's items against each of its levels (with bodies and bare titles), and every
    piece a report's items are read in."""
    seen = 0
    for units, matrices in _levels(index):
        children = [*units, *(probe for u in units for probe in _pieces(u))]
        assert np.array_equal(matrices.char_scores(children),
                              _plain_char_scores(matrices, children))
        for got, want in zip(matrices.word_scores(children),
                             _plain_word_scores(matrices, children), strict=True):
            assert np.array_equal(got, want)
        for child in children:
            assert features.unexplained_share(child.text, matrices.word_space) == (
                _plain_unexplained(child.text, matrices.word_space))
        seen += not matrices.has_bodies
    assert seen  # the national outline's bare titles were among the levels
    for text in _texts(index):
        assert list(tfidf.ngrams(text).items()) == list(_plain_ngrams(text).items())


def _plain_unexplained(text: str, space: Space) -> float:
    """features.unexplained_share() as it was: each word's IDF asked one at a time."""
    weights = {w: space.idf(w) for w in words.words(text)}
    total = sum(weights.values())
    if not total:
        return 0.0
    return sum(v for w, v in weights.items() if w not in space.index) / total


def _pieces(item: Unit) -> list[Unit]:
    """The probes a report item is read in (itself, its sentences, clauses and measures)."""
    said = reports._reporting(item)
    if said is None:
        return []
    return report_evidence._Layout.of(item, said, frozenset()).probes[1:]


def test_an_unsorted_vocabulary_gives_the_sorted_ones_shares_issue_16(
        index: CorpusIndex) -> None:
    """A vocabulary in the order its terms come adds each share's total in sorted order, as
    the sorted vocabulary's rows were added: each term's very shares, for every level's
    titles and for random bags (one column and many)."""
    def sorted_space(idf: tfidf.Idf, bags: list[Counter[str]]) -> Space:
        space = Space.__new__(Space)
        _plain_space(space, idf, bags)
        return space

    cases = []
    for _, matrices in _levels(index):
        parents = matrices.parents
        for bag in (tfidf.ngrams, words.words):
            cases.append(([bag(u.text) for u in parents], [bag(u.title) for u in parents]))
    rng = np.random.default_rng(16)
    grams = [a + b for a in "法治政府建设行政" for b in "执法复议公开决策"]
    for columns in (1, 2, 9):
        bags = [Counter(rng.choice(grams, size=int(rng.integers(1, 40))).tolist())
                for _ in range(columns)]
        cases.append((bags, bags))
    unsorted = 0
    for bags, title_bags in cases:
        idf = tfidf.Idf(bags)
        space, plain = Space(idf, bags), sorted_space(idf, bags)
        unsorted += list(space.index) != list(plain.index)
        # Row by row, each term's (the two lay their rows out in their own orders).
        assert np.array_equal(space.shares(title_bags)[[space.index[t] for t in plain.index]],
                              plain.shares(title_bags))
    assert unsorted


@pytest.mark.parametrize("body", ["加快建设体系", ""])
def test_no_children_score_an_empty_matrix_issue_16(body: str) -> None:
    """A level scored against no children gives a 0 × parents matrix, as before the title
    terms were taken from the text's (the text starts were then floats, no indices)."""
    span = Span(start=0, end=0, exact="")
    level = LevelMatrices.of(tuple(
        Unit(ItemRef("d", str(n)), str(n), title, text, span, None)
        for n, (title, text) in enumerate([("推进改革发展", body), ("完善服务体系", "")])))
    assert level.char_scores([]).shape == (0, 2)
    assert [m.shape for m in level.word_scores([])] == [(0, 2), (0, 2)]
