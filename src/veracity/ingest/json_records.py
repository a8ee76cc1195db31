"""JSON exports of a database (an array of objects, or one object per line): one table, a row per object.

What a leaked database dump often is: a JSON array of records, JSON Lines
(one object per line, as ``elasticdump`` and most export tools write), or a
search engine's dump whose objects carry the record under ``_source``. The
table is named ``""`` as a CSV's is; its header is every key met, in the
order first met (nested objects flattened: ``address.county``), and row r is
the r-th object — the r-th line of JSON Lines, a blank line a blank row.
Values keep their JSON type (a string, an int or float, a bool; null empty);
a list or an object where a value is expected is kept as its JSON text. The
file is read twice as a stream (keys, then rows), never whole: an array is
cut into its elements with ``json.JSONDecoder.raw_decode`` over a rolling
buffer. Limits: rows, columns (keys), cell length, nesting (Python's
recursion limit), the clock.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from veracity.ingest.encoding import TextEncoding
from veracity.ingest.guard import CLOCK_EVERY, FileGuard
from veracity.ingest.table import Cell, RawTable, Row

CHUNK = 1 << 20  # characters read at a time
_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n"


def is_json(text: str) -> bool:
    """Whether a file's first characters open a JSON array of objects or a JSON object (after white space).

    >>> is_json(' [{"name": "a"}]'), is_json('{"xm": "b"}\\n'), is_json("[1, 2]"), is_json("a,b")
    (True, True, False, False)
    """
    text = text.lstrip(_SPACE)
    return text.startswith("{") or (text.startswith("[") and text[1:].lstrip(_SPACE).startswith("{"))


def open_json(path: Path, encoding: TextEncoding, guard: FileGuard) -> RawTable:
    """The file as one table: the header of every key, then a row per object (read lazily, second pass)."""
    keys: dict[str, None] = {}
    count = 0
    with guard.reading(lambda _: f"record {count + 1}"):
        for record in _records(path, encoding, guard):
            count += 1
            if count > guard.rows_left():
                raise guard.too_many_rows(f"record {count}")
            if record is not None:
                keys.update(dict.fromkeys(record))
                if len(keys) > guard.limits.max_columns:
                    raise guard.too_many_columns(len(keys), f"record {count}")
    if not keys:
        raise guard.error("no JSON object with a key")
    return RawTable("", _rows(path, encoding, tuple(keys), guard))


def _rows(path: Path, encoding: TextEncoding, keys: tuple[str, ...], guard: FileGuard) -> Iterator[Row]:
    """The header, then each record's values in the header's order (a blank line an empty row)."""
    yield keys
    cap, max_chars = guard.rows_left(), guard.limits.max_cell_chars
    with guard.reading(lambda rows: f"record {rows}") as tally:
        for record in _records(path, encoding, guard):
            tally.rows += 1
            if tally.rows > cap:
                raise guard.too_many_rows(f"record {tally.rows}")
            if record is None:
                yield ()
                continue
            row = tuple(record.get(key) for key in keys)
            while row and row[-1] is None:
                row = row[:-1]
            if any(isinstance(cell, str) and len(cell) > max_chars for cell in row):
                raise guard.cell_too_long(f"record {tally.rows}")
            yield row


def _records(path: Path, encoding: TextEncoding, guard: FileGuard) -> Iterator[dict[str, Cell] | None]:
    """Each object of the file flattened (None for a blank line of JSON Lines)."""
    with path.open(encoding=encoding.codec, errors="strict", newline="") as handle:
        if encoding.bom:
            handle.read(1)
        start = handle.read(CHUNK)
        stripped = start.lstrip(_SPACE)
        values = _array(handle, stripped[1:]) if stripped.startswith("[") else _lines(handle, start)
        for count, value in enumerate(values, 1):
            if count % CLOCK_EVERY == 0:
                guard.check_clock(f"record {count}")
            if value is None:
                yield None
            elif isinstance(value, dict):
                source = value.get("_source")
                yield flatten(source if isinstance(source, dict) else value)
            else:
                raise ValueError(f"record {count} is not an object but {type(value).__name__}")


def _lines(handle: Any, buffer: str) -> Iterator[Any]:
    """Each line of JSON Lines decoded (None for a blank line); the first BUFFER characters already read."""
    carry, first = buffer, True
    while True:
        chunk = handle.read(CHUNK)
        lines = (carry + chunk).split("\n")
        carry = lines.pop()
        if not chunk and carry.strip():
            lines.append(carry)
        for line in lines:
            yield _line(line, first) if line.strip() else None
            first = first and not line.strip()
        if not chunk:
            return


def _line(line: str, first: bool) -> Any:
    """One line of JSON Lines decoded; a first line that is no whole object says what the file may be."""
    try:
        return json.loads(line)
    except json.JSONDecodeError:
        if first:
            raise ValueError("not JSON Lines: the first line is no whole object (one object over several lines? "
                             "export the records as an array or one object per line)") from None
        raise


def _array(handle: Any, buffer: str) -> Iterator[Any]:
    """Each element of a JSON array whose text after ``[`` begins with BUFFER, the rest read as needed."""
    position, expect_comma = 0, False
    while True:
        while position < len(buffer) and buffer[position] in _SPACE:
            position += 1
        if position >= len(buffer) - 1 and (more := handle.read(CHUNK)):
            buffer, position = buffer[position:] + more, 0
            continue
        if position >= len(buffer):
            raise ValueError("the array is not closed")
        if buffer[position] == "]":
            if buffer[position + 1:].strip(_SPACE) or handle.read(1).strip(_SPACE):
                raise ValueError("text after the array")
            return
        if expect_comma:
            if buffer[position] != ",":
                raise ValueError(f"expected ',' or ']' at character {position}")
            position += 1
            expect_comma = False
            continue
        try:
            value, end = _DECODER.raw_decode(buffer, position)
        except json.JSONDecodeError:
            more = handle.read(CHUNK)
            if not more:
                raise
            buffer, position = buffer[position:] + more, 0
            continue
        if end == len(buffer) and (more := handle.read(CHUNK)):  # a number may go on in the next chunk
            buffer, position = buffer[position:] + more, 0
            continue
        yield value
        position, expect_comma = end, True


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Cell]:
    """A JSON object's values by their key path (``a.b`` for a nested object); a list as its JSON text.

    >>> flatten({"xm": "买买提", "addr": {"county": "墨玉县", "village": 3}, "tags": ["a"], "ok": True, "x": None})
    {'xm': '买买提', 'addr.county': '墨玉县', 'addr.village': 3, 'tags': '["a"]', 'ok': True, 'x': None}
    """
    out: dict[str, Cell] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            out[name] = json.dumps(value, ensure_ascii=False)
        else:
            out[name] = value
    return out
