"""The Spark engine: the same check SQL on a SparkSession (local mode in tests, a cluster at scale).

Imported only when ``--engine spark`` is asked for: ``import veracity`` never loads PySpark.
Records go from the case store to Spark as Parquet, and findings come back the same way,
so neither side holds a whole register in Python. SQL avoids what ANSI mode would turn
into errors (casts use ``try_cast``, dates are compared as ISO text).

>>> SPARK.full_match("id", "[0-9]{15}")
"(id RLIKE '^(?:[0-9]{15})$')"
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from veracity.engine.base import Dialect, Engine, Table
from veracity.engine.duckdb import DuckDBEngine

if TYPE_CHECKING:
    from veracity.case import Case


class SparkDialect(Dialect):
    """Spark SQL's spelling: Java regular expressions with RLIKE, try_cast."""

    name = "spark"

    def full_match(self, expr: str, pattern: str) -> str:
        return f"({expr} RLIKE {self.literal('^(?:' + pattern + ')$')})"

    def try_int(self, expr: str) -> str:
        return f"try_cast({expr} AS BIGINT)"

    def text(self, expr: str) -> str:
        return f"CAST({expr} AS STRING)"




SPARK = SparkDialect()

# Local-mode settings for a laptop or a test: two cores, few shuffle partitions, no web UI.
LOCAL_CONF = {
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.driver.memory": "2g",
    "spark.sql.codegen.wholeStage": "false",
    "spark.sql.codegen.factoryMode": "NO_CODEGEN",
}


class SparkEngine(Engine):
    """Runs on a SparkSession; tables are temporary views, cached; scratch Parquet in a temp folder."""

    dialect: Dialect = SPARK

    def __init__(self, spark: Any) -> None:
        self.spark = spark
        self._scratch = Path(tempfile.mkdtemp(prefix="veracity-spark-"))
        self._views: list[str] = []

    @classmethod
    def local(cls, master: str = "local[2]") -> SparkEngine:
        """An engine on the running SparkSession, or on a new local one."""
        from pyspark.sql import SparkSession

        builder = SparkSession.builder.master(master).appName("veracity")
        for key, value in LOCAL_CONF.items():
            builder = builder.config(key, value)
        return cls(builder.getOrCreate())

    def _view(self, name: str, frame: Any) -> None:
        frame.cache().createOrReplaceTempView(name)
        self._views.append(name)

    def load(self, name: str, case: Case, sql: str, params: Sequence[object] = ()) -> None:
        target = self._scratch / f"{name}.parquet"
        case.con.execute(f"COPY ({sql}) TO '{target}' (FORMAT PARQUET)", list(params))  # target: our temp dir
        self._view(name, self.spark.read.parquet(str(target)))

    def register(self, name: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        # via Parquet written by DuckDB: a DataFrame made from Python rows would start Python workers
        target = self._scratch / f"{name}.parquet"
        with duckdb.connect() as con:
            DuckDBEngine(con).register(name, columns, rows)
            con.execute(f'COPY "{name}" TO \'{target}\' (FORMAT PARQUET)')
        self._view(name, self.spark.read.parquet(str(target)))

    def materialise(self, name: str, sql: str) -> None:
        self._view(name, self.spark.sql(sql))

    def execute(self, sql: str, params: Sequence[object] = ()) -> Table:
        frame = self.spark.sql(sql, args=list(params)) if params else self.spark.sql(sql)
        rows = frame.collect()
        return Table(tuple(frame.columns), tuple(tuple(r) for r in rows))

    def insert_into_case(self, case: Case, target: str, columns: Sequence[str], sql: str) -> int:
        out = self._scratch / f"out-{target}"
        self.spark.sql(sql).write.mode("overwrite").parquet(str(out))
        names = ", ".join(f'"{c}"' for c in columns)
        before = int(case.scalar(f"SELECT count(*) FROM {target}"))
        case.con.execute(f"INSERT INTO {target} ({names}) SELECT * FROM read_parquet(?)",
                         [str(out / "*.parquet")])
        return int(case.scalar(f"SELECT count(*) FROM {target}")) - before

    def close(self) -> None:
        for name in self._views:
            self.spark.catalog.dropTempView(name)
        self._views.clear()
        shutil.rmtree(self._scratch, ignore_errors=True)
