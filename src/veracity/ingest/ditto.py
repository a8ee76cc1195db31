"""Ditto marks: a cell written 同上 ("same as above"), 〃 or "ditto" holds the value of the row above.

Clerks filling a register by hand or in a spreadsheet often write 同上 or 〃 in an address, household, category
or reason column instead of repeating the line above. After a table is read, such a value in one of the
``DITTO_FIELDS`` (free text, never a name, number, sex or date) becomes the nearest value above it in the same
table that is not itself a mark. A mark with nothing above it stays as written; the verbatim cells never change.
Only tables whose first rows (those the header and column plan are read from) hold a mark are filled.
"""

from __future__ import annotations

from collections.abc import Sequence

from veracity.case import Case
from veracity.ingest.table import Row

DITTO_MARKS = ("同上", "同前", "〃", '"', "''", "ditto", "do.", "-〃-")
DITTO_FIELDS = ("address", "street", "locality", "postcode", "state", "household", "ethnicity", "category", "reason",
                "decision")
_ROW = '"row"'


def _is_mark(column: str) -> str:
    """SQL: COLUMN, lower-cased and without spaces, is a ditto mark (the marks are parameter ``?``)."""
    return f"list_contains(?, lower(replace(trim({column}), ' ', '')))"


def is_ditto(text: str) -> bool:
    """Whether TEXT is a ditto mark, as ``_is_mark`` tells in SQL.

    >>> [is_ditto(t) for t in ("同上", " 同 上 ", "〃", "Ditto", "同上村")]
    [True, True, True, True, False]
    """
    return text.strip().replace(" ", "").lower() in DITTO_MARKS


def _fill(field: str) -> str:
    return f"""
UPDATE records SET {field} = above.value
FROM (SELECT record_id, {field} AS written, last_value(CASE WHEN {_is_mark(field)} THEN NULL
             ELSE nullif(trim({field}), '') END IGNORE NULLS)
             OVER (ORDER BY {_ROW} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS value
      FROM records WHERE source_id = ? AND sheet = ?) AS above
WHERE records.record_id = above.record_id AND above.value IS NOT NULL AND {_is_mark("above.written")}"""


def fill_ditto_marks(case: Case, source_id: int, sheet: str, fields: tuple[str, ...]) -> None:
    """Replace the ditto marks in FIELDS (those of ``DITTO_FIELDS`` the table holds) of one table (SOURCE_ID,
    SHEET) by the value above them. Called for a table whose first rows hold a mark (``marks_in``): a scan of
    every row for marks would cost a large register more than reading it."""
    marks = list(DITTO_MARKS)
    for field in (f for f in DITTO_FIELDS if f in fields):
        case.con.execute(_fill(field), [marks, source_id, sheet, marks])


def marks_in(rows: Sequence[Row]) -> bool:
    """Whether some cell of ROWS is a ditto mark.

    >>> marks_in([("1", "一村"), ("2", "同上")]), marks_in([("1", "一村", None)])
    (True, False)
    """
    return any(isinstance(cell, str) and is_ditto(cell) for row in rows for cell in row)
