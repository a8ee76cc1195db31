"""Merged cell ranges of an XLSX worksheet: found in the sheet's XML, filled into streamed rows.

openpyxl's read-only mode does not expose merges, so the worksheet member is
scanned for ``<mergeCell ref="A1:B2"/>`` (they follow ``sheetData``) in
chunks, never loaded whole. While rows stream, every cell of a merged range
receives the value of the range's top-left cell: a household number merged
down over family members reaches each member's row, and a header merged
across columns labels each of them.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from veracity.ingest.guard import FileGuard
from veracity.ingest.table import Cell, Row

CHUNK = 1 << 20
OVERLAP = 512
MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\sref\s*=\s*[\"']"
    rb"([A-Za-z]{1,3}[0-9]{1,7})(?::([A-Za-z]{1,3}[0-9]{1,7}))?[\"']"
)
CELL_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})")


@dataclass(frozen=True, order=True)
class Merge:
    """A merged range, 1-based and inclusive: rows top..bottom, columns left..right."""

    top: int
    left: int
    bottom: int
    right: int


def cell_position(ref: str) -> tuple[int, int]:
    """(row, column) of an A1 reference.

    >>> cell_position("B3"), cell_position("AA10")
    ((3, 2), (10, 27))
    """
    match = CELL_REF.fullmatch(ref)
    if not match:
        raise ValueError(f"not a cell reference: {ref!r}")
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


def parse_merge(first: str, last: str | None) -> Merge:
    """The range between two corner references, in either order.

    >>> parse_merge("A1", "B3")
    Merge(top=1, left=1, bottom=3, right=2)
    >>> parse_merge("C5", "A2")
    Merge(top=2, left=1, bottom=5, right=3)
    """
    (r1, c1), (r2, c2) = cell_position(first), cell_position(last or first)
    return Merge(min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


def find_merges(chunk: bytes) -> list[Merge]:
    """Every complete ``mergeCell`` element in a piece of sheet XML.

    >>> find_merges(b'<mergeCells count="1"><mergeCell ref="A2:A4"/></mergeCells>')
    [Merge(top=2, left=1, bottom=4, right=1)]
    """
    return [
        parse_merge(m.group(1).decode(), m.group(2).decode() if m.group(2) else None)
        for m in MERGE_CELL.finditer(chunk)
    ]


def scan_merges(archive: zipfile.ZipFile, member: str, guard: FileGuard, place: str) -> list[Merge]:
    """The merged ranges of one worksheet member, read in chunks with an overlap."""
    found: set[Merge] = set()
    tail = b""
    with archive.open(member) as source:
        while chunk := source.read(CHUNK):
            data = tail + chunk
            if b"mergeCell" in data:
                found.update(find_merges(data))
            tail = data[-OVERLAP:]
            guard.check_clock(place)
    return sorted(found)


class MergeFiller:
    """Carries each merged range's top-left value into the range's other cells as rows stream by."""

    def __init__(self, merges: list[Merge]) -> None:
        self.pending = sorted(merges, reverse=True)     # popped from the end: smallest top first
        self.active: list[tuple[Merge, Cell]] = []
        self.next_top = self.pending[-1].top if self.pending else 0

    def needed(self, row_number: int) -> bool:
        """True when row ``row_number`` (1-based) meets a merged range."""
        return bool(self.active) or (bool(self.pending) and row_number >= self.next_top)

    def fill(self, row_number: int, row: Row) -> Row:
        """Row ``row_number`` with merged cells filled; rows must come in order from row 1.

        >>> f = MergeFiller([parse_merge("A2", "A3"), parse_merge("B1", "C1")])
        >>> [f.fill(n, r) for n, r in enumerate([(None, "户", None), ("H1", "甲"), (None, "乙")], 1)]
        [(None, '户', '户'), ('H1', '甲'), ('H1', '乙')]
        """
        while self.pending and self.pending[-1].top <= row_number:
            merge = self.pending.pop()
            value = row[merge.left - 1] if merge.left <= len(row) else None
            self.active.append((merge, value))
        self.next_top = self.pending[-1].top if self.pending else 0
        self.active = [(m, v) for m, v in self.active if m.bottom >= row_number]
        if not self.active:
            return row
        width = max(len(row), *(m.right for m, _ in self.active))
        cells = list(row) + [None] * (width - len(row))
        for merge, value in self.active:
            cells[merge.left - 1 : merge.right] = [value] * (merge.right - merge.left + 1)
        return tuple(cells)
