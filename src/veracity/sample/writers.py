"""Writing the sample case's files: XLSX (openpyxl write-only mode), CSV and DOCX tables.

The XLSX writer streams rows (write-only mode), so the 100x sample stays in
bounded memory; merged ranges are declared on the sheet and their non-anchor
cells left empty, as Excel stores them. The DOCX writer copies one template
row per data row, which is far faster than ``Table.add_row`` on large tables.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

Cell = str | int | None
_FIXED_TIME = dt.datetime(2019, 6, 1, 9, 0, 0)  # document properties: the same bytes for the same seed


@dataclass(frozen=True)
class Sheet:
    """One worksheet: name, physical rows from the top, merged ranges (``A1:M1``)."""

    name: str
    rows: tuple[tuple[Cell, ...], ...]
    merges: tuple[str, ...]


@dataclass(frozen=True)
class DocTable:
    """One DOCX table with the paragraph above it: caption, header row, data rows (all text)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write SHEETS to PATH; the first row's first cell of each sheet is set bold."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

    wb = Workbook(write_only=True)
    wb.properties.creator = "veracity sample generator"
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name)
        ws.merged_cells = MultiCellRange([CellRange(ref) for ref in sheet.merges])  # .add() is quadratic
        for i, row in enumerate(sheet.rows):
            if i == 0:
                first = WriteOnlyCell(ws, value=row[0])
                first.font = Font(bold=True)
                first.alignment = Alignment(horizontal="center")
                ws.append([first, *row[1:]])
            else:
                ws.append(list(row))
    wb.save(path)


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Write a UTF-8 CSV (with BOM, as Excel users expect) with one header row and no embedded newlines."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def write_docx(path: Path, title: str, tables: Sequence[DocTable]) -> None:
    """Write a document: a title paragraph, then each table under its caption (header row bold)."""
    import docx

    doc = docx.Document()
    doc.core_properties.author = "veracity sample generator"
    doc.core_properties.created = _FIXED_TIME
    doc.core_properties.modified = _FIXED_TIME
    doc.add_heading(title, level=1)
    for t in tables:
        doc.add_paragraph(t.caption)
        table = doc.add_table(rows=2, cols=len(t.header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, t.header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for cell in table.rows[1].cells:
            cell.paragraphs[0].add_run("-")
        _fill(table, t.rows)
    doc.save(str(path))


def _fill(table: object, rows: Sequence[Sequence[str]]) -> None:
    """Replace the table's template row (its second) by one copy per data row."""
    from docx.oxml.ns import qn

    tbl = table._tbl  # type: ignore[attr-defined]
    template = tbl.tr_lst[1]
    tbl.remove(template)
    for values in rows:
        tr = copy.deepcopy(template)
        for t_el, value in zip(tr.iter(qn("w:t")), values, strict=True):
            t_el.text = value
        tbl.append(tr)
