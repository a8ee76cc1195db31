"""Ingest throughput against the tools a user would otherwise pick, in one run.

CSV: ``veracity add`` of a generated 1,000,000-row register against DuckDB's own
``read_csv`` loading the same file into a table, three ways: into an in-memory
database (the goal's measure), into a database file (like for like: ``add`` too
writes a database file and closes it), and DuckDB alone writing the very
``records`` rows ``add`` writes for this file into a new case (fields by SQL, as
the generator wrote them; ``cells`` JSON by SQL): the floor of storing them,
before any reading, header finding, value conversion or provenance. With ``--quoted``, ``veracity add`` of
the same rows written as Excel writes a comma in a cell (the address quoted, holding a comma) against the plain
file's ``add`` in the same run. XLSX: ``veracity add`` of a
200,000-row workbook against bare openpyxl read-only iteration. Peak memory of
each veracity run is the child process's maximum resident set size.

    .venv/bin/python bench/ingest_bench.py [--csv-rows 1000000] [--quoted] [--xlsx-rows 200000]   (0 skips a format)
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb
import openpyxl

from veracity.fields import FIELDS
from veracity.idnumber import check_character

GIVEN = ("买买提", "阿不都热依木", "艾合买提", "阿依古丽", "古丽米热", "热依拉", "努尔买买提", "帕提古丽", "伊力哈木")
FATHERS = ("吐尔逊", "艾买提", "阿不都拉", "肉孜", "托合提", "库尔班", "玉素甫")
HEADER = ["序号", "姓名", "性别", "民族", "身份证号", "出生日期", "住址", "收押原因"]
REASONS = ("宗教极端", "有亲属在国外", "超生", "去过敏感国家", "不放心人员")


def _rows(n: int, seed: int = 1) -> list[list[object]]:
    rng = random.Random(seed)
    out: list[list[object]] = []
    for k in range(n):
        male = rng.random() < 0.5
        born = date(1940, 1, 1) + timedelta(days=rng.randrange(25000))
        body = f"6532{rng.choice(('01', '21', '22', '23', '24', '25', '26', '27'))}{born:%Y%m%d}" \
               f"{rng.randrange(500) * 2 + male:03d}"
        out.append([k + 1, f"{rng.choice(GIVEN)}·{rng.choice(FATHERS)}", "男" if male else "女", "维吾尔族",
                    body + check_character(body), f"{born:%Y.%m.%d}", f"墨玉县{rng.randrange(1, 40)}村",
                    rng.choice(REASONS)])
    return out


def _write_csv(path: Path, rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(",".join(HEADER) + "\n")
        for row in rows:
            handle.write(",".join(map(str, row)) + "\n")


def _write_quoted_csv(path: Path, rows: list[list[object]]) -> None:
    """ROWS with a group after the village in each address (墨玉县12村,3组: as many distinct addresses as
    villages), written as Excel and the csv module write them: the cell holding a comma quoted."""
    address = HEADER.index("住址")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for row in rows:
            village = str(row[address])
            writer.writerow([*row[:address], f"{village},{len(village) % 5 + 1}组", *row[address + 1:]])


def _write_xlsx(path: Path, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)


def _veracity_add(folder: Path, path: Path) -> tuple[float, float]:
    """Seconds and peak MiB of ``veracity add`` of PATH into a new case (a child process)."""
    case = folder / f"case-{path.stem}"
    subprocess.run([sys.executable, "-m", "veracity", "init", str(case)], check=True, capture_output=True)
    code = ("import resource, sys, time; from pathlib import Path; from veracity.case import open_case; "
            "from veracity.ingest.pipeline import AddRequest, add_files; t = time.perf_counter(); "
            "c = open_case(Path(sys.argv[1])); add_files(c, [Path(sys.argv[2])], AddRequest(role='leak')); "
            "c.close(); print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(case), str(path)], check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def _duckdb_read_csv(path: Path, database: str = ":memory:") -> float:
    start = time.perf_counter()
    con = duckdb.connect(database)
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, all_varchar = true)", [str(path)])
    con.close()
    return time.perf_counter() - start


# The records row of each line of the generated register as ``veracity add`` writes it, in SQL alone.
_FIELDS_BY_SQL = {"name": "column1", "name_zh": "column1", "id_number": "column4",
                  "sex": "CASE column2 WHEN '男' THEN 'M' WHEN '女' THEN 'F' END", "ethnicity": "column3",
                  "birth_date": "CAST(TRY_CAST(replace(column5, '.', '-') AS DATE) AS VARCHAR)",
                  "address": "column6", "reason": "column7"}


def _duckdb_records_floor(folder: Path, path: Path) -> float:
    """Seconds DuckDB takes to write, in a new case, the ``records`` rows ``veracity add`` writes for PATH."""
    case = folder / "case-floor"
    subprocess.run([sys.executable, "-m", "veracity", "init", str(case)], check=True, capture_output=True)
    fields = ", ".join(_FIELDS_BY_SQL.get(name, "NULL") for name in FIELDS)
    pieces = [piece for k, label in enumerate(HEADER) for piece in
              (("'[[\"" if k == 0 else "'\"], [\"") + label + "\", \"'", f"column{k}")]
    cells = f"concat({', '.join(pieces)}, '\"]]')"
    start = time.perf_counter()
    con = duckdb.connect(str(case / "case.duckdb"))
    con.execute("BEGIN")
    con.execute(f"INSERT INTO records SELECT row_number() OVER () AS n, 1, ?, '', 1, n, 'leak', {fields}, {cells} "
                "FROM read_csv(?, all_varchar = true, header = false, skip = 1)", [path.name, str(path)])
    con.execute("COMMIT")
    con.close()
    return time.perf_counter() - start


def _openpyxl_iterate(path: Path) -> float:
    start = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True)
    for sheet in book.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            pass
    book.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--quoted", action="store_true", help="also add the CSV rows written with quotes")
    parser.add_argument("--xlsx-rows", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"load average {os.getloadavg()[0]:.1f} before the runs")
        if args.csv_rows:
            csv_path = folder / "register.csv"
            _write_csv(csv_path, _rows(args.csv_rows))
            ours_csv, mem_csv = _veracity_add(folder, csv_path)
            duck = _duckdb_read_csv(csv_path)
            _report("CSV ", args.csv_rows, ours_csv, mem_csv, "DuckDB read_csv", duck, 2.0)
            on_disk = _duckdb_read_csv(csv_path, str(folder / "read_csv.duckdb"))
            floor = _duckdb_records_floor(folder, csv_path)
            print(f"     like for like: DuckDB read_csv into a database file {on_disk:5.1f} s (ratio "
                  f"{ours_csv / on_disk:.2f}x); DuckDB writing the same records rows in SQL {floor:5.1f} s (ratio "
                  f"{ours_csv / floor:.2f}x; {floor / duck:.1f}x read_csv in memory)")
            if args.quoted:
                quoted_path = folder / "quoted.csv"
                _write_quoted_csv(quoted_path, _rows(args.csv_rows))
                ours_quoted, mem_quoted = _veracity_add(folder, quoted_path)
                _report("CSV quoted", args.csv_rows, ours_quoted, mem_quoted, "veracity add of the plain file",
                        ours_csv, 1.3)
        if args.xlsx_rows:  # 0: no XLSX run (a header-only workbook is refused)
            xlsx_path = folder / "register.xlsx"
            _write_xlsx(xlsx_path, _rows(args.xlsx_rows, seed=2))
            ours_xlsx, mem_xlsx = _veracity_add(folder, xlsx_path)
            bare = _openpyxl_iterate(xlsx_path)
            _report("XLSX", args.xlsx_rows, ours_xlsx, mem_xlsx, "openpyxl read-only", bare, 1.5)
        print(f"load average {os.getloadavg()[0]:.1f} after the runs")
    print(f"this process peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")


def _report(kind: str, rows: int, ours: float, peak: float, other: str, theirs: float, goal: float) -> None:
    ratio = ours / theirs
    print(f"{kind} {rows:>9,} rows: veracity add {ours:7.1f} s ({rows / ours:,.0f} rows/s, peak {peak:,.0f} MiB), "
          f"{other} {theirs:5.1f} s ({rows / theirs:,.0f} rows/s), ratio {ratio:.2f}x "
          f"(goal {goal}x: {'met' if ratio <= goal else 'not met'}; peak under 1 GiB: "
          f"{'met' if peak < 1024 else 'not met'})")


if __name__ == "__main__":
    main()
