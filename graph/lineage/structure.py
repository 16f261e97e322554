"""Structure: a county plan follows the scheme's sections in the scheme's order.

The tasks of a child document are aligned with the items of its parent level by a
monotone alignment (each child to at most one parent, parents never going back; several
children may share one parent: a split), the one maximising the summed similarity of the
pairs it makes over ``min_gain``. A pair only joins the alignment with clear similarity,
so the alignment is made of the confident matches; a child it leaves out — reworded past
recognition, or a local innovation — is then placed by its neighbours: the parents its
aligned neighbours were matched to bracket where its own parent can be, and a narrow
bracket is strong evidence that word-level scores cannot see.

Hand-written: the dynamic programme is a dozen lines, over at most a few hundred pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Placement:
    """Where the alignment puts one child among ``n`` parents."""

    aligned: int | None
    """The parent the alignment matched the child with, if any."""
    low: int
    high: int
    """The parents ``low … high`` lie between those of the child's aligned neighbours (the
    first and last parent when a side has none)."""

    def between(self, parent: int) -> float:
        """1 / the bracket's width for a parent inside it, else 0."""
        return 1.0 / (self.high - self.low + 1) if self.low <= parent <= self.high else 0.0


def align(similarity: Sequence[Sequence[float]], min_gain: float) -> list[int | None]:
    """The parent each child (row) is aligned with, or None, in a monotone alignment that
    maximises the sum of ``similarity - min_gain`` over the pairs it makes."""
    n = len(similarity)
    m = len(similarity[0]) if n else 0
    # best[i][j]: the best total of the first i children using parents < j+1 only.
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above, here = similarity[i - 1], best[i - 1], best[i]
        for j in range(1, m + 1):
            gain = row[j - 1] - min_gain
            here[j] = max(here[j - 1], above[j] + gain if gain > 0 else above[j])
    matched: list[int | None] = [None] * n
    i, j = n, m
    while i > 0 and j > 0:
        if best[i][j] == best[i][j - 1]:
            j -= 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            matched[i - 1] = j - 1
            i -= 1
    return matched


def placements(matched: Sequence[int | None], parents: int) -> list[Placement]:
    """Each child's own match and the bracket its nearest aligned neighbours leave it."""
    out = []
    for i, own in enumerate(matched):
        before = next((p for p in reversed(matched[:i]) if p is not None), 0)
        after = next((p for p in matched[i + 1:] if p is not None), parents - 1)
        out.append(Placement(own, before, max(before, after)))
    return out
