"""An export's redaction as one DuckDB query: fixed columns in SQL, free text in Python once per distinct value.

Identity numbers, birth dates, blanked fields, addresses cut to their township and the pseudonyms
of people (HMAC-SHA256 computed by DuckDB, :mod:`veracity.report.sql_reduce`) are SQL. What only
Python does exactly — scrubbing free text of every spelling of every name, a household's
pseudonym and the NFKC form of a non-ASCII value — runs once per distinct value; the results are
registered as relations and joined back. Names are looked up in the case's name index (its
compressed form of each name, and the person key that form belongs to). A value missing from a
lookup comes out empty, never as held. The output equals :class:`~veracity.report.view.View`
applied cell by cell (tests/report/test_redacted_query.py).

    with redacted_query(case.con, table, redactor) as (cursor, sql):
        rows = cursor.execute(sql).fetchall()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import duckdb
import pyarrow as pa

from veracity.report.redact import Redactor, id_key, key_sql, reduce_id
from veracity.report.sql_reduce import (
    IS_ASCII,
    bind,
    compress_ascii_sql,
    digest_sql,
    id18_sql,
    pads,
    reduce_address_sql,
    reduce_id_sql,
)
from veracity.report.tables import Rule, Table, person_columns, rule

_PREFIX = "_veracity_redact_"


def _q(column: str) -> str:
    return 't."' + column + '"'


def _ascii(x: str) -> str:
    return IS_ASCII.format(x=x)


class _Query:
    """The parts of one redacted query: its select list, its joins, and the lookups to register."""

    def __init__(self, con: duckdb.DuckDBPyConnection, table: Table, redactor: Redactor) -> None:
        self.con, self.table, self.redactor = con, table, redactor
        self.select: list[str] = []
        self.joins: list[str] = []
        self.lookups: dict[str, pa.Table] = {}

    def distinct(self, values: Iterable[str]) -> list[str]:
        """The distinct non-empty values of the SQL expressions VALUES over the table's rows."""
        union = " UNION ALL ".join(f"SELECT CAST({v} AS VARCHAR) AS v FROM t" for v in values)
        if not union:
            return []
        rows = self.con.execute(f"SELECT DISTINCT v FROM ({union}) WHERE v IS NOT NULL AND v <> ''").fetchall()
        return [str(r[0]) for r in rows]

    def lookup(self, name: str, keys: list[str], **columns: Callable[[str], str | None]) -> str:
        """Register a relation NAME(v, COLUMNS...) over KEYS, each column a Python function of the key."""
        data: dict[str, list[str | None]] = {"v": list(keys)}
        data.update({c: [f(k) for k in keys] for c, f in columns.items()})
        self.lookups[_PREFIX + name] = pa.table({c: pa.array(v, pa.string()) for c, v in data.items()})
        return _PREFIX + name

    def computed(self, name: str, sql: str) -> str:
        """A relation NAME(v, r) computed by DuckDB from SQL (on the cursor: dropped when it closes)."""
        self.con.execute(f"CREATE TEMP TABLE {_PREFIX}{name} AS {sql}")
        return _PREFIX + name

    def join(self, relation: str, on: str) -> str:
        """Join RELATION on ``v = ON``; return its alias."""
        alias = f"j{len(self.joins)}"
        self.joins.append(f"LEFT JOIN {relation} AS {alias} ON {alias}.v = {on}")
        return alias


def _name_expr(table: Table, column: str) -> tuple[str, str]:
    """(id column, name expression) of a PERSON column: the first non-empty name field, else the cell."""
    id_column, names = person_columns(column, table.columns)
    return id_column, "coalesce(" + ", ".join([*(f"nullif({_q(n)}, '')" for n in names), _q(column)]) + ")"


def _build(con: duckdb.DuckDBPyConnection, table: Table, redactor: Redactor) -> _Query:
    query = _Query(con, table, redactor)
    rules = {c: rule(c) for c in table.columns}
    free = [_q(c) for c, r in rules.items() if r is Rule.TEXT]
    free += [reduce_address_sql(_q(c)) for c, r in rules.items() if r is Rule.ADDRESS]
    scrubbed = query.lookup("text", query.distinct(free), r=redactor.scrub)
    ids = [c for c, r in rules.items() if r is Rule.ID] + [person_columns(c, table.columns)[0]
                                                          for c, r in rules.items() if r is Rule.PERSON]
    odd = query.distinct(_q(c) for c in dict.fromkeys(ids) if c in table.columns)
    odd_ids = query.lookup("ids", [v for v in odd if not v.isascii()], id18=id_key, reduced=reduce_id)
    for column in table.columns:
        x, kind = _q(column), rules[column]
        if kind is Rule.KEEP:
            query.select.append(f'{x} AS "{column}"')
            continue
        if kind is Rule.BLANK:
            value = "''"
        elif kind is Rule.BIRTH_YEAR:
            value = f"left(CAST({x} AS VARCHAR), 4)"
        elif kind is Rule.ID:
            j = query.join(odd_ids, x)
            value = f"CASE WHEN {_ascii(x)} THEN {reduce_id_sql(x)} ELSE coalesce({j}.reduced, '') END"
        elif kind is Rule.HOUSEHOLD:
            others = query.lookup("households", [v for v in query.distinct([x]) if not v.isascii()],
                                  r=redactor.pseudonyms.household)
            held = query.computed("households_ascii", "SELECT v, 'H-' || " + digest_sql(
                f"'household:' || lower({compress_ascii_sql('v')})") + f" AS r FROM (SELECT DISTINCT {x} AS v FROM t "
                f"WHERE {x} <> '' AND {_ascii(x)}) CROSS JOIN {_PREFIX}pads")  # one digest per household, not per row
            value = f"coalesce({query.join(held, x)}.r, {query.join(others, x)}.r, '')"
        elif kind is Rule.PERSON:
            value = _person(query, table, column, odd_ids)
        else:
            on = reduce_address_sql(x) if kind is Rule.ADDRESS else f"CAST({x} AS VARCHAR)"
            value = f"coalesce({query.join(scrubbed, on)}.r, '')"
        query.select.append(f'CASE WHEN {x} IS NULL THEN NULL ELSE {value} END AS "{column}"')
    return query


def _person(query: _Query, table: Table, column: str, odd_ids: str) -> str:
    """A person's pseudonym: by the 18-character id number, else by the name as the index knows it."""
    id_column, name = _name_expr(table, column)
    number = _q(id_column) if id_column in table.columns else "CAST(NULL AS VARCHAR)"
    index = query.redactor.index
    forms = list(index.compressed.values())
    names = _PREFIX + "names"
    query.lookups[names] = pa.table({"v": pa.array(index.compressed, pa.string()), "comp": pa.array(forms, pa.string()),
                                     "key": pa.array([index.terms.get(f) for f in forms], pa.string())})
    held, odd = query.join(names, name), query.join(odd_ids, number)
    id18 = f"CASE WHEN {_ascii(number)} THEN {id18_sql(number)} ELSE {odd}.id18 END"
    key = bind(id18, "n", f"CASE WHEN coalesce({number}, '') = '' THEN coalesce({held}.key, "
               f"{key_sql('NULL', f'{held}.comp')}) ELSE {key_sql('n', f'{held}.comp')} END")
    digest = digest_sql("'person:' || " + key)
    return f"CASE WHEN coalesce({number}, '') = '' AND coalesce({name}, '') = '' THEN '' ELSE 'P-' || {digest} END"


@contextmanager
def redacted_query(con: duckdb.DuckDBPyConnection, table: Table, redactor: Redactor
                   ) -> Iterator[tuple[duckdb.DuckDBPyConnection, str]]:
    """A cursor of CON and the SQL that yields TABLE's rows redacted, in order, on it while the context lasts
    (the cursor holds the lookups; closing it drops them and any unfinished result)."""
    cursor = con.cursor()
    try:
        cursor.execute(f"CREATE TEMP TABLE t AS {table.numbered}")  # the cursor's own: gone when it closes
        ipad, opad = pads(redactor.pseudonyms.secret)
        cursor.register(_PREFIX + "pads", pa.table({"ipad": pa.array([ipad], pa.binary()),
                                                    "opad": pa.array([opad], pa.binary())}))
        query = _build(cursor, table, redactor)
        for name, relation in query.lookups.items():
            cursor.register(name, relation)
        yield cursor, (f"SELECT {', '.join(query.select)} FROM t "
                       f"CROSS JOIN {_PREFIX}pads {' '.join(query.joins)} ORDER BY t._rn")
    finally:
        cursor.close()
