"""Realistic file shapes of the third contract audit, each with the truth its export must give.

A Karakax-style list of detainees (ages, no birth dates, long 家庭情况 free text holding relatives' names and
numbers, 判定意见 decisions), a workbook as a clerk leaves it (frozen header, hidden column, hidden row, hidden
sheet, header starting in column C, identity numbers typed into number cells, dates as text and as serials),
and a register with its copy, a revision and a reference register that is a subset of it. People come from
``people.people``: synthetic only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.styles import Alignment

from .files import ArabicNamed, Expected, excel_serial, workbook, write_csv, wrong_check
from .people import Person

# ------------------------------------------------------------------ XLSX: the Karakax List's shape

KARAKAX_DATE = dt.date(2019, 6, 1)  # the title's date: ages are given at it
KARAKAX_HEADER = ["序号", "姓名", "性别", "年龄", "户籍地", "家庭情况", "身份证号", "类别", "收押原因", "宗教氛围",
                  "家庭宗教氛围", "社会关系", "判定意见"]
KARAKAX_REASONS = ("违反计划生育政策", "持有护照未出境", "做礼拜", "戴面纱", "不放心人员", "超生",
                   "做礼拜；有亲属在国外", "", "宗教极端", "上访")
KARAKAX_DECISIONS = ("继续培训", "结业", "转刑事")


def age_at(day: dt.date, p: Person) -> int:
    """P's age in whole years on DAY.

    >>> age_at(dt.date(2019, 6, 1), Person("", "", "", True, dt.date(1980, 6, 2), 1))
    38
    """
    return day.year - p.born.year - ((day.month, day.day) < (p.born.month, p.born.day))


@dataclass(frozen=True)
class Detainee:
    """A row of the Karakax-style list: the person, the relatives its free text names, and what it records."""

    person: Person
    father: Person
    mother: Person
    friend: Person
    row: int
    age: int
    number: str
    reason: str
    decision: str

    @property
    def family(self) -> str:
        """The 家庭情况 cell: both parents by name and number, as the list writes them."""
        f, m = self.father, self.mother
        return (f"父亲{f.zh}（{f.id18}），务农；母亲{m.zh}，身份证号{m.id18}，在家。"
                f"兄弟姐妹3人，其中1人在国外。")


def detainees(ps: Sequence[Person], relatives: Sequence[Person]) -> list[Detainee]:
    """ps[0..9] as ``karakax_list`` writes them, three of RELATIVES named in each row's free text; a blank row after
    the fifth person. Planted: ps[3]'s age is ten years off its number (id.age_mismatch), ps[7]'s check character
    is wrong (id.checksum). Decisions 继续培训 / 结业 / 转刑事 in turn."""
    rows = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11]
    return [Detainee(p, *relatives[3 * k: 3 * k + 3], row=rows[k], age=age_at(KARAKAX_DATE, p) + (10 if k == 3 else 0),
                     number=wrong_check(p.id18) if k == 7 else p.id18, reason=KARAKAX_REASONS[k],
                     decision=KARAKAX_DECISIONS[k % 3]) for k, p in enumerate(ps[:10])]


def karakax_list(folder: Path, rows: Sequence[Detainee], name: str) -> None:
    """Sheet 喀拉喀什镇: a merged title (dated June 2019) above one header row; one row per detainee with 年龄 and
    no birth date, 户籍地, a long 家庭情况 (before the number column) naming two relatives with their 18-digit
    numbers, 社会关系 naming a third person, 类别 学员, 收押原因, two 宗教氛围 columns and 判定意见; blank rows where
    the ROWS' numbering leaves a gap."""
    book, sheet = workbook("喀拉喀什镇")
    sheet.append(["墨玉县喀拉喀什镇教培学员情况表（2019年6月）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(KARAKAX_HEADER))
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(KARAKAX_HEADER)
    for k, d in enumerate(rows):
        while sheet.max_row < d.row + 1:
            sheet.append([None] * len(KARAKAX_HEADER))
        p = d.person
        sheet.append([k + 1, p.zh, p.sex_zh, d.age, f"墨玉县喀拉喀什镇{k + 1}村", d.family, d.number, "学员",
                      d.reason or None, ("浓厚", "一般", "淡薄")[k % 3], ("浓厚", "一般")[k % 2],
                      f"与{d.friend.zh}来往密切", d.decision])
    book.save(folder / name)


def ug_testimonies(folder: Path, ps: Sequence[Person], name: str) -> list[Expected]:
    """Testimonies under Uyghur Arabic-script headers (ئىسمى, كىملىك نومۇرى, يېشى, گۇۋاھچى): names in Arabic
    script, each person's number, an age in 2019, the witness."""
    rows: list[list[object]] = [["رەت نومۇرى", "ئىسمى", "كىملىك نومۇرى", "يېشى", "گۇۋاھچى"]]
    rows += [[k, p.arabic, p.id18, age_at(KARAKAX_DATE, p), f"گۇۋاھچى {k}"] for k, p in enumerate(ps, 1)]
    write_csv(folder / name, rows)
    return [ArabicNamed(p, name, "", k, p.id18, "", "", role="reference") for k, p in enumerate(ps, 1)]


# ------------------------------------------------------------------ XLSX: a clerk's working copy

CLERK_HEADER = ["序号", "姓名", "性别", "出生日期", "身份证号", "内部编号", "现住址"]


def clerk_xlsx(folder: Path, ps: Sequence[Person], name: str) -> list[Expected]:
    """Sheet 名单: a title in C1, a blank row, the header in row 3 from column C (A and B empty), frozen below it;
    column 内部编号 (H) hidden; birth dates written in turn as text 1985-03-14, an Excel serial in a General cell,
    a date cell and 1985年3月14日; every third person's number typed into a number cell (the sheet keeps a float:
    its last digits are lost), ps[4]'s 15-digit number typed as a number (it fits); data row 6 hidden (a person,
    still counted and read). ps[0..7]. Sheet 备用 is hidden: ps[8..10] under a header of its own."""
    book, sheet = workbook("名单")
    sheet["C1"] = "墨玉县扎瓦镇人员名单"
    sheet.append([])
    sheet.append([None, None, *CLERK_HEADER])
    expected: list[Expected] = []
    for k, p in enumerate(ps[:8]):
        born: object = (p.born.isoformat(), excel_serial(p.born), dt.datetime.combine(p.born, dt.time()),
                        f"{p.born.year}年{p.born.month}月{p.born.day}日")[k % 4]
        number: object = p.id18
        exported = p.id18
        if k == 4:
            number, exported = int(p.id15), p.id15
        elif k % 3 == 0:
            number, exported = float(p.id18[:17] + "0"), ""  # an 18-digit number typed in: a float
        sheet.append([None, None, k + 1, p.zh, p.sex_zh, born, number, f"ZW-{k + 1:04d}", f"扎瓦镇{k + 1}村"])
        expected.append(Expected(p, name, "名单", k + 1, exported, p.sex, p.born.isoformat()))
    sheet.freeze_panes = "C4"
    sheet.column_dimensions["H"].hidden = True
    sheet.row_dimensions[3 + 6].hidden = True
    hidden = book.create_sheet("备用")
    hidden.sheet_state = "hidden"
    hidden.append(["姓名", "性别", "身份证号"])
    for k, p in enumerate(ps[8:11]):
        hidden.append([p.zh, p.sex_zh, p.id18])
        expected.append(Expected(p, name, "备用", k + 1, p.id18, p.sex, ""))
    book.save(folder / name)
    return expected


def lossy_rows(expected: Sequence[Expected]) -> list[int]:
    """The rows of ``clerk_xlsx``'s first sheet whose number was typed into a number cell and lost digits."""
    return [e.row for e in expected if e.sheet == "名单" and not e.id_number]


# ------------------------------------------------------------------ CSV: a register, its copy and its revision

REGISTER_HEADER = ["序号", "姓名", "性别", "出生日期", "身份证号", "现住址"]
# Another Chinese transcription of each given name of ``people.GIVEN`` (clerks differ: 买买提 / 麦麦提)
ZH_VARIANTS = {"买买提": "麦麦提", "艾合买提": "艾合麦提", "阿不都热依木": "阿布都热依木", "吐尔逊": "吐尔孙",
               "努尔买买提": "努尔麦麦提", "托合提": "托乎提", "肉孜": "肉兹", "库尔班": "库尔邦",
               "伊力哈木": "依力哈木", "玉素甫": "玉苏甫", "热合曼": "热合满", "亚森": "亚生", "阿依古丽": "阿依古力",
               "古丽米热": "古丽米尔", "热依拉": "热衣拉", "帕提古丽": "帕提古力", "米日古丽": "米日古力",
               "祖丽皮亚": "祖力皮亚"}


@dataclass(frozen=True)
class Revision:
    """What the revised register changes on one row (1-based), and the row-level finding it must give, if any."""

    row: int
    what: str
    check_id: str = ""


def register_rows(ps: Sequence[Person]) -> list[list[object]]:
    return [REGISTER_HEADER] + [[k, p.zh, p.sex_zh, p.born.isoformat(), p.id18, f"墨玉县{k}村"]
                                for k, p in enumerate(ps, 1)]


def revised_register(ps: Sequence[Person], newcomer: Person) -> tuple[list[list[object]], list[Revision]]:
    """The register of PS with five rows changed, as a second version of a leaked list differs from the first:
    row 2's name in another transcription of one part, row 4's check character, row 7's birth date, row 9's sex,
    and row 11 another person (NEWCOMER) altogether."""
    rows = register_rows(ps)
    rows[2][1] = "·".join(ZH_VARIANTS.get(part, part) for part in ps[1].zh.split("·"))
    rows[4][4] = wrong_check(ps[3].id18)
    rows[7][3] = (ps[6].born + dt.timedelta(days=3 * 365)).isoformat()
    rows[9][2] = "女" if ps[8].male else "男"
    rows[11] = [11, newcomer.zh, newcomer.sex_zh, newcomer.born.isoformat(), newcomer.id18, "墨玉县11村"]
    return rows, [Revision(2, "name"), Revision(4, "check character", "id.checksum"),
                  Revision(7, "birth date", "id.birthdate_mismatch"), Revision(9, "sex", "id.sex_mismatch"),
                  Revision(11, "person")]


def register_copies(folder: Path, ps: Sequence[Person], newcomer: Person, names: tuple[str, str, str]
                    ) -> list[Revision]:
    """NAMES: the register of PS, the same bytes under another name, the revised register (``revised_register``)."""
    original, copy, revised = names
    write_csv(folder / original, register_rows(ps))
    (folder / copy).write_bytes((folder / original).read_bytes())
    rows, changes = revised_register(ps, newcomer)
    write_csv(folder / revised, rows)
    return changes


def subset_register(folder: Path, ps: Sequence[Person], name: str) -> list[Expected]:
    """A reference register of PS (a strict subset of the leak): number first, then name, sex, 19850314 dates."""
    rows: list[list[object]] = [["公民身份号码", "姓名", "性别", "出生日期"]]
    rows += [[p.id18, p.zh, p.sex_zh, f"{p.born:%Y%m%d}"] for p in ps]
    write_csv(folder / name, rows)
    return [Expected(p, name, "", k, p.id18, p.sex, p.born.isoformat(), role="reference") for k, p in enumerate(ps, 1)]
