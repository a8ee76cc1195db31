"""Plain CSV files through DuckDB: split, sorted, converted and inserted in SQL, each distinct value read once.

A delimited file is *plain* when each physical line is one record: no quote
character, no control character but tab and the line ends (a CR only before
an LF), no line longer than the cell limit, no more lines than the row limit
and no line wider than the column limit. For such a file the csv module gives
``tuple(line.split(delimiter))`` for each line and ``()`` for an empty one, so
the lines can be split elsewhere with the same result: Arrow splits the text
into lines (physical line k is row k, blank lines included) and DuckDB splits
the lines into cells.

The rows are then what ``records.load_table`` makes of them row by row:

- a row whose first two cells surely make it a record (digits, Han or Latin
  letters that cannot start a total word or a header label) is one; the
  others go through ``records.record_indexes``;
- each canonical field comes from ``ColumnPlan.build_many`` over the distinct
  cells of its column (all name columns together, as the name fields depend
  on each other; the columns of a date written over several columns
  together), joined back to the rows, or taken as they are when the column's
  cells are their own values; unreadable cells become findings, in row order
  and then column order;
- ``cells`` is the JSON ``records.cells_json`` gives, built in SQL.

A file in which a later header starts another table goes through the row-at-a-time reader as a whole
(``records.load_started``), and so does any other file: it gives the same records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from veracity.case import Case
from veracity.fields import FIELDS, NAME_FIELDS, Kind
from veracity.ingest.columns import ColumnPlan
from veracity.ingest.encoding import TextEncoding
from veracity.ingest.header import HeaderLayout, later_header_rows
from veracity.ingest.records import (
    TableLoad,
    TableStart,
    check_time,
    finish_table,
    first_record_id,
    header_labels,
    load_started,
    record_indexes,
    start_table,
)
from veracity.ingest.table import RawTable
from veracity.limits import MIB, Limits
from veracity.progress import Progress

if TYPE_CHECKING:
    from veracity.ingest.pipeline import AddRequest

MAX_PLAIN_BYTES = 512 * MIB  # the text is held in memory three times over; larger files go row by row
# Bytes that make a line more than its cells: quotes and control characters (tab, CR, LF aside).
_NOT_PLAIN = bytes([*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20)]) + b'"'


def _han_but(excluded: str) -> str:
    """A regular-expression class body: the CJK Unified Ideographs block without the EXCLUDED characters.

    >>> _han_but("\u4e01") == "\u4e00-\u4e00\u4e02-\u9fff"
    True
    """
    bounds, low = [], 0x4E00
    for code in sorted(map(ord, excluded)):
        bounds.append(f"{chr(low)}-{chr(code - 1)}")
        low = code + 1
    return "".join([*bounds, f"{chr(low)}-\u9fff"])


# A first or second cell starting with one of these is surely not blank and starts no total word
# (合计 总计 小计 共计 总数 Total Subtotal Grandtotal): digits, Latin letters but g s t, Han but 合 总 小 共.
_SURE_START = f"[0-9A-FH-RU-Za-fh-ru-z{_han_but('合总小共')}]"
_SURE_END = "[0-9A-Za-z\u4e00-\u9fff]"  # nor white space that the comparison with header labels would strip
_SURE_LEAD = f"{_SURE_START}(.*{_SURE_END})?"

_SPACE = "".join(f"\\x{{{code:x}}}" for code in range(0x3001) if chr(code).isspace())  # what str.strip strips
# Cells whose field is the cell itself, by the field's kind: identity numbers of ASCII digits alone, text
# with no white space at either end (tests/ingest/test_plain_csv.py holds the converters to it).
OWN_VALUES = {Kind.IDNUMBER: "[0-9]+", Kind.TEXT: f"[^{_SPACE}](.*[^{_SPACE}])?"}


@dataclass(frozen=True)
class PlainText:
    """The physical lines of a plain file (``lines[k]`` is row k + 1) and its delimiter."""

    lines: pa.Array
    delimiter: str
    escaped: bool  # some cell holds a backslash or a tab, which the cells JSON escapes


def plain_lines(path: Path, encoding: TextEncoding, delimiter: str, limits: Limits) -> PlainText | None:
    """The lines of the CSV file at PATH when it is plain (see the module), else None.

    ENCODING is the one the encoding scan confirmed for the whole file, so decoding cannot fail.
    """
    if path.stat().st_size > MAX_PLAIN_BYTES:
        return None
    data = path.read_bytes()[encoding.bom:]
    if encoding.codec != "utf-8":
        data = data.decode(encoding.codec).encode("utf-8")
    if not data or len(data.translate(None, _NOT_PLAIN)) != len(data):
        return None
    if b"\r" in data:
        if data.count(b"\r") != data.count(b"\r\n"):
            return None
        data = data.replace(b"\r\n", b"\n")
    escaped = b"\\" in data or (delimiter != "\t" and b"\t" in data)
    data = data.removesuffix(b"\n")
    text = pa.LargeStringArray.from_buffers(1, pa.py_buffer(pa.array([0, len(data)], pa.int64()).buffers()[1]),
                                            pa.py_buffer(data))
    lines = pc.split_pattern(text, "\n").flatten()
    if len(lines) > limits.max_rows or pc.max(pc.utf8_length(lines)).as_py() > limits.max_cell_chars:
        return None
    if pc.max(pc.count_substring(lines, delimiter)).as_py() + 1 > limits.max_columns:
        return None
    return PlainText(lines, delimiter, escaped)


def load_plain_table(case: Case, raw: RawTable, plain: PlainText, source_id: int, source_file: str,
                     request: AddRequest, started: float, progress: Progress) -> TableLoad:
    """``records.load_table`` of the one table of a plain CSV file, its data rows taken from PLAIN."""
    start = start_table(raw, source_file, request)
    if isinstance(start, TableLoad):
        return start
    data = plain.lines.slice(start.layout.last_row + 1)
    load = TableLoad(data_rows=len(data), mapped=start.mapped)
    target = (source_id, source_file, raw.name, 1, request.role)
    with _Scratch(case.con) as scratch:
        scratch.register("plain_lines", pa.table({"r": pa.array(range(1, len(data) + 1), pa.int64()), "line": data}))
        if _holds_later_table(case, plain.delimiter, start.layout):
            scratch.close()
            return load_started(case, start, target, request, started, progress)
        scratch.register("plain_skipped", pa.table({"r": pa.array(_skipped_rows(case, plain.delimiter, start.layout),
                                                                  pa.int64())}))
        case.con.execute(f"CREATE TEMP TABLE plain_staged AS SELECT $next - 1 + row_number() OVER (ORDER BY r) "
                         f"AS record_id, r, {_SPLIT} AS cells FROM plain_lines ANTI JOIN plain_skipped USING (r)",
                         {"next": first_record_id(case), "d": plain.delimiter})
        load.records, load.problems = _insert_staged(scratch, plain, start, target)
    progress(f"reading {source_file}", load.records)
    check_time(started, request.limits, source_file, f"row {load.data_rows}")
    finish_table(case, source_id, raw.name, start, load, source_file)
    return load


class _Scratch:
    """The Arrow tables registered on a connection for one load and the staged rows: gone afterwards (after
    an error the transaction is aborted and its rollback drops the staged rows)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con, self.names = con, list[str]()

    def register(self, name: str, table: pa.Table) -> None:
        self.con.register(name, table)
        self.names.append(name)

    def __enter__(self) -> _Scratch:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        with suppress(duckdb.Error):
            if kind is None:
                self.con.execute("DROP TABLE IF EXISTS plain_staged")
            self.close()

    def close(self) -> None:
        """Unregister the Arrow tables registered so far."""
        for name in self.names:
            self.con.unregister(name)
        self.names.clear()


_SPLIT = "CASE WHEN line = '' THEN []::VARCHAR[] ELSE string_split(line, $d) END"


def _skipped_rows(case: Case, delimiter: str, layout: HeaderLayout) -> list[int]:
    """The data rows that are no record (blank, total, header again): rows whose first two cells make them
    surely a record are told in SQL, the others by ``record_indexes``."""
    doubtful = case.con.execute(
        f"SELECT r, cells FROM (SELECT r, {_SPLIT} AS cells FROM plain_lines) WHERE NOT (coalesce("
        "regexp_full_match(cells[1], $lead) AND NOT list_contains($labels, cells[1]) AND NOT list_contains($labels, "
        "lower(cells[1][1])), false) AND (len(cells) = 1 OR (coalesce(regexp_full_match(cells[2], $follow), false) "
        "AND cells[1] <> cells[2]))) ORDER BY r",
        {"d": delimiter, "lead": _SURE_LEAD, "follow": _SURE_START + ".*",
         "labels": sorted(layout.label_index if layout.header_cells else ())}).fetchall()
    kept = set(record_indexes([tuple(cells) for _, cells in doubtful], layout))
    return [r for k, (r, _) in enumerate(doubtful) if k not in kept]


def _holds_later_table(case: Case, delimiter: str, layout: HeaderLayout) -> bool:
    """Whether a data row starts another table (``header.later_header_rows``, not the header again): such a file
    goes row by row. SQL passes on only the lines of two or more cells none of which starts with an ASCII digit
    (ASCII white space aside; found in the line, split or not): a cell that does is never a label, so no other
    line can be a header."""
    lines = case.con.execute(
        f"SELECT {_SPLIT} AS cells FROM plain_lines WHERE NOT regexp_matches(line, $lead) AND contains(line, $d) "
        "AND NOT regexp_matches(line, $digit) ORDER BY r",  # the first test alone turns away most numbered rows
        {"d": delimiter, "lead": "^[ \\t\\f]*[0-9]", "digit": f"{re.escape(delimiter)}[ \\t\\f]*[0-9]"}).fetchall()
    rows = [tuple(cells) for cells, in lines]
    return any(not layout.is_header_again(rows[h]) for h in later_header_rows(rows))


def _insert_staged(scratch: _Scratch, plain: PlainText, start: TableStart,
                   target: tuple[int, str, str, int, str]) -> tuple[int, int]:
    """Insert the staged rows' records and their findings; return how many of each.

    TARGET is the records' fixed columns: source_id, source_file, sheet, table_no, role.
    """
    con = scratch.con
    fields: dict[str, str] = {}
    joins, problem_queries = [], []
    for j, group in enumerate(_groups(start.plan)):
        converted = _convert_group(scratch, group, f"plain_g{j}", f"plain_p{j}")
        on = " AND ".join(f"s.cells[{k + 1}] IS NOT DISTINCT FROM {{t}}.k{i}" for i, k in enumerate(group.columns))
        cell = f"s.cells[{group.columns[0] + 1}]"
        if converted.sparse and not converted.differ:  # every cell is its own value
            fields |= dict.fromkeys(converted.fields, cell)
            continue
        joins.append(f"LEFT JOIN plain_g{j} g{j} ON {on.format(t=f'g{j}')}")
        if converted.sparse:
            fields |= {f: f"CASE WHEN g{j}.k0 IS NULL THEN {cell} ELSE g{j}.\"{f}\" END" for f in converted.fields}
        else:
            fields |= {f: f'g{j}."{f}"' for f in converted.fields}
        if converted.problems:
            problem_queries.append(f"SELECT s.r, s.record_id, p.col, p.check_id, p.message, p.details "
                                   f"FROM plain_staged s JOIN plain_p{j} p ON {on.format(t='p')}")
    width = int(con.execute("SELECT coalesce(max(len(cells)), 0) FROM plain_staged").fetchone()[0])  # type: ignore[index]
    labels = [encode_basestring(label) for label in header_labels(start.layout.columns, max(width, 1))]
    values = ", ".join(fields.get(f, "NULL") for f in FIELDS)
    con.execute(
        f"INSERT INTO records (record_id, source_id, source_file, sheet, table_no, \"row\", role, "
        f"{', '.join(FIELDS)}, cells) SELECT s.record_id, $sid, $file, $sheet, $tno, s.r, $role, {values}, "
        f"{_cells_json(plain, len(start.layout.columns))} FROM plain_staged s {' '.join(joins)} ORDER BY s.record_id",
        dict(zip(("sid", "file", "sheet", "tno", "role"), target, strict=True)) | {"labels": labels})
    problems = 0
    if problem_queries:
        problems = int(con.execute(
            "INSERT INTO findings SELECT check_id, 'notice', $file, $sheet, r, record_id, message, 'ingest', details "
            f"FROM ({' UNION ALL '.join(problem_queries)}) ORDER BY r, col",
            {"file": target[1], "sheet": target[2]}).fetchone()[0])  # type: ignore[index]
    return int(con.execute("SELECT count(*) FROM plain_staged").fetchone()[0]), problems  # type: ignore[index]


@dataclass(frozen=True)
class _Group:
    """Table columns whose fields are derived together, and the plan of those columns alone (numbered from 0)."""

    columns: tuple[int, ...]
    plan: ColumnPlan

    def column_of(self, field: str) -> int:
        """The table column holding FIELD (a row's findings go in column order)."""
        return self.columns[next(i for i, c in enumerate(self.plan.columns) if c.field == field)]

    def own_values(self) -> str:
        """The pattern of the cells that are their own value, for a column alone ("" when none is known)."""
        field = self.plan.columns[0].field
        if len(self.columns) > 1 or self.plan.date_parts or field is None:
            return ""
        return OWN_VALUES.get(FIELDS[field].kind, "")


def _groups(plan: ColumnPlan) -> list[_Group]:
    """The columns of PLAN by what their fields depend on: all name columns together (a name may come from
    another name column), the columns of a date over several columns together, every other column alone."""
    names = [c.index for c in plan.columns if c.field in NAME_FIELDS]
    dates = {g.columns[0]: g.columns for g in plan.date_parts}
    parts = {k for g in plan.date_parts for k in g.columns}
    together = [names] if names else []
    together += [list(dates[c.index]) if c.index in dates else [c.index] for c in plan.columns
                 if c.index in dates or (c.field and c.field not in NAME_FIELDS and c.index not in parts)]
    groups = []
    for columns in together:
        place = {k: i for i, k in enumerate(columns)}
        roles = tuple(replace(plan.columns[k], index=i) for i, k in enumerate(columns))
        spans = tuple(replace(g, columns=tuple(place[k] for k in g.columns)) for g in plan.date_parts
                      if g.columns[0] in place)
        groups.append(_Group(tuple(columns), ColumnPlan(roles, spans)))
    return groups


@dataclass(frozen=True)
class _Converted:
    """A group's fields and what was registered for it: the distinct cells whose fields differ from the cell
    itself (``sparse``: a one-column group whose other cells are their own value) or all of them, and the
    cells that could not be read (``problems`` of them)."""

    fields: list[str]
    sparse: bool
    differ: int
    problems: int


def _convert_group(scratch: _Scratch, group: _Group, values_name: str, problems_name: str) -> _Converted:
    """Register VALUES_NAME (distinct cells of the group and their fields) and PROBLEMS_NAME (the unreadable
    ones) for the group's columns, converted by ``ColumnPlan.build_many``."""
    keys = ", ".join(f"cells[{k + 1}] AS k{i}" for i, k in enumerate(group.columns))
    own = group.own_values()
    others = f" WHERE NOT coalesce(regexp_full_match(k0, '{own}'), false)" if own else ""
    distinct = scratch.con.sql(f"SELECT DISTINCT {keys} FROM plain_staged{others}").to_arrow_table()
    rows = list(zip(*(column.to_pylist() for column in distinct.columns), strict=True))
    built = group.plan.build_many(rows)
    kept: Sequence[int] = range(len(rows))
    if len(group.columns) == 1 and len(built.values) == 1:
        values = next(iter(built.values.values()))
        differ = [i for i, (value, (cell,)) in enumerate(zip(values, rows, strict=True)) if value != cell]
        kept = differ if own or len(differ) < len(rows) / 2 else kept
    sparse = bool(own) or len(kept) < len(rows)
    columns = {f"k{i}": pa.array([rows[w][i] for w in kept], pa.string()) for i in range(len(group.columns))}
    for field, values in built.values.items():
        columns[field] = pa.array([values[w] for w in kept], pa.int64() if field == "age" else pa.string())
    scratch.register(values_name, pa.table(columns))
    where = [i for i, _ in built.problems]
    found = {f"k{i}": pa.array([rows[w][i] for w in where], pa.string()) for i in range(len(group.columns))}
    found |= {
        "col": pa.array([group.column_of(p.field) for _, p in built.problems], pa.int64()),
        "check_id": pa.array([p.check_id for _, p in built.problems], pa.string()),
        "message": pa.array([p.message for _, p in built.problems], pa.string()),
        "details": pa.array([p.details for _, p in built.problems], pa.string()),
    }
    scratch.register(problems_name, pa.table(found))
    return _Converted(list(built.values), sparse, len(kept), len(where))


def _json_string(cell: str, plain: PlainText) -> str:
    """SQL for the JSON string of the cell expression CELL (``json.dumps`` escapes: backslash and tab)."""
    if plain.escaped:
        cell = f"replace({cell}, '\\', '\\\\')"
        if plain.delimiter != "\t":
            cell = f"replace({cell}, chr(9), '\\t')"
    return cell


def _cells_json(plain: PlainText, width: int) -> str:
    """SQL for the ``cells`` JSON of a staged row ``s``, as ``records.cells_json`` gives it ($labels: the
    labels JSON-encoded, as many as the widest row has cells); rows WIDTH wide (the header's) are built
    in one ``concat``, without a lambda."""
    fixed = [piece for i in range(1, width + 1) for piece in
             ("'[['" if i == 1 else "'\"], ['", f"$labels[{i}]", "', \"'", _json_string(f"s.cells[{i}]", plain))]
    each = f"concat('[', $labels[i], ', \"', {_json_string('c', plain)}, '\"]')"
    generic = f"concat('[', array_to_string(list_transform(s.cells, lambda c, i: {each}), ', '), ']')"
    return f"CASE WHEN len(s.cells) = {width} THEN concat({', '.join(fixed)}, '\"]]') ELSE {generic} END"
