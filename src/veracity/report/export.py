"""``veracity export``: the case's tables in the contract's columns, as CSV, JSON, Parquet or FtM.

Cells that begin with ``= + - @`` (or a tab or carriage return) are neutralised in
CSV so that a spreadsheet opening the export cannot run them as formulas. JSON is
one array of objects (the summary one object). ``redact`` redacts with the case's
:class:`~veracity.report.redact.Redactor`, the same one the report uses, so a person
keeps one pseudonym across report and exports; the redaction runs in DuckDB
(:mod:`veracity.report.redacted_query`). Rows are streamed in batches (Parquet is
written by DuckDB): a million-row export never holds the table in memory.

>>> neutralise("=HYPERLINK(1)")
"'=HYPERLINK(1)"
>>> neutralise("653222")
'653222'
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO, Any

import duckdb

from veracity.case import Case
from veracity.errors import UsageError
from veracity.report.redact import Redactor
from veracity.report.redacted_query import redacted_query
from veracity.report.state import read_state
from veracity.report.summary import summarise
from veracity.report.tables import FINDING_COLUMNS, RECORD_COLUMNS, Table, tables
from veracity.report.view import View

__all__ = ["FINDING_COLUMNS", "RECORD_COLUMNS", "Format", "export_table", "neutralise"]
BATCH = 50_000


class Format(Enum):
    """Export formats."""

    CSV = "csv"
    JSON = "json"
    PARQUET = "parquet"
    FTM = "ftm"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""


def neutralise(value: str) -> str:
    """VALUE made safe for a spreadsheet: a leading formula character gets a quote before it."""
    return "'" + value if value[:1] in FORMULA_START else value


def neutralise_sql(x: str) -> str:
    """:func:`neutralise` of the SQL expression X read as text (DuckDB writes integers and doubles as Python's
    ``str`` does); NULL stays NULL, which CSV writes as an empty cell."""
    text = f"CAST({x} AS VARCHAR)"
    return f"CASE WHEN left({text}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || {text} ELSE {text} END"


def _rows(case: Case, table: Table, view: View, *, as_csv: bool = False) -> Iterator[list[Any]]:
    """The table's rows in batches (each cell as neutralised text when AS_CSV)."""
    with _query(case, table, view) as (con, sql):
        if as_csv:
            cells = ", ".join(neutralise_sql(f't."{c}"') for c in table.columns)
            sql = f"SELECT {cells} FROM ({sql}) AS t"
        cursor = con.execute(sql)
        while chunk := cursor.fetchmany(BATCH):
            yield chunk


@contextmanager
def _query(case: Case, table: Table, view: View) -> Iterator[tuple[duckdb.DuckDBPyConnection, str]]:
    """Where to run the table's query, and the query: as held, or redacted (in DuckDB, see redacted_query)."""
    if view.redactor is None:
        yield case.con, table.sql
        return
    with redacted_query(case.con, table, view.redactor) as (cursor, sql):
        yield cursor, sql


def _write_csv(case: Case, table: Table, view: View, out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    count = 0
    for chunk in _rows(case, table, view, as_csv=True):
        writer.writerows(chunk)
        count += len(chunk)
    return count


def _write_json(case: Case, table: Table, view: View, out: IO[str]) -> int:
    out.write("[")
    count = 0
    for chunk in _rows(case, table, view):
        for row in chunk:
            out.write(",\n" if count else "\n")
            out.write(json.dumps(dict(zip(table.columns, row, strict=True)), ensure_ascii=False, default=str))
            count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _write_parquet(case: Case, table: Table, view: View, path: Path) -> int:
    names = ", ".join(f'"{c}"' for c in table.columns)
    target = str(path).replace("'", "''")
    with _query(case, table, view) as (con, sql):
        written = con.execute(f"COPY (SELECT * FROM ({sql}) AS t({names})) TO '{target}' (FORMAT PARQUET)").fetchone()
    return int(written[0]) if written else 0


def _write_summary(case: Case, out: IO[str]) -> int:
    json.dump(summarise(case).as_json(), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 1


@contextmanager
def _text_out(out: Path | None) -> Iterator[IO[str]]:
    if out is not None:
        with out.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield stream
    finally:
        stream.detach()


def export_table(case: Case, what: str, fmt: Format, out: Path | None, *, redact: bool = False) -> int:
    """Write table WHAT of CASE to OUT (stdout when None) in FMT; return the number of rows or entities.

    With REDACT the case must be open writable the first time (its redaction secret is made then).
    """
    view = View(Redactor.for_case(case) if redact else None)
    if what == "summary":
        if fmt is not Format.JSON:
            raise UsageError("--what summary is written as --format json")
        with _text_out(out) as stream:
            return _write_summary(case, stream)
    if fmt is Format.FTM:
        from veracity.report.ftm import write_ftm

        if what != "records":
            raise UsageError("--format ftm writes --what records (people, families and their sources)")
        with _text_out(out) as stream:
            return write_ftm(case, view, stream)
    table = tables(read_state(case)).get(what)
    if table is None:
        raise UsageError(f"--what {what}: unknown table (available: records, findings, links, claims, "
                         "quotes, summary)")
    if fmt is Format.PARQUET:
        if out is None:
            raise UsageError("--format parquet needs -o PATH")
        return _write_parquet(case, table, view, out)
    writer: Callable[[Case, Table, View, IO[str]], int] = _write_csv if fmt is Format.CSV else _write_json
    with _text_out(out) as stream:
        return writer(case, table, view, stream)
