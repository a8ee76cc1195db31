"""DuckDB and Spark give identical findings and statistics on the same generated register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from veracity.case import Case, create_case
from veracity.checks import run_checks
from veracity.checks.synthetic import RegisterSpec, insert_register
from veracity.engine.spark import SparkEngine
from veracity.ingest.title_date import StatedDate

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
    # no document date: ages judged at the year they imply (four rows made wrong), or agreeing on none
    insert_register(case, RegisterSpec(rows=120, seed=14, source_file="undated.csv", document_date=None))
    case.con.execute("UPDATE records SET age = age + 9 WHERE source_file = 'undated.csv' AND \"row\" % 30 = 0")
    insert_register(case, RegisterSpec(rows=80, seed=15, source_file="guessed.csv", document_date=None, age_noise=30))
    # titles stating a date: ages (computed in June 2019) judged at it; 2018 is not the year they imply, 2019 is
    for seed, stated in enumerate((StatedDate("2018", "2018年度", "", 1, "2018年度"),
                                   StatedDate("2019-06", "2019年6月", "", 2, "2019年6月")), start=16):
        source_file = f"titled_{stated.iso[:4]}.csv"
        insert_register(case, RegisterSpec(rows=90, seed=seed, source_file=source_file, document_date=None))
        case.con.execute("UPDATE sources SET stated_date = ?, stated_date_at = ? WHERE source_file = ?",
                         [stated.iso, stated.to_json(), source_file])
    case.con.execute("UPDATE records SET age = age + 9 WHERE source_file LIKE 'titled%' AND \"row\" % 30 = 0")
    return case


@pytest.mark.spark
def test_duckdb_and_spark_give_identical_findings(tmp_path: Path, spark_engine: SparkEngine) -> None:
    on_duckdb, on_spark = _case(tmp_path / "a"), _case(tmp_path / "b")
    run_checks(on_duckdb, engine="duckdb", today=TODAY)
    run_checks(on_spark, engine="spark", today=TODAY)
    assert len(_findings(on_duckdb)) > 100
    said = " ".join(str(f[6]) for f in _findings(on_duckdb))
    assert all(p in said for p in ("ages imply (2019,", "year of the latest detention", "No one year fits",
                                   "on the date stated in title row 2 (2019年6月)", "ages were computed for 2019"))
    assert (_findings(on_spark), _statistics(on_spark)) == (_findings(on_duckdb), _statistics(on_duckdb))
