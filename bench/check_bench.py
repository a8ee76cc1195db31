"""Benchmark of ``veracity check`` on a generated register (default 1,000,000 rows, DuckDB).

Goal (issue 4): all row rules over 1,000,000 rows in under 30 s on 2 cores. Times the stages
separately: preparing the working tables, the row rules (findings written), the dataset
statistics, and the whole ``run_checks``.

    .venv/bin/python bench/check_bench.py [--rows N] [--engine duckdb|spark] [--undated]

With ``--undated`` the sources bear no document date, so preparing includes inferring the year
their ages imply; the aggregate query behind it is also timed alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from veracity.case import create_case
from veracity.checks import age_reference, run_checks, statistics
from veracity.checks.prepare import prepare
from veracity.checks.run import FINDING_COLUMNS, findings_sql
from veracity.checks.synthetic import DOCUMENT_DATE, RegisterSpec, insert_register
from veracity.engine import make_engine

TODAY = dt.date(2024, 1, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--engine", default="duckdb")
    parser.add_argument("--undated", action="store_true", help="sources without a document date")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        case = create_case(Path(scratch) / "case")
        start = time.perf_counter()
        genuine = args.rows * 9 // 10
        dated = None if args.undated else DOCUMENT_DATE
        insert_register(case, RegisterSpec(rows=genuine, seed=1, source_file="leak.csv", document_date=dated))
        insert_register(case, RegisterSpec(rows=args.rows - genuine, seed=2, forged=True, source_file="forged.csv",
                                           document_date=dated))
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
        fits = engine.execute(age_reference.fits_sql(engine.dialect)).rows
        t4 = time.perf_counter()
        case.con.execute("ROLLBACK")
        engine.close()
        print(f"prepare: {t1 - t0:.1f} s ({prepared.place_pairs:,} distinct region/address pairs matched)")
        print(f"row rules: {t2 - t1:.1f} s, {written:,} findings")
        print(f"row rules including preparation: {t2 - t0:.1f} s")
        print(f"statistics: {t3 - t2:.1f} s ({len(stats)} statistics)")
        print(f"ages' year fits alone (part of prepare): {t4 - t3:.2f} s ({len(fits):,} source/year rows)")
        t5 = time.perf_counter()
        summary = run_checks(case, engine=args.engine, today=TODAY)
        print(f"run_checks end to end: {time.perf_counter() - t5:.1f} s, {summary.total:,} findings")
        case.close()


if __name__ == "__main__":
    main()
