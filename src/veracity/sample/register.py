"""Another official register: a township police station's ledger of key persons, as two DOCX tables.

Table 1 lists people in training (在培人员), table 2 other key persons (其他重点人员).
Each has one header row, so data row 1 is the table's second row. The ledger
shares about a fifth of its people with the leak, orders them its own way,
spells some names another way (阿布都 for 阿不都) and writes the 15-digit old
form of the id number for some people born before 1975.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from veracity.sample.defects import full_date
from veracity.sample.idgen import old_form
from veracity.sample.name_parts import full_zh, zh_variant
from veracity.sample.people import Person
from veracity.sample.places import TOWNSHIPS
from veracity.sample.writers import DocTable

COLUMNS = ("序号", "姓名", "性别", "公民身份号码", "出生年月", "户籍地址", "人员类别", "备注")
CAPTIONS = ("一、在培人员", "二、其他重点人员")


@dataclass(frozen=True)
class Entry:
    """One ledger row: the person, the table (1 or 2), the 1-based data row, the cells."""

    pid: str
    table: int
    row: int
    cells: tuple[str, ...]


def title(township: int) -> str:
    """The document's heading.

    >>> title(0)
    '墨玉县公安局喀尔赛乡派出所重点人员管控台账'
    """
    return f"墨玉县公安局{TOWNSHIPS[township][0]}派出所重点人员管控台账"


def _cells(p: Person, serial: int, category: str, note: str, rng: random.Random) -> tuple[str, ...]:
    name = full_zh(p.given, p.patronymic)
    number = old_form(p.id_number) if p.birth.year < 1975 and rng.random() < 0.4 else p.id_number
    born = full_date(p.birth)[:7] if rng.random() < 0.6 else f"{p.birth.year}年{p.birth.month}月"
    return (
        str(serial),
        zh_variant(name) if rng.random() < 0.12 else name,
        "男" if p.sex == "M" else "女",
        number,
        born,
        p.address.zh(),
        category,
        note,
    )


def ledger(
    rng: random.Random,
    persons: dict[str, Person],
    held: list[str],
    others: list[tuple[str, str]],
) -> tuple[list[Entry], list[DocTable]]:
    """The two tables: HELD (people in training) and OTHERS (pid, category), each sorted by village."""
    entries: list[Entry] = []
    tables = []
    notes = ("职业技能教育培训中心", "已送培", "")
    for table, group in enumerate(([(pid, "在培人员") for pid in held], others), start=1):
        ordered = sorted(group, key=lambda g: (persons[g[0]].address.village, rng.random()))
        rows = []
        for row, (pid, category) in enumerate(ordered, start=1):
            note = rng.choice(notes) if table == 1 else rng.choice(("", "", "已走访", "重点关注"))
            cells = _cells(persons[pid], row, category, note, rng)
            entries.append(Entry(pid, table, row, cells))
            rows.append(cells)
        tables.append(DocTable(CAPTIONS[table - 1], COLUMNS, tuple(rows)))
    return entries, tables
