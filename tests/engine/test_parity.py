"""DuckDB and Spark give identical findings and statistics on the same generated register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from veracity.case import Case, create_case
from veracity.checks import run_checks
from veracity.checks.synthetic import RegisterSpec, insert_register
from veracity.engine.spark import SparkEngine

TODAY = dt.date(2024, 1, 1)


def _findings(case: Case) -> list[tuple[object, ...]]:
    return case.con.execute("SELECT check_id, severity, source_file, sheet, \"row\", record_id, message, stage "
                            "FROM findings ORDER BY ALL").fetchall()


def _statistics(case: Case) -> list[tuple[object, ...]]:
    return case.con.execute("SELECT check_id, source_file, n, figure, low, high, p_value, flagged, sentence "
                            "FROM statistics ORDER BY ALL").fetchall()


def _case(path: Path) -> Case:
    case = create_case(path)
    insert_register(case, RegisterSpec(rows=300, seed=11))
    insert_register(case, RegisterSpec(rows=200, seed=12, forged=True, source_file="forged.csv"))
    insert_register(case, RegisterSpec(rows=100, seed=13, role="reference", authentic=True, source_file="ref.csv"))
    return case


@pytest.mark.spark
def test_duckdb_and_spark_give_identical_findings(tmp_path: Path, spark_engine: SparkEngine) -> None:
    on_duckdb, on_spark = _case(tmp_path / "a"), _case(tmp_path / "b")
    run_checks(on_duckdb, engine="duckdb", today=TODAY)
    run_checks(on_spark, engine="spark", today=TODAY)
    assert len(_findings(on_duckdb)) > 100
    assert (_findings(on_spark), _statistics(on_spark)) == (_findings(on_duckdb), _statistics(on_duckdb))
