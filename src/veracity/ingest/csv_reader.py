"""Delimited text files: a deterministic delimiter sniffer and a streaming, limited row reader.

Delimiters tried, in order of preference: comma, tab, semicolon, pipe and
the full-width comma ``，``. A candidate qualifies when the most frequent
field count over the first records (parsed with quoting, as the reader will)
is at least 2; the winner has the most consistent field counts, then the most
fields, then the earlier place in the list. The full-width comma is last: it
is ordinary punctuation inside Chinese free text (reasons, addresses), so it
wins only when no ASCII delimiter splits the lines as consistently — which is
the case of a hand-typed list that really uses it. A file where no candidate
gives two fields is read as one column with the comma (the sniff result says so).

Cells are the strings the csv module yields, verbatim; a blank line is an
empty tuple; a quoted field may hold newlines.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from veracity.ingest.encoding import TextEncoding, TextScan, binary_reason
from veracity.ingest.guard import CLOCK_EVERY, FileGuard
from veracity.ingest.table import RawTable, Row

DELIMITERS = (",", "\t", ";", "|", "，")
SNIFF_RECORDS = 50


@dataclass(frozen=True)
class Sniffed:
    """The delimiter chosen and the field count that made it win (1: no delimiter found)."""

    delimiter: str
    fields: int
    consistency: float   # share of sampled records with that field count


def sniff_delimiter(sample: str, complete: bool = True) -> Sniffed:
    """Choose the delimiter of a text sample by the consistency of field counts.

    ``complete`` is False when the sample was cut from a longer file; its
    last record is then ignored.

    >>> sniff_delimiter("姓名,性别\\n买买提·吐尔逊,男\\n").delimiter
    ','
    >>> sniff_delimiter('名单\\n姓名;住址\\n"古丽,努尔";"墨玉县; 一村"\\n阿依古丽;和田\\n').delimiter
    ';'
    >>> sniff_delimiter("只有一列\\n第二行\\n")
    Sniffed(delimiter=',', fields=1, consistency=1.0)
    """
    best = Sniffed(",", 1, 1.0)
    best_key = (0.0, 1, 0)
    for rank, delimiter in enumerate(DELIMITERS):
        counts = _field_counts(sample, delimiter, complete)
        if not counts:
            continue
        fields, hits = Counter(counts).most_common(1)[0]
        consistency = hits / len(counts)
        key = (round(consistency, 1), fields, -rank)
        if fields >= 2 and key > best_key:
            best, best_key = Sniffed(delimiter, fields, consistency), key
    return best


@contextmanager
def field_limit(chars: int) -> Iterator[None]:
    """Set the csv module's field limit to CHARS for the block, then put back what it was: the limit
    is process-wide, so another reader in the same process (a test's DictReader, followthemoney)
    never inherits ours.

    >>> before = csv.field_size_limit()
    >>> with field_limit(36):
    ...     csv.field_size_limit()
    36
    >>> csv.field_size_limit() == before
    True
    """
    previous = csv.field_size_limit(chars)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _field_counts(sample: str, delimiter: str, complete: bool) -> list[int]:
    """Field counts of the first non-blank records of ``sample`` split by ``delimiter``."""
    counts = []
    with field_limit(len(sample) + 1):  # a sample cell may be as long as the sample
        for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
            if record:
                counts.append(len(record))
            if len(counts) > SNIFF_RECORDS:
                break
    if not complete and len(counts) > 1:
        counts.pop()
    return counts[:SNIFF_RECORDS]


def open_csv(
    path: Path, head: bytes, encoding: TextEncoding, scan: TextScan, guard: FileGuard
) -> tuple[Sniffed, RawTable]:
    """Check the sample is text, sniff its delimiter and return the file as one lazy table.

    ``scan`` is the strict decoding pass that confirmed ``encoding``.
    """
    complete = len(head) >= path.stat().st_size
    decoder = codecs.getincrementaldecoder(encoding.codec)("strict")
    sample = decoder.decode(head[encoding.bom :], final=complete)
    reason = binary_reason(sample)
    if reason:
        raise guard.error(f"binary file, not text ({reason})")
    if not sample.strip():
        raise guard.error("empty file (no text)")
    sniffed = sniff_delimiter(sample, complete)
    long_lines = scan.longest_line > guard.limits.max_cell_chars
    return sniffed, RawTable("", _rows(path, encoding, sniffed.delimiter, long_lines, guard))


def _open_text(path: Path, encoding: TextEncoding) -> io.TextIOWrapper:
    """PATH's text after its byte-order mark, decoded strictly, line ends left to the csv module."""
    raw = path.open("rb")
    raw.seek(encoding.bom)
    return io.TextIOWrapper(raw, encoding=encoding.codec, errors="strict", newline="")


def _rows(
    path: Path, encoding: TextEncoding, delimiter: str, long_lines: bool, guard: FileGuard
) -> Iterator[Row]:
    """Every record of the file as a tuple of str, limits checked on each.

    A cell is no longer than its line, so cell lengths are measured only when
    the file has a line longer than the limit, or for a record spanning lines.
    """
    text = _open_text(path, encoding)
    # The csv module's field limit is process-wide and other libraries change it at import
    # (followthemoney does): set it from our own limit for the read, so the outcome never depends
    # on what else was imported, and name its error as ours (see the except below).
    reader = csv.reader(text, delimiter=delimiter)
    cap, last = guard.rows_left(), 0
    columns = guard.limits.max_columns
    with (closing(text), field_limit(guard.limits.max_cell_chars),
          guard.reading(lambda _: f"line {reader.line_num + 1}") as tally):
        start = 1
        try:
            for row in reader:
                count = tally.rows = tally.rows + 1
                line = reader.line_num
                if count > cap or len(row) > columns or long_lines or line > last + 1 or not count % CLOCK_EVERY:
                    _check_row(row, count > cap, guard, f"line {line}")
                start, last = last + 1, line
                yield tuple(row)
        except csv.Error as exc:  # named where its record starts: a runaway quote can end far below
            place = f"line {last + 1}"
            raise (guard.cell_too_long(place) if "field larger" in str(exc) else guard.failure(exc, place)) from None
    if _ends_in_quote(path, encoding, delimiter, start, guard.limits.max_cell_chars):
        raise guard.error("the file ends inside a quoted cell opened here (cut short, or a quote never closed)",
                          f"line {start}")


@contextmanager
def strict_records(path: Path, encoding: TextEncoding, delimiter: str, max_chars: int,
                   first_line: int = 1) -> Iterator[Iterator[list[str]]]:
    """The records of the file at PATH from physical line FIRST_LINE, read by the csv module in strict mode:
    it raises ``csv.Error`` where the row reader's csv module reads on (a character after a closing quote,
    the end of the file inside quotes) and for a cell longer than MAX_CHARS; until it raises, it yields the
    very records the row reader yields (tests/ingest/test_csv_reader.py compares them)."""
    with closing(_open_text(path, encoding)) as text, field_limit(max_chars):
        yield csv.reader(itertools.islice(text, first_line - 1, None), delimiter=delimiter, strict=True)


def _ends_in_quote(path: Path, encoding: TextEncoding, delimiter: str, start: int, max_chars: int) -> bool:
    """Whether the last record, from line START, runs into the end of the file inside quotes: the csv
    module reads it as a cell to the end (silently taking in every line after a stray quote); its
    strict mode tells, and only the last record is read again."""
    with strict_records(path, encoding, delimiter, max_chars, start) as records:
        try:
            for _ in records:
                pass
        except csv.Error as exc:
            return "unexpected end of data" in str(exc)
    return False


def _check_row(row: list[str], over_cap: bool, guard: FileGuard, place: str) -> None:
    """The slow path of the row loop: find which limit a row broke, or look at the clock."""
    if over_cap:
        raise guard.too_many_rows(place)
    if len(row) > guard.limits.max_columns:
        raise guard.too_many_columns(len(row), place)
    if row and max(map(len, row)) > guard.limits.max_cell_chars:
        raise guard.cell_too_long(place)
    guard.check_clock(place)
