"""The SQL builders are pure; the check-character and date arithmetic in SQL agrees with Python."""

from __future__ import annotations

import datetime as dt
import random

import duckdb
import pytest

from veracity.checks import ids
from veracity.engine.duckdb import DUCKDB, DuckDBEngine
from veracity.engine.spark import SPARK
from veracity.idnumber import check_character


@pytest.mark.parametrize(("dialect", "expected"), [
    (DUCKDB, "regexp_full_match(x, '[0-9]{15}')"),
    (SPARK, "(x RLIKE '^(?:[0-9]{15})$')"),
])
def test_full_match_is_anchored_in_each_dialect(dialect: object, expected: str) -> None:
    assert dialect.full_match("x", "[0-9]{15}") == expected  # type: ignore[attr-defined]


def test_literal_escapes_quotes() -> None:
    assert SPARK.literal("a'b") == "'a''b'"


def _generated_numbers(n: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        born = dt.date(1900, 1, 1) + dt.timedelta(days=rng.randrange(45_000))
        body = f"65{rng.randrange(10_000):04d}{born:%Y%m%d}{rng.randrange(1000):03d}"
        out.append(body + rng.choice("0123456789X"))
    return out


def test_sql_check_character_agrees_with_python() -> None:
    numbers = _generated_numbers(5000)
    with duckdb.connect() as con:
        engine = DuckDBEngine(con)
        engine.register("chk_records", ("record_id", "source_id", "id"),
                        [(str(k), "1", n) for k, n in enumerate(numbers)])
        got = engine.execute(f"SELECT id, expected FROM ({ids.id_parts_sql(DUCKDB)}) ORDER BY CAST(record_id AS INT)")
    assert [row[1] for row in got.rows] == [check_character(n[:17]) for n in numbers]


@pytest.mark.parametrize("text", ["19850228", "19840229", "19000229", "20000229", "19850230", "19851301",
                                  "19850100", "19850431"])
def test_sql_calendar_date_agrees_with_python(text: str) -> None:
    try:
        dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        valid = True
    except ValueError:
        valid = False
    number = f"653222{text}041"
    number += check_character(number)
    with duckdb.connect() as con:
        engine = DuckDBEngine(con)
        engine.register("chk_records", ("record_id", "source_id", "id"), [("1", "1", number)])
        assert engine.execute(f"SELECT date_ok FROM ({ids.id_parts_sql(DUCKDB)})").rows == ((valid,),)


def test_importing_veracity_does_not_load_pyspark() -> None:
    import subprocess
    import sys

    code = "import sys, veracity, veracity.checks, veracity.engine; print('pyspark' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
