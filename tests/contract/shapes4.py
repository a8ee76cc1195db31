"""Messy cells and headers of the fourth contract audit, each file with the truth its export must give.

A form-style roster (GBK CSV, the 栏次 row of column numbers under a header whose labels are broken by spaces and
line breaks, identity numbers in every way a clerk or Excel mangles them, dates in six forms, names joined by
a space, ． or . or carrying a note), a translated list with Uyghur Latin headers and a row of units under them
(semicolon-delimited, as European Excel writes CSV), and a list of pupils whose only identity number is a
parent's (tab-delimited UTF-16, Excel's "Unicode text"), and a workbook whose 出生年月 was typed as months, which
Excel stores as the 1st of each month. People come from ``people.people``: synthetic only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .files import Expected, workbook
from .people import Person

ROSTER_HEADER = ["序 号", "姓  名", "性　别", "民族", "出生年月\n（年.月）", "公民身份号码（18位）", "户籍地：", "备注"]
FORM_NUMBERS = ["甲", "乙", "1", "2", "3", "4", "5", "6"]  # the 栏次 row of a statistical form
_HAN_DIGITS = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Written(Expected):
    """A record whose name is exported as the file writes it (joined by another dot, with a note, or empty)."""

    written: str = ""

    @property
    def name(self) -> str:
        return self.written


def han_year_month(p: Person) -> str:
    """P's birth month as a clerk writes it in Chinese numerals.

    >>> import datetime as dt
    >>> han_year_month(Person("", "", "", True, dt.date(1985, 11, 5), 1))
    '一九八五年十一月'
    """
    year = "".join(_HAN_DIGITS[int(d)] for d in str(p.born.year))
    month = p.born.month
    return f"{year}年{'十' if month >= 10 else ''}{_HAN_DIGITS[month % 10] if month % 10 else ''}月"


def delimited(path: Path, rows: Sequence[Sequence[object]], *, delimiter: str, encoding: str) -> None:
    """ROWS as Excel writes them: CRLF, cells holding the delimiter, a quote or a line break quoted."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


def form_roster(folder: Path, ps: Sequence[Person], name: str) -> list[Expected]:
    """GBK, no BOM. A title and a 填报单位 line, the header (labels spaced and wrapped), the 栏次 row; eight people
    with a 本页小计 row, a blank line, the header and 栏次 row again (a second list pasted below), a 合计 row, a
    以上共8人 line, the place of the stamp (（盖章）) and the empty lines Excel leaves. ps[0] must have the check
    character X (written lower-case x).

    Numbers: a leading apostrophe, groups of 6/4/4/4 digits, full-width digits, lower-case x, 15 digits (beside an
    empty name), Excel's 6.53222E+17 (digits lost: no number), a leading tab, ="…". Birth: 1985.03, 1985年03月,
    1985/3/5 0:00:00, 1985-03-05 00:00:00, 一九八五年三月, 19850305.
    """
    assert ps[0].id18.endswith("X"), "form_roster needs a person whose check character is X first"
    p = ps
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    people_rows: list[tuple[Person, str, list[object], str, str]] = [  # person, name written, row, id, birth
        (p[1], p[1].zh, ["'" + p[1].id18, f"{p[1].born:%Y.%m}", "男性" if p[1].male else "女性", "维吾尔族"],
         p[1].id18, f"{p[1].born:%Y-%m}"),
        (p[2], p[2].zh.replace("·", " "),
         [" ".join((p[2].id18[:6], p[2].id18[6:10], p[2].id18[10:14], p[2].id18[14:])), f"{p[2].born:%Y年%m月}",
          p[2].sex_zh, "维"], p[2].id18, f"{p[2].born:%Y-%m}"),
        (p[3], p[3].zh.replace("·", "．"),
         [p[3].id18.translate(full), f"{p[3].born.year}/{p[3].born.month}/{p[3].born.day} 0:00:00", p[3].sex_zh,
          "维吾尔"], p[3].id18, p[3].born.isoformat()),
        (p[0], p[0].zh + "（已故）", [p[0].id18.lower(), f"{p[0].born:%Y-%m-%d} 00:00:00", p[0].sex_zh, "维吾尔族"],
         p[0].id18, p[0].born.isoformat()),
        (p[4], "", [p[4].id15, "", p[4].sex_zh, "维吾尔族"], p[4].id15, ""),
        (p[5], p[5].zh, ["6.53222E+17", f"{p[5].born:%Y.%m}", p[5].sex_zh, "维吾尔族"], "", f"{p[5].born:%Y-%m}"),
        (p[6], p[6].zh.replace("·", "."), ["\t" + p[6].id18, han_year_month(p[6]), p[6].sex_zh, "维吾尔族"],
         p[6].id18, f"{p[6].born:%Y-%m}"),
        (p[7], p[7].zh, [f'="{p[7].id18}"', f"{p[7].born:%Y%m%d}", p[7].sex_zh, "维吾尔族"], p[7].id18,
         p[7].born.isoformat()),
    ]
    blank = [""] * len(ROSTER_HEADER)
    rows: list[list[object]] = [["墨玉县教培人员花名册（2019年）", *blank[1:]],
                                ["填报单位：喀拉喀什镇", "", "", "", "", "填报日期：2019年6月1日", "", ""],
                                ROSTER_HEADER, FORM_NUMBERS]
    data_rows = []
    for k, (_, written, (number, born, sex, ethnicity), _, _) in enumerate(people_rows, start=1):
        if k == 7:  # after 6 people: 小计, a blank line, the second list's header and 栏次 row
            rows += [["本页小计", "6人", *blank[2:]], blank, ROSTER_HEADER, FORM_NUMBERS]
        data_rows.append(len(rows) - 3)
        rows.append([k, written, sex, ethnicity, born, number, "墨玉县喀拉喀什镇", ""])
    rows += [["合计", "8人", *blank[2:]], ["以上共8人", *blank[1:]], [*blank[:4], "（盖章）", *blank[5:]], blank, blank]
    delimited(folder / name, rows, delimiter=",", encoding="gbk")
    return [Written(person, name, "", r, number, person.sex, birth, written=written)
            for r, (person, written, _, number, birth) in zip(data_rows, people_rows, strict=True)]


UG_HEADER = ["Tertip", "Ismi", "Jinsi", "Tughulghan küni", "Yeshi", "Kimlik nomuri", "Milliti", "Adrisi"]
UG_UNITS = ["", "", "(Er/Ayal)", "(kün.ay.yil)", "(yash)", "(18 xane)", "", ""]
UG_PLACE = "Qaraqash nahiyisi"


def uyghur_latin_list(folder: Path, ps: Sequence[Person], name: str) -> list[Expected]:
    """UTF-8 with BOM, semicolons. Uyghur Latin headers, a row of units in brackets under them, names in capitals,
    sex Er/Ayal, birth dates day first (05.03.1985), ages, numbers grouped by spaces or dashes. ps[0..3]."""
    rows: list[list[object]] = [UG_HEADER, UG_UNITS]
    for k, p in enumerate(ps[:4], start=1):
        number = (f"{p.id18[:6]}-{p.id18[6:14]}-{p.id18[14:]}" if k % 2 else f"{p.id18[:6]} {p.id18[6:14]} "
                  f"{p.id18[14:]}")
        rows.append([k, p.latin.upper(), "Er" if p.male else "Ayal", f"{p.born:%d.%m.%Y}", 30 + k, number, "Uyghur",
                     UG_PLACE])
    delimited(folder / name, rows, delimiter=";", encoding="utf-8-sig")
    return [Written(p, name, "", k, p.id18, p.sex, p.born.isoformat(), written=p.latin.upper())
            for k, p in enumerate(ps[:4], start=1)]


PUPILS_HEADER = ["序号", "学生姓名", "性别(1男2女)", "出生日期", "就读学校", "家长姓名", "家长身份证号", "家长联系电话"]


def pupils_txt(folder: Path, ps: Sequence[Person], parent: Person, name: str) -> list[Expected]:
    """UTF-16 with BOM, tabs (Excel's "Unicode text"). Pupils ps[0..4] under one header: sex as the code 1/2, birth
    as 20120305; each row also names the PARENT with the parent's number, the only number on the row."""
    rows: list[list[object]] = [PUPILS_HEADER]
    rows += [[k, p.zh, p.sex_code, f"{p.born:%Y%m%d}", "墨玉县第三小学", parent.zh, parent.id18, "13999912345"]
             for k, p in enumerate(ps[:5], start=1)]
    delimited(folder / name, rows, delimiter="\t", encoding="utf-16")
    return [Expected(p, name, "", k, "", p.sex, p.born.isoformat()) for k, p in enumerate(ps[:5], start=1)]


def month_typed_xlsx(folder: Path, ps: Sequence[Person], name: str) -> list[Expected]:
    """Sheet 花名册: one header row, a 栏次 row of numbers 1-5 (number cells), ps[0..3] whose 出生年月 a clerk typed
    as 1985-3: date cells on the 1st of the month, shown as 1985年3月. The day is not known: YYYY-MM. The 栏次 row
    again after ps[1] (a second page pasted below): data row 3, no one."""
    book, sheet = workbook("花名册")
    sheet.append(["序号", "姓名", "性别", "出生年月", "身份证号"])
    sheet.append([1, 2, 3, 4, 5])
    rows = [1, 2, 4, 5]
    for k, (p, row) in enumerate(zip(ps[:4], rows, strict=True), start=1):
        if row == 4:
            sheet.append([1, 2, 3, 4, 5])
        sheet.append([k, p.zh, p.sex_zh, dt.datetime(p.born.year, p.born.month, 1), p.id18])
        sheet.cell(row=row + 2, column=4).number_format = 'yyyy"年"m"月"'
    book.save(folder / name)
    return [Expected(p, name, "花名册", row, p.id18, p.sex, f"{p.born:%Y-%m}") for p, row in zip(ps[:4], rows,
                                                                                               strict=True)]


def signed_off_csv(folder: Path, ps: Sequence[Person], name: str) -> list[Expected]:
    """UTF-8 with BOM: one header row, ps[0..2], then a 以上共3人 line and the date the list was signed, alone in
    the last column. Neither line is a person."""
    rows: list[list[object]] = [["序号", "姓名", "性别", "身份证号", "备注"]]
    rows += [[k, p.zh, p.sex_zh, p.id18, ""] for k, p in enumerate(ps[:3], start=1)]
    rows += [["以上共3人", "", "", "", ""], ["", "", "", "", "2019年6月1日"]]
    delimited(folder / name, rows, delimiter=",", encoding="utf-8-sig")
    return [Expected(p, name, "", k, p.id18, p.sex, "") for k, p in enumerate(ps[:3], start=1)]


def masked_csv(folder: Path, ps: Sequence[Person], name: str) -> Path:
    """UTF-8 with BOM: ps[0..2] with their numbers masked as published lists mask them (653222********3034,
    6532221976****7053, 65322219710503****)."""
    masks = [(6, 14), (10, 14), (14, 18)]
    rows: list[list[object]] = [["序号", "姓名", "性别", "身份证号"]]
    rows += [[k, p.zh, p.sex_zh, p.id18[:a] + "*" * (b - a) + p.id18[b:]]
             for k, (p, (a, b)) in enumerate(zip(ps[:3], masks, strict=True), start=1)]
    delimited(folder / name, rows, delimiter=",", encoding="utf-8-sig")
    return folder / name
