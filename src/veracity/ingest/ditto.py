"""Ditto marks: a cell written 同上 ("same as above"), 〃 or "ditto" holds the value of the row above.

Clerks filling a register by hand or in a spreadsheet often write 同上 or 〃 in an address, household, category
or reason column instead of repeating the line above. After a table is read, such a value in one of the
``DITTO_FIELDS`` (free text, never a name, number, sex or date) becomes the nearest value above it in its block
(``fill_down``: the run of records of one table up to a blank, total, title or header row) that is not itself a
mark. A mark with nothing above it there (the first row of a table, or a row under a blank one) stays as written
and is reported (``value.ditto_unfilled``); the verbatim cells never change. Only tables whose first rows (those
the header and column plan are read from) hold a mark are filled.
"""

from __future__ import annotations

from collections.abc import Sequence

from veracity.case import Case
from veracity.ingest.fill_down import ROW, values_above
from veracity.ingest.table import Row
from veracity.ingest.values import DITTO_UNFILLED

DITTO_MARKS = ("同上", "同前", "〃", '"', "''", "ditto", "do.", "-〃-")
DITTO_FIELDS = ("address", "street", "locality", "postcode", "state", "household", "ethnicity", "category", "reason",
                "decision")


def _is_mark(column: str) -> str:
    """SQL: COLUMN, lower-cased and without spaces, is a ditto mark (the marks are parameter ``$marks``)."""
    return f"list_contains($marks, lower(replace(trim({column}), ' ', '')))"


def is_ditto(text: str) -> bool:
    """Whether TEXT is a ditto mark, as ``_is_mark`` tells in SQL.

    >>> [is_ditto(t) for t in ("同上", " 同 上 ", "〃", "Ditto", "同上村")]
    [True, True, True, True, False]
    """
    return text.strip().replace(" ", "").lower() in DITTO_MARKS


def _fill(field: str) -> str:
    """SQL: the marks in FIELD take the nearest value above them in their block that is not a mark."""
    written = f"CASE WHEN {_is_mark(field)} THEN NULL ELSE nullif(trim({field}), '') END"
    return f"""
UPDATE records SET {field} = above.{field} FROM ({values_above({field: written})}) AS above
WHERE records.record_id = above.record_id AND above.{field} IS NOT NULL AND {_is_mark("records." + field)}"""


UNFILLED = ('%s: "%s" is a ditto mark with no value above it in its table (on its first row, or just below a blank, '
            "total, title or header row); kept verbatim")  # the field and the mark


def _unfilled(fields: Sequence[str]) -> str:
    """SQL: one ``DITTO_UNFILLED`` finding for each mark left in FIELDS of one table, in row and field order."""
    marks = " UNION ALL ".join(
        f"SELECT record_id, source_file, sheet, {ROW}, {k} AS k, '{field}' AS field, {field} AS mark FROM records "
        f"WHERE source_id = $source_id AND sheet = $sheet AND {_is_mark(field)}" for k, field in enumerate(fields))
    return (f"INSERT INTO findings SELECT '{DITTO_UNFILLED.id}', 'notice', source_file, sheet, {ROW}, record_id, "
            f"printf('{UNFILLED}', field, mark), 'ingest', json_object('field', field, 'value', mark) "
            f"FROM ({marks}) ORDER BY {ROW}, k")


def fill_ditto_marks(case: Case, source_id: int, sheet: str, fields: tuple[str, ...]) -> None:
    """Replace the ditto marks in FIELDS (those of ``DITTO_FIELDS`` the table holds) of one table (SOURCE_ID,
    SHEET) by the value above them in their block (``fill_down``); a mark with none stays as written and is
    reported (``DITTO_UNFILLED``). Called for a table whose first rows hold a mark (``marks_in``): a scan of
    every row for marks would cost a large register more than reading it."""
    table = {"source_id": source_id, "sheet": sheet, "marks": list(DITTO_MARKS)}
    fields = tuple(f for f in DITTO_FIELDS if f in fields)
    if not fields:
        return
    marked = case.con.execute(f"SELECT {', '.join(f'bool_or({_is_mark(f)})' for f in fields)} FROM records "
                              "WHERE source_id = $source_id AND sheet = $sheet", table).fetchone() or ()
    filled = [f for f, holds in zip(fields, marked, strict=True) if holds]  # a fill costs more than this look
    for field in filled:
        case.con.execute(_fill(field), table)
    if filled:
        case.con.execute(_unfilled(filled), table)


def marks_in(rows: Sequence[Row]) -> bool:
    """Whether some cell of ROWS is a ditto mark.

    >>> marks_in([("1", "一村"), ("2", "同上")]), marks_in([("1", "一村", None)])
    (True, False)
    """
    return any(isinstance(cell, str) and is_ditto(cell) for row in rows for cell in row)
