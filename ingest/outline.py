"""The national outline skeleton (``govtrace/data/national-outline-2021-2025.tsv``) as a record.

《法治政府建设实施纲要（2021－2025年）》 by 中共中央、国务院, made public
2021-08-11: ten sections, 35 numbered items (titles only). The facts the
table lacks (title, issuers, date) are reference facts with origin
``metadata``; spans index the TSV file's text.
"""

from __future__ import annotations

import hashlib
from datetime import date
from importlib import resources

from govtrace.errors import EXTRACT_BAD_OUTLINE, IngestError, Location
from govtrace.ingest.extract.numerals import numeral_value
from govtrace.ingest.extract.works import canonical_title
from govtrace.ingest.record import (
    AgencyRef,
    DateBounds,
    DateFact,
    DocumentRecord,
    JurisdictionFact,
    KindFact,
    Origin,
    Section,
    SourceInfo,
    Span,
    Task,
    TextFact,
    YearsFact,
)
from govtrace.ontology.document_kinds import OUTLINE

FILE_NAME = "national-outline-2021-2025.tsv"
DOC_ID = "national-outline-2021-2025"
TITLE = "法治政府建设实施纲要（2021－2025年）"
ISSUERS = ("中共中央", "国务院")
PUBLISHED = date(2021, 8, 11)
NATIONAL = ("100000", "中华人民共和国", "National")
_COLUMNS = ["section", "section_title", "item", "item_title"]


def national_outline_record() -> DocumentRecord:
    """The national outline as a :class:`DocumentRecord` (sections and 35 item tasks)."""
    data = resources.files("govtrace.data").joinpath(FILE_NAME).read_bytes()
    text = data.decode("utf-8")
    sections: list[Section] = []
    tasks: list[Task] = []
    for line_no, (start, cells) in enumerate(_rows(text), start=2):
        section_number = numeral_value(cells[0][1])
        if not sections or sections[-1].number != section_number:
            _check(section_number == len(sections) + 1, line_no, "section out of order")
            sections.append(_section(text, len(sections) + 1, section_number, cells[0][1],
                                     cells[1]))
        number = numeral_value(cells[2][1])
        _check(number == len(tasks) + 1, line_no, "item out of order")
        title_span = _span(text, cells[3])
        tasks.append(Task(ordinal=number, number=number, number_text=cells[2][1],
                          section=len(sections), title=cells[3][1], title_rule="table_cell",
                          body="", span=_span(text, (start, "\t".join(c[1] for c in cells))),
                          title_span=title_span))
    return DocumentRecord(
        source=SourceInfo(doc_id=DOC_ID, file_name=FILE_NAME,
                          media_type="text/tab-separated-values", encoding="utf-8",
                          sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data)),
        kind=KindFact(value=OUTLINE, origin=Origin.METADATA),
        title=TextFact(value=TITLE, origin=Origin.METADATA), canonical_title=canonical_title(TITLE),
        label=TITLE,
        issued_bounds=DateBounds(earliest=PUBLISHED, latest=PUBLISHED,
                                 basis=["made public on this day (reference data)"]),
        issuers=[AgencyRef(name=n, label=n, jurisdiction=NATIONAL[0], origin=Origin.METADATA)
                 for n in ISSUERS],
        # Issued (印发) and made public the same day: dcterms:issued and gt:publishedOn.
        issued=DateFact(value=PUBLISHED, origin=Origin.METADATA),
        published=DateFact(value=PUBLISHED, origin=Origin.METADATA),
        covers=YearsFact(first=2021, last=2025, origin=Origin.METADATA),
        jurisdiction=JurisdictionFact(adcode=NATIONAL[0], name=NATIONAL[1], level=NATIONAL[2],
                              origin=Origin.METADATA),
        sections=sections, tasks=tasks,
    )


def _rows(text: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """(line start, [(cell start, cell text)]) for every data row."""
    rows: list[tuple[int, list[tuple[int, str]]]] = []
    position = 0
    for index, line in enumerate(text.splitlines(keepends=True)):
        content = line.rstrip("\r\n")
        cells: list[tuple[int, str]] = []
        cell_start = position
        for cell in content.split("\t"):
            cells.append((cell_start, cell))
            cell_start += len(cell) + 1
        if index == 0:
            _check([c[1] for c in cells] == _COLUMNS, 1, "unexpected header")
        elif content.strip():
            _check(len(cells) == len(_COLUMNS), index + 1, "row needs four cells")
            rows.append((position, cells))
        position += len(line)
    return rows


def _section(text: str, ordinal: int, number: int, number_text: str,
             cell: tuple[int, str]) -> Section:
    span = _span(text, cell)
    return Section(ordinal=ordinal, number=number, number_text=number_text, title=cell[1],
                   title_rule="table_cell", span=span, title_span=span)


def _span(text: str, cell: tuple[int, str]) -> Span:
    start, value = cell
    return Span(start=start, end=start + len(value), exact=text[start:start + len(value)])


def _check(condition: bool, line: int, what: str) -> None:
    if not condition:
        raise IngestError(EXTRACT_BAD_OUTLINE, f"national outline table: {what}",
                          location=Location(file=FILE_NAME, line=line))
