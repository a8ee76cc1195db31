"""Values carried down a table from the rows above, within a block: the window ditto marks and household fills share.

A register fills a cell "from the row above" in two ways: a ditto mark (``ditto``) and a household column written
on the head's row only (``household_fill``). Either way the value comes from the rows just above, so it is carried
only within a *block*: a run of records on consecutive rows of one table. A row that is no record ends the block —
a blank spacer row between households, a total line, a title line, the header of a later table in the same sheet
or CSV file (``records`` counts those rows and exports none of them) — so a fill never crosses from one table, or
one group of rows, to the next. Tables of different ``table_no`` (sheets, the tables of a document) are apart.

The records of one table get consecutive ids in row order (``records.load_started``, ``plain_csv``), so
``row - record_id`` is the same along a run of consecutive rows and changes at a row that is no record: it numbers
the blocks without a window.
"""

from __future__ import annotations

from collections.abc import Mapping

ROW = '"row"'  # the records' row column, quoted (a keyword in SQL)


def table_blocks(columns: str) -> str:
    """SQL: COLUMNS of the records of one table (parameters ``$source_id``, ``$sheet``), with ``table_no`` and
    ``block``, the same number for the records of one run of consecutive rows of one table.

    >>> "AS block" in table_blocks("record_id")
    True
    """
    return (f"SELECT {columns}, table_no, {ROW} - record_id AS block FROM records "
            "WHERE source_id = $source_id AND sheet = $sheet")


def values_above(values: Mapping[str, str]) -> str:
    """SQL: ``record_id`` and, for each NAME: VALUE of VALUES, column NAME: the last VALUE that is not NULL on the
    record's row or above it in its block (else NULL), for each record of one table (parameters ``$source_id``,
    ``$sheet`` and those of the VALUES), in record order.

    >>> "last_value(CASE WHEN household IS NULL" in values_above({"household": "nullif(trim(household), '')"})
    True
    """
    found = ", ".join(f"last_value(CASE WHEN {name} IS NULL THEN NULL ELSE {{'value': {name}, 'table_no': table_no, "
                      f"'block': block}} END IGNORE NULLS) OVER down AS {name}" for name in values)
    written = ", ".join(f"{value} AS {name}" for name, value in values.items())
    carried = ", ".join(f"CASE WHEN {name}.table_no = table_no AND {name}.block = block THEN {name}.value END AS {name}"
                        for name in values)
    return (f"SELECT record_id, {carried} FROM (SELECT record_id, table_no, block, {found} "
            f"FROM ({table_blocks(f'record_id, {written}')}) "
            "WINDOW down AS (ORDER BY record_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))")
