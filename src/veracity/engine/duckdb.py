"""The embedded default engine: check SQL runs on the case's own DuckDB connection.

>>> DUCKDB.full_match("id_number", "[0-9]{15}")
"regexp_full_match(id_number, '[0-9]{15}')"
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import duckdb

from veracity.engine.base import Dialect, Engine, Table

if TYPE_CHECKING:
    from veracity.case import Case


class DuckDBDialect(Dialect):
    """DuckDB's spelling: RE2 full matches, TRY_CAST."""

    name = "duckdb"

    def full_match(self, expr: str, pattern: str) -> str:
        return f"regexp_full_match({expr}, {self.literal(pattern)})"

    def try_int(self, expr: str) -> str:
        return f"TRY_CAST({expr} AS BIGINT)"

    def text(self, expr: str) -> str:
        return f"CAST({expr} AS VARCHAR)"




DUCKDB = DuckDBDialect()


class DuckDBEngine(Engine):
    """Runs on an open DuckDB connection (the case's); the tables it makes are temporary."""

    dialect: Dialect = DUCKDB

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._made: list[str] = []

    def _create(self, name: str, sql: str, params: Sequence[object] = ()) -> None:
        self.con.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS {sql}', list(params))
        self._made.append(name)

    def load(self, name: str, case: Case, sql: str, params: Sequence[object] = ()) -> None:
        self._create(name, sql, params)  # a copy: later queries read only the columns they use

    def register(self, name: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        select = ", ".join(f'unnest(CAST(? AS VARCHAR[])) AS "{c}"' for c in columns)
        params = [[str(row[i]) for row in rows] for i in range(len(columns))]
        self._create(name, f"SELECT {select}", params)

    def materialise(self, name: str, sql: str) -> None:
        self._create(name, sql)

    def execute(self, sql: str, params: Sequence[object] = ()) -> Table:
        cursor = self.con.execute(sql, list(params))
        columns = tuple(d[0] for d in cursor.description or ())
        return Table(columns, tuple(tuple(r) for r in cursor.fetchall()))

    def insert_into_case(self, case: Case, target: str, columns: Sequence[str], sql: str) -> int:
        names = ", ".join(f'"{c}"' for c in columns)
        before = int(self.con.execute(f"SELECT count(*) FROM {target}").fetchone()[0])  # type: ignore[index]
        self.con.execute(f"INSERT INTO {target} ({names}) SELECT * FROM ({sql})")
        after = int(self.con.execute(f"SELECT count(*) FROM {target}").fetchone()[0])  # type: ignore[index]
        return after - before

    def close(self) -> None:
        for name in self._made:
            self.con.execute(f'DROP TABLE IF EXISTS "{name}"')
        self._made.clear()
