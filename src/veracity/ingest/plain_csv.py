"""CSV files through DuckDB: staged as lines, split and inserted in order, each distinct value converted once.

A delimited file is *plain* when each physical line is one record: no quote
character, no control character but tab and the line ends (a CR only before
an LF), no line longer than the cell limit, no more lines than the row limit
and no line wider than the column limit. For such a file the csv module gives
``tuple(line.split(delimiter))`` for each line and ``()`` for an empty one, so
the lines can be split elsewhere with the same result: DuckDB's ``read_csv``
reads each line as one value, in parallel and in order (physical line n is
row n, blank lines included), and ``string_split`` splits the lines into cells.

A file with a quote or a lone CR (as Excel writes a cell holding a comma or a
line break) is *parsed*: once the header is read, the csv module reads its data
rows in strict mode (``csv_reader.strict_records``), which yields the row
reader's very cells, a quoted line break inside a cell and a record over
several lines one row, or raises where the row reader's loose mode reads on
(then the row reader reads the file). Each row's cells, joined by \x01, are
staged as one line in record order, so ``string_split`` gives them back (a row
of one empty cell comes back as a blank one: either is blank and no record).
A control character but tab, LF and CR, or a row past the limits, sends the
file to the row reader too, which names the place.

The data rows, lines split into cells, are then what ``records.load_table`` makes of them row by row:

- a row whose first two cells surely make it a record (digits, Han or Latin
  letters that cannot start a total word or a header label) is one; the
  others go through ``records.record_indexes``;
- each canonical field comes from ``ColumnPlan.build_many`` over the distinct
  cells of its column (all name columns together, as the name fields depend
  on each other; the columns of a date written over several columns
  together), converted once each as the batches bring them, except the cells
  whose field SQL gives (``SQL_VALUES``: most identity numbers and text are
  their own value, dates written YYYY.MM.DD have their ISO form); unreadable
  cells become findings, in row order and then column order;
- ``cells`` is the JSON ``records.cells_json`` gives, built in SQL;
- the rows are read in batches in row order and each field looked up by its
  key in Arrow (a join in DuckDB would give the rows out of order, and a sort
  back into order costs more than all the lookups), so each batch is appended
  to ``records`` in record-id order, as the row reader appends.

A file in which a later header starts another table goes through the row-at-a-time reader as a whole
(``records.load_started``), and so does any other file: it gives the same records.
"""

from __future__ import annotations

import csv
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from veracity.case import Case
from veracity.fields import FIELDS, NAME_FIELDS, Kind
from veracity.ingest.columns import ColumnPlan
from veracity.ingest.csv_reader import strict_records
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
    read_columns,
    record_indexes,
    start_table,
)
from veracity.ingest.table import RawTable
from veracity.limits import MIB, Limits
from veracity.progress import Progress

if TYPE_CHECKING:
    from veracity.ingest.pipeline import AddRequest

BATCH = 2 * 122_880  # rows split, converted and inserted at a time: one query and one INSERT each
MAX_PLAIN_BYTES = 512 * MIB  # the bytes are read (and transcoded) in memory once; larger files go row by row
# Control characters but tab, LF and CR (NUL is looked for in the bytes, before DuckDB reads them): the cells
# JSON would escape them as \u00XX. A quote too makes a line more than its cells; in a parsed file, \x01 joins
# the cells (it is looked for in the bytes).
_CONTROL = bytes([*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NOT_PLAIN = _CONTROL + b'"'
_NOT_PARSED = _CONTROL.replace(b"\x01", b"")
_JOIN = "\x01"  # joins the cells of a parsed row
_JSON_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}  # json.dumps's; the backslash first


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
# (合计 总计 小计 共计 总数 Total Subtotal Grandtotal, 本页小计, 以上合计, 盖章, 单位盖章: values.is_total_row): digits,
# Latin letters but g s t, Han but 合 总 小 共 本 以 全 盖 单.
_SURE_START = f"[0-9A-FH-RU-Za-fh-ru-z{_han_but('合总小共本以全盖单')}]"
_SURE_END = "[0-9A-Za-z\u4e00-\u9fff]"  # nor white space that the comparison with header labels would strip
# A first cell also starts no page marker (values.is_page_marker: 第2页, Page 2): not 第, P or p (共, - are out already)
_SURE_LEAD = f"[0-9A-FH-OQRU-Za-fh-oqru-z{_han_but('合总小共本以全盖单第')}](.*{_SURE_END})?"

_SPACE = "".join(f"\\x{{{code:x}}}" for code in range(0x3001) if chr(code).isspace())  # what str.strip strips
# SQL for the field of a cell {cell} of a column alone, by the field's kind, NULL where SQL cannot tell (the
# converter is asked then; tests/ingest/test_plain_csv.py holds the converters to it): identity numbers of
# ASCII digits (an upper-case X last) and text with no white space at either end are their own value; a date
# of a four-digit year from 1800 to 2100, two-digit month and day, each after one of - . / is its ISO form.
SQL_VALUES = {
    Kind.IDNUMBER: "CASE WHEN regexp_full_match({cell}, '[0-9]+X?') THEN {cell} END",
    Kind.TEXT: f"CASE WHEN regexp_full_match({{cell}}, '[^{_SPACE}](.*[^{_SPACE}])?') THEN {{cell}} END",
    Kind.DATE: "CASE WHEN regexp_full_match({cell}, '(1[89][0-9][0-9]|20[0-9][0-9]|2100)[-./][0-9][0-9][-./]"
               "[0-9][0-9]') THEN CAST(TRY_CAST(concat({cell}[1:4], '-', {cell}[6:7], '-', {cell}[9:10]) AS DATE) "
               "AS VARCHAR) END",
}


@dataclass(frozen=True)
class Lines:
    """Rows staged in DuckDB as lines, each its cells joined by SEPARATOR."""

    count: int
    separator: str
    width: int  # cells in the widest line
    escapes: str  # the characters of ``_JSON_ESCAPES`` some cell holds, in its order


@dataclass(frozen=True)
class PlainText:
    """A delimited file whose rows DuckDB takes in as lines, on READER, a cursor of the case's connection that
    reads while the connection writes records. A plain file's physical lines are read at once into the temporary
    table ``plain_file`` (n, line) (line n is row n); a parsed file's data rows (``lines`` None) once its header
    is read."""

    reader: duckdb.DuckDBPyConnection
    path: Path
    encoding: TextEncoding
    delimiter: str
    lines: Lines | None


_READ_LINES = (  # each line one VARCHAR (no delimiter, quote or escape: \x01 is not in a plain file), blank ones ''
    "CREATE TEMP TABLE plain_file AS SELECT row_number() OVER () AS n, coalesce(line, '') AS line FROM read_csv($path, "
    "columns = {'line': 'VARCHAR'}, delim = chr(1), quote = '', escape = '', header = false, auto_detect = false, "
    "max_line_size = $size)")


def plain_lines(con: duckdb.DuckDBPyConnection, path: Path, encoding: TextEncoding, delimiter: str,
                limits: Limits) -> PlainText | None:
    """The CSV file at PATH as DuckDB takes it in (on a new cursor of CON): the lines of a plain file (see the
    module) read into DuckDB, a file with a quote or a lone CR to be parsed, else None. DuckDB reads the lines in
    parallel, in order (UTF-8 without its BOM; another encoding transcoded into a temporary file first).

    ENCODING is the one the encoding scan confirmed for the whole file, so decoding cannot fail.
    """
    if path.stat().st_size > MAX_PLAIN_BYTES:
        return None
    data = path.read_bytes()[encoding.bom:]
    if encoding.codec != "utf-8":
        data = data.decode(encoding.codec).encode("utf-8")
    if not data or b"\0" in data:
        return None
    if b'"' in data or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")):
        return None if _JOIN.encode() in data else PlainText(con.cursor(), path, encoding, delimiter, None)
    reader = con.cursor()
    with tempfile.TemporaryDirectory(prefix="veracity-") as folder:
        source = path
        if encoding.codec != "utf-8":
            source = Path(folder) / "utf-8.csv"
            source.write_bytes(data)
        del data
        try:
            reader.execute(_READ_LINES, {"path": str(source), "size": 4 * limits.max_cell_chars + 2})
        except duckdb.Error:  # a line past the limit
            reader.close()
            return None
    lines, longest, odd = _survey(reader, "plain_file", delimiter, _NOT_PLAIN)
    if odd or not lines.count or lines.count > limits.max_rows or longest > limits.max_cell_chars \
            or lines.width > limits.max_columns:
        reader.close()
        return None
    return PlainText(reader, path, encoding, delimiter, lines)


def _survey(reader: duckdb.DuckDBPyConnection, relation: str, separator: str, odd: bytes) -> tuple[Lines, int, bool]:
    """The lines of RELATION (its column ``line``, cells joined by SEPARATOR; a line's cells are its separators + 1,
    as ``string_split`` counts them), the length of the longest, and whether one holds a character of ODD."""
    escapes = [char for char in _JSON_ESCAPES if char != separator]
    found = "".join(f", bool_or(contains(line, chr({ord(char)})))" for char in escapes)
    count, longest, width, odd_found, *held = reader.execute(
        f"SELECT count(*), max(length(line)), max(length(line) - length(replace(line, $d, ''))) + 1, "
        f"bool_or(regexp_matches(line, $odd)){found} FROM {relation}",
        {"d": separator, "odd": f"[{odd.decode('ascii')}]"}).fetchone() or (0, 0, 0, True)
    lines = Lines(count, separator, width or 0, "".join(char for char, h in zip(escapes, held, strict=True) if h))
    return lines, longest or 0, bool(odd_found)


def load_plain_table(case: Case, raw: RawTable, plain: PlainText, source_id: int, source_file: str,
                     request: AddRequest, started: float, progress: Progress) -> TableLoad:
    """``records.load_table`` of the one table of a plain CSV file, its data rows taken from PLAIN."""
    with plain.reader as reader:
        start = start_table(raw, source_file, request)
        if isinstance(start, TableLoad):
            return start
        header = start.layout.last_row + 1
        target = (source_id, source_file, raw.name, 1, request.role)
        if plain.lines is None:
            lines = _parse_rows(plain, header, request.limits, source_file, started)
        else:
            reader.execute(f"CREATE TEMP VIEW plain_lines AS SELECT n - {header} AS r, line FROM plain_file "
                           f"WHERE n > {header}")
            lines = replace(plain.lines, count=plain.lines.count - header)
        if lines is None or start.relatives is not None or _holds_later_table(reader, lines.separator, start.layout):
            return load_started(case, start, target, request, started, progress)
        load = TableLoad(data_rows=lines.count, mapped=start.mapped)
        load.records, load.problems = _insert_records(case, plain.reader, lines, start, target)
    progress(f"reading {source_file}", load.records)
    check_time(started, request.limits, source_file, f"row {load.data_rows}")
    finish_table(case, source_id, raw.name, start, load, source_file)
    return load


def _parse_rows(plain: PlainText, header: int, limits: Limits, source_file: str, started: float) -> Lines | None:
    """Stage the data rows of a parsed file (below its HEADER rows) in the temporary table ``plain_lines``
    (r, line); None when the row reader must read the file: the csv module's strict mode raised, or a row is
    past the limits or holds a control character."""
    plain.reader.execute("CREATE TEMP TABLE plain_lines (r BIGINT, line VARCHAR)")
    count = 0
    try:
        with strict_records(plain.path, plain.encoding, plain.delimiter, limits.max_cell_chars) as records:
            lines = map(_JOIN.join, islice(records, header, None))
            while batch := list(islice(lines, BATCH)):
                rows = pa.array(range(count + 1, count + len(batch) + 1), pa.int64())
                plain.reader.from_arrow(pa.table({"r": rows, "line": pa.array(batch, pa.string())})).insert_into(
                    "plain_lines")
                count += len(batch)
                if header + count > limits.max_rows:
                    return None
                check_time(started, limits, source_file, f"row {count}")
    except (csv.Error, ValueError):  # ValueError: a decoding error, which the encoding scan rules out
        return None
    staged, _, odd = _survey(plain.reader, "plain_lines", _JOIN, _NOT_PARSED)
    return None if odd or staged.width > limits.max_columns else staged


_SPLIT = "CASE WHEN line = '' THEN []::VARCHAR[] ELSE string_split(line, $d) END"


# SQL: whether a row (its ``cells``) may be no record (blank, total, header again); the others surely are one,
# told by their first two cells ($lead, $follow: _SURE_LEAD, _SURE_START; $header: the header's labels).
# ``records.record_indexes`` judges the rows this holds for.
_UNSURE = ("NOT (coalesce(regexp_full_match(cells[1], $lead) AND NOT list_contains($header, cells[1]) "
           "AND NOT list_contains($header, lower(cells[1][1])), false) "
           "AND coalesce(regexp_full_match(cells[2], $follow), false) AND cells[1] <> cells[2])")


def _holds_later_table(reader: duckdb.DuckDBPyConnection, separator: str, layout: HeaderLayout) -> bool:
    """Whether a data row starts another table (``header.later_header_rows``, not the header again): such a file
    goes row by row. SQL passes on only the lines of two or more cells none of which starts with an ASCII digit
    (ASCII white space aside; found in the line, split or not): a cell that does is never a label, so no other
    line can be a header."""
    lines = reader.execute(
        f"SELECT {_SPLIT} AS cells FROM plain_lines WHERE NOT regexp_matches(line, $lead) AND contains(line, $d) "
        "AND NOT regexp_matches(line, $digit) ORDER BY r",  # the first test alone turns away most numbered rows
        {"d": separator, "lead": "^[ \\t\\f]*[0-9]", "digit": f"{re.escape(separator)}[ \\t\\f]*[0-9]"}).fetchall()
    rows = [tuple(cells) for cells, in lines]
    return any(not layout.is_header_again(rows[h]) for h in later_header_rows(rows))


def _insert_records(case: Case, reader: duckdb.DuckDBPyConnection, lines: Lines, start: TableStart,
                    target: tuple[int, str, str, int, str]) -> tuple[int, int]:
    """Insert the records of the data rows (those of the rows ``_UNSURE`` holds for only when
    ``records.record_indexes`` keeps them), and their findings; return how many of each.

    A query splits a batch of lines, builds each row's ``cells`` and the key of each column group (and the field
    SQL gives, ``SQL_VALUES``); the batches are read in row order, each field is looked up by key in its group's
    converted values (Arrow, no join: a join would give the rows out of order, and records are inserted in row
    order) and the batch is inserted.
    TARGET is the records' fixed columns: source_id, source_file, sheet, table_no, role.
    """
    lookups = [_Lookup(group) for group in _groups(start.plan)]
    labels = [encode_basestring(label) for label in header_labels(start.layout.columns, lines.width)]
    keys = "".join(f", {group.key} AS g{j}" + (f", {group.sql_value} AS v{j}" if group.sql_value else "")
                   for j, group in enumerate(lookups))
    query = (f"SELECT s.r, {_cells_json(lines.escapes, len(start.layout.columns))} AS cells{keys}, "
             f"CASE WHEN {_UNSURE} THEN s.cells END AS unsure "
             f"FROM (SELECT r, {_SPLIT} AS cells FROM plain_lines WHERE r BETWEEN $first AND $last) s")
    params = {"d": lines.separator, "labels": labels, "lead": _SURE_LEAD, "follow": _SURE_START + ".*",
              "header": sorted(start.layout.label_index if start.layout.header_cells else ())}
    writer = _Writer(case, target, first_record_id(case))
    for first in range(1, lines.count + 1, BATCH):
        batch = reader.sql(query, params=params | {"first": first, "last": first + BATCH - 1}).to_arrow_table()
        batch = batch.combine_chunks()  # one chunk per column, so is each record column (see ``_append``)
        unsure = pc.is_valid(batch.column("unsure"))
        if pc.any(unsure).as_py():
            rows = batch.column("r").filter(unsure).to_pylist()
            kept = record_indexes([tuple(cells) for cells in batch.column("unsure").filter(unsure).to_pylist()],
                                  start.layout, read_columns(start.plan, start.relatives))
            skipped = pa.array(sorted(set(rows) - {rows[k] for k in kept}), pa.int64())
            batch = batch.filter(pc.invert(pc.is_in(batch.column("r"), value_set=skipped)))
        if batch.num_rows:
            writer.insert(batch, lookups)
    return writer.next_id - writer.first_id, writer.insert_findings()


@dataclass
class _Writer:
    """Inserts the records of a table's batches with the ids following on from ``first_id``, and keeps their
    findings to insert them in row and then column order once all are read."""

    case: Case
    target: tuple[int, str, str, int, str]  # source_id, source_file, sheet, table_no, role
    first_id: int
    next_id: int = 0
    found: list[pa.Table] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.next_id = self.first_id

    def insert(self, batch: pa.Table, lookups: Sequence[_Lookup]) -> None:
        size = batch.num_rows
        record_ids = pa.array(range(self.next_id, self.next_id + size), pa.int64())
        columns: dict[str, pa.Array] = {}
        for j, lookup in enumerate(lookups):
            fields, index = lookup.fields(batch.column(f"g{j}"), batch.column(f"v{j}") if lookup.sql_value else None)
            columns |= fields
            for column, found in lookup.problems.items():
                check_ids, messages, details = (pa.array(texts, pa.string()) for texts in found)
                check_id = check_ids.take(index)
                rows = pc.is_valid(check_id)
                if pc.any(rows).as_py():
                    self.found.append(pa.table({
                        "r": batch.column("r").filter(rows), "record_id": record_ids.filter(rows),
                        "col": pa.nulls(size, pa.int64()).fill_null(column).filter(rows),
                        "check_id": check_id.filter(rows), "message": messages.take(index).filter(rows),
                        "details": details.take(index).filter(rows)}))
        source_id, source_file, sheet, table_no, role = self.target
        fixed = {"record_id": record_ids, "source_id": _repeat(source_id, size),
                 "source_file": _repeat(source_file, size), "sheet": _repeat(sheet, size),
                 "table_no": _repeat(table_no, size), "row": batch.column("r"), "role": _repeat(role, size)}
        fields = {name: columns.get(name, pa.nulls(size, _ARROW_TYPES[FIELDS[name].kind is Kind.INTEGER]))
                  for name in FIELDS}
        _append(self.case, "records", fixed | fields | {"cells": batch.column("cells")})
        self.next_id += size

    def insert_findings(self) -> int:
        """Insert the findings kept, in row and then column order; how many."""
        if not self.found:
            return 0
        found = pa.concat_tables(self.found).sort_by([("r", "ascending"), ("col", "ascending")])
        size = found.num_rows
        _append(self.case, "findings", {
            "check_id": found.column("check_id"), "severity": _repeat("notice", size),
            "source_file": _repeat(self.target[1], size), "sheet": _repeat(self.target[2], size),
            "row": found.column("r"), "record_id": found.column("record_id"), "message": found.column("message"),
            "stage": _repeat("ingest", size), "details": found.column("details")})
        return int(size)


_ARROW_TYPES = {True: pa.int64(), False: pa.string()}  # by whether the field is an integer


def _repeat(value: int | str, size: int) -> pa.Array:
    """VALUE SIZE times, as an Arrow array.

    >>> _repeat("a", 2).to_pylist(), _repeat(3, 1).type
    (['a', 'a'], DataType(int64))
    """
    return pa.repeat(pa.scalar(value, pa.int64() if isinstance(value, int) else pa.string()), size)


def _append(case: Case, table: str, columns: dict[str, pa.Array]) -> None:
    """Append COLUMNS (all of TABLE's, in its order) to TABLE. An Arrow table ``register``ed inside a transaction
    stays in memory until the transaction ends; one read through a relation does not. Each column is one chunk
    (the batch is combined as it is read): DuckDB appends the chunks of a batch on several threads, each leaving a
    part-filled row group that the next checkpoint rewrites (1-2 s when a 1,000,000-row file is closed)."""
    case.con.from_arrow(pa.table(columns)).insert_into(table)


@dataclass(frozen=True)
class _Group:
    """Table columns whose fields are derived together, and the plan of those columns alone (numbered from 0)."""

    columns: tuple[int, ...]
    plan: ColumnPlan

    def column_of(self, field: str) -> int:
        """The table column holding FIELD (a row's findings go in column order)."""
        return self.columns[next(i for i, c in enumerate(self.plan.columns) if c.field == field)]

    def sql_value(self) -> str:
        """SQL for the field of a row's cell (``SQL_VALUES``), for a column alone ("" when there is none)."""
        field = self.plan.columns[0].field
        if len(self.columns) > 1 or self.plan.date_parts or field is None:
            return ""
        sql = SQL_VALUES.get(FIELDS[field].kind, "")
        return sql.replace("{cell}", _key(self))


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
        orders = tuple((place[k], order) for k, order in plan.date_orders if k in place)
        groups.append(_Group(tuple(columns), ColumnPlan(roles, spans, orders)))
    return groups


def _key(group: _Group) -> str:
    """SQL for the group's key over a row's ``cells``: the cell of a one-column group, else its cells joined by
    \\x01, a missing cell as \\x02 (no staged line holds either).

    >>> _key(_Group((1, 3), ColumnPlan(())))
    'concat(coalesce(cells[2], chr(2)), chr(1), coalesce(cells[4], chr(2)))'
    """
    if len(group.columns) == 1:
        return f"cells[{group.columns[0] + 1}]"
    return f"concat({', chr(1), '.join(f'coalesce(cells[{k + 1}], chr(2))' for k in group.columns)})"


class _Lookup:
    """The fields of a group's keys converted so far by ``ColumnPlan.build_many``, each key once as the batches
    bring it (cells whose field SQL gives are not converted), and the findings of its columns (check id, message,
    details, null where the value was read), in the order of ``keys``."""

    def __init__(self, group: _Group) -> None:
        self.group, self.key, self.sql_value = group, _key(group), group.sql_value()
        self.keys = pa.array([], pa.string())
        self.values: dict[str, pa.Array] = {}
        self.problems: dict[int, tuple[list[str | None], list[str | None], list[str | None]]] = {}
        self._convert(self.keys)

    def fields(self, key: pa.Array, by_sql: pa.Array | None) -> tuple[dict[str, pa.Array], pa.Array]:
        """The fields of the cells whose keys are KEY (BY_SQL: the field SQL gave, null where it gave none), and
        the index of each key in ``keys``."""
        new = pc.unique(key if by_sql is None else key.filter(pc.is_null(by_sql)))
        new = new.filter(pc.invert(pc.is_in(new, value_set=self.keys)))
        if len(new):
            self._convert(new)
        index = pc.index_in(key, value_set=self.keys)
        taken = {name: values.take(index) for name, values in self.values.items()}
        return (taken if by_sql is None else {name: pc.coalesce(by_sql, v) for name, v in taken.items()}), index

    def _convert(self, keys: pa.Array) -> None:
        rows: list[tuple[str | None, ...]]
        if len(self.group.columns) == 1:
            rows = [(cell,) for cell in keys.to_pylist()]
        else:
            rows = [tuple(None if cell == "\x02" else cell for cell in k.split("\x01")) for k in keys.to_pylist()]
        built = self.group.plan.build_many(rows)
        before = len(self.keys) if self.values else 0
        self.keys = pa.concat_arrays([self.keys, keys]) if before else keys
        for name, values in built.values.items():
            converted = pa.array(values, _ARROW_TYPES[FIELDS[name].kind is Kind.INTEGER])
            self.values[name] = pa.concat_arrays([self.values[name], converted]) if before else converted
        for found in self.problems.values():
            for texts in found:
                texts += [None] * len(rows)
        for w, problem in built.problems:
            column = self.group.column_of(problem.field)
            found = self.problems.setdefault(column, ([None] * len(self.keys), [None] * len(self.keys),
                                                      [None] * len(self.keys)))
            found[0][before + w], found[1][before + w], found[2][before + w] = (problem.check_id, problem.message,
                                                                                 problem.details)


def _json_string(cell: str, escapes: str) -> str:
    """SQL for the JSON string of the cell expression CELL, which may hold the ESCAPES (``_JSON_ESCAPES``).

    >>> print(_json_string("c", '\\\\"'))
    replace(replace(c, chr(92), '\\\\'), chr(34), '\\"')
    """
    for char in escapes:
        cell = f"replace({cell}, chr({ord(char)}), '{_JSON_ESCAPES[char]}')"
    return cell


def _cells_json(escapes: str, width: int) -> str:
    """SQL for the ``cells`` JSON of a staged row ``s``, as ``records.cells_json`` gives it ($labels: the
    labels JSON-encoded, as many as the widest row has cells); rows WIDTH wide (the header's) are built
    in one ``concat``, without a lambda."""
    fixed = [piece for i in range(1, width + 1) for piece in
             ("'[['" if i == 1 else "'\"], ['", f"$labels[{i}]", "', \"'", _json_string(f"s.cells[{i}]", escapes))]
    each = f"concat('[', $labels[i], ', \"', {_json_string('c', escapes)}, '\"]')"
    generic = f"concat('[', array_to_string(list_transform(s.cells, lambda c, i: {each}), ', '), ']')"
    return f"CASE WHEN len(s.cells) = {width} THEN concat({', '.join(fixed)}, '\"]]') ELSE {generic} END"
