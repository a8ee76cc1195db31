"""XLSX workbooks: one lazy RawTable per worksheet, streamed by openpyxl's read-only mode.

The zip has passed ``zipguard.check_zip`` before this module opens it.
Cells are what openpyxl yields with ``data_only=True``: str, int, float,
bool, datetime (a number with a date format; a date-only format still gives
a datetime at midnight), time, or None; a formula gives its cached value
(None when the writing program stored none) and a duration (timedelta) is
given as its number of days, the value the file stores. The sheet's declared
dimension is ignored (a hostile one could pad every row to 16,384 columns or
a million rows); rows are as wide as their last cell, rows missing from the
XML are yielded as empty tuples so that row numbers stay physical, and
merged ranges are filled (see ``merges``).
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from veracity.errors import ConfigError
from veracity.ingest.guard import CLOCK_EVERY, READ_FAILURES, FileGuard
from veracity.ingest.merges import MergeFiller, scan_merges
from veracity.ingest.table import RawTable, Row

DAY = dt.timedelta(days=1)
FAILURES: tuple[type[BaseException], ...] = (*READ_FAILURES, InvalidFileException)


def open_xlsx(path: Path, guard: FileGuard) -> tuple[tuple[str, ...], Iterator[RawTable]]:
    """Notes about the workbook (hidden sheets, library warnings) and its sheets as lazy tables."""
    if not openpyxl.DEFUSEDXML:
        raise ConfigError("openpyxl is not parsing with defusedxml (is OPENPYXL_DEFUSEDXML set?)")
    handle = path.open("rb")  # a file object: openpyxl would refuse a path not ending in .xlsx
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True, keep_links=False)
        sheets = list(book.worksheets)
        states = [(sheet.title, sheet.sheet_state) for sheet in sheets]
    except FAILURES as exc:
        handle.close()
        raise guard.failure(exc, "workbook") from None
    if len(sheets) > guard.limits.max_sheets:
        book.close()
        handle.close()
        raise guard.error(f"{len(sheets)} sheets, more than {guard.limits.max_sheets}")
    notes = [f"sheet '{title}' is {state}" for title, state in states if state != "visible"]
    notes += [f"openpyxl: {w.message}" for w in caught]
    return tuple(notes), _tables(handle, book, sheets, guard)


def _tables(handle: BinaryIO, book: Any, sheets: list[Any], guard: FileGuard) -> Iterator[RawTable]:
    """Each worksheet in workbook order; the workbook is closed when the last is done."""
    try:
        with zipfile.ZipFile(handle) as archive:
            for sheet in sheets:
                place = f"sheet '{sheet.title}' merged cells"
                with guard.reading(place, FAILURES):
                    # openpyxl keeps the member of a read-only sheet in this attribute; the
                    # merge tests fail if a new openpyxl version renames it.
                    merges = scan_merges(archive, sheet._worksheet_path, guard, place)
                sheet.reset_dimensions()
                values = sheet.iter_rows(values_only=True)
                yield RawTable(sheet.title, sheet_rows(sheet.title, values, MergeFiller(merges), guard))
    finally:
        book.close()
        handle.close()


def _durations_as_days(row: tuple[object, ...]) -> Row:
    """A row with each timedelta replaced by its number of days (how Excel stores a duration).

    >>> _durations_as_days((dt.timedelta(hours=36), "x"))
    (1.5, 'x')
    """
    return tuple(c / DAY if isinstance(c, dt.timedelta) else c for c in row)  # type: ignore[misc]


def sheet_rows(title: str, rows: Iterator[tuple[Any, ...]], filler: MergeFiller,
               guard: FileGuard) -> Iterator[Row]:
    """Every physical row of sheet TITLE from row 1 (ROWS, as the library yields them), merged ranges filled
    and limits checked."""
    cap = guard.rows_left()
    max_columns, max_chars = guard.limits.max_columns, guard.limits.max_cell_chars
    with guard.reading(lambda rows: f"sheet '{title}' row {rows + 1}", FAILURES) as tally:
        for values in rows:
            number = tally.rows = tally.rows + 1
            row: Row = values if type(values) is tuple else tuple(values)
            if number > cap:
                raise guard.too_many_rows(f"sheet '{title}' row {number}")
            if filler.needed(number):
                row = filler.fill(number, row)
            if len(row) > max_columns:
                raise guard.too_many_columns(len(row), f"sheet '{title}' row {number}")
            durations = False
            for cell in row:
                kind: type = type(cell)
                if kind is str and len(cell) > max_chars:  # type: ignore[arg-type]
                    raise guard.cell_too_long(f"sheet '{title}' row {number}")
                durations = durations or kind is dt.timedelta
            if durations:
                row = _durations_as_days(row)
            if not number % CLOCK_EVERY or filler.active:
                guard.check_clock(f"sheet '{title}' row {number}")
            yield row
