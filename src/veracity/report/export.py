"""``veracity export``: the case's tables in the contract's columns, as CSV, JSON or Parquet.

Cells that begin with ``= + - @`` (or a tab or carriage return) are neutralised in
CSV so that a spreadsheet opening the export cannot run them as formulas.

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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO, Any

from veracity.case import Case
from veracity.errors import UsageError
from veracity.fields import FIELDS

_RECORD_HEAD = ("source_file", "sheet", "row", "role", "name", "id_number", "sex", "birth_date", "address")
RECORD_COLUMNS = _RECORD_HEAD + tuple(f for f in FIELDS if f not in _RECORD_HEAD) + ("label",)
FINDING_COLUMNS = ("check_id", "severity", "source_file", "sheet", "row", "message")


class Format(Enum):
    """Export formats."""

    CSV = "csv"
    JSON = "json"
    PARQUET = "parquet"


@dataclass(frozen=True)
class Table:
    """One exportable table: the contract's columns and the query that yields them in order."""

    columns: tuple[str, ...]
    sql: str


def _records_sql() -> str:
    cols = ", ".join(f'r."{c}"' for c in RECORD_COLUMNS if c != "label")
    return (f"SELECT {cols}, s.label FROM records r JOIN sources s USING (source_id) "
            "ORDER BY r.source_id, r.table_no, r.\"row\"")


TABLES: dict[str, Table] = {
    "records": Table(RECORD_COLUMNS, _records_sql()),
    "findings": Table(FINDING_COLUMNS + ("stage",),
                      "SELECT check_id, severity, source_file, sheet, \"row\", message, stage FROM findings "
                      "ORDER BY source_file, sheet, \"row\" NULLS LAST, check_id"),
}


def neutralise(value: str) -> str:
    """VALUE made safe for a spreadsheet: a leading formula character gets a quote before it."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _rows(case: Case, table: Table, batch: int = 50_000) -> Iterator[Sequence[Any]]:
    cursor = case.con.execute(table.sql)
    while chunk := cursor.fetchmany(batch):
        yield from chunk


def _write_csv(case: Case, table: Table, out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    count = 0
    for row in _rows(case, table):
        writer.writerow([neutralise(_cell(v)) for v in row])
        count += 1
    return count


def _write_json(case: Case, table: Table, out: IO[str]) -> int:
    out.write("[")
    count = 0
    for row in _rows(case, table):
        out.write(",\n" if count else "\n")
        out.write(json.dumps(dict(zip(table.columns, row, strict=True)), ensure_ascii=False, default=str))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _write_parquet(case: Case, table: Table, path: Path) -> int:
    names = ", ".join(f'"{c}"' for c in table.columns)
    target = str(path).replace("'", "''")
    case.con.execute(f"COPY (SELECT * FROM ({table.sql}) AS t({names})) TO '{target}' (FORMAT PARQUET)")
    return int(case.scalar(f"SELECT count(*) FROM ({table.sql})"))


def export_table(case: Case, what: str, fmt: Format, out: Path | None) -> int:
    """Write table WHAT of CASE to OUT (stdout when None); return the number of rows written."""
    table = TABLES.get(what)
    if table is None:
        raise UsageError(f"--what {what}: nothing to export yet (available: {', '.join(TABLES)})")
    if fmt is Format.PARQUET:
        if out is None:
            raise UsageError("--format parquet needs -o PATH")
        return _write_parquet(case, table, out)
    writer = _write_csv if fmt is Format.CSV else _write_json
    if out is None:
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
        try:
            return writer(case, table, stream)
        finally:
            stream.detach()
    with out.open("w", encoding="utf-8", newline="") as handle:
        return writer(case, table, handle)
