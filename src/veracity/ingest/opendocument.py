"""OpenDocument spreadsheets and text documents (.ods, .odt: LibreOffice, OpenOffice): their tables.

Each ``table:table`` of ``content.xml`` is one RawTable: a spreadsheet's
named by its sheet name, a text document's ``table N`` (a table nested in a
cell is not read). Rows and cells
written once with a repeat count (``number-rows-repeated``,
``number-columns-repeated``) are laid out that many times, except empty ones
at the end of a row or a table (LibreOffice closes every sheet with a
million repeated empty rows); a cell spanning columns or rows
(``number-columns-spanned``, ``number-rows-spanned``) gives its value to each
cell it covers (``grid.Grid``; the covered cells the file also writes are
skipped). Values keep their type: ``float``, ``percentage`` and ``currency``
an int or float, ``date`` a datetime, ``time`` a time, ``boolean`` a bool,
anything else the text (paragraphs joined by a newline, ``text:s`` spaces,
tabs and line breaks kept). The zip has passed ``zipguard.check_zip``; the
XML is read by defusedxml as a stream (no DTD entities, nothing fetched).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import iterparse

from veracity.ingest.grid import MAX_SPAN, Grid, Span, TooWide
from veracity.ingest.guard import CLOCK_EVERY, FileGuard
from veracity.ingest.table import Cell, RawTable, Row

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
SPREADSHEET = "application/vnd.oasis.opendocument.spreadsheet"
TEXT_DOCUMENT = "application/vnd.oasis.opendocument.text"
MIMETYPE_BYTES = 100
_DURATION = re.compile(r"-?PT?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?")


def document_kind(path: Path, guard: FileGuard) -> str:
    """The ``mimetype`` member of the OpenDocument zip at PATH: SPREADSHEET or TEXT_DOCUMENT, else an InputError."""
    with guard.reading("member mimetype"), zipfile.ZipFile(path) as archive:
        kind = archive.read("mimetype")[:MIMETYPE_BYTES].decode("ascii", "replace").strip()
    if kind not in (SPREADSHEET, TEXT_DOCUMENT):
        raise guard.error(f"an OpenDocument file of type {kind!r}, not a spreadsheet or a text document",
                          "member mimetype")
    return kind


def open_opendocument(path: Path, kind: str, guard: FileGuard) -> list[RawTable]:
    """The tables of the OpenDocument file at PATH (KIND from ``document_kind``), in document order."""
    tables: list[tuple[str, list[Row]]] = []
    reader = _TableReader(guard, "", [], 0)
    depth = 0  # of table:table elements open (a table inside a cell is not read)
    with guard.reading(lambda rows: f"row {rows}") as tally, zipfile.ZipFile(path) as archive, \
            archive.open("content.xml") as content:
        for event, element in iterparse(content, events=("start", "end")):
            tag = element.tag
            if tag == f"{TABLE}table":
                depth += 1 if event == "start" else -1
                if event == "start" and depth == 1:
                    if len(tables) >= guard.limits.max_sheets:
                        raise guard.error(f"more than {guard.limits.max_sheets} tables")
                    sheet = element.get(f"{TABLE}name") if kind == SPREADSHEET else None
                    name = sheet or f"table {len(tables) + 1}"
                    tables.append((name, []))
                    reader = _TableReader(guard, f"sheet '{name}'" if sheet else name, tables[-1][1], tally.rows)
                elif event == "end" and depth == 0:
                    element.clear()
                continue
            if event != "end" or depth != 1:
                continue
            if tag == f"{TABLE}table-cell":
                reader.cell(element)
            elif tag == f"{TABLE}table-row":
                tally.rows += reader.row(element)
                element.clear()
    return [RawTable(name, iter(rows)) for name, rows in tables]


class _TableReader:
    """The rows of one table as its cells and rows end: repeats expanded, spans laid out on the grid, limits
    checked; PREFIX names the table in errors ("sheet 'Sheet1'", "table 2"), BEFORE is the rows the file's
    earlier tables laid out (``Limits.max_rows`` counts all tables)."""

    def __init__(self, guard: FileGuard, prefix: str, rows: list[Row], before: int) -> None:
        self.guard = guard
        self.prefix = prefix
        self.rows = rows
        self.before = before
        self.grid = Grid(guard.limits.max_columns)
        self.spans: list[Span] = []
        self.empty_cells = 0   # empty cells written since the last value (kept only if a value follows)
        self.empty_rows = 0    # empty rows since the last row with a value (likewise)

    @property
    def place(self) -> str:
        """The row being read, for errors."""
        return f"{self.prefix} row {len(self.rows) + self.empty_rows + 1}"

    def cell(self, element: Element) -> None:
        """Take one ``table-cell``: its value repeated, or empty cells to lay out if a value follows."""
        limits = self.guard.limits
        repeat = _count(element.get(f"{TABLE}number-columns-repeated"), limits.max_columns + 1)
        columns = _count(element.get(f"{TABLE}number-columns-spanned"))
        rows = _count(element.get(f"{TABLE}number-rows-spanned"))
        value = cell_value(element)
        element.clear()
        if value is None and rows == 1:
            self.empty_cells += repeat * columns
            return
        if isinstance(value, str) and len(value) > limits.max_cell_chars:
            raise self.guard.cell_too_long(self.place)
        width = len(self.spans) + self.empty_cells + repeat * columns
        if width > limits.max_columns:
            raise self.guard.too_many_columns(width, self.place)
        self.spans.extend([Span(None)] * self.empty_cells)
        self.empty_cells = 0
        self.spans.extend([Span(value, columns, rows)] * repeat)

    def row(self, element: Element) -> int:
        """Lay out the row that ended (repeated); the number of rows laid out (empty rows wait for a row with a
        value, and are never laid out at the end of a table)."""
        repeat = _count(element.get(f"{TABLE}number-rows-repeated"), self.guard.rows_left() + 1)
        spans, self.spans, self.empty_cells = self.spans, [], 0
        if not spans and not self.grid.covers():
            self.empty_rows += repeat
            return 0
        place, rows, laid = self.place, self.rows, self.empty_rows + repeat
        if self.before + len(rows) + laid > self.guard.rows_left():
            raise self.guard.too_many_rows(place)
        try:
            rows.extend(self.grid.row([]) for _ in range(self.empty_rows))
            rows.extend(self.grid.row(spans) for _ in range(repeat))
        except TooWide as wide:
            raise self.guard.too_many_columns(wide.width, place) from None
        self.empty_rows = 0
        if len(rows) // CLOCK_EVERY != (len(rows) - laid) // CLOCK_EVERY:
            self.guard.check_clock(place)
        return laid


def _count(text: str | None, most: int = MAX_SPAN) -> int:
    """A repeat or span count: 1 when absent or not a positive whole number, at most MOST.

    >>> _count("3"), _count(None), _count("0"), _count("1048576", 10)
    (3, 1, 1, 10)
    """
    return min(int(text), most) if text and text.isdigit() and int(text) > 0 else 1


def cell_value(element: Element) -> Cell:
    """A ``table-cell``'s value by its ``office:value-type``; its text when it has no typed value.

    >>> from xml.etree.ElementTree import fromstring
    >>> ns = f'xmlns:office="{OFFICE[1:-1]}" xmlns:table="{TABLE[1:-1]}" xmlns:text="{TEXT[1:-1]}"'
    >>> cell = lambda attrs, body="": cell_value(fromstring(f"<table:table-cell {ns} {attrs}>{body}</table:table-cell>"
    ...                                                     ))
    >>> cell('office:value-type="float" office:value="42"'), cell('office:value-type="float" office:value="1.5"')
    (42, 1.5)
    >>> cell('office:value-type="date" office:date-value="2017-05-03"')
    datetime.datetime(2017, 5, 3, 0, 0)
    >>> cell('office:value-type="time" office:time-value="PT12H30M00S"')
    datetime.time(12, 30)
    >>> cell('office:value-type="string"', "<text:p>买买提<text:s text:c='2'/>吐尔逊</text:p><text:p>和田</text:p>")
    '买买提  吐尔逊\\n和田'
    >>> cell("") is None
    True
    """
    kind = element.get(f"{OFFICE}value-type")
    try:
        if kind in ("float", "percentage", "currency"):
            number = float(element.get(f"{OFFICE}value") or "")
            return int(number) if number.is_integer() and abs(number) < 1e15 else number
        if kind == "date":
            return dt.datetime.fromisoformat((element.get(f"{OFFICE}date-value") or "")[:19])
        if kind == "time":
            return _time(element.get(f"{OFFICE}time-value") or "")
        if kind == "boolean":
            return element.get(f"{OFFICE}boolean-value") == "true"
    except ValueError:
        pass
    paragraphs = [_text(p) for p in element if p.tag in (f"{TEXT}p", f"{TEXT}h")]
    return "\n".join(paragraphs) if paragraphs else None


def _time(text: str) -> dt.time:
    """An ISO 8601 duration of less than a day as a time of day; ValueError otherwise."""
    match = _DURATION.fullmatch(text)
    if not match or not text.startswith("PT"):
        raise ValueError(text)
    hours, minutes, seconds = int(match[1] or 0), int(match[2] or 0), float(match[3] or 0)
    return dt.time(hours, minutes, int(seconds))


def _text(element: Element) -> str:
    """The text of a paragraph: spans followed, ``text:s`` as its count of spaces, tabs and line breaks kept."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{TEXT}s":
            parts.append(" " * _count(child.get(f"{TEXT}c")))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        elif child.tag != f"{OFFICE}annotation":
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
