"""JSON exports of a database (an array of objects, or one object per line): one table, a row per object.

What a leaked database dump often is: a JSON array of records, JSON Lines
(one object per line, as ``elasticdump`` and most export tools write), a
search engine's dump whose objects carry the record under ``_source``, or an
API response: one object holding the array of records under a key, perhaps
nested (``{"code": 0, "data": {"total": 2, "list": [{...}, {...}]}}``), read
from the first array of objects met (its rows numbered as in an array). The
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
        values = (_array(_Stream(handle, stripped[1:])) if stripped.startswith("[") else
                  _wrapped(_Stream(handle, stripped[1:])) if _one_object(stripped) else _lines(handle, start))
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
    carry = buffer
    while True:
        chunk = handle.read(CHUNK)
        lines = (carry + chunk).split("\n")
        carry = lines.pop()
        if not chunk and carry.strip():
            lines.append(carry)
        for line in lines:
            yield json.loads(line) if line.strip() else None
        if not chunk:
            return


def _one_object(start: str) -> bool:
    r"""Whether a file beginning with START (white space stripped) is one object holding an array of records: its
    first line is no whole object (pretty-printed), or it is a line alone (within the first chunk) whose object
    has a list of objects somewhere within it.

    >>> _one_object('{\n "data": []}'), _one_object('{"rows": [{"a": 1}]}\n')
    (True, True)
    >>> _one_object('{"a": 1}\n{"a": 2}\n'), _one_object('{"a": [1]}')
    (False, False)
    """
    if not start.startswith("{"):
        return False
    first, _, rest = start.partition("\n")
    try:
        value = json.loads(first)
    except json.JSONDecodeError:
        return True
    return not rest.strip(_SPACE) and len(start) < CHUNK and _holds_records(value, 0)


def _holds_records(value: Any, depth: int) -> bool:
    """Whether VALUE, an object, has a non-empty list of objects at most WRAPPED_DEPTH objects down."""
    if not isinstance(value, dict) or depth > WRAPPED_DEPTH:
        return False
    return any((isinstance(v, list) and v and isinstance(v[0], dict)) or _holds_records(v, depth + 1)
               for v in value.values())


WRAPPED_DEPTH = 4  # objects around an API response's array of records: {"data": {"page": {"list": [...]}}}


class _Stream:
    """A JSON text read in chunks: the characters from ``position`` on, refilled as they are consumed."""

    def __init__(self, handle: Any, buffer: str) -> None:
        self.handle, self.buffer, self.position = handle, buffer, 0

    def peek(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            while self.position < len(self.buffer) and self.buffer[self.position] in _SPACE:
                self.position += 1
            if self.position < len(self.buffer) or not self._refill():
                return self.buffer[self.position: self.position + 1]

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise ValueError(f"expected {char!r} in the JSON object")
        self.position += 1

    def value(self) -> Any:
        """The next JSON value, decoded whole (a key, or a value beside the array of records)."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.position)
            except json.JSONDecodeError:
                if not self._refill():
                    raise
                continue
            if end == len(self.buffer) and self._refill():  # a number may go on in the next chunk
                continue
            self.position = end
            return value

    def rest(self) -> str:
        return self.buffer[self.position:]

    def _refill(self) -> bool:
        more = self.handle.read(CHUNK)
        self.buffer, self.position = self.buffer[self.position:] + more, 0
        return bool(more)


def _wrapped(stream: _Stream, depth: int = 0) -> Iterator[Any]:
    """The elements of the first array of objects within the object whose text after ``{`` STREAM holds."""
    while stream.peek() != "}":
        key = stream.value()
        if not isinstance(key, str):
            raise ValueError("a key of the JSON object is not a string")
        stream.take(":")
        if stream.peek() == "[":
            stream.take("[")
            if stream.peek() == "{":
                yield from _array(stream, last=False)
                return
            _skip_elements(stream)
        elif stream.peek() == "{" and depth < WRAPPED_DEPTH:
            stream.take("{")
            records = _wrapped(stream, depth + 1)
            first = next(records, None)
            if first is not None:
                yield first
                yield from records
                return
            stream.take("}")
        else:
            stream.value()
        if stream.peek() == ",":
            stream.take(",")
    if depth == 0:
        raise ValueError("no array of records in the JSON object (records are an array of objects)")


def _skip_elements(stream: _Stream) -> None:
    """Read past the elements and the ``]`` of an array that holds no records (``[1, 2]``), one at a time."""
    while stream.peek() != "]":
        stream.value()
        if stream.peek() == ",":
            stream.take(",")
    stream.take("]")


def _array(stream: _Stream, *, last: bool = True) -> Iterator[Any]:
    """Each element of the JSON array whose text after ``[`` STREAM holds, read as needed; LAST: the array ends the
    file (else what follows it is not read)."""
    expect_comma = False
    while (char := stream.peek()) != "]":
        if not char:
            raise ValueError("the array is not closed")
        if expect_comma:
            if char != ",":
                raise ValueError(f"expected ',' or ']' at character {stream.position}")
            stream.take(",")
            expect_comma = False
            continue
        yield stream.value()
        expect_comma = True
    stream.take("]")
    if last and (stream.rest().strip(_SPACE) or stream.handle.read(1).strip(_SPACE)):
        raise ValueError("text after the array")


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
