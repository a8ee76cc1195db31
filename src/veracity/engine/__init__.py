"""Engines that run check SQL: DuckDB (default, embedded) and Spark (lazy, at scale).

``make_engine`` picks one by name; PySpark is imported only when ``spark`` is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from veracity.errors import UsageError

if TYPE_CHECKING:
    from veracity.case import Case
    from veracity.engine.base import Engine

ENGINES = ("duckdb", "spark")


def make_engine(name: str, case: Case) -> Engine:
    """The engine called NAME working on CASE (``spark`` starts a local session unless one runs)."""
    if name == "duckdb":
        from veracity.engine.duckdb import DuckDBEngine

        return DuckDBEngine(case.con)
    if name == "spark":
        from veracity.engine.spark import SparkEngine

        return SparkEngine.local()
    raise UsageError(f"--engine {name}: unknown engine (choose from {', '.join(ENGINES)})")
