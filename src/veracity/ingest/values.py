"""Cell values: dates, sex, age and identity-number shapes read from cells, and kinds of rows.

Each normaliser is pure and never raises on a cell. A value that cannot be
read gives None (dates: a ``DateValue`` with the reason); the record keeps
the verbatim cell and the pipeline reports a ``ValueProblem`` under one of
``VALUE_CHECKS``, so nothing is dropped silently.

>>> parse_date("2017年5月3日").iso
'2017-05-03'
>>> parse_sex("女")
'F'
>>> is_total_row(("合计", "311人"))
True
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from veracity.idnumber import compact
from veracity.script import Script, detect

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from veracity.ingest.header import HeaderLayout
    from veracity.ingest.table import Cell, Row


@dataclass(frozen=True)
class ValueCheck:
    """A finding the pipeline writes when a cell of a typed field cannot be read."""

    id: str
    doc: str
    example: str


DATE_UNPARSED = ValueCheck("value.date_unparsed", "a date cell is not a date veracity reads", "2017-02-30")
SEX_UNPARSED = ValueCheck("value.sex_unparsed", "a sex cell is neither male nor female", "未知")
AGE_UNPARSED = ValueCheck("value.age_unparsed", "an age cell is not a whole number of years", "三十")
VALUE_CHECKS = (DATE_UNPARSED, SEX_UNPARSED, AGE_UNPARSED)


@dataclass(frozen=True)
class ValueProblem:
    """One cell of a typed field that could not be read; the cell itself stays verbatim in the record."""

    check_id: str
    field: str
    column: str
    value: str
    reason: str

    @property
    def message(self) -> str:
        """The finding's one-line message.

        >>> ValueProblem("value.sex_unparsed", "sex", "性别", "未知", "not male or female").message
        'column 性别: "未知" is not a sex (not male or female); kept verbatim'
        """
        what = self.field.replace("_", " ")
        return f'column {self.column}: "{self.value}" is not a {what} ({self.reason}); kept verbatim'


@dataclass(frozen=True)
class DateValue:
    """A date read from a cell: ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, or None and the reason."""

    iso: str | None
    reason: str = ""


# Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 the 1900-02-29 that never was
# (Lotus 1-2-3's leap-year bug, kept by Excel), so from serial 61 on, day 0 is 1899-12-30.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_MAX = 2_958_465  # 9999-12-31
# Serials read as dates only within 1910-01-01..2099-12-31: anything else in a date column is more
# likely a count or a code than a date of birth or detention.
PLAUSIBLE_SERIALS = range(3654, 73051)
_YEARS = range(1800, 2101)


def excel_serial_to_date(serial: int) -> dt.date | None:
    """The date of an Excel 1900-system serial; None for 60 (the fictitious 1900-02-29) or out of range.

    >>> excel_serial_to_date(31048)
    datetime.date(1985, 1, 1)
    >>> excel_serial_to_date(59), excel_serial_to_date(60), excel_serial_to_date(61)
    (datetime.date(1900, 2, 28), None, datetime.date(1900, 3, 1))
    """
    if serial < 1 or serial > _EXCEL_MAX or serial == 60:
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=serial + 1 if serial < 60 else serial)


def parse_date(cell: Cell) -> DateValue:
    """Read a date cell in the forms Chinese registers use; impossible dates are not read.

    >>> [parse_date(s).iso for s in ("2017年05月03日", "2017.5.3", "20170503", "1985年3月", "1985")]
    ['2017-05-03', '2017-05-03', '2017-05-03', '1985-03', '1985']
    >>> parse_date(31048).iso, parse_date(dt.datetime(1985, 3, 1, 0, 0)).iso
    ('1985-01-01', '1985-03-01')
    >>> parse_date("2017-02-30")
    DateValue(iso=None, reason='no such day: 2017-02-30')
    """
    if isinstance(cell, str):
        return _parse_date_text(cell)
    if isinstance(cell, dt.datetime):
        return DateValue(cell.date().isoformat())
    if isinstance(cell, dt.date):
        return DateValue(cell.isoformat())
    if isinstance(cell, bool) or cell is None or isinstance(cell, dt.time):
        return DateValue(None, "not a date")
    if isinstance(cell, float) and not cell.is_integer():
        return _parse_float(cell)
    return _parse_digits(str(int(cell))) if cell >= 0 else DateValue(None, "negative number")


def date_iso(cell: Cell) -> str | None:
    """``parse_date(cell).iso``, with the text path (cached) taken first.

    >>> date_iso("2017/5/3"), date_iso("2017-02-30")
    ('2017-05-03', None)
    """
    return (_parse_date_text(cell) if type(cell) is str else parse_date(cell)).iso


def _parse_float(value: float) -> DateValue:
    """A number cell with a fraction: year.month as typed (1985.3), or a serial with a time of day."""
    whole = int(value)
    if whole not in _YEARS:
        return _parse_digits(str(whole)) if whole >= 0 else DateValue(None, "negative number")
    month = repr(value).partition(".")[2]
    if month == "1":
        return DateValue(None, f"ambiguous number {value!r}: January or October (1985.10 is stored so)")
    return _from_parts([str(whole), month])


@lru_cache(maxsize=65_536)
def _parse_date_text(text: str) -> DateValue:
    s = text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).strip()
    if not s:
        return DateValue(None, "empty")
    for sep in (" ", "T"):
        head, found, tail = s.partition(sep)
        if found and ":" in tail:
            s = head
    if s.isdigit():
        return _parse_digits(s)
    parts = s.translate(_DATE_SEPARATORS).replace(" ", "").strip("-").split("-")
    if not all(p.isdigit() for p in parts):
        return DateValue(None, "not a date form veracity reads")
    return _from_parts(parts)


_DATE_SEPARATORS = str.maketrans({"年": "-", "月": "-", ".": "-", "/": "-", "日": "", "号": ""})


def _parse_digits(s: str) -> DateValue:
    """All digits: YYYYMMDD, YYYYMM, YYYY, or an Excel serial (up to five digits)."""
    if len(s) == 8:
        return _from_parts([s[:4], s[4:6], s[6:]])
    if len(s) == 6 and int(s[:4]) in _YEARS:
        return _from_parts([s[:4], s[4:]])
    number = int(s)
    if len(s) == 4 and number in _YEARS:
        return DateValue(s)
    if number in PLAUSIBLE_SERIALS:
        date = excel_serial_to_date(number)
        return DateValue(date.isoformat() if date else None, "" if date else "not a date")
    return DateValue(None, f"number {s} is neither a year nor an Excel date from 1910 to 2099")


def _from_parts(parts: Sequence[str]) -> DateValue:
    """Year, month and day as digit strings, year first."""
    if not 1 <= len(parts) <= 3 or len(parts[0]) != 4:
        if len(parts) == 3 and len(parts[2]) == 4:
            return DateValue(None, "day-month-year order is ambiguous")
        return DateValue(None, "no four-digit year first")
    year, *rest = (int(p) for p in parts)
    if year not in _YEARS:
        return DateValue(None, f"year {year} out of range")
    if not rest:
        return DateValue(f"{year:04d}")
    if not 1 <= rest[0] <= 12:
        return DateValue(None, f"no month {rest[0]}")
    if len(rest) == 1:
        return DateValue(f"{year:04d}-{rest[0]:02d}")
    try:
        return DateValue(dt.date(year, rest[0], rest[1]).isoformat())
    except ValueError:
        return DateValue(None, f"no such day: {year:04d}-{rest[0]:02d}-{rest[1]:02d}")


_SEX = {
    "男": "M", "男性": "M", "m": "M", "male": "M", "ئەر": "M", "er": "M",
    "女": "F", "女性": "F", "f": "F", "female": "F", "ئايال": "F", "ayal": "F",
}


def parse_sex(cell: Cell) -> str | None:
    """M, F or None for a sex cell in Chinese, English or Uyghur.

    >>> [parse_sex(s) for s in ("男", "女性", "F", "male", "ئەر", "ئايال", "未知", None)]
    ['M', 'F', 'F', 'M', 'M', 'F', None, None]
    """
    if not isinstance(cell, str):
        return None
    return _SEX.get(cell) or _SEX.get(unicodedata.normalize("NFKC", cell).strip().casefold())


_AGE_SUFFIXES = ("周岁", "岁", "years", "yrs", "ياش")


def parse_age(cell: Cell) -> int | None:
    """Whole years from 0 to 130, or None.

    >>> [parse_age(c) for c in (35, 35.0, "35", "３５岁", "35 years", "35.5", "三十", 200)]
    [35, 35, 35, 35, 35, None, None, None]
    """
    if isinstance(cell, bool):
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, str):
        s = unicodedata.normalize("NFKC", cell).strip().casefold()
        for suffix in _AGE_SUFFIXES:
            s = s.removesuffix(suffix).rstrip()
        cell = int(s) if s.isascii() and s.isdigit() else None
    return cell if isinstance(cell, int) and 0 <= cell <= 130 else None


def cell_text(cell: Cell) -> str:
    """A cell as text for a text field or a message: numbers without a spurious ``.0``, dates in ISO.

    >>> cell_text(12.0), cell_text(1.5), cell_text(dt.datetime(2017, 5, 3)), cell_text(" 和田 ")
    ('12', '1.5', '2017-05-03', '和田')
    """
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return "" if cell is None else str(cell)


def id_shape(text: str) -> bool:
    """Whether compacted TEXT has the shape of a resident identity number (18 or 15 characters).

    Only the shape and a plausible birth year and month: checksum and region are checks, not ingest.

    >>> id_shape("11010519491231002X"), id_shape("110105491231002"), id_shape("6222021234567890123")
    (True, True, False)
    """
    if len(text) == 18:
        body_ok = text[:17].isdigit() and (text[17].isdigit() or text[17] == "X")
        year, month = text[6:10], text[10:12]
    elif len(text) == 15:
        body_ok, year, month = text.isdigit(), "19" + text[6:8], text[8:10]
    else:
        return False
    return body_ok and year.isdigit() and 1850 <= int(year) <= 2099 and month in _MONTHS


_MONTHS = frozenset(f"{m:02d}" for m in range(1, 13))


def looks_like_id(cell: Cell) -> bool:
    """Whether a cell holds something shaped like an identity number.

    >>> looks_like_id(" 110105 19491231 002x"), looks_like_id(110105194912310021), looks_like_id("买买提")
    (True, True, False)
    """
    if isinstance(cell, str):
        return id_shape(cell if cell.isascii() and cell.isdigit() else compact(cell))
    if isinstance(cell, int | float) and not isinstance(cell, bool) and cell == cell and cell >= 0:
        return id_shape(str(int(cell)))
    return False


def looks_like_date(cell: Cell) -> bool:
    """A date object, or text in a written date form (a bare number is not enough).

    >>> looks_like_date("1985年3月"), looks_like_date("2017-05-03"), looks_like_date("31048")
    (True, True, False)
    """
    if isinstance(cell, dt.date):
        return True
    if not isinstance(cell, str) or cell.strip().isdigit():
        return False
    return parse_date(cell).iso is not None


def looks_like_data(cell: Cell) -> bool:
    """Whether a cell looks like a value rather than a header label: a number, date, sex or id.

    >>> [looks_like_data(c) for c in ("姓名", "男", "12", 3, "1985.3", "110105194912310021", None)]
    [False, True, True, True, True, True, False]
    """
    if cell is None:
        return False
    if not isinstance(cell, str):
        return True
    s = cell.strip()
    if not s:
        return False
    numeric = s.replace(".", "", 1).isdigit()
    return numeric or parse_sex(s) is not None or looks_like_id(s) or looks_like_date(s)


_NAME_MARKS = "·•・．."
_NOT_NAME_ENDINGS = "族县乡村镇市区州省"  # 汉族, 墨玉县: ethnicity and places, not names
_NOT_LETTERS = str.maketrans("", "", _NAME_MARKS + " -'")


def name_script(cell: Cell) -> Script | None:
    """The script of a cell that looks like a personal name, else None.

    >>> [name_script(v) for v in ("阿依古丽·艾买提", "王芳", "ئىلھام توختى", "Ilham Tohti", "维吾尔族", "12")]
    [<Script.HAN: 'han'>, <Script.HAN: 'han'>, <Script.ARABIC: 'arabic'>, <Script.LATIN: 'latin'>, None, None]
    """
    if not isinstance(cell, str):
        return None
    text = cell.strip()
    script = detect(text)
    letters = text.translate(_NOT_LETTERS)
    if script is Script.HAN:
        dotted = any(m in text for m in _NAME_MARKS)
        plain = 2 <= len(letters) <= 3 and letters[-1] not in _NOT_NAME_ENDINGS
        return script if letters.isalpha() and (plain or (dotted and len(letters) <= 16)) else None
    words = text.split()
    if not (1 <= len(words) <= 4 and letters.isalpha()):
        return None
    if script is Script.ARABIC or (script is Script.LATIN and all(w[0].isupper() for w in words)):
        return script
    return None


def normalise_label(text: str) -> str:
    """Header text as matched: NFKC, case-folded, without whitespace, punctuation or symbols.

    >>> normalise_label(" 身份证号码（18位）*："), normalise_label("Given_Name"), normalise_label("姓 名")
    ('身份证号码18位', 'givenname', '姓名')
    """
    return "".join(label_words(text))


def label_words(text: str) -> tuple[str, ...]:
    """The words of a header: NFKC, case-folded, split at whitespace, punctuation and symbols.

    >>> label_words("Date of birth (DOB)")
    ('date', 'of', 'birth', 'dob')
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    spaced = "".join(ch if ch.isalnum() or unicodedata.category(ch)[0] == "M" else " " for ch in folded)
    return tuple(spaced.split())


def is_blank(row: Row) -> bool:
    """No cell holds anything but whitespace.

    >>> is_blank(("", None, "  ")), is_blank(("", 0))
    (True, False)
    """
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


_TOTAL_WORDS = ("合计", "总计", "小计", "共计", "总数", "total", "subtotal", "grandtotal", "جەمئىي")
_TOTAL_FIRST = frozenset(w[0] for w in _TOTAL_WORDS) | {"T", "S", "G"}


def is_total_row(row: Row) -> bool:
    """A total line (合计, 总计, 小计, 共计, Total) in one of the first two non-empty cells.

    >>> is_total_row((None, "合 计：", 311)), is_total_row(("Total",)), is_total_row((1, "买买提", "合计"))
    (True, True, False)
    """
    seen = 0
    for cell in row:
        if cell is None:
            continue
        if isinstance(cell, str):
            s = cell.lstrip()
            if not s:
                continue
            if s[0] in _TOTAL_FIRST and normalise_label(s).startswith(_TOTAL_WORDS):
                return True
        seen += 1
        if seen == 2:
            return False
    return False


def plain_lead(cell: Cell, labels: frozenset[str]) -> bool:
    """Whether a row whose first cell is CELL is surely neither blank, a total line nor a repeated
    header (LABELS: ``HeaderLayout.label_index``, empty for a headerless table); False: look closer.

    >>> plain_lead("1", frozenset({"序号"})), plain_lead(7, frozenset()), plain_lead("序号", frozenset({"序号"}))
    (True, True, False)
    >>> plain_lead("合计", frozenset()), plain_lead(" ", frozenset()), plain_lead(None, frozenset())
    (False, False, False)
    """
    if cell is None:
        return False
    if type(cell) is not str:
        return True
    s = cell.strip()
    return bool(s) and s[0] not in _TOTAL_FIRST and s not in labels and s[0].casefold() not in labels


def plain_follow(cell: Cell) -> bool:
    """Whether a second cell CELL, after a first cell that passed ``plain_lead``, surely makes no
    total line; False: look closer.

    >>> plain_follow("买买提"), plain_follow(3), plain_follow("Total"), plain_follow(""), plain_follow(None)
    (True, True, False, False, False)
    """
    if cell is None:
        return False
    if type(cell) is not str:
        return True
    s = cell.lstrip()
    return bool(s) and s[0] not in _TOTAL_FIRST


_T = TypeVar("_T")
_TEXTUAL = frozenset({str, type(None)})


def convert_distinct(cells: Sequence[Cell], convert: Callable[[Cell], _T]) -> list[_T]:
    """``[convert(c) for c in cells]``, calling CONVERT once per distinct cell: registers repeat
    values (sex, dates, places). Cells other than text are told apart by type as well, since
    ``1 == 1.0 == True`` but ``str(True)`` is not ``str(1)``.

    >>> convert_distinct(["a", "b", "a", None], str)
    ['a', 'b', 'a', 'None']
    >>> convert_distinct([1, 1.0, True], str)
    ['1', '1.0', 'True']
    """
    if set(map(type, cells)) <= _TEXTUAL:
        table = {c: convert(c) for c in dict.fromkeys(cells)}
        return list(map(table.__getitem__, cells))
    keys = list(zip(map(type, cells), cells, strict=True))
    typed = {k: convert(k[1]) for k in dict.fromkeys(keys)}
    return list(map(typed.__getitem__, keys))


def is_repeated_header(row: Row, layout: HeaderLayout) -> bool:
    """A copy of one header row further down (printed registers repeat it on every page).

    Most non-empty cells (four in five, at least two unless the header has one label) must equal
    the header's cell in the same column, after normalisation. Data rows are turned away by their
    first two non-empty cells, usually without normalising anything.
    """
    if not _starts_like_header(row, layout.label_index):
        return False
    for raws, keys in zip(layout.header_cells, layout.header_keys, strict=True):
        labelled = sum(1 for k in keys if k)
        matched = filled = 0
        for cell, raw, key in zip(row, raws, keys, strict=False):
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            filled += 1
            if isinstance(cell, str) and key and _same_label(cell.strip(), raw, key):
                matched += 1
        if filled and matched >= min(2, labelled) and matched * 5 >= filled * 4:
            return True
    return False


def _starts_like_header(row: Row, labels: frozenset[str]) -> bool:
    """The first two non-empty cells are header texts (LABELS holds them verbatim and normalised)."""
    seen = 0
    for cell in row:
        if cell is None:
            continue
        if not isinstance(cell, str):
            return False
        s = cell.strip()
        if not s:
            continue
        if s not in labels and (s[0].casefold() not in labels or normalise_label(s) not in labels):
            return False
        seen += 1
        if seen == 2:
            return True
    return seen > 0


def _same_label(text: str, raw: str, key: str) -> bool:
    """TEXT is the header cell RAW (normalised: KEY); cheap comparisons first."""
    return text == raw or (key[0] in text.casefold() and normalise_label(text) == key)
