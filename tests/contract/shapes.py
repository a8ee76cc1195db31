"""Realistic file shapes of the second contract audit, each with the truth its export must give.

A household register laid out the Chinese way, a workbook with Uyghur headers (Latin and Arabic script) whose
header sits under a title and a date line, a tab-separated UTF-16 export, and testimonies whose "Relation"
column is the witness's relation to the person. People come from ``people.people``: synthetic only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from .files import ArabicNamed, Expected, LatinNamed, workbook, write_csv, wrong_check
from .people import GIVEN, Person


def age_in(year: int, p: Person) -> int:
    """P's age in whole years on 1 January of YEAR (how a clerk fills 年龄 from the register).

    >>> age_in(2019, Person("", "", "", True, dt.date(1980, 6, 1), 1))
    38
    """
    return year - 1 - p.born.year


# ------------------------------------------------------------------ XLSX: a household register (户籍)

HOUSEHOLD_HEADER = ["序号", "户号", "户主姓名", "姓名", "与户主关系", "性别", "民族", "年龄", "公民身份号码",
                    "家庭住址", "备注"]


def member(given: int, father: int, born: dt.date, serial: int) -> Person:
    """A person named GIVEN (an index of ``people.GIVEN``) son or daughter of a man named FATHER: the Uyghur
    second name is the father's given name."""
    g, f = GIVEN[given], GIVEN[father]
    return Person(f"{g[0]}·{f[0]}", f"{g[1]} {f[1]}", f"{g[2]} {f[2]}", g[3], born, serial)


def household_cast(serials: int = 0) -> list[list[tuple[Person, str]]]:
    """Three households, head first. Planted: in household 1 the daughter's second name is not her father's
    given name (family.patronymic); in household 2 the second son is born 12 years after his father
    (family.parent_age, against both parents); in household 3 the head's mother is younger than he is
    (family.parent_age on the head's row). People born before 1960 have 15-digit numbers; three numbers end in
    X (written x). SERIALS shifts every sequence number (other numbers for the same names)."""
    memet, toxti, yusup, rozi, qurban = 0, 5, 9, 6, 7
    aygul, patigul, gulmire, reyila = 12, 15, 13, 14
    d = dt.date
    cast = [
        [(member(memet, rozi, d(1966, 4, 2), 14), "户主"), (member(aygul, qurban, d(1968, 9, 17), 12), "妻子"),
         (member(yusup, memet, d(1990, 1, 5), 29), "长子"), (member(reyila, toxti, d(1993, 7, 30), 14), "之女")],
        [(member(toxti, yusup, d(1950, 3, 8), 21), "户主"), (member(gulmire, rozi, d(1955, 11, 1), 22), "之妻"),
         (member(qurban, toxti, d(1978, 5, 23), 23), "长子"), (member(rozi, toxti, d(1962, 2, 14), 24), "次子"),
         (member(patigul, toxti, d(1981, 12, 9), 25), "长女")],
        [(member(qurban, memet, d(1980, 6, 6), 33), "户主"), (member(aygul, yusup, d(1985, 8, 19), 32), "之母")],
    ]
    return [[(dataclasses.replace(p, serial=p.serial + serials), relation) for p, relation in members]
            for members in cast]


ULY_RELATIONS = {"户主": "a'ile bashliqi", "妻子": "ayali", "之妻": "ayali", "长子": "chong oghli", "次子": "oghli",
                 "之女": "qizi", "长女": "qizi", "之母": "anisi"}


def uly_household_xlsx(folder: Path, households: Sequence[Sequence[tuple[Person, str]]],
                       name: str = "aile_tizimliki.xlsx") -> list[Expected]:
    """The household register in Uyghur Latin (ULY): A'ile nomuri, Ismi, Munasiwiti (a'ile bashliqi, ayali,
    chong oghli, qizi, anisi), Jinsi (er/ayal), Kimlik nomuri, Adrési; household and address on the head's row
    only, no blank line between households. Names in Latin script."""
    book, sheet = workbook("A'ile")
    sheet.append(["A'ile nomuri", "Ismi", "Munasiwiti", "Jinsi", "Kimlik nomuri", "Adrési"])
    expected: list[Expected] = []
    for h, members in enumerate(households, start=1):
        for k, (p, relation) in enumerate(members):
            number, where = home(h) if k == 0 else (None, None)
            sheet.append([number, p.latin, ULY_RELATIONS[relation], ULY_SEX[p.male], id_form(p)[0], where])
            expected.append(LatinNamed(p, name, "A'ile", len(expected) + 1, id_form(p)[1], p.sex, ""))
    book.save(folder / name)
    return expected


def household_pdf(folder: Path, households: Sequence[Sequence[tuple[Person, str]]],
                  name: str = "户籍_打印.pdf") -> list[Expected]:
    """The household register printed to PDF (WeasyPrint): household number and address on the head's row only,
    ages, the address wrapping inside its narrow column (奎雅乡1村7 / 号)."""
    from tests.ingest.doc_samples import register_pdf

    rows = [("序号", "户号", "姓名", "与户主关系", "性别", "年龄", "身份证号", "家庭住址")]
    expected: list[Expected] = []
    for h, members in enumerate(households, start=1):
        for k, (p, relation) in enumerate(members):
            number, where = home(h) if k == 0 else ("", "")
            rows.append((str(len(rows)), number, p.zh, relation, p.sex_zh, str(age_in(2019, p)), id_form(p)[0], where))
            expected.append(Expected(p, name, "table 1", len(expected) + 1, id_form(p)[1], p.sex, ""))
    (folder / name).write_bytes(register_pdf(rows, title="墨玉县奎雅乡户籍"))
    return expected


def home(h: int) -> tuple[str, str]:
    """(household number, address) of the H-th household (1-based) of ``household_xlsx``.

    >>> home(2)
    ('6532220002', '奎雅乡2村14号')
    """
    return f"65322200{h:02d}", f"奎雅乡{h}村{h * 7}号"


def household_xlsx(folder: Path, households: Sequence[Sequence[tuple[Person, str]]],
                   name: str = "奎雅乡_户籍.xlsx") -> list[Expected]:
    """Sheet 户籍信息 under a merged title: one block per household, 户号, 户主姓名 and 家庭住址 written once on
    the head's row; merged down over the members in the first household, left blank in the second, written
    同上 ("same as above") in the third (as clerks do). Ages instead of birth dates; numbers with a lower-case
    x; people born before 1960 with 15-digit numbers. A blank line between households, a total line.
    HOUSEHOLDS: (person, relation) lists, head first.

    Every member's household and address are the head's: ``home(h)``."""
    book, sheet = workbook("户籍信息")
    sheet.append(["墨玉县奎雅乡常住人口登记表"])
    sheet.merge_cells("A1:K1")
    sheet.append(HOUSEHOLD_HEADER)
    expected: list[Expected] = []
    row, serial, line = 0, 0, 2
    for h, members in enumerate(households, start=1):
        if h > 1:
            sheet.append([None] * len(HOUSEHOLD_HEADER))
            row, line = row + 1, line + 1
        number, where = home(h)
        head = members[0][0]
        top = line + 1
        for k, (p, relation) in enumerate(members):
            serial, row, line = serial + 1, row + 1, line + 1
            written, exported = id_form(p)
            first = k == 0
            same = None if h < 3 else "同上"  # household 3 writes "same as above" where the others leave a blank
            sheet.append([serial, number if first else same, head.zh if first else None, p.zh, relation, p.sex_zh,
                          "维吾尔族", age_in(2019, p), written, where if first else same, None])
            expected.append(Expected(p, name, "户籍信息", row, exported, p.sex, ""))
        if h == 1:
            for column in "BCJ":
                sheet.merge_cells(f"{column}{top}:{column}{line}")
    sheet.append(["合计", None, None, f"{serial}人"])
    book.save(folder / name)
    return expected


def id_form(p: Person) -> tuple[str, str]:
    """(as written, as exported) for P: the 15-digit form for people born before 1960, else with a lower-case x
    (or, without an x, as it is)."""
    if p.born.year < 1960:
        return p.id15, p.id15
    return p.id18.lower(), p.id18


# ------------------------------------------------------------------ XLSX: Uyghur headers, header under a title

ULY_HEADER = ["Ret nomuri", "Ismi", "Jinsi", "Tughulghan waqti", "Kimlik nomuri", "Adrési", "Sewebi", "Izahat"]
UEY_HEADER = ["ئىسمى", "ئىزاھات", "كىملىك نومۇرى", "تۇغۇلغان ۋاقتى", "جىنسى", "سەۋەبى"]
ULY_SEX = {True: "er", False: "ayal"}
UEY_SEX = {True: "ئەر", False: "ئايال"}
ULY_REASONS = ("namaz", "", "chümbel", "", "namaz")


def uyghur_xlsx(folder: Path, ps: Sequence[Person], name: str = "qaraqash_tizimlik.xlsx") -> list[Expected]:
    """Sheet Qaraqash: a title, a date line and a blank line above a ULY Latin header in row 4; names in Latin
    script; a reason (Sewebi) on rows 1, 3, 5; the remarks column (Izahat) holds a relative's number. Sheet
    يېزا: an Arabic-script header in row 1, columns in another order, names in Arabic script, the remarks
    column (before the number column) holding each person's old 15-digit number, every row a reason.
    ps[0..4] on the first sheet (ps[2]'s check character wrong), ps[5..8] on the second; ps[10..14] only
    in the remarks."""
    book, a = workbook("Qaraqash")
    a.append(["Qaraqash nahiyisi terbiyilinidighanlar tizimliki"])
    a.append(["2018-yili 6-ay 12-kün"])
    a.append([])
    a.append(ULY_HEADER)
    numbers = [p.id18 for p in ps[:5]]
    numbers[2] = wrong_check(numbers[2])
    for k, p in enumerate(ps[:5]):
        note = f"akisi {ps[k + 10].id18}" if k % 2 == 0 else ps[k + 10].id18
        a.append([k + 1, p.latin, ULY_SEX[p.male], f"{p.born:%Y-%m-%d}", numbers[k], "Qaraqash", ULY_REASONS[k],
                  note])
    b = book.create_sheet("يېزا")
    b.append(UEY_HEADER)
    for p in ps[5:9]:
        b.append([p.arabic, p.id15, p.id18, f"{p.born:%Y.%m.%d}", UEY_SEX[p.male], "ناماز"])
    book.save(folder / name)
    latin = [LatinNamed(p, name, "Qaraqash", k + 1, numbers[k], p.sex, p.born.isoformat())
             for k, p in enumerate(ps[:5])]
    arabic = [ArabicNamed(p, name, "يېزا", k + 1, p.id18, p.sex, p.born.isoformat()) for k, p in enumerate(ps[5:9])]
    return [*latin, *arabic]


# ------------------------------------------------------------------ Excel "Unicode text": UTF-16, tabs

def unicode_text(folder: Path, ps: Sequence[Person], name: str = "名单.txt") -> list[Expected]:
    """What Excel's "Save as Unicode text" writes: UTF-16 LE with a byte-order mark, tab-separated, CRLF, an
    empty last column on every line, a blank line, a totals line. ps[0..5]; the fifth person (row 6) carries
    the second one's number (id.duplicate on rows 2 and 6)."""
    lines = ["序号\t姓名\t性别\t出生日期\t身份证号\t现住址\t"]
    numbers = [p.id18 for p in ps[:6]]
    numbers[4] = numbers[1]
    for k, (p, number) in enumerate(zip(ps[:6], numbers, strict=True), start=1):
        if k == 4:
            lines.append("\t\t\t\t\t\t")
        lines.append(f"{k}\t{p.zh}\t{p.sex_zh}\t{p.born:%Y-%m-%d}\t{number}\t墨玉县{k}村\t")
    lines.append("合计\t6人\t\t\t\t\t")
    (folder / name).write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    rows = [1, 2, 3, 5, 6, 7]
    return [Expected(p, name, "", r, n, p.sex, p.born.isoformat()) for p, r, n in zip(ps[:6], rows, numbers,
                                                                                       strict=True)]


# ------------------------------------------------------------------ testimonies: the witness's relation

def witness_csv(folder: Path, ps: Sequence[Person], name: str = "witnesses.csv") -> list[Expected]:
    """Testimonies in English: Name, ID number, Date of birth, Relation (the WITNESS's relation to the person:
    brother, wife, son), Witness. ps[k] named in Latin."""
    relations = ("brother", "wife", "son", "daughter", "cousin")
    rows: list[list[object]] = [["Name", "ID number", "Date of birth", "Relation", "Witness", "Testimony"]]
    for k, p in enumerate(ps):
        rows.append([p.latin, p.id18, p.born.isoformat(), relations[k % len(relations)], f"Witness {k + 1}",
                     f"My relative {p.latin} disappeared in 2018."])
    write_csv(folder / name, rows)
    return [LatinNamed(p, name, "", k + 1, p.id18, "", p.born.isoformat(), role="reference")
            for k, p in enumerate(ps)]
