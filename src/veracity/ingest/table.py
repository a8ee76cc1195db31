"""What every reader yields: a named table of physical rows, cells as the file holds them.

>>> t = RawTable("Sheet1", iter([("姓名", "性别"), ("买买提", "男")]))
>>> next(t.rows)
('姓名', '性别')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | None
Row = tuple[Cell, ...]


@dataclass(frozen=True)
class RawTable:
    """One sheet (XLSX), one table (DOCX, ``table N``) or the whole file (CSV, name ``""``).

    ``rows`` yields every physical row from the top, title rows and blank rows
    included, so that row numbers can be counted from the header. Cells of a
    merged range all carry the range's value. Strings are verbatim (no trimming).
    """

    name: str
    rows: Iterator[Row]
    above: tuple[str, ...] = ()  # text lines just above the table and not in it (a Word paragraph, a PDF line)
