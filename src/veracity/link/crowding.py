"""Blocking that stays near linear as a case grows: when the names of a case are so few for its size
that the rule "same loose name keys and birth year" would make more than BUDGET candidate pairs per
record (a million records whose names come from a few hundred given names), every name-and-birth-year
blocking rule also asks for the same place (``crowd``: the county, else the locality or postcode).
The rules are the same for every record, so both sides of a pair see the same rule; a record that
gives no place then meets, on those rules, only records that give none (the identity-number and
birth-date rules still reach it).

Below the budget (the sample case up to 100x, 100,000 synthetic rows, FEBRL4) ``crowd`` stays empty,
so the rules are what they were.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

BUDGET = 5.0  # candidate pairs per record the loose-name-and-birth-year rule may make before place is required
PLACES = ("county", "locality", "postcode")  # the place a crowded case's name rules require, first present

_PAIRS = """
    SELECT coalesce(sum(n * n - sq) / 2, 0) FROM (
        SELECT sum(c) AS n, sum(c * c) AS sq FROM (
            SELECT name_loose, birth_year, source_dataset, count(*) AS c FROM features
            WHERE name_loose IS NOT NULL AND birth_year IS NOT NULL GROUP BY ALL)
        GROUP BY name_loose, birth_year)"""


def loose_pairs(table: Any) -> int:
    """Pairs of records of two datasets of TABLE (pyarrow) with the same loose name keys and birth year.

    >>> loose_pairs(pa.table({"name_loose": ["BL", "BL", "BL"], "birth_year": [1980, 1980, 1980],
    ...                       "source_dataset": ["a", "a", "b"]}))
    2
    """
    with duckdb.connect() as con:
        con.register("features", table)
        found = con.execute(_PAIRS).fetchone()
    return int(found[0]) if found else 0


def crowd(table: Any, present: frozenset[str]) -> pa.Array:
    """The ``crowd`` column of TABLE: the place PRESENT names first when the case is crowded (empty text
    where a record gives none), else null (the column is then absent from the rules).

    >>> table = pa.table({"name_loose": ["BL"] * 22, "birth_year": [1980] * 22, "county": ["x", None] * 11,
    ...                   "source_dataset": ["a", "b"] * 11})
    >>> crowd(table, frozenset({"county"})).to_pylist()[:4]  # 121 pairs for 22 records
    ['x', '', 'x', '']
    >>> crowd(table.slice(0, 4), frozenset({"county"})).to_pylist()  # 4 pairs for 4 records
    [None, None, None, None]
    """
    where = next((w for w in PLACES if w in present), None)
    if where is None or loose_pairs(table) <= BUDGET * table.num_rows:
        return pa.nulls(table.num_rows, pa.string())
    return pc.fill_null(pc.cast(table[where], pa.string()), "")
