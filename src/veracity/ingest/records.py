"""One table of a file into records: header, column plan, one record per data row, in batches.

Rows are numbered from the row after the (last) header row; blank rows and
total rows keep their number but become no record, so row r is always at the
same offset in the original.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from veracity.case import Case
from veracity.errors import InputError
from veracity.fields import FIELDS, NAME_FIELDS
from veracity.ingest.columns import ColumnPlan, assign_fields, require_fields
from veracity.ingest.header import HeaderLayout, locate_header, require_data_rows
from veracity.ingest.table import Cell, RawTable, Row
from veracity.ingest.values import is_blank, is_total_row
from veracity.progress import Progress

if TYPE_CHECKING:
    from veracity.ingest.pipeline import AddRequest

BATCH = 20_000
RECORD_COLUMNS = ("record_id", "source_id", "source_file", "sheet", "table_no", "row", "role",
                  *FIELDS, "cells")
PERSON_FIELDS = frozenset({*NAME_FIELDS, "id_number"})
_INTEGER = {"record_id", "source_id", "table_no", "row", "age"}


@dataclass
class TableLoad:
    """What one table gave: data rows counted, records written, values not understood, --map columns used,
    and why the table was skipped when no column of it could be recognised."""

    data_rows: int = 0
    records: int = 0
    problems: int = 0
    mapped: set[str] = field(default_factory=set)
    skipped: str = ""


def _cell_text(value: Cell) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


_CELLS_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps builds one per call


@dataclass
class _Batch:
    """Records waiting to be inserted: the table's fixed columns, and per record its number,
    canonical values and original cells; turned into Arrow columns when flushed."""

    fixed: dict[str, Any]
    labels: tuple[str, ...]
    first_id: int
    numbers: list[int] = field(default_factory=list)
    values: list[dict[str, Any]] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)

    def add(self, number: int, values: dict[str, Any], row: Row) -> None:
        labels = self.labels
        if len(row) > len(labels):
            labels = labels + tuple(f"column {k}" for k in range(len(labels) + 1, len(row) + 1))
        texts = row if all(type(c) is str for c in row) else tuple(map(_cell_text, row))
        self.numbers.append(number)
        self.values.append(values)
        self.cells.append(_CELLS_JSON.encode([list(pair) for pair in zip(labels, texts, strict=False)]))

    def flush(self, case: Case) -> int:
        """Insert what is waiting; return the next free record id."""
        size = len(self.numbers)
        if not size:
            return self.first_id
        columns: dict[str, list[Any]] = {c: [v] * size for c, v in self.fixed.items()}
        columns["record_id"] = list(range(self.first_id, self.first_id + size))
        columns["row"] = self.numbers
        for name in FIELDS:
            columns[name] = [v[name] for v in self.values]
        columns["cells"] = self.cells
        arrays = {c: pa.array(columns[c], type=pa.int64() if c in _INTEGER else pa.string())
                  for c in RECORD_COLUMNS}
        case.con.register("veracity_batch", pa.table(arrays))
        names = ", ".join(f'"{c}"' for c in RECORD_COLUMNS)
        case.con.execute(f"INSERT INTO records ({names}) SELECT {names} FROM veracity_batch")
        case.con.unregister("veracity_batch")
        self.first_id += size
        self.numbers, self.values, self.cells = [], [], []
        return self.first_id


def load_table(case: Case, raw: RawTable, source_id: int, source_file: str, table_no: int,
               request: AddRequest, started: float, progress: Progress) -> TableLoad:
    """Read RAW into records of CASE; the caller's transaction makes it all or nothing."""
    limits = request.limits
    head, rest = list(islice(raw.rows, limits.header_scan_rows)), raw.rows
    if not any(not is_blank(r) for r in head):
        return TableLoad()
    where = f"sheet {raw.name!r}" if raw.name else ""
    layout = locate_header(head, limits, source=source_file, place=where)
    overrides = {k: v for k, v in request.mapping.items() if layout.has_column(k)}
    sample = head[layout.last_row + 1:]
    plan = assign_fields(layout.columns, [r for r in sample if not (is_blank(r) or is_total_row(r))],
                         overrides)
    try:
        require_fields(plan, headerless=layout.headerless, source=source_file, place=where)
    except InputError as unreadable:
        return TableLoad(skipped=str(unreadable))
    if not PERSON_FIELDS & set(plan.assigned):  # e.g. a summary sheet of counts beside the register
        return TableLoad(skipped=f"{source_file}: {where or 'table'}: no name or identity-number column, "
                                 "so not a register of people; skipped (its cells stay in the evidence)")
    load = TableLoad(mapped=set(overrides))
    batch = _Batch({"source_id": source_id, "source_file": source_file, "sheet": raw.name,
                    "table_no": table_no, "role": request.role}, layout.columns,
                   int(case.scalar("SELECT coalesce(max(record_id), 0) + 1 FROM records")))
    for number, row in enumerate(chain(sample, rest), start=1):
        load.data_rows = number
        if is_blank(row) or is_total_row(row) or layout.is_header_again(row):
            continue
        values, problems = plan.build(row)
        for problem in problems:
            _finding(case, problem, source_file, raw.name, number, batch.first_id + len(batch.numbers))
        load.problems += len(problems)
        batch.add(number, values, row)
        load.records += 1
        if len(batch.numbers) >= BATCH:
            batch.flush(case)
            progress(f"reading {source_file}", load.records)
            if time.monotonic() - started > limits.seconds_per_file:
                raise InputError(f"took longer than {limits.seconds_per_file:.0f} s", source=source_file,
                                 place=f"{where} row {number}".strip())
    batch.flush(case)
    require_data_rows(layout, load.records, source=source_file, place=where)
    _record_table(case, source_id, raw.name, layout, plan, load)
    return load


def _finding(case: Case, problem: Any, source_file: str, sheet: str, row: int, record_id: int) -> None:
    case.con.execute(
        "INSERT INTO findings VALUES (?, 'info', ?, ?, ?, ?, ?, 'ingest', ?)",
        [problem.check_id, source_file, sheet, row, record_id, problem.message,
         json.dumps({"column": problem.column, "value": problem.value}, ensure_ascii=False)])


def _record_table(case: Case, source_id: int, sheet: str, layout: HeaderLayout, plan: ColumnPlan,
                  load: TableLoad) -> None:
    columns = [{"label": label, "field": plan.field_of(k), "why": plan.reason_of(k)}
               for k, label in enumerate(layout.columns)]
    case.con.execute("INSERT INTO source_tables VALUES (?, ?, ?, ?, ?, ?)",
                     [source_id, sheet, f"{layout.first_row + 1}-{layout.last_row + 1}",
                      json.dumps(columns, ensure_ascii=False), load.data_rows, load.data_rows - load.records])

