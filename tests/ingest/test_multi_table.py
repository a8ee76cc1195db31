"""Several tables in one sheet, and titles or footers merged across a whole row, through the command line.

A leaked sheet often holds one block per village: a title line, a header, rows; then the next block, its columns
sometimes reordered or extended. Each later header starts a new column plan; `row` goes on counting physically
from the first header's last row (DESIGN.md), so the later title and header lines are counted and never exported.
A row whose filled cells all hold the same text (a merged title or footer) is no record.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from .registers import PEOPLE, Person, add_and_export, csv_bytes, docx_bytes, exported, person, workbook

A, B, C, D = PEOPLE
E = Person("古丽娜尔·阿不都", "女", dt.date(2001, 6, 30), 5, "H0015")
HEADER = ["序号", "姓名", "性别", "公民身份号码", "现住址"]
KEYS = ("sheet", "row", "name", "sex", "id_number", "address", "ethnicity")


def _row(n: int, p: Person, village: str) -> list[object]:
    return [n, p.name, p.sex, p.id18, f"{village}12号"]


def _merged(sheet: Worksheet, text: str, width: int) -> None:
    """Append TEXT as a row merged over WIDTH columns (openpyxl keeps it in the first cell; the reader fills it)."""
    sheet.append([text])
    sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width)


def _sheet(book: openpyxl.Workbook, blocks: list[tuple[str, list[list[object]]]]) -> None:
    """One sheet '名单' holding BLOCKS one below the other: a merged title line, then the block's rows."""
    sheet = book.active
    assert sheet is not None
    sheet.title = "名单"
    for k, (title, rows) in enumerate(blocks):
        if k:
            sheet.append([])
        _merged(sheet, title, max(map(len, rows)))
        for row in rows:
            sheet.append(row)


def _record(p: Person, row: int, village: str, sheet: str = "名单", ethnicity: str = "") -> dict[str, str]:
    return person(p, sheet, row, address=f"{village}12号", ethnicity=ethnicity)


def _no_header_or_title_is_a_record(records: list[dict[str, str]]) -> None:
    names = {r["name"] for r in records}
    assert not names & {"姓名", "名字", "", "墨玉县一村名单", "墨玉县二村名单", "墨玉县三村名单"}, names


def test_two_tables_with_the_same_columns_in_one_sheet(tmp_path: Path) -> None:
    data = workbook(lambda book: _sheet(book, [
        ("墨玉县一村名单", [HEADER, _row(1, A, "一村"), _row(2, B, "一村")]),
        ("墨玉县二村名单", [HEADER, _row(1, C, "二村"), _row(2, D, "二村")]),
    ]))
    added = add_and_export(tmp_path, "two.xlsx", data)
    assert added.exit_code == 0, added.output
    # header on physical row 2; rows 3-4 are 1-2; blank 3, title 4, header 5; C and D on rows 6 and 7
    assert exported(added.records, KEYS) == [
        _record(A, 1, "一村"), _record(B, 2, "一村"), _record(C, 6, "二村"), _record(D, 7, "二村")]
    _no_header_or_title_is_a_record(added.records)


def test_three_tables_with_reordered_and_extra_columns(tmp_path: Path) -> None:
    reordered = ["公民身份号码", "姓名", "现住址", "序号", "性别"]
    extra = [*HEADER, "民族"]
    data = workbook(lambda book: _sheet(book, [
        ("墨玉县一村名单", [HEADER, _row(1, A, "一村")]),
        ("墨玉县二村名单", [reordered, [B.id18, B.name, "二村12号", 1, B.sex], [C.id18, C.name, "二村12号", 2, C.sex]]),
        ("墨玉县三村名单", [extra, [*_row(1, D, "三村"), "维吾尔族"], [*_row(2, E, "三村"), "汉族"]]),
    ]))
    added = add_and_export(tmp_path, "three.xlsx", data)
    assert added.exit_code == 0, added.output
    assert exported(added.records, KEYS) == [
        _record(A, 1, "一村"),
        _record(B, 5, "二村"), _record(C, 6, "二村"),
        _record(D, 10, "三村", ethnicity="维吾尔族"), _record(E, 11, "三村", ethnicity="汉族"),
    ]
    _no_header_or_title_is_a_record(added.records)
    assert [t["header_rows"] for t in added.tables] == ["2-2"]  # the sheet's locator stays the first header


def test_the_cells_of_a_later_table_carry_its_own_labels(tmp_path: Path) -> None:
    reordered = ["姓名", "公民身份号码", "性别"]
    data = workbook(lambda book: _sheet(book, [
        ("墨玉县一村名单", [HEADER, _row(1, A, "一村")]),
        ("墨玉县二村名单", [reordered, [B.name, B.id18, B.sex]]),
    ]))
    added = add_and_export(tmp_path, "labels.xlsx", data)
    assert added.exit_code == 0, added.output
    assert exported(added.records, ("row", "name", "id_number", "sex", "address")) == [
        {"row": "1", "name": A.name, "id_number": A.id18, "sex": "M", "address": "一村12号"},
        {"row": "5", "name": B.name, "id_number": B.id18, "sex": "F", "address": ""}]


def _csv_blocks(quoted: bool) -> bytes:
    rows: list[list[object]] = [
        ["墨玉县一村名单"], HEADER, _row(1, A, "一村"), _row(2, B, "一村"), [],
        ["墨玉县二村名单"], ["姓名", "公民身份号码", "性别", "现住址"],
        [C.name, C.id18, C.sex, "二村12号"], ["合计", "1人"], [D.name, D.id18, D.sex, "二村12号"],
    ]
    if quoted:  # a quoted cell: the file is not plain, so it goes row by row rather than through DuckDB
        rows[2][4] = "一村12号\n"
    return csv_bytes(rows)


@pytest.mark.parametrize("quoted", [False, True], ids=["plain", "quoted"])
def test_a_csv_with_two_tables_reads_each_with_its_own_header(tmp_path: Path, quoted: bool) -> None:
    added = add_and_export(tmp_path, "two.csv", _csv_blocks(quoted))
    assert added.exit_code == 0, added.output
    first = _record(A, 1, "一村", sheet="")
    if quoted:
        first["address"] = "一村12号"  # the cell's newline is trimmed from the field (the cell stays verbatim)
    assert exported(added.records, KEYS) == [
        first, _record(B, 2, "一村", sheet=""), _record(C, 6, "二村", sheet=""), _record(D, 8, "二村", sheet="")]
    _no_header_or_title_is_a_record(added.records)


def test_merged_section_titles_and_footers_are_no_records(tmp_path: Path) -> None:
    def build(book: openpyxl.Workbook) -> None:
        sheet = book.active
        assert sheet is not None
        sheet.title = "名单"
        _merged(sheet, "墨玉县收押人员名单", 5)
        sheet.append(HEADER)
        _merged(sheet, "一村", 5)
        sheet.append(_row(1, A, "一村"))
        sheet.append(_row(2, B, "一村"))
        _merged(sheet, "二村", 5)
        sheet.append(_row(3, C, "二村"))
        _merged(sheet, "墨玉县公安局 2017年5月", 5)

    added = add_and_export(tmp_path, "sections.xlsx", workbook(build))
    assert added.exit_code == 0, added.output
    assert exported(added.records, KEYS) == [
        _record(A, 2, "一村"), _record(B, 3, "一村"), _record(C, 5, "二村")]


def test_a_repeated_identical_header_keeps_the_plan(tmp_path: Path) -> None:
    data = workbook(lambda book: _sheet(book, [
        ("墨玉县一村名单", [HEADER, _row(1, A, "一村"), HEADER, _row(2, B, "一村")]),
    ]))
    added = add_and_export(tmp_path, "repeat.xlsx", data)
    assert added.exit_code == 0, added.output
    assert exported(added.records, KEYS) == [_record(A, 1, "一村"), _record(B, 3, "一村")]


def test_a_word_table_holding_two_blocks_reads_each_with_its_own_header(tmp_path: Path) -> None:
    table = [HEADER, _row(1, A, "一村"), ["墨玉县二村名单"] * 5, ["姓名", "性别", "公民身份号码", "序号", "现住址"],
             [B.name, B.sex, B.id18, "1", "二村12号"]]
    added = add_and_export(tmp_path, "blocks.docx", docx_bytes([[[str(c) for c in r] for r in table]]))
    assert added.exit_code == 0, added.output
    assert exported(added.records, KEYS) == [
        _record(A, 1, "一村", sheet="table 1"), _record(B, 4, "二村", sheet="table 1")]
