"""The in-memory index of cited tasks that /api/mandates searches, over the demo store."""

from __future__ import annotations

from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.queries.answers import Answers
from govtrace.queries.citing_tasks import CitingTasks, sentence_around
from govtrace.queries.rows import select
from tests.support.demo import D000

TASK = f"https://w3id.org/govtrace/id/doc/{D000}/task/5"




def test_holds_every_cited_task_and_only_those(demo_embedded: EmbeddedStore,
                                               citing_tasks: CitingTasks) -> None:
    cited = {row["task"] for row in select(demo_embedded, """SELECT DISTINCT ?task WHERE {
  ?task a gt:Task ; gt:hasCitation ?c . ?c gt:citedWork ?work ; gt:citationKind ?kind }""")}
    assert {task.iri for task in citing_tasks.tasks} == cited
    task = next(task for task in citing_tasks.tasks if task.iri == TASK)
    assert task.title == "加强行政规范性文件制定监督管理"
    assert task.passage.startswith(task.title + "\n")
    assert {row["kindName"] for row in task.rows} == {"Mandate", "Mention"}
    position = [task.iri for task in citing_tasks.tasks].index(TASK)
    assert citing_tasks.evidence.get().described(position)


def test_holding_is_a_substring_of_title_or_text(demo_embedded: EmbeddedStore,
                                                citing_tasks: CitingTasks) -> None:
    for needle in ("行政规范性文件", "重大行政决策", "贯彻落实", "数字孪生审查"):
        expected = {row["task"] for row in select(demo_embedded, f"""SELECT DISTINCT ?task WHERE {{
  ?task a gt:Task ; gt:hasCitation [] .
  {{ ?task gt:title ?about }} UNION {{ ?task gt:text ?about }}
  FILTER(CONTAINS(?about, "{needle}")) }}""")}
        holding = citing_tasks.holding(needle)[1]
        assert {citing_tasks.task(i).iri for i in holding} == expected, needle
    # the end of one passage and the start of the next are not one match
    first, second = citing_tasks.tasks[0], citing_tasks.tasks[1]
    assert 1 not in citing_tasks.holding(first.passage[-1] + "\n\n" + second.passage[0])[1]


def test_sentence_around_a_citation() -> None:
    text = "一、总则。贯彻落实《条例》,加强管理;二、其他"
    at = text.index("《")
    low, high = sentence_around(text, at)
    assert text[low:high] == "贯彻落实《条例》,加强管理"
    assert sentence_around("无句末《条例》", 3) == (0, len("无句末《条例》"))


def test_answers_without_a_kept_index_agree(demo_embedded: EmbeddedStore) -> None:
    """A remote store is read per question (``snapshot=False``): the same answers."""
    kept, fresh = Answers(demo_embedded), Answers(demo_embedded, snapshot=False)
    for query in ("行政规范性文件", "重大行政决策"):
        assert kept.mandates(query) == fresh.mandates(query)
