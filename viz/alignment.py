"""The alignment view of a document: its tasks in the first column, the items of the
documents above it in the next ones (up to the national outline), lineage links drawn as
bands whose width is the confidence; tasks linked to nothing above ("local innovations")
set apart at the foot of the first column. Drawn server-side as SVG, so it reads at first
sight, needs no script and prints.

The layout is layered like a Sugiyama drawing, with the first layer fixed: a document's
tasks keep their order (people read a plan in its order), every higher item sits one
column past the furthest of its children (a county task linked straight to a national item
reaches two columns over), and each higher column is ordered by the barycentre of the
children's positions, which is what keeps the bands from crossing; an item is then drawn
level with its children where the column has room.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from statistics import fmean

from govtrace.queries.alignment import Alignment
from govtrace.queries.models import DocumentRef, Link, TaskRef
from govtrace.viz.comparison import compare_path
from govtrace.viz.model import LEVELS, task_path
from govtrace.viz.render import LEVEL_COLORS
from govtrace.viz.templating import render_template

FONT_PX = 13
BOX_W = 270
BOX_H = 24
ROW = BOX_H + 6
GAP_W = 150  # between columns: room for the bands
MARGIN = 8
HEADER_H = 46  # a document's name above its items
LEGEND_H = 30
LOCAL_GAP = 44  # between the linked tasks and the local innovations, with their caption
PAD_X = 7
MAX_BAND = 14.0  # a link of confidence 1, in pixels
MIN_BAND = 1.5
MIN_WIDTH = 930  # the legend's


@dataclass(frozen=True)
class Box:
    """An item drawn as a labelled box linking to its page."""

    iri: str
    id: str
    path: str
    label: str
    title: str
    column: int
    x: float
    y: float
    color: str  # the level's: the border, and a light fill of it
    local: bool = False

    @property
    def mid(self) -> float:
        return self.y + BOX_H / 2


@dataclass(frozen=True)
class Header:
    """A document's name over its items in a column."""

    path: str
    line1: str
    line2: str
    title: str
    x: float
    y: float
    color: str


@dataclass(frozen=True)
class Band:
    """A link from a child's right edge to its parent's left edge."""

    path: str
    href: str
    width: float
    dashed: bool
    tooltip: str
    child: str
    parent: str


@dataclass(frozen=True)
class AlignmentLayout:
    width: float
    height: float
    boxes: list[Box]
    headers: list[Header]
    bands: list[Band]
    local_caption_y: float | None
    local_count: int


def text_width(text: str, font_px: float = FONT_PX) -> float:
    """An estimate of ``text``'s width: wide (CJK, full-width) characters are one em,
    others about 0.6 em; what the truncation of labels needs, no font metrics."""
    return sum(font_px if unicodedata.east_asian_width(ch) in "WF" else 0.6 * font_px
               for ch in text)


def fit(text: str, width: float, font_px: float = FONT_PX) -> str:
    """``text``, cut with "…" to fit ``width`` pixels."""
    if text_width(text, font_px) <= width:
        return text
    while text and text_width(text + "…", font_px) > width:
        text = text[:-1]
    return text + "…"


def item_label(task: TaskRef) -> str:
    """Number and title: "(五)加强行政规范性文件…", "十二 加强行政决策执行和评估"."""
    number = task.number_text or (str(task.number) if task.number is not None else "")
    joiner = " " if number and (number[-1].isalnum()) else ""
    return f"{number}{joiner}{task.title or ''}".strip()


def columns(alignment: Alignment) -> dict[str, int]:
    """Each item's column: the document's tasks 0, every item above one past the furthest
    of its children (longest path; a cycle, a linking fault, stops growing at the number
    of links, and the columns it left empty are closed up)."""
    own = {task.iri for task in alignment.document.tasks}
    column = dict.fromkeys(own, 0)
    for _ in range(len(alignment.links) + 1):
        changed = False
        for link in alignment.links:
            if link.child.iri not in column:
                continue
            wanted = column[link.child.iri] + 1
            if link.parent.iri not in own and column.get(link.parent.iri, 0) < wanted:
                column[link.parent.iri] = wanted
                changed = True
        if not changed:
            break
    closed = {used: index for index, used in enumerate(sorted(set(column.values())))}
    return {iri: closed[used] for iri, used in column.items()}


def _rank(document: DocumentRef) -> int:
    division = document.division
    return (division.level.rank or 0) if division and division.level else 0


def _header(document: DocumentRef, x: float, y: float) -> Header:
    rank = _rank(document)
    level = LEVELS.get(rank, ("", ""))[1] if rank else ""
    where = document.division.label if document.division and document.division.label else ""
    line1 = " ".join(str(part) for part in (level, where, document.year) if part)
    title = document.title or document.label or document.id
    return Header(path=f"/id/doc/{document.id}", line1=fit(line1, BOX_W, 12),
                  line2=fit(title, BOX_W, 12), title=title, x=x, y=y,
                  color=LEVEL_COLORS.get(rank, LEVEL_COLORS[0]))


def _box(task: TaskRef, column: int, y: float, *, local: bool = False) -> Box:
    label = item_label(task)
    return Box(iri=task.iri, id=task.id, path=task_path(task),
               label=fit(label, BOX_W - 2 * PAD_X), title=label, column=column,
               x=MARGIN + column * (BOX_W + GAP_W), y=y,
               color=LEVEL_COLORS.get(_rank(task.document), LEVEL_COLORS[0]), local=local)


def layout(alignment: Alignment) -> AlignmentLayout:
    """Where every box, header and band of the view goes."""
    column = columns(alignment)
    top = LEGEND_H + MARGIN
    own = alignment.document.tasks
    # the national outline has nothing above it: none of its items is a local innovation
    linked = ({task.iri for task in own} if _rank(alignment.document) == 1
              else {link.child.iri for link in alignment.links})
    boxes: dict[str, Box] = {}
    headers = [_header(alignment.document, MARGIN, top)]
    y: float = top + HEADER_H
    for task in own:
        if task.iri in linked:
            boxes[task.iri] = _box(task, 0, y)
            y += ROW
    local = [task for task in own if task.iri not in linked]
    caption = None
    if local:
        caption = y + LOCAL_GAP - BOX_H / 2 - 2
        y += LOCAL_GAP
        for task in local:
            boxes[task.iri] = _box(task, 0, y, local=True)
            y += ROW
    bottom = y
    children: defaultdict[str, list[str]] = defaultdict(list)
    parents: dict[str, TaskRef] = {}
    for link in alignment.links:
        if link.child.iri in column and link.parent.iri in column:
            children[link.parent.iri].append(link.child.iri)
            parents[link.parent.iri] = link.parent
    for depth in range(1, max(column.values(), default=0) + 1):
        placed, column_headers = _place_column(
            [parents[iri] for iri, c in column.items() if c == depth and iri in parents],
            children, boxes, depth, top)
        boxes.update(placed)
        headers += column_headers
        bottom = max([bottom, *(box.y + ROW for box in placed.values())])
    bands = [_band(link, boxes) for link in alignment.links
             if link.child.iri in boxes and link.parent.iri in boxes]
    last = max((box.column for box in boxes.values()), default=0)
    # the widest bands first (drawn beneath), so no weak link hides under a strong one
    bands.sort(key=lambda band: -band.width)
    return AlignmentLayout(width=max(MIN_WIDTH, 2 * MARGIN + (last + 1) * BOX_W + last * GAP_W),
                           height=bottom + MARGIN, boxes=list(boxes.values()),
                           headers=headers, bands=bands, local_caption_y=caption,
                           local_count=len(local))


def _place_column(items: list[TaskRef], children: dict[str, list[str]],
                  placed: dict[str, Box], depth: int, top: float
                  ) -> tuple[dict[str, Box], list[Header]]:
    """One higher column: documents as blocks, blocks and items within them ordered by the
    barycentre of their children, each item level with its children where there is room."""
    def barycentre(task: TaskRef) -> float:
        mids = [placed[child].mid for child in children[task.iri] if child in placed]
        return fmean(mids) if mids else 0.0  # none only where links loop: to the top

    blocks: defaultdict[str, list[TaskRef]] = defaultdict(list)
    for task in items:
        blocks[task.document.iri].append(task)
    ordered = sorted(blocks.values(), key=lambda block: (
        fmean(barycentre(t) for t in block), block[0].document.id))
    boxes: dict[str, Box] = {}
    headers: list[Header] = []
    cursor = top
    x = MARGIN + depth * (BOX_W + GAP_W)
    for block in ordered:
        block.sort(key=lambda t: (barycentre(t), t.number or 0))
        cursor = max(cursor, barycentre(block[0]) - BOX_H / 2 - HEADER_H)
        headers.append(_header(block[0].document, x, cursor))
        cursor += HEADER_H
        for task in block:
            y = max(cursor, barycentre(task) - BOX_H / 2)
            boxes[task.iri] = _box(task, depth, y)
            cursor = y + ROW
    return boxes, headers


def band_width(confidence: float | None) -> float:
    """A link's band: its confidence × :data:`MAX_BAND` (a hairline when unknown)."""
    return MIN_BAND if confidence is None else max(MIN_BAND, round(confidence * MAX_BAND, 2))


def _band(link: Link, boxes: dict[str, Box]) -> Band:
    child, parent = boxes[link.child.iri], boxes[link.parent.iri]
    x1, y1, x2, y2 = child.x + BOX_W, child.mid, parent.x, parent.mid
    bend = (x2 - x1) / 2
    kind = {"implements": "落实 implements", "alignedWith": "相似 aligned with"}.get(
        link.type, link.type)
    confidence = f"{link.confidence:.2f}" if link.confidence is not None else "–"
    tooltip = (f"{child.title} → {parent.title}\n{kind} · 置信度 confidence {confidence}"
               f"{' · ' + link.method if link.method else ''} — 点击对比 click to compare")
    return Band(path=f"M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} "
                     f"{x2:.1f},{y2:.1f}",
                href=compare_path(link), width=band_width(link.confidence),
                dashed=link.type == "alignedWith", tooltip=tooltip,
                child=link.child.id, parent=link.parent.id)


def alignment_svg(alignment: Alignment) -> str:
    """The view as an ``<svg>`` element (styles inside, so it also stands alone)."""
    drawn = layout(alignment)
    return render_template("alignment_svg.html", layout=drawn, box_w=BOX_W, box_h=BOX_H,
                           pad_x=PAD_X, font_px=FONT_PX, margin=MARGIN,
                           document=alignment.document)
