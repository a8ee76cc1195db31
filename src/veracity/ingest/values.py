"""Cell values: sex, age, identity-number and name shapes read from cells, and kinds of rows (dates: ``dates``).

Each normaliser is pure and never raises on a cell. A value that cannot be
read gives None (dates: a ``DateValue`` with the reason); the record keeps
the verbatim cell and the pipeline reports a ``ValueProblem`` under one of
``VALUE_CHECKS``, so nothing is dropped silently.

>>> parse_sex("女")
'F'
>>> is_total_row(("合计", "311人"))
True
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from veracity.idnumber import compact
from veracity.ingest.dates import looks_like_date
from veracity.script import Script, detect

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from veracity.ingest.table import Cell, Row


@dataclass(frozen=True)
class ValueCheck:
    """A finding the pipeline writes when a cell of a typed field cannot be read."""

    id: str
    doc: str
    example: str


DATE_UNPARSED = ValueCheck("value.date_unparsed", "a date cell is not a date veracity reads", "2017-02-30")
SEX_UNPARSED = ValueCheck("value.sex_unparsed", "a sex cell is neither male nor female", "未知")
AGE_UNPARSED = ValueCheck("value.age_unparsed", "an age cell is not a whole number of years", "三十多")
ID_UNPARSED = ValueCheck("value.id_unparsed", "an identity-number cell is a number in scientific notation (Excel's "
                         "General format) or a spreadsheet number of more than 15 digits: its last digits are lost, "
                         "so no number is read", "6.53224E+17")
DITTO_UNFILLED = ValueCheck("value.ditto_unfilled", "a ditto mark (同上, 〃) has no value above it in its table: it "
                            "is on the table's first row or just below a blank, total, title or header row",
                            "同上 on row 1")
VALUE_CHECKS = (DATE_UNPARSED, SEX_UNPARSED, AGE_UNPARSED, ID_UNPARSED, DITTO_UNFILLED)
_SCIENTIFIC = re.compile(r"[0-9](?:\.([0-9]+))?[eE]\+?[0-9]{1,2}")


@dataclass(frozen=True)
class ValueProblem:
    """One cell of a typed field that could not be read; the cell itself stays verbatim in the record."""

    check_id: str
    field: str
    column: str
    value: str
    reason: str

    @property
    def details(self) -> str:
        """The finding's details: the column and the cell as written, as JSON.

        >>> ValueProblem("value.sex_unparsed", "sex", "性别", "未知", "not male or female").details
        '{"column": "性别", "value": "未知"}'
        """
        return json.dumps({"column": self.column, "value": self.value}, ensure_ascii=False)

    @property
    def message(self) -> str:
        """The finding's one-line message.

        >>> ValueProblem("value.sex_unparsed", "sex", "性别", "未知", "not male or female").message
        'column 性别: "未知" is not a sex (not male or female); kept verbatim'
        >>> ValueProblem("value.id_unparsed", "id_number", "身份证号", "6.5E+17", "...").message
        'column 身份证号: "6.5E+17" is not an identity number (...); kept verbatim'
        """
        what = "an identity number" if self.field == "id_number" else f"a {self.field.replace('_', ' ')}"
        return f'column {self.column}: "{self.value}" is not {what} ({self.reason}); kept verbatim'


_SEX = {
    "男": "M", "男性": "M", "m": "M", "male": "M", "ئەر": "M", "er": "M",
    "女": "F", "女性": "F", "f": "F", "female": "F", "ئايال": "F", "ayal": "F",
}
# GB/T 2261.1 codes of sex, as database exports write them: 1 male, 2 female (0 unknown, 9 unstated).
_SEX_CODES = {"1": "M", "2": "F"}


def parse_sex(cell: Cell) -> str | None:
    """M, F or None for a sex cell in Chinese, English or Uyghur, or a GB/T 2261.1 code (1, 2) in a
    column whose header says it is sex (content alone never makes a column of 1s and 2s sex).

    >>> [parse_sex(s) for s in ("男", "女性", "F", "male", "ئەر", "ئايال", "未知", None, "1", 2, 2.0, True, "9")]
    ['M', 'F', 'F', 'M', 'M', 'F', None, None, 'M', 'F', 'F', None, None]
    """
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _SEX_CODES.get(cell_text(cell))
    if not isinstance(cell, str):
        return None
    text = unicodedata.normalize("NFKC", cell).strip().casefold()
    return _SEX.get(cell) or _SEX.get(text) or _SEX_CODES.get(text)


def written_sex(cell: Cell) -> bool:
    """Whether a cell names a sex in words (男, F, ئايال), not by a numeric code: what content sniffing takes.

    >>> written_sex("女"), written_sex("1"), written_sex(1)
    (True, False, False)
    """
    return isinstance(cell, str) and not cell.strip().isdigit() and parse_sex(cell) is not None


_AGE_SUFFIXES = ("周岁", "岁", "years", "yrs", "ياش")


def parse_age(cell: Cell) -> int | None:
    """Whole years from 0 to 130, or None.

    >>> [parse_age(c) for c in (35, 35.0, "35", "３５岁", "35 years", "35.5", "三十岁", "三十亿", 200)]
    [35, 35, 35, 35, 35, None, 30, None, None]
    """
    if isinstance(cell, bool):
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, str):
        s = unicodedata.normalize("NFKC", cell).strip().casefold()
        for suffix in _AGE_SUFFIXES:
            s = s.removesuffix(suffix).rstrip()
        cell = int(s) if s.isascii() and s.isdigit() else _han_number(s)
    return cell if isinstance(cell, int) and 0 <= cell <= 130 else None


_HAN_DIGITS = {ch: k for k, chars in enumerate(("零〇", "一", "二两", "三", "四", "五", "六", "七", "八", "九"))
               for ch in chars}


def _han_number(text: str) -> int | None:
    """A whole number under 1,000 written in Chinese numerals (二十七, 一百零二), else None.

    >>> _han_number("二十七"), _han_number("十五"), _han_number("一百零二"), _han_number("三五"), _han_number("")
    (27, 15, 102, None, None)
    """
    total, digit = 0, None
    for ch in text:
        if ch in "零〇" and digit is None and total:
            continue
        if ch in _HAN_DIGITS and digit is None:
            digit = _HAN_DIGITS[ch]
        elif ch in "十百" and digit != 0:
            total += (1 if digit is None else digit) * (10 if ch == "十" else 100)
            digit = None
        else:
            return None
    return total + (digit or 0) if text else None


def scientific_digits(text: str) -> int | None:
    """The significant digits of TEXT written in scientific notation (how Excel's General format writes a long
    number to CSV), or None when it is not.

    >>> scientific_digits("6.53224E+17"), scientific_digits("6.5322419450829E+17"), scientific_digits("653224")
    (6, 14, None)
    """
    found = _SCIENTIFIC.fullmatch(text)
    return None if found is None else 1 + len(found.group(1) or "")


def lossy_number(cell: Cell) -> bool:
    """Whether CELL is a spreadsheet number too long to be exact: a float of more than 15 digits (Excel keeps 15
    significant digits, a binary float about 16), as an 18-digit identity number typed into a number cell becomes.

    >>> lossy_number(6.532221977032251e+17), lossy_number(653222850314041.0), lossy_number(653222197703225025)
    (True, False, False)
    """
    return type(cell) is float and abs(cell) >= 1e15


def excel_text(cell: Cell) -> Cell:
    """The text an Excel text formula ="…" shows (how CSV exports keep long numbers and leading zeros), else CELL.

    >>> excel_text('="653224194508291210"'), excel_text('="a""b"'), excel_text("=1+1"), excel_text(7)
    ('653224194508291210', 'a"b', '=1+1', 7)
    """
    if type(cell) is str and cell.startswith('="') and cell.endswith('"') and len(cell) > 2:
        inner = cell[2:-1]
        if '"' not in inner.replace('""', ""):
            return inner.replace('""', '"')
    return cell


def cell_text(cell: Cell) -> str:
    """A cell as text for a text field or a message: numbers without a spurious ``.0``, dates in ISO.

    A whole number stored as a float keeps the digits the file holds: an 18-digit identity number typed
    as a number is kept by spreadsheets to 15 significant digits, 6.5322219750315E+17, which reads as
    653222197503150000, not as the binary float's 653222197503149952.

    >>> cell_text(12.0), cell_text(1.5), cell_text(dt.datetime(2017, 5, 3)), cell_text(" 和田 ")
    ('12', '1.5', '2017-05-03', '和田')
    >>> cell_text(6.5322219750315e+17)
    '653222197503150000'
    """
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell)) if abs(cell) < 1e15 else format(Decimal(repr(cell)), "f")
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


def compact_id(text: str) -> str:
    """An identity-number cell compacted (``idnumber.compact``), without the apostrophe a spreadsheet
    puts before digits to keep them as text.

    >>> compact_id("'653222 19750315 001x"), compact_id("‘１１０１０５１９４９１２３１００２Ｘ")
    ('65322219750315001X', '11010519491231002X')
    """
    return compact(text.strip().lstrip("'‘’`"))


def looks_like_id(cell: Cell) -> bool:
    """Whether a cell holds something shaped like an identity number.

    >>> looks_like_id(" 110105 19491231 002x"), looks_like_id(110105194912310021), looks_like_id("买买提")
    (True, True, False)
    """
    if isinstance(cell, str):
        return id_shape(cell if cell.isascii() and cell.isdigit() else compact_id(cell))
    if isinstance(cell, int | float) and not isinstance(cell, bool) and cell == cell and cell >= 0:
        return id_shape(str(int(cell)))
    return False


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


def is_empty(cell: Cell) -> bool:
    """The cell holds nothing but whitespace.

    >>> is_empty(None), is_empty(" \u3000"), is_empty(0)
    (True, True, False)
    """
    return cell is None or (isinstance(cell, str) and not cell.strip())


def is_blank(row: Row) -> bool:
    """No cell holds anything but whitespace.

    >>> is_blank(("", None, "  ")), is_blank(("", 0))
    (True, False)
    """
    return all(map(is_empty, row))


_TOTAL_WORDS = ("合计", "总计", "小计", "共计", "总数", "total", "subtotal", "grandtotal", "جەمئىي")
# A footer line: a note or the sign-off of whoever drew up or checked the list, then a colon.
_FOOTER = re.compile(r"(注|说明|备注|(制表|填表|填报|审核|审批|统计|经办|负责|领导)(人|日期|时间|单位)?|"
                     r"(note|prepared by|checked by|approved by|compiled by))\s*[:：]", re.IGNORECASE)
_TOTAL_LEADS = ("本页", "本表", "以上", "全部")  # 本页小计, 以上合计: a total word after one of these
_HEADCOUNT = re.compile(r"(以上)?共\d+(人|名|户)")  # 共8人, 以上共8人 (normalised: no spaces)
_STAMP = re.compile(r"[(（]?(单位)?(盖章|公章)[)）]?")  # (盖章): where the stamp goes under the list
_TOTAL_FIRST = frozenset(w[0] for w in _TOTAL_WORDS + _TOTAL_LEADS) | {"T", "S", "G", "盖", "单"}
# A page marker left between printed pages pasted together: 第2页, 第 2 页 共 5 页, 共5页 第2页, - 3 -, — 3 —,
# Page 2, Page 2 of 5, p. 2
_PAGE_MARKER = re.compile(r"(共\s*\d+\s*页\s*[,，、]?\s*)?第\s*\d+\s*页(\s*[,，、/／]?\s*共\s*\d+\s*页)?|"
                          r"[-—–－]+\s*\d+\s*[-—–－]+|(page|p\.)\s*\d+(\s*(of|/)\s*\d+)?", re.IGNORECASE)
_PAGE_FIRST = frozenset("共第-—–－Pp")


def is_page_marker(row: Row) -> bool:
    """The row's one filled cell is a page marker (第2页, - 3 -, Page 2 of 5): a register pasted together from
    printed pages keeps them between its pages; never a record.

    >>> [is_page_marker(r) for r in (("第2页",), (None, " - 3 - ", ""), ("Page 2 of 5",), ("第 2 页 共 5 页",))]
    [True, True, True, True]
    >>> [is_page_marker(r) for r in (("第2页", "买买提"), ("3",), ("2-3-1",), ())]
    [False, False, False, False]
    """
    filled = [c for c in row if not is_empty(c)]
    return len(filled) == 1 and isinstance(filled[0], str) and _PAGE_MARKER.fullmatch(filled[0].strip()) is not None


def is_total_row(row: Row) -> bool:
    """A line that sums up or signs off the table, never a record: a total (合计, 总计, 小计, 共计, Total,
    本页小计, 以上共8人) in one of the first two non-empty cells, a footer (注：, 制表人：, 审核人：, Prepared by:,
    （盖章）) in the first, or a page marker alone (``is_page_marker``).
    Footers are not among ``plain_lead``'s doubtful starts (the CSV fast path mirrors those in SQL), so
    a footer is found when its row is looked at whole: when its second cell is empty or a total word.

    >>> is_total_row((None, "合 计：", 311)), is_total_row(("Total",)), is_total_row((1, "买买提", "合计"))
    (True, True, False)
    >>> [is_total_row(r) for r in (("制表人：张三", None, "审核人：李四"), ("注：以上人员均已收押",), ("注",))]
    [True, True, False]
    >>> [is_total_row(r) for r in (("本页小计", 3), ("以上共 8 人",), (None, "（盖章）"), ("共青团员",), ("本拉提",))]
    [True, True, True, False, False]
    """
    if is_page_marker(row):
        return True
    seen = 0
    for cell in row:
        if cell is None:
            continue
        if isinstance(cell, str):
            s = cell.lstrip()
            if not s:
                continue
            if s[0] in _TOTAL_FIRST and _sums_up(normalise_label(s)):
                return True
            if not seen and (_FOOTER.match(s) is not None or _STAMP.fullmatch(s.rstrip()) is not None):
                return True
        seen += 1
        if seen == 2:
            return False
    return False


def _sums_up(key: str) -> bool:
    """Whether a normalised cell KEY starts a total: a total word, perhaps after 本页 or 以上, or a head count.

    >>> [_sums_up(k) for k in ("合计311人", "本页小计", "以上共8人", "共3户", "subtotal", "共产党员", "本地")]
    [True, True, True, True, True, False, False]
    """
    for lead in _TOTAL_LEADS:
        key = key.removeprefix(lead)
    return key.startswith(_TOTAL_WORDS) or _HEADCOUNT.match(key) is not None


_COLUMN_NUMBERS = 100  # a 栏次 row numbers fewer columns than this


def plain_lead(cell: Cell, labels: frozenset[str]) -> bool:
    """Whether a row whose first cell is CELL is surely neither blank, a total line nor a repeated
    header (LABELS: ``HeaderLayout.label_index``, empty for a headerless table); False: look closer.

    >>> plain_lead("1", frozenset({"序号"})), plain_lead(7, frozenset()), plain_lead("序号", frozenset({"序号"}))
    (True, True, False)
    >>> plain_lead("合计", frozenset()), plain_lead(" ", frozenset()), plain_lead(None, frozenset())
    (False, False, False)
    >>> plain_lead("第2页", frozenset()), plain_lead("Page 3", frozenset()), plain_lead("Patigul", frozenset())
    (False, False, True)
    >>> plain_lead(1, frozenset({"1", "甲"})), plain_lead(2.0, frozenset({"2"})), plain_lead(120, frozenset({"120"}))
    (False, False, True)
    """
    if cell is None:
        return False
    if type(cell) is not str:  # a number cell may start the header's 栏次 row (1, 2, 3) repeated
        return not (isinstance(cell, int | float) and 0 < cell < _COLUMN_NUMBERS and cell_text(cell) in labels)
    s = cell.strip()
    return (bool(s) and s[0] not in _TOTAL_FIRST and s not in labels and s[0].casefold() not in labels
            and not (s[0] in _PAGE_FIRST and _PAGE_MARKER.fullmatch(s)))


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
