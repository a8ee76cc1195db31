"""Legacy Excel workbooks (.xls: BIFF, what Excel 97-2003 and WPS write), every sheet read by xlrd in a child.

xlrd reads the whole compound file into memory and has no limit of its own,
so the parse (``xls_book.parse_xls``) runs under ``sandbox.run_limited``
(memory capped, time bounded, no network or process). The child gives back
each sheet's physical rows and merged ranges; the rows then stream through
the same checks and merge filling as an XLSX sheet's
(``xlsx_reader.sheet_rows``). A workbook with a password, and an OLE2 file
that holds no workbook (a Word ``.doc``, an encrypted ``.xlsx``), are
refused saying so.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from veracity.ingest.guard import FileGuard
from veracity.ingest.merges import MergeFiller
from veracity.ingest.sandbox import run_limited
from veracity.ingest.table import RawTable
from veracity.ingest.xls_book import XlsBook, parse_xls
from veracity.ingest.xlsx_reader import sheet_rows


def open_xls(path: Path, guard: FileGuard) -> tuple[tuple[str, ...], Iterator[RawTable]]:
    """Notes about the workbook (hidden sheets, xlrd's warnings) and its sheets as tables."""
    book: XlsBook = run_limited(parse_xls, (str(path), guard.limits), guard, "workbook")
    if book.refusal:
        raise guard.error(book.refusal, "workbook")
    if len(book.sheets) > guard.limits.max_sheets:
        raise guard.error(f"{len(book.sheets)} sheets, more than {guard.limits.max_sheets}")
    notes = [f"sheet '{sheet.name}' is {sheet.state}" for sheet in book.sheets if sheet.state != "visible"]
    notes += [f"xlrd: {warning}" for warning in book.warnings]
    tables = (RawTable(s.name, sheet_rows(s.name, iter(s.rows), MergeFiller(list(s.merges)), guard))
              for s in book.sheets)
    return tuple(notes), tables


