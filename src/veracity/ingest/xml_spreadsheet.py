"""Excel 2003 XML spreadsheets (SpreadsheetML): what older registry systems export as an ``.xls`` or ``.xml``.

Each ``Worksheet`` is one RawTable named by its ``ss:Name``. Rows and cells
may name their place (``ss:Index``, 1-based): the rows and cells they skip are
empty, so row numbers count from the top as in the sheet. A cell merged
across columns or down rows (``ss:MergeAcross``, ``ss:MergeDown``) gives its
value to each cell it covers (``grid.Grid``). Values keep their type:
``Number`` an int or float, ``DateTime`` a datetime, ``Boolean`` a bool,
anything else the text (rich text's font runs joined). The XML is read by
defusedxml as a stream (no DTD entities, nothing fetched); each sheet's rows
are kept in memory until the file is read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import iterparse

from veracity.ingest.grid import MAX_SPAN, Grid, Span, TooWide
from veracity.ingest.guard import CLOCK_EVERY, FileGuard
from veracity.ingest.table import Cell, RawTable, Row

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
NAMESPACE = b"urn:schemas-microsoft-com:office:spreadsheet"


def is_xml(head: bytes) -> bool:
    """Whether a file's first bytes are an XML document (after a byte-order mark and white space).

    >>> is_xml(b"\\xef\\xbb\\xbf <?xml version='1.0'?><svg/>"), is_xml(b"a,b")
    (True, False)
    """
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml")


def is_xml_spreadsheet(head: bytes) -> bool:
    """Whether a file's first bytes are an Excel 2003 XML workbook.

    >>> is_xml_spreadsheet(b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">')
    True
    >>> is_xml_spreadsheet(b"<?xml version='1.0'?><svg/>")
    False
    """
    return is_xml(head) and NAMESPACE in head and b"Workbook" in head


def typed(kind: str | None, text: str) -> Cell:
    """A ``Data`` element's value by its ``ss:Type``.

    >>> typed("Number", "42"), typed("Number", "6.53224194508291E+17"), typed("DateTime", "1985-03-02T00:00:00.000")
    (42, 6.53224194508291e+17, datetime.datetime(1985, 3, 2, 0, 0))
    >>> typed("Boolean", "1"), typed("String", " 买买提 "), typed("Number", "n/a")
    (True, ' 买买提 ', 'n/a')
    """
    try:
        if kind == "Number":
            number = float(text)
            return int(number) if number.is_integer() and abs(number) < 1e15 else number
        if kind == "DateTime":
            return dt.datetime.fromisoformat(text[:19])
        if kind == "Boolean":
            return text.strip() == "1"
    except ValueError:
        pass
    return text


def open_xml_spreadsheet(path: Path, guard: FileGuard) -> list[RawTable]:
    """The worksheets of the workbook at PATH as RawTables (empty sheets too: the caller skips them)."""
    sheets: list[tuple[str, list[Row]]] = []
    grid = Grid(guard.limits.max_columns)
    spans: list[Span] = []
    with guard.reading(lambda rows: f"row {rows}") as tally:
        for event, element in iterparse(str(path), events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{SS}Worksheet":
                    if len(sheets) >= guard.limits.max_sheets:
                        raise guard.error(f"more than {guard.limits.max_sheets} worksheets")
                    sheets.append((element.get(f"{SS}Name") or f"Sheet{len(sheets) + 1}", []))
                    grid = Grid(guard.limits.max_columns)
                elif tag == f"{SS}Row":
                    spans = []
                continue
            if tag == f"{SS}Cell" and sheets:
                spans.append(_cell(element))
            elif tag == f"{SS}Row" and sheets:
                name, rows = sheets[-1]
                _skip_to(rows, element.get(f"{SS}Index"), grid, guard, name)
                tally.rows += 1
                rows.append(_row(grid, spans, guard, f"sheet {name} row {len(rows) + 1}"))
                if tally.rows > guard.rows_left():
                    raise guard.too_many_rows(f"sheet {name} row {len(rows)}")
                if tally.rows % CLOCK_EVERY == 0:
                    guard.check_clock(f"sheet {name} row {len(rows)}")
                element.clear()
    return [RawTable(name, iter(rows)) for name, rows in sheets]


def _cell(element: Element) -> Span:
    """One ``Cell`` as a Span: its value, the columns and rows it covers, its named column."""
    get = element.get
    data = element.find(f"{SS}Data")
    value = None if data is None else typed(data.get(f"{SS}Type"), "".join(data.itertext()))
    index = get(f"{SS}Index")
    return Span(value, 1 + _number(get(f"{SS}MergeAcross")), 1 + _number(get(f"{SS}MergeDown")),
                int(index) - 1 if index and index.isdigit() and int(index) > 0 else None)


def _number(text: str | None) -> int:
    """A merge count; 0 when absent or not a whole number, at most ``grid.MAX_SPAN`` less the cell itself.

    >>> _number("2"), _number(None), _number("-1"), _number("99999")
    (2, 0, 0, 999)
    """
    return min(int(text), MAX_SPAN - 1) if text and text.isdigit() else 0


def _row(grid: Grid, spans: list[Span], guard: FileGuard, place: str) -> Row:
    try:
        return grid.row(spans)
    except TooWide as wide:
        raise guard.too_many_columns(wide.width, place) from None


def _skip_to(rows: list[Row], index: str | None, grid: Grid, guard: FileGuard, name: str) -> None:
    """Empty rows up to the 1-based row INDEX a ``Row`` names (rows a merge covers keep its value)."""
    if not (index and index.isdigit()):
        return
    target = int(index) - 1
    if target - len(rows) > guard.rows_left():
        raise guard.too_many_rows(f"sheet {name} row {index}")
    while len(rows) < target:
        rows.append(_row(grid, [], guard, f"sheet {name} row {len(rows) + 1}"))
