"""A legacy Excel workbook as xlrd reads it, in the sandbox's child: each sheet's rows, state and merged ranges.

This module is what the child imports (xlrd and no other reader, so that it
starts quickly). Cells are given as openpyxl gives an XLSX's: text as str; a
number as float, an integral one below 10**15 as int; a number with a date
format as a datetime (a time when under one day); booleans as bool; an error
cell as its text (``#N/A``); empty cells as None, and no row is wider than
its last value.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import xlrd

from veracity.ingest.merges import Merge
from veracity.ingest.table import Cell, Row
from veracity.limits import Limits

EXACT = 10**15  # integral numbers below this are exact in a double, and Excel shows 15 digits
VISIBILITY = {1: "hidden", 2: "veryHidden"}  # as openpyxl names an XLSX sheet's state
REFUSALS = {  # xlrd's words -> what the user is told
    "workbook is encrypted": "an encrypted (password-protected) Excel workbook; remove the password and add it "
                             "again",
    "can't find workbook in ole2 compound document": "an OLE2 file without an Excel workbook (a legacy Word "
                                                     ".doc, or an encrypted .xlsx/.docx); save it as .docx or "
                                                     ".xlsx without a password",
}


@dataclass(frozen=True)
class XlsSheet:
    """One sheet as the child read it: its name, state, physical rows and merged ranges."""

    name: str
    state: str  # visible, hidden or veryHidden
    rows: tuple[Row, ...]
    merges: tuple[Merge, ...]


@dataclass(frozen=True)
class XlsBook:
    """The sheets, xlrd's warnings, or why the file is refused."""

    sheets: tuple[XlsSheet, ...] = ()
    warnings: tuple[str, ...] = ()
    refusal: str = ""


def parse_xls(path: str, limits: Limits) -> XlsBook:
    """Every sheet of the workbook at PATH (run in the sandbox's child): no more rows come back than the parent
    needs to see that a sheet is past ``Limits.max_rows``."""
    log = io.StringIO()
    try:
        book = xlrd.open_workbook(path, logfile=log, formatting_info=True, ragged_rows=True, on_demand=True)
    except xlrd.XLRDError as exc:
        text = str(exc).strip()
        return XlsBook(refusal=REFUSALS.get(text.lower(), f"cannot read the workbook ({text})"))
    if book.nsheets > limits.max_sheets:
        return XlsBook(refusal=f"{book.nsheets} sheets, more than {limits.max_sheets}")
    sheets = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        rows = tuple(_row(sheet, r, book.datemode) for r in range(min(sheet.nrows, limits.max_rows + 1)))
        merges = tuple(Merge(top + 1, left + 1, bottom, right) for top, bottom, left, right in sheet.merged_cells
                       if bottom > top and right > left)
        sheets.append(XlsSheet(sheet.name, VISIBILITY.get(sheet.visibility, "visible"), rows, merges))
        book.unload_sheet(index)
    return XlsBook(tuple(sheets), tuple(line.strip() for line in log.getvalue().splitlines() if line.strip())[:5])


def _row(sheet: xlrd.sheet.Sheet, index: int, datemode: int) -> Row:
    """One physical row's cells, without the empty cells after its last value."""
    cells = [cell_value(kind, value, datemode) for kind, value in zip(sheet.row_types(index),
                                                                        sheet.row_values(index), strict=True)]
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def cell_value(kind: int, value: object, datemode: int) -> Cell:
    """The value of an xlrd cell of type KIND, as openpyxl gives the same cell of an XLSX.

    >>> cell_value(xlrd.XL_CELL_NUMBER, 3.0, 0), cell_value(xlrd.XL_CELL_NUMBER, 6.532241945082912e17, 0)
    (3, 6.532241945082912e+17)
    >>> cell_value(xlrd.XL_CELL_DATE, 42858.0, 0), cell_value(xlrd.XL_CELL_DATE, 0.5, 0)
    (datetime.datetime(2017, 5, 3, 0, 0), datetime.time(12, 0))
    >>> cell_value(xlrd.XL_CELL_ERROR, 42, 0), cell_value(xlrd.XL_CELL_BLANK, "", 0)
    ('#N/A', None)
    """
    if kind == xlrd.XL_CELL_TEXT:
        return str(value)
    if kind == xlrd.XL_CELL_NUMBER and isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < EXACT else value
    if kind == xlrd.XL_CELL_DATE and isinstance(value, float):
        try:
            when: dt.datetime = xlrd.xldate.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return value
        return when.time() if value < 1 else when
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR and isinstance(value, int):
        return str(xlrd.error_text_from_code.get(value, "#ERROR"))
    return None

