"""DOCX documents: one lazy RawTable per table of the body, named ``table N`` in document order.

The zip has passed ``zipguard.check_zip`` before python-docx opens it
(python-docx parses with lxml, ``resolve_entities=False``). Tables are the
body's top-level ``w:tbl`` elements, including those wrapped in a content
control (``w:sdt``); a table nested in a cell is not a table of its own and
its text is not part of the cell. Rows are laid out on the table grid:
``w:gridBefore`` leaves None cells at the start, a cell spanning columns
(``w:gridSpan``) gives its text to each, and a vertically merged cell
(``w:vMerge`` continue) repeats the text of the cell above it. A cell's text
is its paragraphs joined with a newline. Cells are str (None in grid gaps). The body paragraphs between a
table and the one before it (at most ``ABOVE_PARAGRAPHS``, the nearest) are its ``above`` lines: a title.

A document without a table whose body lines are split by tabs (a list typed in Word with tab stops)
is one table named ``paragraphs``: each body paragraph a row, its text split at the tabs (an empty
paragraph a blank row, a title a row of one cell), when at least two paragraphs hold a tab.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import OpcError

from veracity.ingest.guard import CLOCK_EVERY, READ_FAILURES, FileGuard
from veracity.ingest.table import Cell, RawTable, Row

TABLES = "./w:tbl | ./w:sdt/w:sdtContent/w:tbl"
TABBED = "paragraphs"  # the name of the one table a document without tables may hold in tab-split lines
ROWS = "./w:tr | ./w:sdt/w:sdtContent/w:tr | ./w:customXml/w:tr"
CELLS = "./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc"
FAILURES: tuple[type[BaseException], ...] = (*READ_FAILURES, OpcError)
ABOVE_PARAGRAPHS = 10  # body paragraphs kept above a table: its title, a date line, a note


def open_docx(path: Path, guard: FileGuard) -> Iterator[RawTable]:
    """The document's tables as lazy RawTables (the XML is parsed here, rows laid out lazily)."""
    with guard.reading("document", FAILURES):
        document = docx.Document(str(path))
        tables = list(document.element.body.xpath(TABLES))
        lines = [] if tables else [p.text for p in document.paragraphs]
    if len(tables) > guard.limits.max_sheets:
        raise guard.error(f"{len(tables)} tables, more than {guard.limits.max_sheets}")
    if sum("\t" in line for line in lines) >= 2:
        return iter([RawTable(TABBED, _tabbed(lines, guard))])
    return iter([RawTable(f"table {n}", _rows(tbl, n, guard), _paragraphs_above(tbl))
                 for n, tbl in enumerate(tables, 1)])


def _paragraphs_above(tbl: Any) -> tuple[str, ...]:
    """The non-empty body paragraphs between TBL and the table before it, nearest last (at most ABOVE_PARAGRAPHS)."""
    body_child = tbl.getparent().tag.endswith("}body")
    anchor = tbl if body_child else tbl.getparent().getparent()  # in a content control, the w:sdt is in the body
    found: list[str] = []
    for sibling in anchor.itersiblings(preceding=True):
        if not sibling.tag.endswith("}p") or len(found) == ABOVE_PARAGRAPHS:
            break
        if sibling.text.strip():
            found.append(sibling.text.strip())
    return tuple(reversed(found))


def _tabbed(lines: list[str], guard: FileGuard) -> Iterator[Row]:
    """Each paragraph a row, split at its tabs (an empty one a blank row), limits checked."""
    limits = guard.limits
    with guard.reading(lambda rows: f"{TABBED} row {rows}", FAILURES) as tally:
        for line in lines:
            tally.rows += 1
            place = f"{TABBED} row {tally.rows}"
            if tally.rows > guard.rows_left():
                raise guard.too_many_rows(place)
            cells = tuple(line.split("\t")) if line.strip() else ()
            if len(cells) > limits.max_columns:
                raise guard.too_many_columns(len(cells), place)
            if any(len(cell) > limits.max_cell_chars for cell in cells):
                raise guard.cell_too_long(place)
            if tally.rows % CLOCK_EVERY == 0:
                guard.check_clock(place)
            yield cells


def _rows(tbl: Any, table_number: int, guard: FileGuard) -> Iterator[Row]:
    """Every row of one table laid out on its grid, limits checked."""
    cap = guard.rows_left()
    above: Row = ()
    with guard.reading(lambda rows: f"table {table_number} row {rows}", FAILURES) as tally:
        for tr in tbl.xpath(ROWS):
            tally.rows += 1
            place = f"table {table_number} row {tally.rows}"
            if tally.rows > cap:
                raise guard.too_many_rows(place)
            guard.check_clock(place)
            above = _layout(tr, above, guard, place)
            yield above


def _layout(tr: Any, above: Row, guard: FileGuard, place: str) -> Row:
    """One ``w:tr`` as grid cells; ``above`` is the previous row, for vertical merges."""
    limits = guard.limits
    cells: list[Cell] = [None] * _bounded(tr.grid_before, 0, limits.max_columns, guard, place)
    for tc in tr.xpath(CELLS):
        span = _bounded(tc.grid_span, len(cells), limits.max_columns, guard, place)
        if tc.vMerge == "continue":
            column = len(cells)
            value = above[column] if column < len(above) else None
        else:
            value = "\n".join(p.text for p in tc.xpath("./w:p"))
            if len(value) > limits.max_cell_chars:
                raise guard.cell_too_long(place)
        cells.extend([value] * span)
    return tuple(cells)


def _bounded(count: int, used: int, limit: int, guard: FileGuard, place: str) -> int:
    """``count`` grid columns after ``used`` ones, or the too-many-columns error past ``limit``."""
    if count < 0 or used + count > limit:
        raise guard.too_many_columns(used + count, place)
    return count
