"""The reader boundary: one file's time and row budget, and library failures turned into InputError.

Every reader of a hostile file runs under one ``FileGuard``: it knows the
file's name, its ``Limits``, when reading began and how many rows all its
tables have yielded so far. ``READ_FAILURES`` lists what the parsing
libraries (csv, zipfile, zlib, openpyxl, python-docx, lxml, expat,
defusedxml) raise on malformed input; a reader runs each table inside
``FileGuard.reading``, which turns exactly these into one-line InputErrors
naming the place reached (during iteration too) and adds the rows the table
yielded to the file's count.

>>> guard = FileGuard("leak.csv", Limits(max_rows=2))
>>> guard.failure(ValueError("bad\\nthing"), "line 3").args[0]
'leak.csv: line 3: cannot read the file (ValueError: bad thing)'
>>> guard.too_many_rows("line 3").message
'more than 2 rows'
>>> with guard.reading(lambda rows: f"line {rows + 1}") as tally:
...     tally.rows += 1
...     raise ValueError("bad")
Traceback (most recent call last):
veracity.errors.InputError: leak.csv: line 2: cannot read the file (ValueError: bad)
>>> guard.rows_used
1
"""

from __future__ import annotations

import csv
import struct
import time
import xml.parsers.expat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from veracity.errors import InputError
from veracity.limits import Limits

# What parsing libraries raise on malformed input. TypeError and AttributeError are included
# because openpyxl and python-docx raise them on missing or mistyped XML attributes; the price
# is that a bug of ours inside a reader also surfaces as an InputError naming the file.
READ_FAILURES: tuple[type[BaseException], ...] = (
    LookupError,        # KeyError (missing zip member), IndexError
    ValueError,         # UnicodeDecodeError, defusedxml's DTDForbidden/EntitiesForbidden, bad numbers
    TypeError,
    AttributeError,
    ArithmeticError,    # OverflowError from dates far out of range
    NotImplementedError,  # zipfile: unsupported compression method
    RecursionError,
    EOFError,
    OSError,
    struct.error,
    zlib.error,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    csv.Error,
    SyntaxError,        # lxml's XMLSyntaxError, ElementTree's ParseError
    xml.parsers.expat.ExpatError,
)

# Rows between two looks at the clock; small enough to notice a slow file within a second.
CLOCK_EVERY = 1024


@dataclass
class Tally:
    """Rows one table has yielded so far; a reader counts them as it goes."""

    rows: int = 0


class FileGuard:
    """Budget of one file's reading: the clock and the rows of all its tables together."""

    def __init__(self, source_file: str, limits: Limits) -> None:
        self.source_file = source_file
        self.limits = limits
        self.started = time.monotonic()
        self.rows_used = 0

    def error(self, message: str, place: str = "") -> InputError:
        """An InputError about this file."""
        return InputError(message, source=self.source_file, place=place)

    def failure(self, exc: BaseException, place: str = "") -> InputError:
        """A library's exception as one line naming the file and the place reached."""
        text = " ".join(str(exc).split())[:200]
        detail = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
        return self.error(f"cannot read the file ({detail})", place)

    @contextmanager
    def reading(self, place: str | Callable[[int], str],
                failures: tuple[type[BaseException], ...] = READ_FAILURES) -> Iterator[Tally]:
        """Run one step of reading (a table, a part): a library failure becomes an InputError at PLACE
        (or ``place(rows read)``), an InputError passes unchanged, and the rows counted on the tally are
        added to the file's."""
        tally = Tally()
        try:
            yield tally
        except InputError:
            raise
        except failures as exc:
            raise self.failure(exc, place if isinstance(place, str) else place(tally.rows)) from None
        finally:
            self.rows_used += tally.rows

    def check_clock(self, place: str) -> None:
        """Raise once the file has used up ``Limits.seconds_per_file``."""
        if time.monotonic() - self.started > self.limits.seconds_per_file:
            raise self.error(f"took longer than {self.limits.seconds_per_file:g} s; stopped", place)

    def rows_left(self) -> int:
        """How many more rows the file may yield (``Limits.max_rows`` counts all tables)."""
        return self.limits.max_rows - self.rows_used

    def too_many_rows(self, place: str) -> InputError:
        """The error for a file that yields more than ``Limits.max_rows`` rows."""
        return self.error(f"more than {self.limits.max_rows} rows", place)

    def too_many_columns(self, count: int, place: str) -> InputError:
        """The error for a row wider than ``Limits.max_columns``."""
        return self.error(f"{count} columns, more than the limit of {self.limits.max_columns}", place)

    def cell_too_long(self, place: str) -> InputError:
        """The error for a cell longer than ``Limits.max_cell_chars``."""
        return self.error(f"a cell longer than {self.limits.max_cell_chars} characters", place)
