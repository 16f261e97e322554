"""The similarities of every task of a document to every item of a candidate level, as
matrices: character n-gram TF-IDF (the TF-IDF scorer's score) and word TF-IDF.

The TF-IDF scorer compares one child with one parent at a time, a dictionary
intersection per pair. The combined scorer needs every pair of a document and a level
(its structural and claim features read whole rows and columns), so the level's vectors
are laid out densely, one row per term of its vocabulary, and a child's cosines with every
parent are its terms' rows, weighted and summed (numpy): the same cosines, several times
faster. Not a matrix product: BLAS spreads products this small over threads, which on two
busy cores cost fifty times what it saved.

The score is the TF-IDF scorer's (:meth:`ParentPool.score`: 0.7 · full-text cosine + 0.3 ·
title cosine against items with bodies; 0.5 · title cosine + 0.5 · the IDF share of the
parent title's n-grams found in the child against bare titles), over the same vectors
(``ParentPool``'s IDF); a test keeps the two equal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from govtrace.graph.lineage.corpus import Unit
from govtrace.graph.lineage.scorers.tfidf import Idf, ParentPool, Vector, ngrams
from govtrace.graph.lineage.words import words

Matrix = npt.NDArray[np.float64]


class Space:
    """A level's vocabulary (sorted, so matrices do not depend on hash order) and IDF."""

    def __init__(self, idf: Idf, bags: Sequence[Counter[str]]) -> None:
        self.idf = idf
        self.index = {g: k for k, g in enumerate(sorted({g for bag in bags for g in bag}))}

    def by_term(self, vectors: Sequence[Vector]) -> Matrix:
        """The vectors as columns, one row per term of the vocabulary."""
        out = np.zeros((len(self.index), len(vectors)))
        for column, vector in enumerate(vectors):
            for term, weight in vector.items():
                out[self.index[term], column] = weight
        return out

    def shares(self, bags: Sequence[frozenset[str] | Counter[str]]) -> Matrix:
        """The bags as columns: each term's IDF, each column scaled to sum to 1."""
        out = self.by_term([{t: self.idf(t) for t in bag} for bag in bags])
        totals = out.sum(axis=0, keepdims=True)
        scaled: Matrix = np.divide(out, totals, out=np.zeros_like(out), where=totals > 0)
        return scaled

    def products(self, vectors: Sequence[Vector], parents: Matrix) -> Matrix:
        """Row i, column j: Σ over terms of vectors[i] · parents' column j (terms outside
        the vocabulary add nothing: no parent has them)."""
        out = np.zeros((len(vectors), parents.shape[1]))
        for row, vector in enumerate(vectors):
            terms = [(k, w) for t, w in vector.items() if (k := self.index.get(t)) is not None]
            if terms:
                rows, weights = zip(*terms, strict=True)
                out[row] = (np.asarray(weights)[:, None] * parents[list(rows)]).sum(axis=0)
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
    title_share_chars: Matrix
    """IDF weights of each parent title's n-grams (columns summing to 1): containment."""
    word_space: Space
    word_vectors: Matrix
    title_words: Matrix
    """IDF weights of each parent title's words (columns summing to 1)."""

    @classmethod
    def of(cls, parents: tuple[Unit, ...]) -> LevelMatrices:
        pool = ParentPool(parents)
        full_bags = [ngrams(u.text) for u in parents]
        chars = Space(pool.idf, full_bags)
        title_chars = Space(pool.title_idf, [ngrams(u.title) for u in parents])
        word_bags = [words(u.text) for u in parents]
        word_space = Space(Idf(word_bags), word_bags)
        return cls(parents, pool.has_bodies, chars, title_chars,
                   chars.by_term([p.full for p in pool.profiles]),
                   title_chars.by_term([p.title for p in pool.profiles]),
                   chars.shares([p.title_grams for p in pool.profiles]),
                   word_space,
                   word_space.by_term([word_space.idf.vector(b) for b in word_bags]),
                   word_space.shares([words(u.title) for u in parents]))

    def char_scores(self, children: Sequence[Unit]) -> Matrix:
        """The TF-IDF scorer's score of each child (row) against each parent (column)."""
        title = self._product(self.title_chars, children, lambda u: ngrams(u.title),
                              self.titles)
        if self.has_bodies:
            return 0.7 * self._product(self.chars, children, lambda u: ngrams(u.text),
                                       self.full) + 0.3 * title
        found = self.chars.products([_present(ngrams(u.text)) for u in children],
                                    self.title_share_chars)
        return 0.5 * title + 0.5 * found

    def word_scores(self, children: Sequence[Unit]) -> tuple[Matrix, Matrix]:
        """Word TF-IDF cosines, and the IDF share of each parent title's words found in
        each child."""
        cosines = self._product(self.word_space, children, lambda u: words(u.text),
                                self.word_vectors)
        found = self.word_space.products([_present(words(u.text)) for u in children],
                                         self.title_words)
        return cosines, found

    @staticmethod
    def _product(space: Space, children: Sequence[Unit],
                 bag: Callable[[Unit], Counter[str]], parents: Matrix) -> Matrix:
        return space.products([space.idf.vector(bag(u)) for u in children], parents)


def _present(bag: Counter[str]) -> Vector:
    return dict.fromkeys(bag, 1.0)
