"""The engine layer: where SQL runs (DuckDB or Spark) and how its dialects differ.

A check is written once as SQL built from a :class:`Dialect`; an :class:`Engine`
runs it. Check builders are pure functions of the dialect and run nothing.

>>> from veracity.engine.duckdb import DUCKDB
>>> DUCKDB.literal("it's")
"'it''s'"
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from veracity.case import Case


@dataclass(frozen=True)
class Table:
    """A small result: column names and rows (aggregates, never a whole register)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


class Dialect(ABC):
    """How each engine spells what plain SQL does not share."""

    name: str

    @abstractmethod
    def full_match(self, expr: str, pattern: str) -> str:
        """True when the whole of EXPR matches the regular expression PATTERN (no backslashes)."""

    @abstractmethod
    def try_int(self, expr: str) -> str:
        """EXPR as an integer, NULL when it is not one."""

    @abstractmethod
    def text(self, expr: str) -> str:
        """EXPR cast to a string."""

    def literal(self, value: str) -> str:
        """VALUE as a quoted SQL string literal (for declared constants, never caller values)."""
        return "'" + value.replace("'", "''") + "'"

    def concat(self, *parts: str) -> str:
        """Strings joined; NULL when any part is NULL (as ``||`` does in both engines)."""
        return "(" + " || ".join(parts) + ")"


class Engine(ABC):
    """Runs check SQL: ``load`` and ``register`` bring data in; ``execute`` and ``insert_into_case``
    bring results out."""

    dialect: Dialect

    @abstractmethod
    def load(self, name: str, case: Case, sql: str, params: Sequence[object] = ()) -> None:
        """Make the result of SQL over the case's store available to this engine as table NAME."""

    @abstractmethod
    def register(self, name: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """Make a small table of strings (region codes, relation labels) available as NAME."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[object] = ()) -> Table:
        """Run SQL and return its (small) result."""

    @abstractmethod
    def insert_into_case(self, case: Case, target: str, columns: Sequence[str], sql: str) -> int:
        """Run SQL (which may yield millions of rows) and append its result to the case's TARGET table."""

    @abstractmethod
    def materialise(self, name: str, sql: str) -> None:
        """Keep the result of SQL as table NAME for the queries that follow."""

    @abstractmethod
    def close(self) -> None:
        """Drop what this engine made for a run (temporary tables, sessions it owns)."""
