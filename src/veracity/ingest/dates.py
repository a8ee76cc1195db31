"""Dates in cells: the forms Chinese, English and Uyghur registers write them in, read into ISO.

Pure and never raising on a cell: a date that cannot be read gives a
``DateValue`` with ``iso=None`` and the reason, for the ``value.date_unparsed``
notice (the cell itself stays verbatim in the record). ISO is ``YYYY-MM-DD``,
or ``YYYY-MM``/``YYYY`` when only that is known.

>>> [parse_date(s).iso for s in ("2017年5月3日", "2017.05.03", "5 Jan 1990", "1985年3月", 31048, "二〇一七年五月三日")]
['2017-05-03', '2017-05-03', '1990-01-05', '1985-03', '1985-01-01', '2017-05-03']
>>> date_from_parts("1975年", "3", "15").iso, latest_day("2019年2月").iso
('1975-03-15', '2019-02-28')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from veracity.ingest.table import Cell


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


def parse_date(cell: Cell, order: str = "") -> DateValue:
    """Read a date cell in the forms Chinese registers use; impossible dates are not read. ORDER (from
    ``column_order`` over the cell's column) reads a year-last date whose order is ambiguous ("dmy", "mdy"), or a
    spreadsheet date as its month only (MONTH_ONLY).

    >>> [parse_date(s).iso for s in ("2017年05月03日", "2017.5.3", "20170503", "1985年3月", "1985")]
    ['2017-05-03', '2017-05-03', '2017-05-03', '1985-03', '1985']
    >>> parse_date("1985年3月5日生").iso, parse_date("1985年3月份").iso
    ('1985-03-05', '1985-03')
    >>> parse_date(31048).iso, parse_date(dt.datetime(1985, 3, 1, 0, 0)).iso, parse_date(dt.date(1985, 3, 1), "ym").iso
    ('1985-01-01', '1985-03-01', '1985-03')
    >>> parse_date("2017-02-30")
    DateValue(iso=None, reason='no such day: 2017-02-30')
    """
    if isinstance(cell, str):
        return _parse_date_text(cell, order)
    if isinstance(cell, dt.date):  # a datetime too
        day = (cell.date() if isinstance(cell, dt.datetime) else cell).isoformat()
        return DateValue(day[:7] if order == MONTH_ONLY and cell.day == 1 else day)
    if isinstance(cell, bool) or cell is None or isinstance(cell, dt.time):
        return DateValue(None, "not a date")
    if isinstance(cell, float) and not cell.is_integer():
        return _parse_float(cell)
    return _parse_digits(str(int(cell))) if cell >= 0 else DateValue(None, "negative number")


def date_iso(cell: Cell, order: str = "") -> str | None:
    """``parse_date(cell, order).iso``, with the text path (cached) taken first.

    >>> date_iso("2017/5/3"), date_iso("2017-02-30"), date_iso("03/05/2017"), date_iso("03/05/2017", "dmy")
    ('2017-05-03', None, None, '2017-05-03')
    """
    return (_parse_date_text(cell, order) if type(cell) is str else parse_date(cell, order)).iso


MONTH_ONLY = "ym"  # a column order: its spreadsheet dates were typed as a month (1985-3), the day never written
_MONTH_ONLY_MIN = 3


def column_order(cells: Sequence[Cell]) -> str:
    """How a date column's CELLS are read: ``year_last_order`` when it tells an order; else MONTH_ONLY when three
    or more are spreadsheet dates and every one falls on the 1st of its month, as when a clerk types 1985-3 or
    1985年3月 into a 出生年月 column and the spreadsheet stores the 1st (people all born on a 1st by chance: 1 in
    27,000 for three); else "".

    >>> column_order([dt.datetime(1985, 3, 1), dt.date(1990, 11, 1), dt.datetime(1979, 1, 1), "1975年", None])
    'ym'
    >>> column_order([dt.date(1985, 3, 1), dt.date(1990, 11, 2), dt.date(1979, 1, 1)]), column_order(["01/02/1985"])
    ('', '')
    """
    order = year_last_order(cells)
    days = [c.day for c in cells if isinstance(c, dt.date)]
    return order or (MONTH_ONLY if len(days) >= _MONTH_ONLY_MIN and all(d == 1 for d in days) else "")


def year_last_order(cells: Iterable[Cell]) -> str:
    """The order of day and month in a column's year-last dates, when its cells show one and only one:
    "dmy" when some read only as day-month-year (15/03/1975) and none only as month-day-year, "mdy" in
    the opposite case, else "" (none tells, or both occur: each cell is then read on its own).

    >>> year_last_order(["15/03/1975", "03/05/2017", None]), year_last_order(["03/15/1975", "4/5/1980"])
    ('dmy', 'mdy')
    >>> year_last_order(["03/05/2017"]), year_last_order(["15/03/1975", "03/15/1975"]), year_last_order(["2017-05-03"])
    ('', '', '')
    """
    orders = set()
    for cell in cells:
        if isinstance(cell, str) and (parts := _year_last_parts(cell)):
            first, second = int(parts[0]), int(parts[1])
            if first != second and (first > 12 or second > 12):
                orders.add("dmy" if first > 12 else "mdy")
    return orders.pop() if len(orders) == 1 else ""


def _year_last_parts(text: str) -> list[str] | None:
    """The three numbers of a date written day or month first and the year last (15/03/1975), or None.

    >>> _year_last_parts("15/03/1975"), _year_last_parts("1975-03-15"), _year_last_parts("15.3.1975 0:00")
    (['15', '03', '1975'], None, ['15', '3', '1975'])
    """
    head = text.strip().split(" ")[0]
    return _DIGIT_GROUPS.findall(head) if _YEAR_LAST.fullmatch(head) else None


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
def _parse_date_text(text: str, order: str = "") -> DateValue:
    s = text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).strip()
    if not s:
        return DateValue(None, "empty")
    for sep in (" ", "T"):
        head, found, tail = s.partition(sep)
        if found and ":" in tail:
            s = head
    if s.isdigit():
        return _parse_digits(s)
    if any("a" <= ch <= "z" for ch in s.casefold()):
        return _parse_month_name(s)
    if "年" in s:
        s = _CHINESE_NUMBER.sub(_arabic, s.removesuffix("生").removesuffix("份"))  # 1985年3月5日生, 1985年3月份
    parts = s.translate(_DATE_SEPARATORS).replace(" ", "").strip("-").split("-")
    if not all(p.isdigit() for p in parts):
        return DateValue(None, "not a date form veracity reads")
    return _from_parts(parts, order)


_CHINESE_DIGITS = {ch: k for k, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
_CHINESE_NUMBER = re.compile("[〇零一二三四五六七八九十]+")


def _arabic(number: re.Match[str]) -> str:
    """A number in Chinese numerals as digits: a year digit by digit (二〇一七), a month or day with 十 by value.

    >>> [_CHINESE_NUMBER.sub(_arabic, s) for s in ("二〇一七年五月三日", "一九八五年十二月二十三日", "三十", "十一")]
    ['2017年5月3日', '1985年12月23日', '30', '11']
    """
    text = number.group()
    if "十" not in text:
        return "".join(str(_CHINESE_DIGITS[ch]) for ch in text)
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return text
    return str(_CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(units, 0))


_DIGIT_GROUPS = re.compile(r"\d+")
_YEAR_LAST = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{4}")
_DATE_SEPARATORS = str.maketrans({"年": "-", "月": "-", ".": "-", "/": "-", "日": "", "号": ""})
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")
_ORDINALS = frozenset({"st", "nd", "rd", "th", "of"})


def _parse_month_name(s: str) -> DateValue:
    """An English date with the month in words: 5 Jan 1990, Jan 5, 1990, 5-JAN-1990, January 1990."""
    tokens = re.findall(r"[a-z]+|\d+", s.casefold())
    words = [t for t in tokens if t.isalpha() and t not in _ORDINALS]
    months = [k for k, m in enumerate(_MONTHS_EN, 1) if len(words) == 1 and len(words[0]) >= 3
              and (m.startswith(words[0]) or words[0] == "sept" and m == "september")]
    numbers = [t for t in tokens if t.isdigit()]
    years = [t for t in numbers if len(t) == 4]
    days = [t for t in numbers if len(t) <= 2]
    if len(months) != 1 or len(years) != 1 or len(days) > 1 or len(years) + len(days) != len(numbers):
        return DateValue(None, "not a date form veracity reads")
    return _from_parts([years[0], str(months[0]), *days])


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


def _from_parts(parts: Sequence[str], order: str = "") -> DateValue:
    """Year, month and day as digit strings, year first (or last: ``_year_last``)."""
    if not 1 <= len(parts) <= 3 or len(parts[0]) != 4:
        if len(parts) == 3 and len(parts[2]) == 4:
            return _year_last(parts, order)
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


def _year_last(parts: Sequence[str], order: str = "") -> DateValue:
    """Day, month, year (15/03/1975) or month, day, year (03/15/1975): read when one order is possible,
    that is when one of the first two numbers is over 12 or both are the same, or in the ORDER of the
    column ("dmy", "mdy") when it has one.

    >>> _year_last(["15", "03", "1975"]).iso, _year_last(["03", "15", "1975"]).iso, _year_last(["3", "5", "2017"])
    ('1975-03-15', '1975-03-15', DateValue(iso=None, reason='day-month-year order is ambiguous'))
    >>> _year_last(["3", "5", "2017"], "dmy").iso, _year_last(["3", "5", "2017"], "mdy").iso
    ('2017-05-03', '2017-03-05')
    """
    first, second = int(parts[0]), int(parts[1])
    if first == second or first > 12 >= second or (order == "dmy" and second <= 12):
        return _from_parts([parts[2], parts[1], parts[0]])
    if second > 12 >= first or (order == "mdy" and first <= 12):
        return _from_parts([parts[2], parts[0], parts[1]])
    return DateValue(None, "day-month-year order is ambiguous")


def date_from_parts(year: Cell, month: Cell, day: Cell = None) -> DateValue:
    """A date written over separate year, month and day cells (出生日期: 年 | 月 | 日); the day may be
    missing, and each part may carry its unit (1975年, 3月, 15日).

    >>> date_from_parts(1975, "3", 15.0).iso, date_from_parts("1975年", "3月").iso, date_from_parts(1975, None, 3)
    ('1975-03-15', '1975-03', DateValue(iso=None, reason='a day without a month'))
    """
    texts = [_part_text(c) for c in (year, month, day)]
    while texts and not texts[-1]:
        texts.pop()
    if not texts:
        return DateValue(None, "empty")
    if not all(texts):
        return DateValue(None, "a day without a month" if texts[0] else "no year")
    if not all(t.isascii() and t.isdigit() for t in texts):
        return DateValue(None, "a part is not a number")
    return _from_parts(texts)


def _part_text(cell: Cell) -> str:
    """One part of a split date as text, its unit (年, 月, 日) dropped; 3.0 is "3".

    >>> _part_text(3.0), _part_text(" １５日 "), _part_text(None)
    ('3', '15', '')
    """
    if cell is None:
        return ""
    text = str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell)
    return unicodedata.normalize("NFKC", text).strip().rstrip("年月日号").strip()


def latest_day(cell: Cell) -> DateValue:
    """The last day a date can mean, in ISO: the day itself, or the last day of its month or year.
    A document dated 2019 may hold anything up to 2019-12-31 (``veracity add --date``).

    >>> latest_day("2019年2月").iso, latest_day("2019").iso, latest_day("2019.5.3").iso, latest_day("x").iso
    ('2019-02-28', '2019-12-31', '2019-05-03', None)
    """
    parsed = parse_date(cell)
    if parsed.iso is None:
        return parsed
    if len(parsed.iso) == 10:
        return parsed
    year, month = int(parsed.iso[:4]), int(parsed.iso[5:7] or 12)
    return DateValue(f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}")


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
