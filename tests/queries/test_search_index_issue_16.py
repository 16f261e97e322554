"""Issue 16: search counts a query's bigrams in an index of the passages' grams (no scan of
the whole text per bigram), and looks only at as many passages as the page needs; the
answer is the one scoring every passage gives."""

from __future__ import annotations

import random

import pytest

from govtrace.queries.search import Passage, PassageIndex, best, bigrams

WORDS = ["行政", "复议", "执法", "规范", "文件", "决策", "营商", "环境", "监督", "审查", " ", "。"]


def passages(count: int, seed: int) -> list[Passage]:
    spread = random.Random(seed)
    return [Passage(f"https://example.org/task/{spread.randrange(10**6):06d}-{i}",
                    spread.choice(["Task", "ReportItem"]),
                    "".join(spread.choice(WORDS) for _ in range(spread.randrange(1, 12))))
            for i in range(count)]


@pytest.mark.parametrize("query", ["行政复议", "行政执法", "复议行政执法审查", "行", "政复",
                                   "行政 复议", "营商环境监督", "无此词语", "议"])
def test_the_index_ranks_as_scoring_every_passage_does_issue_16(query: str) -> None:
    every = passages(3000, seed=16)
    index = PassageIndex(every)
    grams = bigrams(query)
    for limit in (1, 7, 50, 5000):
        found = [(p, sum(gram in p.text for gram in grams)) for p in every]
        expected = best([(p, n) for p, n in found if n], query, grams, limit)
        assert index.best(query, grams, limit) == expected


def test_passages_are_read_back_by_position_issue_16() -> None:
    every = passages(200, seed=7)
    index = PassageIndex(every)
    assert sorted(every, key=lambda p: p.node) == [index[i] for i in range(len(index))]


@pytest.mark.parametrize("query", ["行政复议", "复议行政执法审查", "行", "无此词语", "规范文件"])
def test_the_passages_holding_every_gram_are_narrowed_from_the_rarest_issue_16(
        query: str) -> None:
    """What search takes its best scores from without counting every passage's grams."""
    every = passages(3000, seed=17)
    index = PassageIndex(every)
    grams = bigrams(query)
    holding = [i for i in range(len(index)) if all(gram in index[i].text for gram in grams)]
    for chunk in (None, 1, 7, 100):  # (sixth round: found chunk by chunk, in order)
        found = [i for part in index._grams.holding_all(grams, chunk) for i in part.tolist()]
        assert found == holding, chunk
