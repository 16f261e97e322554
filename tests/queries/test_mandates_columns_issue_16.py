"""/api/mandates weighs the citations as numpy columns (queries/citation_table.py): the same
ranking, scores and evidence as weighing them row by row in Python (issue 16: the row loop
was most of the endpoint's CPU at 30,000 documents)."""

from __future__ import annotations

import re

import pytest
from rapidfuzz import fuzz

from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.queries import text_index
from govtrace.queries.answers import Answers
from govtrace.queries.citing_tasks import CitingTasks, read_citing_tasks
from govtrace.queries.mandates import MAX_EVIDENCE, SPREAD_WEIGHT, Scope, mandates
from govtrace.queries.querytext import understand
from govtrace.queries.refs import REGULATION_RANKS
from govtrace.queries.text_index import JoinedText

KIND_WEIGHT = {"Mandate": 1.0, "Deliverable": 0.5, "Mention": 0.25}
QUERIES = ("行政规范性文件", "重大行政决策", "法治", "市", "行政", "贯彻落实", "执法",
           "administrative reconsideration", "数字孪生审查", "政府", "规定")




def row_by_row(citing_tasks: CitingTasks, needle: str, limit: int
               ) -> list[tuple[str, float, int, int, list[tuple[str, float]]]]:
    """The ranking as mandates.py computed it before the columns: each task holding the
    query, each of its citations weighed in Python."""
    works: dict[str, dict[str, object]] = {}
    pattern = re.compile(re.escape(needle))
    for task in (citing_tasks.task(position) for position in citing_tasks.holding(needle)[1]):
        in_title = needle in task.title
        hits = [] if in_title else [m.start() for m in pattern.finditer(task.passage)]
        for row in task.rows:
            low, high = row["sentence"]
            match = (1.0 if in_title else 0.9 if row["citedAt"] >= 0
                     and any(low <= hit <= high for hit in hits) else 0.5)
            weight = KIND_WEIGHT.get(row["kindName"], 0.0) * match
            work = works.setdefault(row["work"], {"row": row, "best": {}, "docs": set(),
                                                  "levels": set()})
            best: dict[str, tuple[float, float]] = work["best"]  # type: ignore[assignment]
            if task.iri not in best or weight > best[task.iri][0]:
                best[task.iri] = (weight, match)
            work["docs"].add(row["doc"])  # type: ignore[attr-defined]
            work["levels"].add(row.get("docLevel") or row["doc"])  # type: ignore[attr-defined]
    ranked = []
    for iri, work in works.items():
        description: dict[str, object] = work["row"]  # type: ignore[assignment]
        best = work["best"]  # type: ignore[assignment]
        documents, levels = len(work["docs"]), len(work["levels"])  # type: ignore[arg-type]
        spread = 1.0 + SPREAD_WEIGHT * (documents - 1) + SPREAD_WEIGHT * (levels - 1)
        title = str(description.get("workTitle") or description.get("workDocTitle") or "")
        bonus = (fuzz.partial_ratio(needle, title) / 100.0) ** 4 if title else 0.0
        score = round(sum(weight for weight, _ in best.values()) * spread + bonus, 4)
        rank = description.get("workRank")
        force = REGULATION_RANKS.index(rank) if rank in REGULATION_RANKS else 9
        evidence = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
        ranked.append(((-score, force, iri), (iri, score, documents, levels, [
            (task, match) for task, (_, match) in evidence[:MAX_EVIDENCE]])))
    return [answer for _, answer in sorted(ranked)[:limit]]


@pytest.mark.parametrize("query", QUERIES)
def test_the_columns_rank_as_the_rows_did_issue_16(demo_embedded: EmbeddedStore,
                                                    citing_tasks: CitingTasks, query: str) -> None:
    text, ids = understand(query), Answers(demo_embedded).ids
    for limit in (1, 3, 11, 1000):
        results = mandates(demo_embedded, citing_tasks, ids, text, Scope(), limit).results
        assert [(r.regulation.iri, r.score, r.documents, r.levels,
                 [(e.task.iri, e.match) for e in r.evidence]) for r in results] \
            == row_by_row(citing_tasks, text.text, limit), (query, limit)


def test_every_kind_of_match_is_weighed_issue_16(demo_embedded: EmbeddedStore,
                                                  citing_tasks: CitingTasks) -> None:
    seen, ids = set(), Answers(demo_embedded).ids
    for query in QUERIES:
        results = mandates(demo_embedded, citing_tasks, ids, understand(query), Scope(),
                           1000).results
        seen |= {evidence.match for result in results for evidence in result.evidence}
    assert seen == {1.0, 0.9, 0.5}  # in the title, in the citation's sentence, elsewhere


def test_a_scope_keeps_only_its_documents_issue_16(demo_embedded: EmbeddedStore,
                                                    citing_tasks: CitingTasks) -> None:
    ids = Answers(demo_embedded).ids
    query = understand("行政")
    everything = mandates(demo_embedded, citing_tasks, ids, query, Scope(), 1000).results
    county = mandates(demo_embedded, citing_tasks, ids, query, Scope(level="County"),
                      1000).results
    counties = {e.task.iri for r in county for e in r.evidence}
    assert counties and counties < {e.task.iri for r in everything for e in r.evidence}
    assert all(e.task.document.division and e.task.document.division.level
               and e.task.document.division.level.iri.endswith("County")
               for r in county for e in r.evidence)


@pytest.mark.parametrize("find_first", [1000, 1, 2])
def test_occurrences_are_each_passages_own_issue_16(find_first: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_index, "FIND_FIRST", find_first)  # where re takes over
    passages = ["aaa法治aa", "", "法治法治", "aa", "市市市"]
    joined = JoinedText(passages)
    for needle in ("aa", "法治", "市市", "a", "无"):
        expected = [int(joined.starts[i]) + m.start() for i, passage in enumerate(passages)
                    for m in re.finditer(re.escape(needle), passage)]
        assert joined.occurrences(needle).tolist() == expected, needle


def test_only_the_evidence_tasks_are_read_issue_16(demo_embedded: EmbeddedStore) -> None:
    # A fresh index: what earlier questions read is kept. Row by row, every task holding
    # the query was unpickled and scored in Python; the columns read only those shown.
    ids = Answers(demo_embedded).ids
    citing_tasks = read_citing_tasks(demo_embedded, ids)
    _, holding = citing_tasks.holding("行政")
    results = mandates(demo_embedded, citing_tasks, ids, understand("行政"), Scope(), 1).results
    shown = {evidence.task.iri for result in results for evidence in result.evidence}
    assert len(holding) > len(shown) > 0
    # (Since the sixth round one per regulation, to describe it: the index renders the items.)
    read = {citing_tasks.task(position).iri for position in citing_tasks._read_tasks}
    assert read and read <= shown
