"""Vectorised GB 11643 checks: millions of identity numbers at once, NumPy only.

The rules are those of :mod:`veracity.idnumber`, row for row (tests compare the
two paths on generated and random input). Input is a sequence or NumPy array
of strings; it is processed in chunks, each viewed as a matrix of code points
on which the check arithmetic runs column-wise. Cells that need normalising
(full-width digits, spaces, hyphens, lower-case x) go through the scalar
:func:`~veracity.idnumber.compact` and rejoin the matrix.

:func:`problem_flags` is the per-check helper for ``veracity check``: one
``uint8`` of :class:`Flag` bits per row. :func:`problem_masks` gives the same as
one boolean array per check id; :func:`fields_many` decodes birth date, sex and
region for comparison with the record's own fields.

>>> rows = ["11010519491231002X", "110105194912310021", "junk", "650121491231002"]
>>> problem_flags(rows, today=datetime.date(2020, 1, 1)).tolist()
[0, 2, 1, 32]
>>> [Flag(int(f)).name for f in problem_flags(["999999194912310025"])]
['REGION_UNKNOWN']
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntFlag
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from veracity.idnumber import (
    _CHECK_CHARACTERS,
    _WEIGHTS,
    BIRTHDATE_INVALID,
    CHECKSUM,
    FORMAT,
    MAX_INPUT_LENGTH,
    MIN_BIRTH_YEAR,
    REGION_UNKNOWN,
    _text,
    compact,
)
from veracity.regions import RegionTable, load_table

CHUNK = 1 << 16  # rows per chunk: a 65,536 x 18 code-point matrix is 4.7 MB


class Flag(IntFlag):
    """Per-row bits of :func:`problem_flags`; the first four are problems, the last two notes."""

    FORMAT = 1  # id.format: neither 17 digits + [0-9X] nor 15 digits (hides the other problems)
    CHECKSUM = 2  # id.checksum
    BIRTHDATE_INVALID = 4  # id.birthdate_invalid: impossible or future date
    REGION_UNKNOWN = 8  # id.region_unknown: code unknown in every year
    PREFECTURE_ONLY = 16  # note, set with REGION_UNKNOWN: the code's prefecture (PPCC00) is known
    FIFTEEN_DIGIT = 32  # note: the pre-1999 15-digit form


PROBLEMS = Flag.FORMAT | Flag.CHECKSUM | Flag.BIRTHDATE_INVALID | Flag.REGION_UNKNOWN
CHECK_FLAGS: dict[str, Flag] = {
    FORMAT: Flag.FORMAT,
    CHECKSUM: Flag.CHECKSUM,
    BIRTHDATE_INVALID: Flag.BIRTHDATE_INVALID,
    REGION_UNKNOWN: Flag.REGION_UNKNOWN,
}

_X = ord("X")
_ZERO = np.uint32(ord("0"))
_DAYS_IN_MONTH = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int32)
# One matrix product reads five numbers from the 17 body digits of an 18-character number:
# the MOD 11-2 weighted sum, the region code (digits 0-5), and year, month, day (digits 6-13).
_READ_18 = np.zeros((17, 5), dtype=np.int64)
_READ_18[:, 0] = _WEIGHTS
_READ_18[0:6, 1] = [100_000, 10_000, 1_000, 100, 10, 1]
_READ_18[6:10, 2] = [1000, 100, 10, 1]
_READ_18[10:12, 3] = [10, 1]
_READ_18[12:14, 4] = [10, 1]
# The same for the 15-digit form (no check character; the year is 19YY, added afterwards).
_READ_15 = np.zeros((15, 5), dtype=np.int64)
_READ_15[0:6, 1] = _READ_18[0:6, 1]
_READ_15[6:8, 2] = [10, 1]
_READ_15[8:10, 3] = [10, 1]
_READ_15[10:12, 4] = [10, 1]

Values = Sequence[object] | NDArray[Any]


class _Prepared(NamedTuple):
    """A chunk as normalised code points (n, width >= 18) and the shape of each row."""

    codes: NDArray[np.uint32]
    form18: NDArray[np.bool_]
    form15: NDArray[np.bool_]


class _Decoded(NamedTuple):
    """What the kernel reads from a chunk; arrays of the chunk's length, garbage where ``~shaped``."""

    form18: NDArray[np.bool_]
    form15: NDArray[np.bool_]
    checksum_ok: NDArray[np.bool_]
    date_ok: NDArray[np.bool_]  # possible and not after today
    ymd: NDArray[np.int64]  # (n, 3) year, month, day
    region: NDArray[np.int64]  # six-digit code as an integer, 0 where not shaped
    sex_digit: NDArray[np.int64]


def _code_points(arr: NDArray[np.str_]) -> NDArray[np.uint32]:
    """A unicode array as an (n, max(width, 18)) matrix of code points, zero-padded."""
    arr = np.ascontiguousarray(arr)
    width = arr.dtype.itemsize // 4
    codes = arr.view(np.uint32).reshape(len(arr), width)
    return codes if width >= 18 else np.pad(codes, ((0, 0), (0, 18 - width)))


def _shapes(codes: NDArray[np.uint32]) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Rows that are an ASCII 18-character number, and rows that are 15 ASCII digits."""
    digit = (codes[:, :18] - _ZERO) < 10  # uint32 arithmetic: anything below '0' wraps round
    tail_empty = ~codes[:, 18:].any(axis=1)
    body15 = digit[:, :15].all(axis=1) & tail_empty
    form18 = body15 & digit[:, 15:17].all(axis=1) & (digit[:, 17] | (codes[:, 17] == _X))
    form15 = body15 & ~codes[:, 15:18].any(axis=1)
    return np.asarray(form18, dtype=np.bool_), np.asarray(form15, dtype=np.bool_)


def _date_ok(ymd: NDArray[np.int64], today: int) -> NDArray[np.bool_]:
    """Possible Gregorian dates from MIN_BIRTH_YEAR up to TODAY (an int YYYYMMDD)."""
    year, month, day = ymd[:, 0], ymd[:, 1], ymd[:, 2]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_ok = (month >= 1) & (month <= 12)
    last_day = _DAYS_IN_MONTH[np.where(month_ok, month, 0)] - ((month == 2) & ~leap)
    as_int = year * 10_000 + month * 100 + day
    possible = month_ok & (day >= 1) & (day <= last_day) & (year >= MIN_BIRTH_YEAR)
    return np.asarray(possible & (as_int <= today), dtype=np.bool_)


def _decode(prepared: _Prepared, today: int) -> _Decoded:
    """Read every field of every row at once; only rows of the right shape mean anything."""
    codes, form18, form15 = prepared
    digits = (codes[:, :17] - _ZERO).astype(np.int64)
    digits[~(form18 | form15)] = 0  # keep garbage rows from producing out-of-range region indexes
    read = digits @ _READ_18  # (n, 5): weighted sum, region, year, month, day
    rows15 = np.flatnonzero(form15)
    if rows15.size:
        read[rows15] = digits[rows15, :15] @ _READ_15
        read[rows15, 2] += 1900
    # MOD 11-2: the check value is (12 - weighted sum) mod 11, where value 10 is written X.
    check_value = np.where(codes[:, 17] == _X, 10, codes[:, 17].astype(np.int64) - 48)
    checksum_ok = form15 | ((12 - read[:, 0] % 11) % 11 == check_value)
    ymd = read[:, 2:5]
    sex_digit = np.where(form15, digits[:, 14], digits[:, 16])
    return _Decoded(form18, form15, checksum_ok, _date_ok(ymd, today), ymd, read[:, 1], sex_digit)


def _unicode(chunk: Values) -> NDArray[np.str_]:
    """CHUNK as a unicode array; non-text cells (None, floats) and over-long cells become ''."""
    if isinstance(chunk, np.ndarray) and chunk.dtype.kind == "U":
        return chunk.reshape(-1)
    if isinstance(chunk, np.ndarray) and chunk.dtype.kind == "S" and all(b.isascii() for b in chunk.tolist()):
        return chunk.reshape(-1).astype(np.str_)
    cells: list[object] = chunk.tolist() if isinstance(chunk, np.ndarray) else list(chunk)
    items = [text if (text := _text(item)) is not None else "" for item in cells]
    if max(map(len, items), default=0) > MAX_INPUT_LENGTH:
        items = [item if len(item) <= MAX_INPUT_LENGTH else "" for item in items]
    return np.array(items, dtype=np.str_) if items else np.zeros(0, dtype="U1")


def _fold_width(codes: NDArray[np.uint32]) -> NDArray[np.uint32]:
    """Full-width digits to ASCII, and x, ｘ, Ｘ to X: the common normalisations, without Python."""
    folded = np.where((codes >= 0xFF10) & (codes <= 0xFF19), codes - np.uint32(0xFEE0), codes)
    return np.where(np.isin(folded, [ord("x"), 0xFF38, 0xFF58]), np.uint32(_X), folded).astype(np.uint32)


def _plain(codes: NDArray[np.uint32]) -> NDArray[np.bool_]:
    """Rows made only of ASCII digits and X, padded with trailing zeros: compact() would not change them."""
    present = codes != 0
    allowed = ((codes - _ZERO) < 10) | (codes == _X) | ~present
    trailing_zeros_only = (np.diff(present.astype(np.int8), axis=1) <= 0).all(axis=1)
    return np.asarray(allowed.all(axis=1) & trailing_zeros_only, dtype=np.bool_)


def _prepared(chunk: Values) -> _Prepared:
    """Code points of CHUNK after :func:`compact` of every cell that is not already clean, and row shapes."""
    arr = _unicode(chunk)
    codes = _code_points(arr)
    form18, form15 = _shapes(codes)
    unshaped = np.flatnonzero(~(form18 | form15))
    if not unshaped.size:
        return _Prepared(codes, form18, form15)
    codes = codes.copy()
    codes[unshaped] = _fold_width(codes[unshaped])
    dirty = unshaped[~_plain(codes[unshaped])]  # separators or other characters: the scalar path
    if dirty.size:
        codes = _compacted(arr, codes, dirty)
    form18[unshaped], form15[unshaped] = _shapes(codes[unshaped])  # other rows are unchanged
    return _Prepared(codes, form18, form15)


def _compacted(
    arr: NDArray[np.str_], codes: NDArray[np.uint32], dirty: NDArray[np.intp]
) -> NDArray[np.uint32]:
    """CODES with the DIRTY rows replaced by the scalar compact() of their text in ARR."""
    fixed = [compact(str(s)) if len(s) <= MAX_INPUT_LENGTH else "" for s in arr[dirty]]
    width = max(codes.shape[1], max(map(len, fixed), default=1))
    codes = np.pad(codes, ((0, 0), (0, width - codes.shape[1])))
    codes[dirty] = _code_points(np.array(fixed, dtype=f"U{width}"))
    return codes


def _chunks(values: Values | str | bytes) -> tuple[int, list[Values]]:
    rows: Values = [values] if isinstance(values, str | bytes) else values
    n = len(rows)
    return n, [rows[start : start + CHUNK] for start in range(0, n, CHUNK)]


def _today_int(today: datetime.date | None) -> int:
    day = today or datetime.date.today()
    return day.year * 10_000 + day.month * 100 + day.day


def _flags(decoded: _Decoded, known: NDArray[np.bool_]) -> NDArray[np.uint8]:
    shaped = decoded.form18 | decoded.form15
    region = decoded.region
    region_known = known[region]
    flags = np.where(shaped, 0, int(Flag.FORMAT))
    flags |= np.where(shaped & ~decoded.checksum_ok, int(Flag.CHECKSUM), 0)
    flags |= np.where(shaped & ~decoded.date_ok, int(Flag.BIRTHDATE_INVALID), 0)
    flags |= np.where(shaped & ~region_known, int(Flag.REGION_UNKNOWN), 0)
    flags |= np.where(shaped & ~region_known & known[region - region % 100], int(Flag.PREFECTURE_ONLY), 0)
    flags |= np.where(decoded.form15, int(Flag.FIFTEEN_DIGIT), 0)
    return flags.astype(np.uint8)


def problem_flags(
    values: Values, today: datetime.date | None = None, table: RegionTable | None = None
) -> NDArray[np.uint8]:
    """One byte of :class:`Flag` bits per row; ``flags & PROBLEMS == 0`` means valid. Never raises.

    >>> flags = problem_flags(["65322219800101001X", "65329919800101001X"], today=datetime.date(2020, 1, 1))
    >>> [Flag(int(f)).name for f in flags]
    ['CHECKSUM', 'REGION_UNKNOWN|PREFECTURE_ONLY']
    """
    known = (table or load_table()).known_mask
    today_int = _today_int(today)
    n, chunks = _chunks(values)
    out = np.empty(n, dtype=np.uint8)
    start = 0
    for chunk in chunks:
        flags = _flags(_decode(_prepared(chunk), today_int), known)
        out[start : start + len(flags)] = flags
        start += len(flags)
    return out


def problem_masks(
    values: Values, today: datetime.date | None = None, table: RegionTable | None = None
) -> dict[str, NDArray[np.bool_]]:
    """One boolean array per problem check id (``id.format``, ``id.checksum``, ...).

    >>> problem_masks(["110105194912310021"])["id.checksum"].tolist()
    [True]
    """
    flags = problem_flags(values, today, table)
    return {check_id: (flags & flag) != 0 for check_id, flag in CHECK_FLAGS.items()}


def validate_many(
    values: Values, today: datetime.date | None = None, table: RegionTable | None = None
) -> NDArray[np.bool_]:
    """True for each row that passes every check, as ``validate(row).valid`` would say.

    >>> validate_many(np.array(["11010519491231002X", "１１０１０５１９４９１２３１００２ｘ"])).tolist()
    [True, True]
    """
    valid: NDArray[np.bool_] = (problem_flags(values, today, table) & PROBLEMS) == 0
    return valid


@dataclass(frozen=True)
class IdFields:
    """Fields decoded from each row, for comparison with the record's own (``id.*_mismatch``)."""

    number: NDArray[np.str_]  # normalised 18-character form (15-digit numbers converted); '' if malformed
    birth_date: NDArray[np.datetime64]  # datetime64[D]; NaT when malformed or impossible (not when future)
    sex: NDArray[np.str_]  # 'M' (odd sequence), 'F' (even) or '' when malformed
    region: NDArray[np.int32]  # six-digit code, -1 when malformed


def _dates(ymd: NDArray[np.int64], dated: NDArray[np.bool_]) -> NDArray[np.datetime64]:
    """datetime64[D] of each (year, month, day) row, NaT where not DATED."""
    safe = np.where(dated[:, None], ymd, [[1970, 1, 1]])
    months = (safe[:, 0] - 1970) * 12 + safe[:, 1] - 1
    days = months.astype("datetime64[M]").astype("datetime64[D]") + (safe[:, 2] - 1)
    return np.where(dated, days, np.datetime64("NaT"))


def _numbers18(codes: NDArray[np.uint32], decoded: _Decoded) -> NDArray[np.str_]:
    """The 18-character form of each row (15-digit rows get 19 and a check character); '' if malformed."""
    body = codes[:, :17].copy()
    rows15 = np.flatnonzero(decoded.form15)
    body[rows15, 8:17] = codes[rows15, 6:15]
    body[rows15, 6:8] = [ord("1"), ord("9")]
    weighted = (body - _ZERO).astype(np.int64) @ _READ_18[:, 0]
    check = np.array(list(_CHECK_CHARACTERS))[weighted % 11]
    numbers = np.char.add(np.ascontiguousarray(body).view("U17").reshape(-1), check)
    return np.where(decoded.form18 | decoded.form15, numbers, "").astype("U18")


def _fields_chunk(prepared: _Prepared) -> IdFields:
    codes = prepared.codes
    decoded = _decode(prepared, 99_991_231)
    shaped = decoded.form18 | decoded.form15
    return IdFields(
        _numbers18(codes, decoded),
        _dates(decoded.ymd, shaped & decoded.date_ok),
        np.where(shaped, np.where(decoded.sex_digit % 2 == 1, "M", "F"), ""),
        np.where(shaped, decoded.region, -1).astype(np.int32),
    )


def fields_many(values: Values) -> IdFields:
    """Decode normalised number, birth date, sex and region of every row. Never raises.

    >>> fields = fields_many(["650121491231002", "11010519491231002x", "junk"])
    >>> fields.number.tolist(), fields.sex.tolist(), fields.region.tolist()
    (['650121194912310025', '11010519491231002X', ''], ['F', 'F', ''], [650121, 110105, -1])
    >>> fields.birth_date.astype(str).tolist()
    ['1949-12-31', '1949-12-31', 'NaT']
    """
    _, chunks = _chunks(values)
    parts = [_fields_chunk(_prepared(chunk)) for chunk in chunks]
    if not parts:
        return _fields_chunk(_prepared([]))
    names = IdFields.__dataclass_fields__
    return IdFields(*(np.concatenate([getattr(part, name) for part in parts]) for name in names))
