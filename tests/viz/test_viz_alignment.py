"""The alignment view's layout and the comparison view's highlights (issue 14): columns by
longest path, parents ordered by barycentre (no crossings where there need be none), long
documents legible, local innovations apart; highlights at the evidence's exact offsets,
trimmed of punctuation, each place and phrase once."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations, pairwise

import pytest

from govtrace.graph.store_factory import open_store
from govtrace.queries.alignment import Alignment
from govtrace.queries.comparison import SourceText
from govtrace.queries.entities import DocumentDetail
from govtrace.queries.models import (
    DivisionRef,
    DocumentRef,
    LevelRef,
    Link,
    LinkEvidence,
    SpanRef,
    TaskRef,
)
from govtrace.queries.python_api import Graph, open_graph
from govtrace.viz import assemble
from govtrace.viz.alignment import (
    BOX_H,
    BOX_W,
    FONT_PX,
    MAX_BAND,
    Box,
    alignment_svg,
    columns,
    fit,
    item_label,
    layout,
    text_width,
)
from govtrace.viz.comparison import comparison_view, shared_marks, shared_phrases, trimmed
from govtrace.viz.templating import render_template
from tests.support.demo import D000, D004, build_demo

BASE = "https://w3id.org/govtrace/id/doc/"
NUMERALS = "一二三四五六七八九十"


def _document(doc_id: str, rank: int) -> DocumentRef:
    level = LevelRef(iri=f"level/{rank}", rank=rank)
    return DocumentRef(iri=BASE + doc_id, id=doc_id, title=f"{doc_id} plan", year=2024,
                       division=DivisionRef(iri=f"division/{rank}", label=f"division {rank}",
                                            level=level))


def _task(document: DocumentRef, number: int, title: str = "") -> TaskRef:
    return TaskRef(iri=f"{document.iri}/task/{number}", id=f"{document.id}/{number}",
                   number=number, number_text=f"({number})", title=title or f"任务{number}",
                   document=document)


def _link(child: TaskRef, parent: TaskRef, confidence: float = 1.0,
          type_: str = "implements", evidence: list[LinkEvidence] | None = None) -> Link:
    return Link(iri=f"link/{child.id}/{parent.id}", child=child, parent=parent, type=type_,
                confidence=confidence, evidence=evidence or [])


COUNTY, PROVINCE, NATION = _document("county", 4), _document("province", 2), _document("nation", 1)


def _alignment(tasks: list[TaskRef], links: list[Link]) -> Alignment:
    return Alignment(document=DocumentDetail(**COUNTY.model_dump(), tasks=tasks, implements=[]),
                     links=links)


def _crossings(drawn_links: list[tuple[Box, Box]]) -> int:
    """Pairs of bands between the same two columns that cross."""
    return sum(1 for (a1, b1), (a2, b2) in combinations(drawn_links, 2)
               if a1.column == a2.column and b1.column == b2.column
               and (a1.y - a2.y) * (b1.y - b2.y) < 0)


def _boxes(alignment: Alignment) -> dict[str, Box]:
    return {box.iri: box for box in layout(alignment).boxes}


def test_long_document_stays_legible_and_parents_do_not_cross_issue_14() -> None:
    # 40 county tasks, each pair implementing one of 20 provincial items numbered in the
    # reverse order, each provincial pair one of 10 national items: ordered by their
    # numbers every band would cross every other; by barycentre none does.
    county = [_task(COUNTY, n) for n in range(1, 41)]
    province = [_task(PROVINCE, n) for n in range(1, 21)]
    nation = [_task(NATION, n) for n in range(1, 11)]
    links = [_link(task, province[19 - i // 2], 0.5 + (i % 2) / 2) for i, task in enumerate(county)]
    links += [_link(item, nation[9 - i // 2]) for i, item in enumerate(province)]
    alignment = _alignment(county, links)
    boxes = _boxes(alignment)
    assert {boxes[t.iri].column for t in county} == {0}
    assert {boxes[t.iri].column for t in province} == {1}
    assert {boxes[t.iri].column for t in nation} == {2}
    assert [boxes[t.iri].y for t in county] == sorted(boxes[t.iri].y for t in county)
    assert _crossings([(boxes[link.child.iri], boxes[link.parent.iri]) for link in links]) == 0
    for column in (0, 1, 2):  # no two boxes of a column overlap
        ys = sorted(box.y for box in boxes.values() if box.column == column)
        assert all(b - a >= BOX_H for a, b in pairwise(ys))
    drawn = layout(alignment)
    assert all(box.x >= 0 and box.x + BOX_W <= drawn.width and box.y + BOX_H <= drawn.height
               for box in drawn.boxes)
    assert sorted({band.width for band in drawn.bands}) == [MAX_BAND / 2, MAX_BAND]


def test_unlinked_tasks_are_local_innovations_apart_issue_14() -> None:
    county = [_task(COUNTY, n) for n in range(1, 6)]
    item = _task(PROVINCE, 1)
    alignment = _alignment(county, [_link(county[0], item), _link(county[2], item, 0.4,
                                                                  "alignedWith")])
    drawn = layout(alignment)
    local = [box for box in drawn.boxes if box.local]
    assert [box.id for box in local] == ["county/2", "county/4", "county/5"]
    linked_bottom = max(box.y for box in drawn.boxes if box.column == 0 and not box.local)
    assert drawn.local_caption_y is not None
    assert linked_bottom + BOX_H < drawn.local_caption_y < min(box.y for box in local)
    dashed = {band.child: band.dashed for band in drawn.bands}
    assert dashed == {"county/1": False, "county/3": True}
    svg = alignment_svg(alignment)
    assert svg.count('class="node local"') == 3 and "地方创新 Local innovations（3）" in svg
    assert 'class="band aligned" href="/viz/tasks/county/3/compare/province/1"' in svg


def test_longest_path_columns_and_a_cycle_terminates_issue_14() -> None:
    county, item, national = _task(COUNTY, 1), _task(PROVINCE, 1), _task(NATION, 1)
    direct = _task(COUNTY, 2)
    links = [_link(county, item), _link(item, national), _link(direct, national)]
    assert columns(_alignment([county, direct], links))[national.iri] == 2
    looping = [_link(county, item), _link(item, national), _link(national, item)]
    assert sorted(columns(_alignment([county], looping)).values()) == [0, 1, 2]


def test_labels_show_number_and_title_and_fit_their_box_issue_14() -> None:
    task = _task(COUNTY, 5, "加强行政规范性文件制定监督管理")
    assert item_label(task.model_copy(update={"number_text": "(五)"})) == \
        "(五)加强行政规范性文件制定监督管理"
    assert item_label(task.model_copy(update={"number_text": "十二"})) == \
        "十二 加强行政规范性文件制定监督管理"
    long = "引导、规范基层组织和社会力量参与突发事件应对" * 2
    cut = fit(long, 200)
    assert cut.endswith("…") and text_width(cut) <= 200 and long.startswith(cut[:-1])
    assert FONT_PX >= 11


# The source text of 乌审旗 2024 task (五) from offset 1277 (its span's start), abridged.
CHILD = SourceText(start=1277, end=1340, exact=(
    "（五）加强行政规范性文件制定监督管理。贯彻落实《内蒙古自治区行政规范性文件管理办法》。"
    "严格落实行政规范性文件制定程序"))


def _at(text: SourceText, phrase: str, occurrence: int = 0) -> SpanRef:
    start = -1
    for _ in range(occurrence + 1):
        start = text.exact.index(phrase, start + 1)
    return SpanRef(start=text.start + start, end=text.start + start + len(phrase))


def test_highlights_sit_at_the_evidence_offsets_trimmed_and_once_issue_14() -> None:
    leading = _at(CHILD, "。严格落实行政规范性文件")  # the linker's phrase began at "。"
    title = _at(CHILD, "加强行政规范性文件制定监督管理")
    second = _at(CHILD, "行政规范性文件", 1)  # the second occurrence only, not the others
    marks = shared_marks(CHILD, [title, leading, title, second, None,
                               SpanRef(start=10, end=20)])  # outside the task: ignored
    shown = [CHILD.exact[m.start:m.end] for m in marks]
    assert shown == ["加强行政规范性文件制定监督管理", "行政规范性文件", "严格落实行政规范性文件"]
    assert marks[1].start == second.start - CHILD.start  # exactly where the offsets say
    assert all(m.kind == "shared" for m in marks)


def test_overlapping_highlights_merge_issue_14() -> None:
    a, b = _at(CHILD, "加强行政规范性"), _at(CHILD, "规范性文件制定")
    marks = shared_marks(CHILD, [a, b])
    assert [CHILD.exact[m.start:m.end] for m in marks] == ["加强行政规范性文件制定"]


def test_phrases_listed_once_without_edge_punctuation_issue_14() -> None:
    evidence = [LinkEvidence(phrase="行政执法", child_span=_at(CHILD, "行政规范性文件")),
                LinkEvidence(phrase="。严格落实", child_span=None),
                LinkEvidence(phrase="行政执法", child_span=_at(CHILD, "行政规范性文件", 1))]
    assert shared_phrases(evidence, CHILD) == ["行政规范性文件", "严格落实"]
    assert shared_phrases(evidence) == ["行政执法", "严格落实"]
    assert trimmed("，。，", 0, 3) == (3, 3)


CONTRIBUTIONS = f"""PREFIX gt: <https://w3id.org/govtrace/ontology#>
INSERT {{ GRAPH <urn:test:contributions> {{
  ?link gt:contributionCharScore 0.8 ; gt:contributionBetween -1.5 .
}} }} WHERE {{ GRAPH ?g {{ ?link gt:linkFrom <{BASE}{D000}/task/5> ;
                                gt:linkTo <{BASE}{D004}/task/6> }} }}"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    """The demo store, where the link 乌审旗 (五) → 自治区 (六), an exact anchor, is given two
    contributions (as the combined scorer writes them)."""
    settings = build_demo(tmp_path_factory.mktemp("alignment"))
    store = open_store(settings)
    store.update(CONTRIBUTIONS)
    store.close()
    with open_graph(settings) as graph:
        yield graph


def test_comparison_of_wushen_5_with_the_scheme_6_issue_14(demo: Graph) -> None:
    view = comparison_view(demo.answers.comparison(D000, 5,
                                                   D004, 6))
    assert view.comparison.link.type == "implements" and view.comparison.link.text_reuse
    child_marks = [view.child.text[m.start:m.end] for m in view.child.marks]
    assert "严格落实行政规范性文件" in view.phrases
    assert not any(p[0] in "。，,；、" for p in view.phrases)
    assert len(view.phrases) == len(set(view.phrases))
    assert set(view.phrases) <= set(child_marks)
    assert view.child.text.startswith("（五）加强行政规范性文件制定监督管理")
    assert view.parent.marks and "加强行政规范性文件制定监督管理" in [
        view.parent.text[m.start:m.end] for m in view.parent.marks]


def test_document_graph_evidence_has_no_doubles_nor_leading_stop_issue_14(demo: Graph) -> None:
    graph = assemble.document_graph(demo.answers, D000)
    for _, _, attrs in graph.edges(data=True):
        phrases = [p for p in attrs.get("evidence", "").split(" / ") if p]
        assert len(phrases) == len(set(phrases))
        assert not any(p[0] in "。，,；、" for p in phrases)


def test_wushen_alignment_reaches_the_national_outline_issue_14(demo: Graph) -> None:
    drawn = layout(demo.answers.alignment(D000))
    by_id = {box.id: box for box in drawn.boxes}
    assert by_id[f"{D000}/5"].column == 0
    assert by_id[f"{D000}/5"].label == "(五)加强行政规范性文件制定监督管理"
    assert by_id[f"{D004}/6"].column == 1
    assert by_id["national-outline-2021-2025/9"].column == 2
    assert [box.id for box in drawn.boxes if box.local] == [f"{D000}/21"]


def test_the_national_outline_has_no_local_innovations_issue_14(demo: Graph) -> None:
    drawn = layout(demo.answers.alignment("national-outline-2021-2025"))
    assert len(drawn.boxes) == 35 and not any(box.local for box in drawn.boxes)
    assert drawn.local_caption_y is None and {box.column for box in drawn.boxes} == {0}


def test_contributions_are_shown_when_the_store_has_them_issue_14(demo: Graph) -> None:
    ask = demo.answers
    # (六) 强化依法决策意识 bears the scheme's (七) title: an exact anchor, which weighs no
    # features, so none are stored and the view does without
    assert ask.comparison(D000, 6, D004, 7
                          ).contributions == []
    view = comparison_view(ask.comparison(D000, 5, D004, 6))
    assert [(c.feature, c.contribution) for c in view.comparison.contributions] == [
        ("between", -1.5), ("char_score", 0.8)]
    page = render_template("comparison.html", view=view, title="t")
    assert "<code>between</code></td><td class=\"num\">-1.500" in page
    assert 'class="bar against"' in page and 'class="bar for"' in page
