"""Rows of cells that span columns and rows laid out on a grid, as HTML tables and Excel 2003 XML write them.

A cell spanning several columns gives its value to each; one spanning several
rows gives it to the same columns of the rows below (as ``RawTable`` promises:
the cells of a merged range all carry the range's value). A cell may name its
column (Excel 2003 XML's ``ss:Index``); the columns it skips are empty.

>>> grid = Grid(max_columns=10)
>>> grid.row([Span("户号", rows=2), Span("买买提"), Span("户主")])
('户号', '买买提', '户主')
>>> grid.row([Span("阿依古丽"), Span("妻子")])
('户号', '阿依古丽', '妻子')
>>> grid.row([Span("a", columns=2), Span("b", column=3)])
('a', 'a', None, 'b')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from veracity.ingest.table import Cell, Row

MAX_SPAN = 1000  # columns or rows one cell covers at most (browsers clamp colspan so; more is a hostile file)


@dataclass(frozen=True)
class Span:
    """One cell as written: its value, the columns and rows it covers, and the 0-based column it names (if any)."""

    value: Cell
    columns: int = 1
    rows: int = 1
    column: int | None = None


class TooWide(ValueError):
    """A row reaches past the grid's column limit (the reader names the file and place)."""

    def __init__(self, width: int) -> None:
        super().__init__(f"{width} columns")
        self.width = width


@dataclass
class Grid:
    """The rows laid out so far: which columns a cell above still covers, with its value and rows left."""

    max_columns: int
    _below: dict[int, tuple[Cell, int]] = field(default_factory=dict)

    def row(self, spans: Iterable[Span]) -> Row:
        """The next row of cells laid out on the grid; raises TooWide past ``max_columns``."""
        out: list[Cell] = []
        for span in spans:
            if span.column is not None:
                self._fill(out, span.column)
            self._covered(out)
            if len(out) + span.columns > self.max_columns:
                raise TooWide(len(out) + span.columns)
            if span.rows > 1:
                self._below.update({len(out) + k: (span.value, span.rows - 1) for k in range(span.columns)})
            out.extend([span.value] * span.columns)
        if self._below:
            self._fill(out, max(self._below) + 1)
        return tuple(out)

    def covers(self) -> bool:
        """Whether a cell above still covers columns of the next row.

        >>> grid = Grid(max_columns=4)
        >>> _ = grid.row([Span("户号", rows=2)])
        >>> grid.covers(), grid.row([]), grid.covers()
        (True, ('户号',), False)
        """
        return bool(self._below)

    def _covered(self, out: list[Cell]) -> None:
        """Put the values of cells above that still cover the next columns."""
        while len(out) in self._below:
            value, left = self._below.pop(len(out))
            if left > 1:
                self._below[len(out)] = (value, left - 1)
            out.append(value)

    def _fill(self, out: list[Cell], column: int) -> None:
        """Lay the row out up to COLUMN: covered columns take the value above, others stay empty."""
        if column > self.max_columns:
            raise TooWide(column)
        while len(out) < column:
            self._covered(out)
            if len(out) < column:
                out.append(None)
