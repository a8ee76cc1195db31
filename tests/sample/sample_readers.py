"""Reading the sample case back the way an outside reader would, and independent row checks.

The checks here are written from the GB 11643 rules and the Uyghur naming
custom, not from the generator, so they can confirm the generator planted
exactly the defects truth.json lists.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from veracity.idnumber import check_character

LEAK_SHEET = "学员家庭情况"
HEADER_ROWS = 3
COUNTY_CODES = {"和田市": "653201", "和田县": "653221", "墨玉县": "653222", "皮山县": "653223",
                "洛浦县": "653224", "策勒县": "653225", "于田县": "653226", "民丰县": "653227"}
_DATE_FORMS = (
    re.compile(r"^(\d{4})\.(\d{2})\.(\d{2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})年(\d{1,2})月()$"),
)


def read_leak(path: Path) -> dict[int, dict[str, object]]:
    """Data row -> {header: value} of the leak's main sheet, merged ranges filled from their anchor."""
    from openpyxl import load_workbook

    ws = load_workbook(path)[LEAK_SHEET]
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        value = grid[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                grid[r - 1][c - 1] = value
    header = [str(h) for h in grid[HEADER_ROWS - 1]]
    return {i: dict(zip(header, row, strict=True)) for i, row in enumerate(grid[HEADER_ROWS:], start=1)}


def read_docx_tables(path: Path) -> list[list[list[str]]]:
    """Every table of the document as rows of cell texts (header row first)."""
    import docx

    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(str(path)).tables]


def parse_date(text: object) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of a leak date cell, None when it cannot be parsed."""
    for form in _DATE_FORMS:
        m = form.match(str(text))
        if m:
            y, mo, d = m.groups()
            try:
                dt.date(int(y), int(mo), int(d or 1))
            except ValueError:
                return None
            return int(y), int(mo), int(d) if d else None
    return None


def _id_problems(number: str, row: dict[str, object]) -> list[str]:
    """The identity-number problems of one leak row (format assumed: 17 digits and a check character)."""
    problems = []
    if check_character(number[:17]) != number[17]:
        problems.append("id.checksum")
    region = number[:6]
    if region not in COUNTY_CODES.values():
        problems.append("id.region_unknown")
    elif COUNTY_CODES[str(row["住址"])[:3]] != region:
        problems.append("id.region_mismatch")
    if (int(number[16]) % 2 == 1) != (row["性别"] == "男"):
        problems.append("id.sex_mismatch")
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return [*problems, "id.birthdate_invalid"]
    stated = parse_date(row["出生日期"])
    if stated and (stated[0], stated[1], stated[2] or born.day) != (born.year, born.month, born.day):
        problems.append("id.birthdate_mismatch")
    return problems


def _years_between(older: tuple[int, int, int | None], younger: tuple[int, int, int | None]) -> float:
    days = (younger[2] or 15) - (older[2] or 15)
    return (younger[0] - older[0]) + (younger[1] - older[1]) / 12 + days / 365


def findings(rows: dict[int, dict[str, object]], truth: dict) -> set[tuple[str, int]]:
    """(check id, data row) of every problem found in the leak's records, as the checks would report them."""
    found: set[tuple[str, int]] = set()
    row_of = {r["person_id"]: r["row"] for r in truth["records"] if r["source_file"].endswith(".xlsx")}
    by_number: dict[str, list[int]] = defaultdict(list)
    for pid, r in row_of.items():
        row = rows[r]
        number = str(row["身份证号"])
        assert re.fullmatch(r"\d{17}[\dX]", number), (r, number)
        by_number[number].append(r)
        found |= {(p, r) for p in _id_problems(number, row)}
        for column in ("出生日期", "收押时间"):
            if row[column] is not None and parse_date(row[column]) is None:
                found.add(("value.date_unparsed", r))
        person = truth["persons"][pid]
        for parent in (person["father"], person["mother"]):
            if parent in row_of:
                a, b = parse_date(rows[row_of[parent]]["出生日期"]), parse_date(row["出生日期"])
                if a and b and _years_between(a, b) < 14:
                    found.add(("family.parent_age", r))
        if person["father"] in row_of:
            father_given = str(rows[row_of[person["father"]]]["姓名"]).split("·")[0]
            if str(row["姓名"]).split("·")[1] != father_given:
                found.add(("family.patronymic", r))
    found |= {("id.duplicate", r) for rs in by_number.values() if len(rs) > 1 for r in rs}
    return found


def levenshtein(a: str, b: str) -> int:
    """Edit distance, for matching a testimony's spelling to a name's known spellings."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
