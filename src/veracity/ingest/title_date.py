"""The date a register states in its title rows, the lines above its header: "名单（2019年6月）", "截至2019年6月30日".

A leaked list usually says when it was drawn up in a title line, not in a column. The title rows are the rows
``header.locate_header`` leaves above the header (of a headerless table: above the data), read where the
header is found; a Word or PDF table's title usually stands outside it, in the text just above it, which its
reader hands over as ``RawTable.above`` (``lines_above`` finds it in a PDF page's text). Document metadata is
no title. A date is kept at the precision written (``2019-06`` for "2019年6月", ``2019`` for "2019年度"), with
the sheet, the physical row (1-based, the title rows counted) or the line above the table, and the row's text
verbatim. Forms read: Chinese (``2019年6月30日``, ``二〇一九年六月``, ``2019年度``), numeric
(``2019.06``, ``2019-06-30``, ``2019/6/30``), English (``as of 5 June 2019``, ``June 2019``) and Uyghur
(``2019-يىلى 6-ئاي``); a year alone (``Karakax 2019``) only when a row holds no other date. A date that bounds
something else is no date of the list: one followed by 以来, 以后, 出生 ... ("1980年以后出生人员" lists people
born after 1980) or preceded by 自, 从, since, after, born.

Several dates in one table's titles: a date within another's period is the more precise statement of it
("2019年度 截至2019年6月30日" states 2019-06-30); otherwise the latest is taken. Several tables stating
different dates: the latest is kept and the others are named with it (``StatedDate.others``).

>>> [found.iso for found in dates_in("墨玉县教培学员名单（2019年6月） 填报日期：2019年6月5日")]
['2019-06', '2019-06-05']
>>> stated_in_titles([("喀拉喀什镇学员情况表（2019年6月）",) * 3], "喀拉喀什镇").phrase()
"the date stated in title row 1 of sheet '喀拉喀什镇' (2019年6月)"
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from veracity.ingest.dates import latest_day, parse_date
from veracity.ingest.header import HeaderLayout
from veracity.ingest.table import Cell, Row
from veracity.ingest.values import cell_text

YEARS = range(1950, 2100)  # a list of people drawn up outside these years is not what veracity reads
MAX_TITLE_CHARS = 1000  # characters of a title row read for a date: a title is a line, a longer cell is no title
_NEAR = 20  # characters before a date looked at for a word that makes it a bound ("自", "since", "born in")

_ZH_DIGIT = "[〇零一二三四五六七八九]"
_ZH_SMALL = "(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})"
_MONTH_EN = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
             r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_ORDINAL = r"[0-9]{1,2}(?:st|nd|rd|th)?"
_FORMS = re.compile(
    # Uyghur: 2019-يىلى 6-ئاينىڭ 30-كۈنى (year, month, day each followed by its word)
    r"(?P<ug>(?P<ug_y>[0-9]{4})(?:\s*-)?\s*يىل\w*(?:\s*(?P<ug_m>[0-9]{1,2})(?:\s*-)?\s*ئاي\w*"
    r"(?:\s*(?P<ug_d>[0-9]{1,2})(?:\s*-)?\s*كۈن\w*)?)?)"
    # Chinese: 2019年6月30日, 2019年度, 2019年6月份, 二〇一九年六月
    rf"|(?P<zh>(?:[0-9０-９]{{4}}|{_ZH_DIGIT}{{4}})\s*年度?(?:\s*{_ZH_SMALL}\s*月份?(?:\s*{_ZH_SMALL}\s*[日号])?)?)"
    # numeric: 2019.06, 2019-06-30, 2019/6/30 (not a range 2019-2020, not a longer number)
    r"|(?P<num>(?<![0-9.])[0-9]{4}[./-][0-9]{1,2}(?:[./-][0-9]{1,2})?(?![0-9]))"
    # English: 5 June 2019, 5th of June 2019, June 5, 2019, June 2019
    rf"|(?P<en>\b(?:{_ORDINAL}\s+(?:of\s+)?)?{_MONTH_EN}(?:\s+{_ORDINAL},?)?\s+[0-9]{{4}}\b)",
    re.IGNORECASE)
_YEAR_ALONE = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
# words that make a date bound something else than the list's own date ("1980年以后出生", "since 2017")
_BOUND_AFTER = re.compile(r"\s*(?:以来|以后|之后|以前|之前|后|前|起|至今|出生|生人|出生的|born|onwards)", re.IGNORECASE)
_BOUND_BEFORE = re.compile(r"(?:自|从|since|after|before|born(?:\s+in)?)\s*$", re.IGNORECASE)
_ENGLISH_FILLER = re.compile(r"([0-9])(?:st|nd|rd|th)\b|\bof\s+", re.IGNORECASE)  # "5th of June" -> "5 June"
_TABLE = re.compile(r"table [0-9]+")  # a Word, PDF or HTML table's name
_SPACE = re.compile(r"\s+")
_DROPPED = str.maketrans({"度": None, "份": None, " ": None, "\u3000": None})


@dataclass(frozen=True)
class FoundDate:
    """A date in a title's text: ISO at the precision written, and the words that state it."""

    iso: str
    written: str

    @property
    def end(self) -> str:
        """The last day the date can mean: a month or year is taken to its end.

        >>> FoundDate("2019-02", "2019年2月").end, FoundDate("2019", "2019年度").end
        ('2019-02-28', '2019-12-31')
        """
        return str(latest_day(self.iso).iso)

    def within(self, other: FoundDate) -> bool:
        """Whether this date lies in OTHER's period (a day of its month, a month of its year)."""
        return self.iso != other.iso and self.iso.startswith(other.iso)


def _iso(found: re.Match[str]) -> str | None:
    """The ISO date of one matched form, or None when it is no calendar date."""
    if found["ug"]:
        parts = [p for p in (found["ug_y"], found["ug_m"], found["ug_d"]) if p]
        text = "-".join(parts)
    else:
        text = found.group().translate(_DROPPED)
        text = text.removesuffix("年") if found["zh"] and text.endswith("年") else text
    if found["en"]:
        text = _ENGLISH_FILLER.sub(r"\1", found.group())
    iso = parse_date(text).iso
    return iso if iso is not None and int(iso[:4]) in YEARS else None


def _bounds_something_else(text: str, start: int, end: int) -> bool:
    """Whether the words around TEXT[start:end] make the date a bound ("1980年以后出生", "自2017年")."""
    return bool(_BOUND_AFTER.match(text, end)) or bool(_BOUND_BEFORE.search(text[max(0, start - _NEAR):start]))


def dates_in(text: str) -> list[FoundDate]:
    """The dates TEXT states (its first ``MAX_TITLE_CHARS``), in order; a year alone only when it states no other
    date.

    >>> [(d.iso, d.written) for d in dates_in("2019-يىلى 6-ئاي تىزىملىكى")]
    [('2019-06', '2019-يىلى 6-ئاي')]
    >>> [d.iso for d in dates_in("as of 5 June 2019")], [d.iso for d in dates_in("2019.06 统计")]
    (['2019-06-05'], ['2019-06'])
    >>> [d.iso for d in dates_in("the 5th of June 2019")], [d.iso for d in dates_in("June 5, 2019")]
    (['2019-06-05'], ['2019-06-05'])
    >>> [d.iso for d in dates_in("二〇一九年六月 2018年度")], [d.iso for d in dates_in("Karakax list 2019")]
    (['2019-06', '2018'], ['2019'])
    >>> dates_in("1980年以后出生人员名单"), dates_in("自2017年以来"), dates_in("编号 20190630")
    ([], [], [])
    >>> [d.iso for d in dates_in("2019-2020学年")]
    ['2019', '2020']
    """
    text = text[:MAX_TITLE_CHARS]
    found = []
    for match in _FORMS.finditer(text):
        iso = _iso(match)
        if iso is not None and not _bounds_something_else(text, match.start(), match.end()):
            found.append(FoundDate(iso, match.group().strip()))
    if found or _FORMS.search(text):
        return found
    return [FoundDate(m.group(), m.group()) for m in _YEAR_ALONE.finditer(text)
            if int(m.group()) in YEARS and not _bounds_something_else(text, m.start(), m.end())]


def pick(dates: Sequence[FoundDate]) -> FoundDate | None:
    """The date a set of titles states: the most precise of dates within one another, then the latest.

    >>> pick([FoundDate("2019", "2019年度"), FoundDate("2019-06-30", "截至2019年6月30日")]).iso
    '2019-06-30'
    >>> pick([FoundDate("2017-01", "2017年1月"), FoundDate("2019-06", "2019年6月")]).iso
    '2019-06'
    """
    precise = [d for d in dates if not any(other.within(d) for other in dates)]
    return max(precise, key=lambda d: (d.end, len(d.iso)), default=None)


@dataclass(frozen=True)
class StatedDate:
    """The date a table's title states: ISO at its precision, where it was read, and the row's text verbatim.

    ``others`` names the different dates other tables of the file state (the latest is kept).
    """

    iso: str
    written: str
    sheet: str
    row: int  # the physical row, 1-based, from the top of the sheet or table; 0 for a line above the table
    text: str
    others: tuple[str, ...] = ()
    line: int = 0  # the line (1-based) of the text above the table it was read in; 0 for a title row

    @property
    def end(self) -> str:
        """The last day the date can mean (the end of its month or year): the date checks bound dates by it."""
        return FoundDate(self.iso, self.written).end

    def place(self) -> str:
        """Where the date was read.

        >>> StatedDate("2019", "2019年", "", 2, "名单 2019年").place()
        'title row 2'
        >>> StatedDate("2019", "2019年", "table 1", 0, "名单 2019年", line=1).place()
        'line 1 of the text above table 1'
        """
        table = self.sheet if _TABLE.fullmatch(self.sheet) else f"sheet {self.sheet!r}" if self.sheet else ""
        if self.line:
            return f"line {self.line} of the text above {table or 'the table'}"
        return f"title row {self.row}" + (f" of {table}" if table else "")

    def phrase(self) -> str:
        """The date as a finding names it."""
        return f"the date stated in {self.place()} ({self.written})"

    def phrase_to_end(self) -> str:
        """The phrase, saying that a month or a year is taken to its last day.

        >>> StatedDate("2019-06", "2019年6月", "名单", 1, "名单（2019年6月）").phrase_to_end()
        "the date stated in title row 1 of sheet '名单' (2019年6月), taken to the end of that month"
        """
        if len(self.iso) == 10:
            return self.phrase()
        return f"{self.phrase()}, taken to the end of that {'month' if len(self.iso) == 7 else 'year'}"

    def to_json(self) -> str:
        """``sources.stated_date_at``: where the date was read, the row's text and the other tables' dates."""
        where = {"sheet": self.sheet, "row": self.row, "line": self.line, "text": self.text, "written": self.written,
                 "others": list(self.others)}
        return json.dumps(where, ensure_ascii=False)

    @classmethod
    def from_json(cls, iso: str, where: str) -> StatedDate:
        """The stated date kept in ``sources`` (``stated_date``, ``stated_date_at``).

        >>> s = StatedDate("2019-06", "2019年6月", "名单", 1, "名单（2019年6月）")
        >>> StatedDate.from_json(s.iso, s.to_json()) == s
        True
        """
        read = json.loads(where)
        return cls(iso, str(read["written"]), str(read["sheet"]), int(read["row"]), str(read["text"]),
                   tuple(str(o) for o in read.get("others", ())), int(read.get("line", 0)))


def _row_text(row: Row) -> str:
    """A title row's text: its distinct filled cells (a merged title repeats in each) joined by a space."""
    return " ".join(dict.fromkeys(t for t in map(_cell_text, row) if t))


def _cell_text(cell: Cell) -> str:
    return cell_text(cell) if not isinstance(cell, dt.datetime) else cell.date().isoformat()


def _stated(texts: Sequence[tuple[int, int, str]], sheet: str) -> StatedDate | None:
    """The date TEXTS state: each is (title row, line above the table, text), one of the two numbers 0."""
    found = [(date, row, line, text) for row, line, text in texts for date in dates_in(text)]
    chosen = pick([date for date, *_ in found])
    if chosen is None:
        return None
    _, row, line, text = next(f for f in found if f[0] == chosen)
    return StatedDate(chosen.iso, chosen.written, sheet, row, text, line=line)


def stated_in_titles(titles: Sequence[Row], sheet: str, above: Sequence[str] = ()) -> StatedDate | None:
    """The date the title rows TITLES (from the first row of SHEET down to the header) and the lines ABOVE the
    table state, if any."""
    return _stated([(0, k, line) for k, line in enumerate(above, start=1)]
                   + [(k, 0, _row_text(row)) for k, row in enumerate(titles, start=1)], sheet)


def stated_above(head: Sequence[Row], layout: HeaderLayout, sheet: str, above: Sequence[str] = ()) -> StatedDate | None:
    """The date stated above the header LAYOUT found in HEAD (above the data when the table is headerless), or in
    the lines ABOVE the table.

    >>> head = [("名单",), ("截至2019年6月30日",), ("序号", "姓名"), (1, "王芳")]
    >>> stated_above(head, HeaderLayout(2, 2, ("序号", "姓名")), "").place()
    'title row 2'
    """
    return stated_in_titles(head[: layout.last_row + 1 if layout.headerless else layout.first_row], sheet, above)


def lines_above(page_text: str, first_row: Row) -> tuple[str, ...]:
    """The lines of PAGE_TEXT above the table whose first row is FIRST_ROW: those before the first line holding the
    row's first filled cell (spaces ignored); none when no line holds it.

    >>> lines_above("墨玉县学员名单\\n（2019年6月）\\n序号 姓名 性别\\n1 王芳 女", ("序号", "姓名", "性别"))
    ('墨玉县学员名单', '（2019年6月）')
    >>> lines_above("序号 姓名", ("编号", "名字"))
    ()
    """
    first = next((_SPACE.sub("", _cell_text(c)) for c in first_row if _cell_text(c)), "")
    lines = page_text.splitlines()
    at = next((k for k, line in enumerate(lines) if first and first in _SPACE.sub("", line)), None)
    return tuple(line.strip() for line in lines[:at] if line.strip()) if at is not None else ()


def latest_stated(stated: Sequence[StatedDate]) -> StatedDate | None:
    """The date a file states: the latest its tables state, naming the different dates of the others.

    >>> a = StatedDate("2019-05", "2019年5月", "一村", 1, "一村（2019年5月）")
    >>> b = StatedDate("2019-06", "2019年6月", "二村", 1, "二村（2019年6月）")
    >>> latest_stated([a, b]).others
    ("2019年5月 (title row 1 of sheet '一村')",)
    """
    if not stated:
        return None
    latest = max(stated, key=lambda s: (s.end, len(s.iso)))
    others = tuple(dict.fromkeys(f"{s.written} ({s.place()})" for s in stated if s.iso != latest.iso))
    return replace(latest, others=others)
