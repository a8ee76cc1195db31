"""Values carried down a table from the rows above, within a block: the window ditto marks and household fills share.

A register fills a cell "from the row above" in two ways: a ditto mark (``ditto``) and a household column written
on the head's row only (``household_fill``). Either way the value comes from the rows just above, so it is carried
only within a *block*: a run of records on consecutive rows of one table. A row that is no record ends the block —
a blank spacer row between households, a total line, a title line, the header of a later table in the same sheet
or CSV file (``records`` counts those rows and exports none of them) — so a fill never crosses from one table, or
one group of rows, to the next. Tables of different ``table_no`` (sheets, the tables of a document) are apart.
"""

from __future__ import annotations

_ROW = '"row"'


def table_blocks(columns: str) -> str:
    """SQL: COLUMNS of the records of one table (parameters ``$source_id``, ``$sheet``), with ``table_no`` and
    ``block``, the same number for the records of one run of consecutive rows.

    >>> "row_number()" in table_blocks("record_id")
    True
    """
    return (f"SELECT {columns}, table_no, {_ROW} - row_number() OVER (PARTITION BY table_no ORDER BY {_ROW}) "
            "AS block FROM records WHERE source_id = $source_id AND sheet = $sheet")


def value_above(value: str) -> str:
    """SQL: ``record_id`` and ``value``, the last VALUE that is not NULL on the record's row or above it in its
    block, for each record of one table (parameters ``$source_id``, ``$sheet`` and those of VALUE).

    >>> "IGNORE NULLS" in value_above("nullif(trim(household), '')")
    True
    """
    return (f"SELECT record_id, last_value(value IGNORE NULLS) OVER (PARTITION BY table_no, block ORDER BY {_ROW} "
            "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS value "
            f"FROM ({table_blocks(f'record_id, {_ROW}, {value} AS value')})")
