"""HTML tables: what many registry systems export as "Excel" (an ``.xls`` that is a web page), read as tables.

Each top-level ``<table>`` is one RawTable, named ``table N`` in document
order as in DOCX; a table nested in a cell is not a table of its own and its
text is not part of the cell. A cell's text is what a browser shows: runs of
white space are one space, ``<br>`` and block ends start a new line, and
character references are resolved (``&nbsp;`` is a no-break space). Cells
spanning columns or rows (``colspan``, ``rowspan``) give their text to each
column and row they cover (``grid.Grid``). The page is parsed by the standard
library's ``html.parser``, which fetches and runs nothing; script and style
text is never a cell. A page without a table row is refused by the caller.

>>> from veracity.limits import Limits
>>> page = "<table><tr><th>姓名<td rowspan=2>男<tr><td>古丽</table>"
>>> [list(t.rows) for t in parse_tables(page, FileGuard("page.html", Limits()))]
[[('姓名', '男'), ('古丽', '男')]]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

from veracity.ingest.grid import MAX_SPAN, Grid, Span, TooWide
from veracity.ingest.guard import CLOCK_EVERY, READ_FAILURES, FileGuard
from veracity.ingest.table import RawTable, Row

_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML's white space (a no-break space is text)
_LINE_BREAKS = frozenset({"br", "p", "div", "li"})
_SKIPPED = frozenset({"script", "style", "template"})


class _TableParser(HTMLParser):
    """Collects the rows of top-level tables as lists of Spans (text still to be tidied)."""

    def __init__(self, guard: FileGuard) -> None:
        super().__init__(convert_charrefs=True)
        self.guard = guard
        self.tables: list[list[list[Span]]] = []
        self.depth = 0          # tables open (1: a top-level one)
        self.skipping = 0       # script/style elements open
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.rows = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append([])
        elif self.depth != 1:
            return
        elif tag == "tr":
            self._end_cell()
            self._new_row()
        elif tag in ("td", "th"):
            self._end_cell()
            if not self.tables[-1]:
                self._new_row()
            found = dict(attrs)
            self.cell, self.span = [], (_count(found.get("colspan")), _count(found.get("rowspan")))
        elif tag in _LINE_BREAKS and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table" and self.depth:
            if self.depth == 1:
                self._end_cell()
            self.depth -= 1
        elif self.depth == 1 and tag in ("td", "th", "tr"):
            self._end_cell()
        elif self.depth == 1 and tag in _LINE_BREAKS and self.cell is not None:
            self.cell.append("\n")

    def handle_data(self, data: str) -> None:
        if self.cell is not None and self.depth == 1 and not self.skipping:
            self.cell.append(_SPACE.sub(" ", data))

    def _new_row(self) -> None:
        self.rows += 1
        if self.rows > self.guard.rows_left():
            raise self.guard.too_many_rows(f"table {len(self.tables)} row {len(self.tables[-1]) + 1}")
        if self.rows % CLOCK_EVERY == 0:
            self.guard.check_clock(f"table {len(self.tables)} row {len(self.tables[-1]) + 1}")
        self.tables[-1].append([])

    def _end_cell(self) -> None:
        if self.cell is None:
            return
        text = cell_text("".join(self.cell))
        if len(text) > self.guard.limits.max_cell_chars:
            raise self.guard.cell_too_long(f"table {len(self.tables)} row {len(self.tables[-1])}")
        self.tables[-1][-1].append(Span(text, *self.span))
        self.cell = None


def _count(value: str | None) -> int:
    """A colspan or rowspan attribute as browsers read it: leading digits, 1 when none, at most MAX_SPAN.

    >>> _count("3"), _count(" 2px"), _count("0"), _count(None), _count("99999")
    (3, 2, 1, 1, 1000)
    """
    digits = re.match(r"\s*([0-9]+)", value or "")
    return min(max(int(digits.group(1)), 1), MAX_SPAN) if digits else 1


def cell_text(raw: str) -> str:
    """A cell's text as shown, from its text (white space already one space) and "\\n" for each line break:
    each line trimmed, spaces in a row one, empty lines dropped.

    >>> cell_text(" 买买提 \\n\\n 吐尔逊  \\n"), cell_text("a\\xa0 b")
    ('买买提\\n吐尔逊', 'a\\xa0 b')
    """
    lines = (_SPACE.sub(" ", line).strip(" ") for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def parse_tables(text: str, guard: FileGuard) -> list[RawTable]:
    """The top-level tables of the page TEXT that hold a row, as RawTables named ``table N``."""
    parser = _TableParser(guard)
    with guard.reading("the page", (*READ_FAILURES, AssertionError)):
        parser.feed(text)
        parser.close()
    return [RawTable(f"table {n}", _laid_out(rows, n, guard)) for n, rows in enumerate(parser.tables, 1) if rows]


def _laid_out(rows: list[list[Span]], table: int, guard: FileGuard) -> Iterator[Row]:
    grid = Grid(guard.limits.max_columns)
    for number, spans in enumerate(rows, 1):
        try:
            yield grid.row(spans)
        except TooWide as wide:
            raise guard.too_many_columns(wide.width, f"table {table} row {number}") from None
