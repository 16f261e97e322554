"""Tasks (plans, schemes) and report items (reports) from the outline's blocks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from govtrace.ingest.extract.citations import find_citations
from govtrace.ingest.extract.context import Context
from govtrace.ingest.extract.deadlines import find_deadlines
from govtrace.ingest.extract.quantities import find_quantities
from govtrace.ingest.extract.structure import Block, in_paragraph_items
from govtrace.ingest.extract.units import find_units
from govtrace.ingest.record import ReportItem, Section, Task
from govtrace.ontology.divisions import Division


def section_record(ctx: Context, block: Block, ordinal: int) -> Section:
    return Section(ordinal=ordinal, number=block.number, number_text=block.number_text,
                   title=ctx.piece(block.head_start, block.title_end).text,
                   title_rule=block.split.rule, span=ctx.span(block.start, block.end),
                   title_span=ctx.span(block.head_start, block.title_end))


def task_record(ctx: Context, block: Block, ordinal: int, section: int,
                lineage: Sequence[Division], base: date | None) -> Task:
    body_start, end = block.body_start, block.end
    units = find_units(ctx, body_start, end, lineage)
    body_end = units.start if units else end
    body = ctx.piece(body_start, body_end)
    return Task(
        ordinal=ordinal, number=block.number, number_text=block.number_text, section=section,
        title=ctx.piece(block.head_start, block.title_end).text, title_rule=block.split.rule,
        body=body.text, span=ctx.span(block.start, end),
        title_span=ctx.span(block.head_start, block.title_end),
        body_span=ctx.span(body.start, body.end) if body.text else None,
        citations=find_citations(ctx, block.head_start, body_end),
        lead_units=units.lead if units else [],
        responsible_units=units.responsible if units else [],
        deadlines=find_deadlines(ctx, block.head_start, body_end, base),
        targets=find_quantities(ctx, block.head_start, body_end, figures=False),
    )


def report_items(ctx: Context, block: Block, path: str) -> list[ReportItem]:
    """The block as a report item, then its numbered children and 一是/二是 sub-items."""
    items: list[ReportItem] = []
    own_end = block.own_end
    subs = in_paragraph_items(ctx.text, block.body_start, own_end)
    first_sub = subs[0][0] if subs else own_end
    items.append(_item(ctx, path, block.number, block.number_text, block.split.rule,
                       (block.start, block.head_start, block.title_end, block.body_start,
                        first_sub, block.end)))
    for index, (start, head, marker, number) in enumerate(subs):
        end = subs[index + 1][0] if index + 1 < len(subs) else own_end
        title_end = _sentence_end(ctx.text, head, end)
        items.append(_item(ctx, f"{path}.{number}", number, marker, "full_stop",
                           (start, head, title_end, min(title_end + 1, end), end, end)))
    for child in block.children:
        items.extend(report_items(ctx, child, f"{path}.{child.number}"))
    return items


def _sentence_end(text: str, start: int, end: int) -> int:
    stop = text.find("。", start, end)
    return stop if stop != -1 else end


def _item(ctx: Context, path: str, number: int, number_text: str, rule: str,
          offsets: tuple[int, int, int, int, int, int]) -> ReportItem:
    """``offsets``: item start, title start, title end, body start, body end, item end."""
    start, head, title_end, body_start, body_end, end = offsets
    body = ctx.piece(body_start, body_end)
    return ReportItem(
        path=path, number=number, number_text=number_text,
        title=ctx.piece(head, title_end).text, title_rule=rule,
        body=body.text, span=ctx.span(start, end), title_span=ctx.span(head, title_end),
        body_span=ctx.span(body.start, body.end) if body.text else None,
        citations=find_citations(ctx, head, body_end),
        figures=find_quantities(ctx, head, body_end, figures=True),
    )
