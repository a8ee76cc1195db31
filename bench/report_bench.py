"""Time and size of the report (HTML, redacted HTML, PDF) and of redacted exports, by case size.

A case is generated straight into DuckDB (synthetic names from the sample's name table, random id
numbers, reasons and decisions from the sample's taxonomy): a Karakax-sized leak (311 detainees among
3,111 rows) and a 1,000,000-row leak. Names combine three parts, so the large case holds ~600,000
distinct names for redaction to index. Each redacted export is timed next to the same export unredacted
(the ratio is the cost of redaction on this machine in this run); the name index is built once per
process, by the first redacted report. Usage: python bench/report_bench.py [ROWS ...]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from importlib import resources
from pathlib import Path

from veracity.case import Case, create_case, open_case
from veracity.report.build import write_report
from veracity.report.export import Format, export_table


def _tsv(name: str) -> list[list[str]]:
    text = resources.files("veracity").joinpath("data", "sample", name).read_text("utf-8")
    lines = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return lines[1:]


def _fill(case: Case, rows: int) -> None:
    given = [r[1] for r in _tsv("uyghur_names.tsv")]
    taxonomy = _tsv("reasons.tsv")
    reasons = [r[4].split("|")[0] for r in taxonomy if r[0] == "reason"]
    decisions = [r[4].split("|")[0] for r in taxonomy if r[0] == "decision"] or ["继续培训"]
    case.con.execute("CREATE TEMP TABLE g AS SELECT unnest(?) AS part, generate_subscripts(?, 1) - 1 AS k",
                     [given, given])
    case.con.execute(
        "INSERT INTO sources (source_id, sha256, source_file, label, role, media_type, size, added_at, "
        "encoding, n_tables, n_records) VALUES (1, repeat('ab', 32), 'leak.xlsx', 'bench', 'leak', "
        "'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 1, now(), 'binary', 1, ?)",
        [rows])
    n = len(given)
    case.con.execute(f"""
        INSERT INTO records (record_id, source_id, source_file, sheet, table_no, "row", role, name, id_number,
            sex, birth_date, address, household, relation, reason, detained_on, decision, cells)
        SELECT i, 1, 'leak.xlsx', 'Sheet1', 1, i, 'leak',
            (SELECT part FROM g WHERE k = i % {n}) || '·' || (SELECT part FROM g WHERE k = (i // {n}) % {n})
                || CASE WHEN i % 3 = 0 THEN (SELECT part FROM g WHERE k = (i // {n * n}) % {n}) ELSE '' END,
            '653222' || strftime(DATE '1950-01-01' + CAST(i % 20000 AS INTEGER), '%Y%m%d')
                || lpad(CAST(i % 1000 AS VARCHAR), 3, '0') || CAST(i % 10 AS VARCHAR),
            CASE WHEN i % 2 = 0 THEN 'M' ELSE 'F' END,
            strftime(DATE '1950-01-01' + CAST(i % 20000 AS INTEGER), '%Y-%m-%d'),
            '墨玉县喀尔赛乡' || (i % 17) || '村' || i || '号', 'H' || (i // 9), 'member',
            CASE WHEN i % 10 = 0 THEN ?[1 + i % {len(reasons)}] END,
            CASE WHEN i % 10 = 0 THEN strftime(DATE '2017-01-01' + CAST(i % 700 AS INTEGER), '%Y-%m-%d') END,
            CASE WHEN i % 10 = 0 THEN ?[1 + i % {len(decisions)}] END, '{{}}'
        FROM range(1, ? + 1) t(i)""", [reasons, decisions, rows])
    case.con.execute(
        "INSERT INTO findings SELECT 'id.checksum', 'error', 'leak.xlsx', 'Sheet1', \"row\", record_id, "
        "'check character does not fit ' || id_number, 'check', NULL FROM records WHERE \"row\" % 97 = 0")


def _timed(label: str, work: Callable[[], int]) -> float:
    started = time.perf_counter()
    size = work()
    seconds = time.perf_counter() - started
    print(f"| {label} | {seconds:.1f} s | {size / 1e6:.2f} MB |", flush=True)
    return seconds


def _export(case: Case, out: Path, fmt: Format, *, redact: bool) -> int:
    export_table(case, "records", fmt, out, redact=redact)
    return out.stat().st_size


def bench(rows: int, scratch: Path) -> None:
    path = scratch / f"case-{rows}"
    started = time.perf_counter()
    with create_case(path) as case:
        _fill(case, rows)
    print(f"\n{rows:,} rows (built in {time.perf_counter() - started:.1f} s; load average "
          f"{os.getloadavg()[0]:.1f})\n")
    print("| output | time | size |\n|---|---|---|")
    with open_case(path) as case:
        _timed("report.html", lambda: write_report(case, scratch / "report.html", redact=False).size)
        _timed("report-redacted.html (builds the name index)",
               lambda: write_report(case, scratch / "report-redacted.html", redact=True).size)
        _timed("report-redacted.html again (index built)",
               lambda: write_report(case, scratch / "report-redacted.html", redact=True).size)
        if rows <= 10_000:
            _timed("report.pdf", lambda: write_report(case, scratch / "report.pdf", redact=False).size)
        for fmt in (Format.CSV, Format.PARQUET):
            plain = _timed(f"export records ({fmt.value})",
                           partial(_export, case, scratch / f"records.{fmt.value}", fmt, redact=False))
            redacted = _timed(f"export records --redact ({fmt.value})",
                              partial(_export, case, scratch / f"records-redacted.{fmt.value}", fmt, redact=True))
            print(f"| redacted / plain ({fmt.value}) | {redacted / plain:.1f}x | |", flush=True)


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [3_111, 1_000_000]
    scratch = Path(tempfile.mkdtemp(prefix="veracity-report-bench-"))
    try:
        for size in sizes:
            bench(size, scratch)
    finally:
        shutil.rmtree(scratch)
