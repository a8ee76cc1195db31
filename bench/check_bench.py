"""Benchmark of ``veracity check`` on a generated register (default 1,000,000 rows, DuckDB).

Goal (issue 4): all row rules over 1,000,000 rows in under 30 s on 2 cores. Times the stages
separately: preparing the working tables, the row rules (findings written), the dataset
statistics, and the whole ``run_checks``.

    .venv/bin/python bench/check_bench.py [--rows N] [--engine duckdb|spark]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from veracity.case import create_case
from veracity.checks import run_checks, statistics
from veracity.checks.prepare import prepare
from veracity.checks.run import FINDING_COLUMNS, findings_sql
from veracity.checks.synthetic import RegisterSpec, insert_register
from veracity.engine import make_engine

TODAY = dt.date(2024, 1, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--engine", default="duckdb")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        case = create_case(Path(scratch) / "case")
        start = time.perf_counter()
        genuine = args.rows * 9 // 10
        insert_register(case, RegisterSpec(rows=genuine, seed=1, source_file="leak.csv"))
        insert_register(case, RegisterSpec(rows=args.rows - genuine, seed=2, forged=True, source_file="forged.csv"))
        print(f"generated {args.rows:,} rows in {time.perf_counter() - start:.1f} s")
        engine = make_engine(args.engine, case)
        case.con.execute("BEGIN TRANSACTION")
        t0 = time.perf_counter()
        prepared = prepare(case, engine, TODAY)
        t1 = time.perf_counter()
        written = engine.insert_into_case(case, "findings", FINDING_COLUMNS, findings_sql(engine.dialect))
        t2 = time.perf_counter()
        stats = statistics.compute(engine)
        t3 = time.perf_counter()
        case.con.execute("ROLLBACK")
        engine.close()
        print(f"prepare: {t1 - t0:.1f} s ({prepared.place_pairs:,} distinct region/address pairs matched)")
        print(f"row rules: {t2 - t1:.1f} s, {written:,} findings")
        print(f"row rules including preparation: {t2 - t0:.1f} s")
        print(f"statistics: {t3 - t2:.1f} s ({len(stats)} statistics)")
        t4 = time.perf_counter()
        summary = run_checks(case, engine=args.engine, today=TODAY)
        print(f"run_checks end to end: {time.perf_counter() - t4:.1f} s, {summary.total:,} findings")
        case.close()


if __name__ == "__main__":
    main()
