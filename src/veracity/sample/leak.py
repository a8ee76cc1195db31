"""The layout of the sample leak's sheets, cell by cell, with the data row of every person.

Sheet ``学员家庭情况``: physical row 1 is the merged title, rows 2-3 the
two-row header (merged 序号, 户号, 人员类别 down; 基本情况 and 培训情况 across),
so data row 1 is physical row 4. Household numbers (户号) are merged down
over their members; a blank spacer row follows some households and a 合计
row ends the sheet. Sheet ``统计`` has one header row and a count per village.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from veracity.sample.defects import Defect, full_date
from veracity.sample.detention import Detention
from veracity.sample.name_parts import full_zh
from veracity.sample.people import Household, Person
from veracity.sample.places import TOWNSHIPS, VILLAGES
from veracity.sample.taxonomy import Taxonomy
from veracity.sample.writers import Cell, Sheet

SHEET = "学员家庭情况"
STATS_SHEET = "统计"
COLUMNS = (
    "序号",
    "户号",
    "姓名",
    "与户主关系",
    "性别",
    "民族",
    "身份证号",
    "出生日期",
    "住址",
    "人员类别",
    "收押原因",
    "收押时间",
    "处理意见",
)
HEADER_ROWS = 3  # physical rows above data row 1 (title + two header rows)
_TOP = ("序号", "户号", "基本情况", None, None, None, None, None, None, "人员类别", "培训情况", None, None)
_HEADER_MERGES = ("A1:M1", "A2:A3", "B2:B3", "C2:I2", "J2:J3", "K2:M2")


@dataclass(frozen=True)
class Layout:
    """A laid-out leak: its sheets, each person's data row, and the data rows that are not records."""

    sheets: tuple[Sheet, ...]
    rows: dict[str, int]
    blank_rows: tuple[int, ...]
    total_row: int


def title(township: int) -> str:
    """The title row's text.

    >>> title(0)
    '墨玉县喀尔赛乡职业技能教育培训学员家庭情况表'
    """
    return f"墨玉县{TOWNSHIPS[township][0]}职业技能教育培训学员家庭情况表"


def birth_cell(p: Person, rng: random.Random) -> str:
    """The birth date in one of the forms clerks mixed: 1985.03.12, 1985年3月12日, 1985年3月."""
    roll = rng.random()
    if roll < 0.7:
        return full_date(p.birth)
    if roll < 0.9:
        return f"{p.birth.year}年{p.birth.month}月{p.birth.day}日"
    return f"{p.birth.year}年{p.birth.month}月"


def _person_row(p: Person, serial: int, d: Detention | None, tax: Taxonomy, rng: random.Random) -> list[Cell]:
    """The cells of one person's row, before defects and the household merge."""
    return [
        serial,
        None,
        full_zh(p.given, p.patronymic),
        p.relation,
        "男" if p.sex == "M" else "女",
        "维吾尔族",
        p.id_number,
        birth_cell(p, rng),
        p.address.zh(),
        "学员" if d else "家属",
        d.reason_text if d else None,
        (full_date(d.detained_on) if rng.random() < 0.8 else f"{d.detained_on.year}年{d.detained_on.month}月")
        if d
        else None,
        rng.choice(tax.decisions[d.decision].zh) if d else None,
    ]


def _total_row(people: int, households: int, detainees: int) -> list[Cell]:
    return [
        "合计",
        f"{households}户",
        f"{people}人",
        None,
        None,
        None,
        None,
        None,
        None,
        f"学员{detainees}人",
        None,
        None,
        None,
    ]


def lay_out(
    households: list[Household],
    persons: dict[str, Person],
    detentions: dict[str, Detention],
    defects: list[Defect],
    tax: Taxonomy,
    rng: random.Random,
    township: int,
) -> Layout:
    """Lay the leak out; RNG chooses date forms and where spacer rows go."""
    overrides: dict[str, dict[str, str]] = {}
    for defect in defects:
        overrides.setdefault(defect.pid, {}).update(dict(defect.cells))
    rows: list[list[Cell]] = [
        [title(township), *[None] * 12],
        list(_TOP),
        [None, None, *COLUMNS[2:9], None, *COLUMNS[10:]],
    ]
    merges = list(_HEADER_MERGES)
    where: dict[str, int] = {}
    blanks: list[int] = []
    for i, h in enumerate(households):
        first = len(rows) + 1
        for pid in h.members:
            row = _person_row(persons[pid], len(where) + 1, detentions.get(pid), tax, rng)
            for column, value in overrides.get(pid, {}).items():
                row[COLUMNS.index(column)] = value
            rows.append(row)
            where[pid] = len(rows) - HEADER_ROWS
        rows[first - 1][1] = h.number
        if len(h.members) > 1:
            merges.append(f"B{first}:B{len(rows)}")
        if i < len(households) - 1 and rng.random() < 0.1:
            rows.append([None] * 13)
            blanks.append(len(rows) - HEADER_ROWS)
    rows.append(_total_row(len(where), len(households), len(detentions)))
    main = Sheet(SHEET, tuple(tuple(r) for r in rows), tuple(merges))
    return Layout(
        (main, _stats(households, persons, detentions)), where, tuple(blanks), len(rows) - HEADER_ROWS
    )


def _stats(
    households: list[Household], persons: dict[str, Person], detentions: dict[str, Detention]
) -> Sheet:
    """Sheet 统计: households, people and detainees per village."""
    homes: Counter[int] = Counter(h.address.village for h in households)
    people: Counter[int] = Counter(h.address.village for h in households for _ in h.members)
    held: Counter[int] = Counter(persons[pid].address.village for pid in detentions)
    rows: list[tuple[Cell, ...]] = [("村", "户数", "人数", "学员人数")]
    for v in sorted(homes):
        rows.append((VILLAGES[v][0], homes[v], people[v], held[v]))
    rows.append(("合计", sum(homes.values()), sum(people.values()), len(detentions)))
    return Sheet(STATS_SHEET, tuple(rows), ())
