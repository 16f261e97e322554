"""The similarities of every task of a document to every item of a candidate level, as
matrices: character n-gram TF-IDF (the TF-IDF scorer's score) and word TF-IDF.

The TF-IDF scorer compares one child with one parent at a time, a dictionary
intersection per pair. The combined scorer needs every pair of a document and a level
(its structural and claim features read whole rows and columns), so the level's vectors
are laid out by term of its vocabulary, and a child's cosines with every parent are its
terms' rows, weighted and summed (numpy): the same cosines, several times faster. Not a
matrix product: BLAS spreads products this small over threads, which on two busy cores cost
fifty times what it saved, and sums in another order. A term is found in a few of a level's
parents only, so the sums run over each term's non-zero entries (:class:`Postings`), in the
child's term order down each column, the order numpy's dense sum took: the same floats.

The score is the TF-IDF scorer's (:meth:`ParentPool.score`: 0.7 · full-text cosine + 0.3 ·
title cosine against items with bodies; 0.5 · title cosine + 0.5 · the IDF share of the
parent title's n-grams found in the child against bare titles), over the same vectors
(``ParentPool``'s IDF); a test keeps the two equal.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, repeat

import numpy as np
import numpy.typing as npt

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.scorers.tfidf import SUBLINEAR, Idf, Vector, ngrams, parent_pool
from govtrace.graph.lineage.words import words

Matrix = npt.NDArray[np.float64]
Indices = npt.NDArray[np.intp]
_SUBLINEAR = np.array(SUBLINEAR)


class Space:
    """A level's vocabulary (its bags' terms, first seen first, so matrices do not depend on
    hash order) and IDF."""

    def __init__(self, idf: Idf, bags: Sequence[Counter[str]]) -> None:
        self.idf = idf
        # Made in C, and not sorted (sorting was 2% of linking, issue 16): a product adds in
        # its child's term order, whatever the vocabulary's; only :meth:`shares` reads rows
        # in the vocabulary's order, and it reads them sorted.
        vocabulary = dict.fromkeys(chain.from_iterable(bags))
        self.index = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
        self._postings: dict[int, tuple[Matrix, Postings]] = {}

    def by_term(self, vectors: Sequence[Vector]) -> Matrix:
        """The vectors as columns, one row per term of the vocabulary."""
        out = np.zeros((len(self.index), len(vectors)))
        index = self.index.__getitem__
        for column, vector in enumerate(vectors):
            out[list(map(index, vector)), column] = list(vector.values())
        return out

    def shares(self, bags: Sequence[frozenset[str] | Counter[str]]) -> Matrix:
        """The bags as columns: each term's IDF, each column scaled to sum to 1."""
        out = self.by_term([{t: self.idf(t) for t in bag} for bag in bags])
        # Each column's total added term after term in sorted order, as numpy added the rows
        # of the sorted vocabulary: the same floats.
        totals = out[self._sorted_rows].sum(axis=0, keepdims=True)
        scaled: Matrix = np.divide(out, totals, out=np.zeros_like(out), where=totals > 0)
        return scaled

    def products(self, vectors: Sequence[Vector], parents: Matrix) -> Matrix:
        """Row i, column j: Σ over terms of vectors[i] · parents' column j, added in the
        order of vectors[i]'s terms (terms outside the vocabulary add nothing: no parent
        has them). ``parents`` is one of this level's matrices (its postings are kept)."""
        terms = self.terms(vectors)
        weights = np.fromiter(chain.from_iterable(v.values() for v in vectors), np.float64,
                              len(terms))
        return self._sums([len(v) for v in vectors], terms, weights, parents)

    def presence_products(self, sizes: list[int], terms: Indices, parents: Matrix) -> Matrix:
        """:meth:`products` of vectors weighing each of their terms 1, given as their
        sizes and their terms' places (:meth:`terms` of the bags they are made of)."""
        return self._sums(sizes, terms, np.ones(len(terms)), parents)

    def tfidf_products(self, bags: Sequence[Counter[str]], parents: Matrix,
                       terms: Indices | None = None) -> Matrix:
        """:meth:`products` of the bags' TF-IDF vectors (``idf.vector``), the same floats
        computed as arrays (:meth:`_tfidf_weights`): the vectors as dictionaries were half
        the time of a level's products. ``terms``: the bags' :meth:`terms`, when known."""
        found = self._tfidf_weights(bags, terms)
        if found is None:
            return self.products([self.idf.vector(b) for b in bags], parents)
        terms, weights, sizes = found
        return self._sums(sizes, terms, weights, parents)

    def tfidf_by_term(self, bags: Sequence[Counter[str]]) -> Matrix:
        """The bags' TF-IDF vectors as columns (:meth:`by_term` of ``idf.vector``), the same
        floats computed as arrays (as dictionaries they were most of a level's making); a
        term outside the vocabulary (none, for the level's own bags) has no row."""
        found = self._tfidf_weights(bags)
        if found is None:
            return self.by_term([self.idf.vector(b) for b in bags])
        terms, weights, sizes = found
        columns = np.repeat(np.arange(len(bags)), sizes)
        kept = terms >= 0
        out = np.zeros((len(self.index), len(bags)))
        out[terms[kept], columns[kept]] = weights[kept]
        return out

    def _tfidf_weights(self, bags: Sequence[Counter[str]], terms: Indices | None = None
                       ) -> tuple[Indices, Matrix, list[int]] | None:
        """Each bag's terms (vocabulary places, -1 outside it) and TF-IDF weights, bag after
        bag, and the bags' sizes; None when the IDF knows terms outside the vocabulary. Each
        weight is 1 + log(tf) times the term's IDF, divided by the root of the bag's sum of
        squares, added in the bag's order (Python's ``sum``, as :meth:`Idf.vector` adds)."""
        idf = self._idf_by_term
        if idf is None:
            return None
        if terms is None:
            terms = self.terms(bags)
        counts = np.fromiter(chain.from_iterable(b.values() for b in bags), np.intp,
                             len(terms))
        sublinear = _SUBLINEAR[np.minimum(counts, len(_SUBLINEAR) - 1)]
        for at in np.flatnonzero(counts >= len(_SUBLINEAR)):  # as Idf.vector: math.log
            sublinear[at] = 1.0 + math.log(int(counts[at]))
        weights = sublinear * np.where(terms >= 0, idf[terms], self.idf.unseen)
        sizes = [len(b) for b in bags]
        weights /= np.repeat(_norms(weights, sizes), sizes)
        return terms, weights, sizes

    def terms(self, rows: Sequence[Vector] | Sequence[Counter[str]]) -> Indices:
        """Each row's terms' places in the vocabulary, row after row (-1: not in it)."""
        return np.fromiter(map(self.index.get, chain.from_iterable(rows), repeat(-1)), np.intp)

    @cached_property
    def _sorted_rows(self) -> list[int]:
        """The vocabulary's rows in the sorted order of their terms."""
        return [self.index[term] for term in sorted(self.index)]

    @cached_property
    def _idf_by_term(self) -> Matrix | None:
        """The IDF of each term of the vocabulary, or None when the IDF knows a term outside
        it (then a term not found is not simply an unseen one)."""
        if not self.idf.terms <= self.index.keys():
            return None
        return np.array(self.idf.weights(self.index), dtype=np.float64)

    def _sums(self, sizes: list[int], terms: Indices, weights: Matrix, parents: Matrix
              ) -> Matrix:
        """:meth:`products` of rows of ``sizes`` terms each, given as their vocabulary places
        and weights one row after the other."""
        n, m = len(sizes), parents.shape[1]
        row_of = np.repeat(np.arange(n, dtype=np.intp), sizes)
        kept = terms >= 0
        row_of, terms, weights = row_of[kept], terms[kept], weights[kept]
        if not len(terms):
            return np.zeros((n, m))
        if m < 2:
            # numpy sums a single column pairwise, not in order: keep its dense sum.
            return _dense_products(row_of, terms, weights, parents, n)
        key = id(parents)
        if key not in self._postings:  # the matrix is kept, so its id is not reused
            self._postings[key] = (parents, Postings.of(parents))
        return self._postings[key][1].products(row_of, terms, weights, n)


def _norms(weights: Matrix, sizes: list[int]) -> Matrix:
    """The root of each row's sum of squares (rows of ``sizes`` weights one after the other),
    1 for a row summing to 0, as :meth:`Idf.vector` computes it: Python's ``sum`` adds one
    square after the other, and so does ``cumsum`` along a row, here laid out with zeros
    after its squares (adding 0 changes no sum): the same floats, without a Python loop
    over the rows."""
    counts = np.asarray(sizes, dtype=np.intp)
    squares = np.zeros((len(sizes), int(counts.max(initial=0)) + 1))
    squares[np.repeat(np.arange(len(sizes)), counts), _within(counts)] = weights * weights
    norms: Matrix = np.sqrt(np.cumsum(squares, axis=1)[:, -1])
    norms[norms == 0.0] = 1.0
    return norms


def _starts(counts: Indices) -> Indices:
    """Where each row begins, rows of ``counts`` elements laid one after the other."""
    starts: Indices = np.cumsum(counts, dtype=np.intp) - counts
    return starts


def _within(counts: Indices) -> Indices:
    """Each element's place in its row, rows of ``counts`` elements one after the other."""
    places: Indices = np.arange(counts.sum(), dtype=np.intp) - np.repeat(_starts(counts), counts)
    return places


@dataclass(frozen=True)
class Postings:
    """A terms × parents matrix's non-zero entries, term by term (columns ascending)."""

    starts: npt.NDArray[np.intp]
    """Term k's entries are ``starts[k]:starts[k + 1]``."""
    columns: npt.NDArray[np.intp]
    values: Matrix
    width: int
    """The number of parents (columns)."""

    @classmethod
    def of(cls, matrix: Matrix) -> Postings:
        terms, columns = np.nonzero(matrix)
        starts = np.zeros(matrix.shape[0] + 1, dtype=np.intp)
        np.cumsum(np.bincount(terms, minlength=matrix.shape[0]), out=starts[1:])
        return cls(starts, columns, matrix[terms, columns], matrix.shape[1])

    def products(self, rows: Indices, terms: Indices, weights: Matrix, n: int) -> Matrix:
        """Row r, column j: Σ weight · entry over the (row, term, weight) triples of row r
        and the terms' entries in column j, added in the triples' order (``bincount`` adds
        in input order; an entry left out is a zero, which adds nothing)."""
        m = self.width
        first = self.starts[terms]
        counts = self.starts[terms + 1] - first
        at = np.repeat(first - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())
        cells = np.repeat(rows * m, counts) + self.columns[at]
        parts = np.repeat(weights, counts) * self.values[at]
        sums = np.asarray(np.bincount(cells, weights=parts, minlength=n * m), dtype=np.float64)
        return sums.reshape(n, m)


def _dense_products(rows: Indices, terms: Indices, weights: Matrix, parents: Matrix, n: int
                    ) -> Matrix:
    out = np.zeros((n, parents.shape[1]))
    ends = np.flatnonzero(np.diff(rows, append=n)) + 1
    for start, end in zip([0, *ends[:-1]], ends, strict=True):
        block = parents[terms[start:end]]
        block *= weights[start:end, None]
        out[rows[start]] = block.sum(axis=0)
    return out


@dataclass(frozen=True)
class LevelMatrices:
    """One level's items, vectorised once for every document linking to it."""

    parents: tuple[Unit, ...]
    has_bodies: bool
    chars: Space
    title_chars: Space
    full: Matrix
    titles: Matrix
    word_space: Space
    word_vectors: Matrix

    @classmethod
    def of(cls, parents: tuple[Unit, ...]) -> LevelMatrices:
        pool = parent_pool(parents)
        full_bags = [ngrams(u.text) for u in parents]
        title_bags = [ngrams(u.title) for u in parents]
        chars = Space(pool.idf, full_bags)
        title_chars = Space(pool.title_idf, title_bags)
        word_bags = [words(u.text) for u in parents]
        word_space = Space(Idf(word_bags), word_bags)
        return cls(parents, pool.has_bodies, chars, title_chars,
                   chars.tfidf_by_term(full_bags), title_chars.tfidf_by_term(title_bags),
                   word_space, word_space.tfidf_by_term(word_bags))

    # Made on first use: the report rule (a level per report: its own plan) reads neither.
    @cached_property
    def title_share_chars(self) -> Matrix:
        """IDF weights of each parent title's n-grams (columns summing to 1): containment."""
        return self.chars.shares([ngrams(u.title) for u in self.parents])

    @cached_property
    def title_words(self) -> Matrix:
        """IDF weights of each parent title's words (columns summing to 1)."""
        return self.word_space.shares([words(u.title) for u in self.parents])

    @cached_property
    def _title_places(self) -> Indices:
        """Each term of the full texts' vocabulary's place in the titles' (-1: none). A
        title's n-grams are its text's (the title ends at :data:`~corpus.JOINT`, a break),
        so every title term has a place in the full texts' vocabulary."""
        # One place more, left at -1: a term outside the vocabulary (-1) indexes it.
        places = np.full(len(self.chars.index) + 1, -1, dtype=np.intp)
        at = self.chars.index
        places[[at[t] for t in self.title_chars.index]] = list(self.title_chars.index.values())
        return places

    def char_scores(self, children: Sequence[Unit]) -> Matrix:
        """The TF-IDF scorer's score of each child (row) against each parent (column)."""
        texts = [ngrams(u.text) for u in children]
        titles = [ngrams(u.title) for u in children]
        terms = self.chars.terms(texts)
        # A text's n-grams begin with its title's, in the title's order (the title comes
        # first and ends at a break): the title's terms are its text's first ones, placed
        # in the titles' vocabulary, without a second look-up per term (issue 16).
        sizes = [len(b) for b in texts]
        title_sizes = np.array([len(b) for b in titles], dtype=np.intp)
        title_terms = terms[np.repeat(_starts(np.array(sizes, dtype=np.intp)), title_sizes)
                            + _within(title_sizes)]
        title = self.title_chars.tfidf_products(titles, self.titles,
                                                self._title_places[title_terms])
        if self.has_bodies:
            return 0.7 * self.chars.tfidf_products(texts, self.full, terms) + 0.3 * title
        found = self.chars.presence_products(sizes, terms, self.title_share_chars)
        return 0.5 * title + 0.5 * found

    def word_scores(self, children: Sequence[Unit]) -> tuple[Matrix, Matrix]:
        """Word TF-IDF cosines, and the IDF share of each parent title's words found in
        each child."""
        bags = [words(u.text) for u in children]
        terms = self.word_space.terms(bags)  # looked up once for both products (issue 16)
        cosines = self.word_space.tfidf_products(bags, self.word_vectors, terms)
        found = self.word_space.presence_products([len(b) for b in bags], terms,
                                                  self.title_words)
        return cosines, found
