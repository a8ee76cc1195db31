"""Ditto marks and household columns are filled from the rows above only within a block of one table.

A sheet, a CSV file or a Word document may hold two tables (a second header further down, or a second Word
table), and a household register leaves a blank row between households. A ditto mark (同上, 〃) or a member's
blank household number at the top of the second table, or just below a blank row, has nothing above it to take:
it must never take the first table's last value, nor the previous household's. The cells stay as written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pytest

from veracity.case import Case
from veracity.ingest.pipeline import AddRequest, add_files

from .registers import csv_bytes, workbook
from .samples import docx_bytes

FIRST = ["序号", "户号", "姓名", "与户主关系", "性别", "家庭住址", "人员类别"]
SECOND = ["序号", "户号", "姓名", "性别", "与户主关系", "现住址", "类别"]  # a later table: other labels, columns moved
ONE = [  # the first table: two households, a blank row inside the first one
    ["1", "H1", "人一", "户主", "男", "一村1号", "学员"],
    ["2", "", "人二", "妻子", "女", "", "同上"],
    [],
    ["3", "", "人三", "之子", "男", "", "同上"],
    ["4", "H2", "人四", "户主", "男", "一村2号", "家属"],
    ["5", "", "人五", "之女", "女", "", "〃"],
]
TWO = [  # the second table: a member and a mark on its first row; household numbers start again at H1
    ["1", "", "人六", "女", "妻子", "", "同上"],
    ["2", "H1", "人七", "男", "户主", "二村1号", "学员"],
    ["3", "H1", "人八", "男", "之子", "", "同上"],
]
# (name, household, address, category) as filled; a mark or member with nothing above in its block stays
FIRST_FILLED = [
    ("人一", "H1", "一村1号", "学员"),
    ("人二", "H1", "一村1号", "学员"),
    ("人三", None, None, "同上"),  # below the blank row
    ("人四", "H2", "一村2号", "家属"),
    ("人五", "H2", "一村2号", "家属"),
]
SECOND_FILLED = [
    ("人六", None, None, "同上"),  # first row of the second table: not the first table's H2, 一村2号, 家属
    ("人七", "H1", "二村1号", "学员"),
    ("人八", "H1", "二村1号", "学员"),  # the head of H1 in this table, not the first table's H1 (一村1号)
]


def _sheet(book: openpyxl.Workbook) -> None:
    sheet = book.active
    assert sheet is not None
    sheet.title = "名单"
    for row in [FIRST, *ONE, SECOND, *TWO]:
        sheet.append(row)


def _add(case: Case, path: Path, data: bytes) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    path.write_bytes(data)
    add_files(case, [path], AddRequest(role="leak"))
    records = case.con.execute(
        'SELECT sheet, "row", name, household, address, category FROM records ORDER BY record_id').fetchall()
    found = case.con.execute("SELECT check_id, sheet, \"row\", details FROM findings WHERE stage = 'ingest' "
                             "ORDER BY rowid").fetchall()
    return records, [(c, s, r, json.loads(d)) for c, s, r, d in found]


def _located(sheet: str, rows: Sequence[int], filled: Sequence[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return [(sheet, row, *fields) for row, fields in zip(rows, filled, strict=True)]


def _unfilled(sheet: str, rows: Sequence[int]) -> list[tuple[object, ...]]:
    return [("value.ditto_unfilled", sheet, row, {"field": "category", "value": "同上"}) for row in rows]


ONE_SHEET: dict[str, Callable[[], bytes]] = {
    "two.xlsx": lambda: workbook(_sheet),
    "two.csv": lambda: csv_bytes([FIRST, *ONE, SECOND, *TWO]),
}


@pytest.mark.parametrize("name", ONE_SHEET)
def test_a_later_header_and_a_blank_row_stop_the_fills(case: Case, tmp_path: Path, name: str) -> None:
    records, found = _add(case, tmp_path / name, ONE_SHEET[name]())
    sheet = "名单" if name.endswith(".xlsx") else ""
    # data rows 1-6 (3 blank), the second header on row 7 (counted, no record), its rows 8-10
    assert records == _located(sheet, [1, 2, 4, 5, 6], FIRST_FILLED) + _located(sheet, [8, 9, 10], SECOND_FILLED)
    assert found == _unfilled(sheet, [4, 8])


def test_the_fills_stay_in_their_word_table(case: Case, tmp_path: Path) -> None:
    records, found = _add(case, tmp_path / "two.docx", docx_bytes([[FIRST, *(r or [""] * 7 for r in ONE)],
                                                                    [SECOND, *TWO]]))
    assert records == (_located("table 1", [1, 2, 4, 5, 6], FIRST_FILLED)
                       + _located("table 2", [1, 2, 3], SECOND_FILLED))
    assert found == _unfilled("table 1", [4]) + _unfilled("table 2", [1])


def test_a_plain_csv_read_in_one_pass_stops_at_a_blank_row(case: Case, tmp_path: Path) -> None:
    records, found = _add(case, tmp_path / "one.csv", "\n".join(",".join(r) for r in [FIRST, *ONE]).encode())
    assert records == _located("", [1, 2, 4, 5, 6], FIRST_FILLED)
    assert found == _unfilled("", [4])


def test_the_cells_keep_the_marks_and_blanks_as_written(case: Case, tmp_path: Path) -> None:
    _add(case, tmp_path / "two.csv", ONE_SHEET["two.csv"]())
    cells = json.loads(case.scalar('SELECT cells FROM records WHERE "row" = 2'))
    assert cells[1] == ["户号", ""] and cells[5] == ["家庭住址", ""] and cells[6] == ["人员类别", "同上"]
