"""One table of a file into records: header, column plan, one record per data row, in batches.

Rows are numbered from the row after the (last) header row; blank rows and
total rows keep their number but become no record, so row r is always at the
same offset in the original. A line whose filled cells all hold the same text
(a title or footer merged across the row) is no record either.

A sheet may hold several tables one below the other, each under its own title
and header (one block per village, columns reordered or added). A later row
that ``locate_header`` would take for a header (``header.later_header_rows``),
and that does not repeat the current header, starts a new column plan: the rows
below it are read with it. The numbering goes on physically from the first
header; the new header and the title lines just above it (blank rows and rows
of a single value) are counted and never exported.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from json.encoder import encode_basestring
from typing import TYPE_CHECKING

import pyarrow as pa

from veracity.case import Case
from veracity.errors import InputError
from veracity.fields import FIELDS
from veracity.ingest.columns import ColumnPlan, RecordColumns, assign_fields, require_fields
from veracity.ingest.ditto import fill_ditto_marks, marks_in
from veracity.ingest.header import HeaderLayout, header_at, later_header_rows, locate_header, require_data_rows
from veracity.ingest.household_fill import fill_household_members
from veracity.ingest.relatives import PERSON_FIELDS, Relatives, plan_relatives
from veracity.ingest.table import Cell, RawTable, Row
from veracity.ingest.title_date import StatedDate, stated_above
from veracity.ingest.values import (
    ValueProblem,
    convert_distinct,
    is_blank,
    is_empty,
    is_total_row,
    plain_follow,
    plain_lead,
)
from veracity.progress import Progress

if TYPE_CHECKING:
    from veracity.ingest.pipeline import AddRequest
    from veracity.limits import Limits

CHUNK = 50_000  # rows read, classified, converted and inserted at a time
RECORD_COLUMNS = ("record_id", "source_id", "source_file", "sheet", "table_no", "row", "role",
                  *FIELDS, "cells")
_INTEGER = {"record_id", "source_id", "table_no", "row", "age"}


@dataclass
class TableLoad:
    """What one table gave: data rows counted, records written, values not understood, --map columns used,
    and why the table was skipped when no column of it could be recognised."""

    data_rows: int = 0
    records: int = 0
    extra: int = 0  # records beyond one per data row: relatives on their person's row (``relatives``)
    problems: int = 0
    mapped: set[str] = field(default_factory=set)
    skipped: str = ""
    stated: StatedDate | None = None  # the date the table's title rows state


def _cell_text(value: Cell) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


_CELLS_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps builds one per call


def _json_text(cell: Cell) -> str:
    """A cell as the JSON value stored in ``cells``: its text verbatim, or null.

    >>> print(_json_text('a"b'), _json_text(None), _json_text(1.0))
    "a\\"b" null "1.0"
    """
    text = _cell_text(cell)
    return "null" if text is None else encode_basestring(text)


def header_labels(labels: tuple[str, ...], width: int) -> tuple[str, ...]:
    """The header labels for a row WIDTH cells wide: ``column k`` for cells beyond the header.

    >>> header_labels(("姓名", "性别"), 1), header_labels(("姓名",), 2)
    (('姓名',), ('姓名', 'column 2'))
    """
    return labels[:width] + tuple(f"column {k}" for k in range(len(labels) + 1, width + 1))


def _row_cells(row: Row, labels: tuple[str, ...]) -> str:
    """The ``cells`` JSON of one row: [label, text] pairs, as many as the row has cells."""
    pairs = zip(header_labels(labels, len(row)), map(_cell_text, row), strict=False)
    return _CELLS_JSON.encode([list(pair) for pair in pairs])


def _column_pieces(cells: Sequence[Cell], head: str, tail: str) -> list[str]:
    """HEAD + the JSON of each cell + TAIL, each distinct cell encoded once (text in one C call); float
    cells one by one, as 0.0 and -0.0 are one key but two texts.

    >>> _column_pieces(["a", "a", None], "[", "]"), _column_pieces([0.0, -0.0], "", "")
    (['["a"]', '["a"]', '[null]'], ['"0.0"', '"-0.0"'])
    """
    types = set(map(type, cells))
    if types == {str}:
        distinct = [str(c) for c in dict.fromkeys(cells)]
        table: dict[Cell, str] = dict(zip(distinct, [head + t + tail for t in map(encode_basestring, distinct)],
                                          strict=True))
        return list(map(table.__getitem__, cells))
    if float in types:
        return [head + _json_text(cell) + tail for cell in cells]
    return convert_distinct(cells, lambda cell: head + _json_text(cell) + tail)


def cells_json(rows: Sequence[Row], labels: tuple[str, ...]) -> list[str]:
    """The ``cells`` JSON of each row, as ``_row_cells`` gives it; rows of the most common width are
    encoded column by column, each distinct cell once, and the pieces joined.

    >>> cells_json([("1", "买买提"), ("2", None), ("3",)], ("序号", "姓名"))
    ['[["序号", "1"], ["姓名", "买买提"]]', '[["序号", "2"], ["姓名", null]]', '[["序号", "3"]]']
    """
    widths = list(map(len, rows))
    width = Counter(widths).most_common(1)[0][0] if rows else 0
    if not width:
        return [_row_cells(row, labels) for row in rows]
    same = [r for r, w in zip(rows, widths, strict=True) if w == width]
    heads = [f"[{encode_basestring(label)}, " for label in header_labels(labels, width)]
    heads[0] = "[" + heads[0]
    tails = ["]"] * (width - 1) + ["]]"]
    columns = zip(*same, strict=True)
    pieces = [_column_pieces(cells, head, tail) for cells, head, tail in zip(columns, heads, tails, strict=True)]
    joined = map(", ".join, zip(*pieces, strict=True))
    if len(same) == len(rows):
        return list(joined)
    return [next(joined) if w == width else _row_cells(row, labels) for row, w in zip(rows, widths, strict=True)]


def record_indexes(rows: Sequence[Row], layout: HeaderLayout, fields: frozenset[int] | None = None) -> list[int]:
    """Indexes of the rows that become records: not blank, not a total line, not the header again.

    Most rows are told by their first two cells (each distinct cell judged once); the others (one-cell rows
    among them) are judged whole, and with FIELDS (the columns read into some field) must fill one of those: a
    line under the list holding only the date it was signed, in a remarks column, or a template's row numbered
    in advance and never filled, names no one.

    >>> layout = HeaderLayout(0, 0, ("序号", "姓名", "备注"))
    >>> record_indexes([("1", "买买提"), (None, None, "2019年6月1日"), (None, "古丽"), ("4",)], layout, frozenset({1}))
    [0, 2]
    """
    labels = layout.label_index if layout.header_cells else frozenset()
    leads = convert_distinct([r[0] if r else None for r in rows], lambda c: plain_lead(c, labels))
    follows = convert_distinct([r[1] if len(r) > 1 else None for r in rows], plain_follow)
    return [i for i, (lead, follow, row) in enumerate(zip(leads, follows, rows, strict=True))
            if (lead and follow and row[0] != row[1])
            or (not (is_blank(row) or is_total_row(row) or is_merged_line(row) or layout.is_header_again(row))
                and (fields is None or any(not is_empty(row[k]) for k in fields if k < len(row))))]


def is_merged_line(row: Row) -> bool:
    """Two or more filled cells, all the same text: a title or footer merged across the row.

    >>> is_merged_line(("二村名单", "二村名单", None)), is_merged_line(("二村名单",)), is_merged_line(("a", "b"))
    (True, False, False)
    """
    filled = [c for c in row if not is_empty(c)]
    return len(filled) > 1 and isinstance(filled[0], str) and filled.count(filled[0]) == len(filled)


def _one_value(row: Row) -> bool:
    """At most one distinct filled cell: blank, or a title, date or note line (merged or not)."""
    return len({text.strip() for text in map(_cell_text, row) if text and text.strip()}) < 2


@dataclass
class _Writer:
    """Inserts a table's records batch by batch through Arrow: the fixed columns are bound once,
    record ids follow on from ``next_id``."""

    fixed: tuple[int, str, str, int, str]  # source_id, source_file, sheet, table_no, role
    next_id: int

    def insert(self, case: Case, numbers: Sequence[int], fields: RecordColumns, cells: list[str]) -> None:
        size = len(numbers)
        arrays = {"record_id": pa.array(range(self.next_id, self.next_id + size), pa.int64()),
                  "row": pa.array(numbers, pa.int64())}
        for name in FIELDS:
            kind = pa.int64() if name in _INTEGER else pa.string()
            values = fields.values.get(name)
            arrays[name] = pa.nulls(size, kind) if values is None else pa.array(values, kind)
        arrays["cells"] = pa.array(cells, pa.string())
        case.con.register("veracity_batch", pa.table(arrays))
        try:
            case.con.execute(_INSERT_RECORDS, list(self.fixed))
        finally:
            case.con.unregister("veracity_batch")
        if fields.problems:
            self._findings(case, numbers, fields.problems)
        self.next_id += size

    def _findings(self, case: Case, numbers: Sequence[int], problems: list[tuple[int, ValueProblem]]) -> None:
        """One ``stage='ingest'`` finding per unreadable cell, in row order."""
        found = pa.table({
            "check_id": [p.check_id for _, p in problems],
            "row": pa.array([numbers[i] for i, _ in problems], pa.int64()),
            "record_id": pa.array([self.next_id + i for i, _ in problems], pa.int64()),
            "message": [p.message for _, p in problems],
            "details": [p.details for _, p in problems],
        })
        case.con.register("veracity_problems", found)
        try:
            case.con.execute("INSERT INTO findings SELECT check_id, 'notice', ?, ?, \"row\", record_id, message, "
                             "'ingest', details FROM veracity_problems", [self.fixed[1], self.fixed[2]])
        finally:
            case.con.unregister("veracity_problems")


_FIXED = ("source_id", "source_file", "sheet", "table_no", "role")
_INSERT_RECORDS = (
    "INSERT INTO records (" + ", ".join(f'"{c}"' for c in RECORD_COLUMNS) + ") SELECT "
    + ", ".join("?" if c in _FIXED else f'"{c}"' for c in RECORD_COLUMNS) + " FROM veracity_batch")


@dataclass(frozen=True)
class TableStart:
    """A table whose header is found and whose columns are planned: the data rows follow."""

    layout: HeaderLayout
    plan: ColumnPlan
    rows: Iterator[Row]  # the data rows, from the row below the header
    mapped: set[str]  # the --map columns this table has
    where: str  # the table in messages ("sheet 'x'", or empty)
    ditto: bool = False  # the first data rows hold a ditto mark (同上, 〃): filled once the table is read
    relatives: Relatives | None = None  # relatives listed in sub-rows under each person
    stated: StatedDate | None = None  # the date the title rows above the header state


def start_table(raw: RawTable, source_file: str, request: AddRequest) -> TableStart | TableLoad:
    """RAW's header and column plan, or the TableLoad of a table that holds no records (empty or skipped)."""
    limits = request.limits
    head, rest = list(islice(raw.rows, limits.header_scan_rows)), raw.rows
    if not any(not is_blank(r) for r in head):
        return TableLoad()
    where = f"sheet {raw.name!r}" if raw.name else ""
    layout = locate_header(head, limits, source=source_file, place=where)
    sample = head[layout.last_row + 1:]
    planned = plan_columns(layout, sample, request, source_file, where)
    if isinstance(planned, TableLoad):
        return planned
    part, mapped = planned
    return TableStart(layout, part.plan, chain(sample, rest), mapped, where, marks_in(sample), part.relatives,
                      stated_above(head, layout, raw.name, raw.above))


def plan_columns(layout: HeaderLayout, sample: Sequence[Row], request: AddRequest, source_file: str,
                 where: str) -> tuple[_Part, set[str]] | TableLoad:
    """The table under LAYOUT (SAMPLE: the rows below it) with its column plan, and the --map columns it uses,
    or the TableLoad of a table that is skipped: no column recognised, or no name or identity-number column."""
    overrides = {k: v for k, v in request.mapping.items() if layout.has_column(k)}
    rows = [r for r in sample if not (is_blank(r) or is_total_row(r))]
    plan = assign_fields(layout.columns, rows, overrides)
    try:
        require_fields(plan, headerless=layout.headerless, source=source_file, place=where)
    except InputError as unreadable:
        return TableLoad(skipped=str(unreadable))
    if not PERSON_FIELDS & set(plan.assigned):  # e.g. a summary sheet of counts beside the register
        return TableLoad(skipped=f"{source_file}: {where or 'table'}: no name or identity-number column, "
                                 "so not a register of people; skipped (its cells stay in the evidence)")
    listed = plan_relatives(layout.columns, rows, plan) if request.role == "leak" else None  # a testimony's
    # "relative's name" is the witness, not a person the testimony lists
    if listed is None:
        return _Part(layout, plan), set(overrides)
    return _Part(layout, *listed), set(overrides)


def read_columns(plan: ColumnPlan, relatives: Relatives | None) -> frozenset[int]:
    """The columns of PLAN (and RELATIVES) read into some field, a date's parts included."""
    parts = {k for g in plan.date_parts for k in g.columns}
    return frozenset({c.index for c in plan.columns if c.field} | parts | set(relatives.columns if relatives else ()))


def first_record_id(case: Case) -> int:
    """The id the next record inserted into CASE takes."""
    return int(case.scalar("SELECT coalesce(max(record_id), 0) + 1 FROM records"))


def load_table(case: Case, raw: RawTable, source_id: int, source_file: str, table_no: int,
               request: AddRequest, started: float, progress: Progress) -> TableLoad:
    """Read RAW into records of CASE; the caller's transaction makes it all or nothing."""
    start = start_table(raw, source_file, request)
    if isinstance(start, TableLoad):
        return start
    return load_started(case, start, (source_id, source_file, raw.name, table_no, request.role), request, started,
                        progress)


def load_started(case: Case, start: TableStart, target: tuple[int, str, str, int, str], request: AddRequest,
                 started: float, progress: Progress) -> TableLoad:
    """The rows of START (whose header is read) into records; TARGET: source_id, source_file, sheet, table_no, role."""
    limits = request.limits
    source_id, source_file, sheet = target[:3]
    load = TableLoad(mapped=set(start.mapped))
    writer = _Writer(target, first_record_id(case))
    part: _Part | None = _Part(start.layout, start.plan, start.relatives)
    for chunk in _chunks(start.rows, limits.header_scan_rows):
        first = load.data_rows + 1
        load.data_rows += len(chunk)
        for lo, hi, current in _split(chunk, part, request, source_file, start.where, load):
            part = current
            if current is None:
                continue
            kept = [lo + i for i in record_indexes(chunk[lo:hi], current.layout, current.read_columns)]
            rows = [chunk[i] for i in kept]
            if rows:
                numbers, fields = [first + i for i in kept], current.plan.build_many(rows)
                cells = cells_json(rows, current.layout.columns)
                if current.relatives is not None:
                    at, numbers, fields = current.relatives.records(rows, numbers, fields)
                    cells = [cells[i] for i in at]
                    load.extra += len(at) - len(set(at))
                writer.insert(case, numbers, fields, cells)
                load.records += len(numbers)
                load.problems += len(fields.problems)
        progress(f"reading {source_file}", load.records)
        if len(chunk) >= CHUNK:
            check_time(started, limits, source_file, f"{start.where} row {load.data_rows}".strip())
    finish_table(case, source_id, sheet, start, load, source_file)
    return load


@dataclass(frozen=True)
class _Part:
    """One table of a sheet: its header and column plan, and how it lists relatives under each person."""

    layout: HeaderLayout
    plan: ColumnPlan
    relatives: Relatives | None = None

    @property
    def read_columns(self) -> frozenset[int]:
        """The columns read into some field (a relative's too): a row filling none of them names no one."""
        return read_columns(self.plan, self.relatives)


def _chunks(rows: Iterator[Row], lookahead: int) -> Iterator[list[Row]]:
    """ROWS in lists of about CHUNK; a list does not end on a blank, title or header line (up to LOOKAHEAD
    more rows are taken), so a later table's title and header are seen together with the rows below."""
    while chunk := list(islice(rows, CHUNK)):
        for _ in range(lookahead):
            if not (_one_value(chunk[-1]) or later_header_rows(chunk[-1:])):
                break
            following = next(rows, None)
            if following is None:
                break
            chunk.append(following)
        yield chunk


def _split(chunk: list[Row], part: _Part | None, request: AddRequest, source_file: str, where: str,
           load: TableLoad) -> Iterator[tuple[int, int, _Part | None]]:
    """CHUNK as spans (lo, hi, table) read with one table's plan each, a later header starting the next one;
    a table that cannot be read (no name or identity-number column) gives None, its rows no record.
    The header rows of a later table and its title lines just above are in no span."""
    lo = 0
    for h in later_header_rows(chunk):
        if h < lo or (part is not None and part.layout.is_header_again(chunk[h])):
            continue
        title = h
        while title > lo and _one_value(chunk[title - 1]):
            title -= 1
        yield lo, title, part
        layout = header_at(chunk[h: h + 2])
        lo = h + layout.last_row + 1
        planned = plan_columns(layout, chunk[lo: lo + request.limits.header_scan_rows], request, source_file, where)
        if isinstance(planned, TableLoad):
            part = None
            continue
        part = planned[0]
        load.mapped |= planned[1]
    yield lo, len(chunk), part


def finish_table(case: Case, source_id: int, sheet: str, start: TableStart, load: TableLoad,
                 source_file: str) -> None:
    """Refuse a table with a header and no record; else record its header and columns in ``source_tables``."""
    require_data_rows(start.layout, load.records, source=source_file, place=start.where)
    load.stated = start.stated
    if start.ditto:
        fill_ditto_marks(case, source_id, sheet, start.plan.assigned)
    if {"household", "relation"} <= set(start.plan.assigned):
        fill_household_members(case, source_id, sheet)
    _record_table(case, source_id, sheet, start.layout, start.plan, load)


def _record_table(case: Case, source_id: int, sheet: str, layout: HeaderLayout, plan: ColumnPlan,
                  load: TableLoad) -> None:
    columns = [{"label": label, "field": plan.field_of(k), "why": plan.reason_of(k)}
               for k, label in enumerate(layout.columns)]
    case.con.execute("INSERT INTO source_tables VALUES (?, ?, ?, ?, ?, ?)",
                     [source_id, sheet, f"{layout.first_row + 1}-{layout.last_row + 1}",
                      json.dumps(columns, ensure_ascii=False), load.data_rows,
                      load.data_rows - load.records + load.extra])


def check_time(started: float, limits: Limits, source_file: str, place: str) -> None:
    """Refuse SOURCE_FILE at PLACE once its time budget (``seconds_per_file`` since STARTED, a
    ``time.monotonic()`` reading) is spent."""
    if time.monotonic() - started > limits.seconds_per_file:
        raise InputError(f"took longer than {limits.seconds_per_file:.0f} s", source=source_file, place=place)
